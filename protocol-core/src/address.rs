//! RFC 5321 paths and mailboxes (section 4.1.2), bounded by the limits of
//! section 4.5.3.1.
