//! Plain-language explanations of SMTP commands, replies and errors.
use crate::explain::Explanation;

pub static EXPLANATIONS: &[Explanation] = &[];
