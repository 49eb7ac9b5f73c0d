//! POP3: RFC 1939 with RFC 2449 CAPA.
//! See each submodule's header for the RFC sections it implements.

pub mod explain;
