//! SMTP: RFC 5321 with the ESMTP extensions MailSim's servers offer.
//! See each submodule's header for the RFC sections it implements.

pub mod explain;
