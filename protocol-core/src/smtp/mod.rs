//! SMTP: RFC 5321 with the ESMTP extensions MailSim's servers offer
//! (PIPELINING RFC 2920, SIZE RFC 1870, 8BITMIME RFC 6152, AUTH RFC 4954,
//! ENHANCEDSTATUSCODES RFC 2034/3463). Never STARTTLS: nothing leaves the
//! simulator. See each submodule's header for the RFC sections it implements.

pub mod client;
pub mod command;
pub mod reply;
pub mod server;

pub use client::{
    ClientConfig, ClientEvent, ClientSession, ClientState, DeliveryOutcome, RcptOutcome,
};
pub use command::{Command, CommandError};
pub use reply::{EnhancedCode, Reply, ReplyError, ReplyParser};
pub use server::{
    Envelope, PeerInfo, ServerConfig, ServerEvent, ServerMode, ServerPolicy, ServerSession,
    SmtpState, StaticPolicy, VrfyMode, TRANSITIONS,
};
