//! Plain-language explanations of POP3 commands and responses.
use crate::explain::Explanation;

pub static EXPLANATIONS: &[Explanation] = &[];
