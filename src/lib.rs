//! MailSim's web app: renders the core's trace and forwards the learner's
//! input to the world. It decides no protocol behaviour itself.
//!
//! `story` turns a scenario into a trace and a host layout, `state` holds the
//! playback cursor and the views derived from the trace (tested natively),
//! and `components` only render them.

pub mod components;
pub mod export;
pub mod glossary;
pub mod i18n;
pub mod lab;
pub mod link;
pub mod num;
pub mod predict;
pub mod state;
pub mod story;
pub mod telnet;
pub mod words;

pub use components::App;
