//! RFC 5322 messages: header fields and body, trace headers, dot-stuffing.
