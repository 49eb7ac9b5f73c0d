//! Plain-language explanations of SMTP commands, replies, enhanced status
//! codes and the protocol errors the server reports (keys `smtp.cmd.VERB`,
//! `smtp.reply.NNN`, `smtp.esc.X.Y.Z`, `smtp.error.NAME`). Sources: RFC 5321,
//! RFC 3463 (enhanced codes), RFC 4954 (AUTH), RFC 2920, RFC 1870, RFC 6409.
use super::{entry as e, Explanation};

pub static EXPLANATIONS: &[Explanation] = &[
    // --- commands ---
    e("smtp.cmd.HELO", "Hello (old style)", "The client says its own name. This is the original greeting from 1982; the server then knows who is talking but offers no extensions.", "RFC 5321 §4.1.1.1"),
    e("smtp.cmd.EHLO", "Extended hello", "The client says its name and asks which extensions the server supports; the server answers with a list, one per line.", "RFC 5321 §4.1.1.1"),
    e("smtp.cmd.MAIL", "Start a message: who is sending", "MAIL FROM gives the envelope sender: where problem reports go. It can differ from the From: line people see, and <> means \"send no reports back\".", "RFC 5321 §4.1.1.2"),
    e("smtp.cmd.RCPT", "Add a recipient", "RCPT TO names one mailbox that should get the message. A message to three people needs three RCPT commands, and each gets its own answer. These envelope recipients decide where the mail goes; the To:, Cc: and Bcc: lines inside the message are only what people see (a Bcc recipient is an RCPT TO that no header names).", "RFC 5321 §4.1.1.3, §3.3; RFC 5322 §3.6.3"),
    e("smtp.cmd.DATA", "Send the message itself", "After a 354 answer the client sends the headers and body, ending with a line holding only a dot. So that a dot in the text can't end it early, a text line that starts with a dot is sent with one more dot in front, and the server removes it: if you type a line starting with '.', its first dot disappears (type '..' for one dot).", "RFC 5321 §4.1.1.4, §4.5.2"),
    e("smtp.cmd.RSET", "Reset", "Forget the message in progress (sender and recipients) but keep the connection open.", "RFC 5321 §4.1.1.5"),
    e("smtp.cmd.NOOP", "No operation", "Does nothing except make the server answer OK: handy to check the connection is alive.", "RFC 5321 §4.1.1.9"),
    e("smtp.cmd.QUIT", "Goodbye", "The client is finished; the server answers 221 and closes the connection.", "RFC 5321 §4.1.1.10"),
    e("smtp.cmd.HELP", "Help", "Asks the server for a short description of its commands, meant for humans typing by hand.", "RFC 5321 §4.1.1.8"),
    e("smtp.cmd.VRFY", "Verify a mailbox", "Asks whether a user exists. Many servers switch it off or answer 252 \"can't tell\" so spammers can't harvest addresses; a server that switches it off must still answer 252, never a code that looks like \"no such user\".", "RFC 5321 §3.5, §4.1.1.6, §7.3"),
    e("smtp.cmd.EXPN", "Expand a mailing list", "Asks who is on a mailing list. Usually switched off for privacy; a server that switches it off answers 252 (\"not telling, but I will try to deliver\").", "RFC 5321 §3.5, §4.1.1.7, §7.3"),
    e("smtp.cmd.AUTH", "Log in", "The client proves who it is with a user name and password (encoded in base64, which is not encryption: anyone can decode it). Mail programs must log in before sending through their provider's server. Real servers accept a password only over an encrypted connection: STARTTLS first on port 587, or TLS from the start on port 465. MailSim skips TLS so that you can read every line.", "RFC 4954 §4; RFC 3207; RFC 8314"),
    e("smtp.auth.answer", "Login answer", "The client answers the server's 334 with one line of base64: the user name, the password, or both (AUTH PLAIN). Base64 is only a way to write bytes as letters: anyone who sees the line can decode it, which is why real servers ask for TLS first.", "RFC 4954 §4; RFC 4648 §4"),
    e("smtp.cmd.VERB", "Verbose mode (Sendmail)", "An old Sendmail debugging command that is not part of the standard; MailSim refuses it.", "RFC 5321 §4.1.1 (not listed)"),
    e("smtp.cmd.UNKNOWN", "Unknown command", "A word the server does not know as an SMTP command, so it answers 500.", "RFC 5321 §4.2.4"),
    // --- replies ---
    e("smtp.reply.214", "Help message", "A help text meant for a person.", "RFC 5321 §4.2.3"),
    e("smtp.reply.220", "Service ready", "The server's greeting: it is ready to talk. Note that servers receive mail too: SMTP carries mail into a mailbox server, not just out of your computer. Port 25 is for servers passing mail on (many home internet providers block it for home computers, against spam); mail programs submit on 587, or on 465 with TLS from the first byte.", "RFC 5321 §3.1; RFC 6409 §3.1; RFC 8314"),
    e("smtp.reply.221", "Closing", "The server says goodbye and closes the connection.", "RFC 5321 §4.2.3"),
    e("smtp.reply.235", "Logged in", "Authentication succeeded; this connection now belongs to that user.", "RFC 4954 §6"),
    e("smtp.reply.250", "OK", "The command worked.", "RFC 5321 §4.2.3"),
    e("smtp.ok.queued", "Message accepted", "With this 250 after the final dot, the server takes responsibility for the message: from now on it must deliver it or send a bounce to the envelope sender. The id is the server's own name for it in its queue.", "RFC 5321 §4.1.1.4, §6.1"),
    e("smtp.reply.252", "Cannot verify", "The server won't say whether the user (or list) exists, for example because VRFY or EXPN is switched off, but will accept a message for them and try to deliver it. Nothing was checked.", "RFC 5321 §3.5.3, §7.3"),
    e("smtp.reply.334", "Go on (authentication)", "The server waits for the next part of the login, sent as base64.", "RFC 4954 §4"),
    e("smtp.reply.354", "Send the message", "The server is ready for the message text; end it with a line with just a dot.", "RFC 5321 §4.2.3"),
    e("smtp.reply.421", "Service closing", "The server is closing the connection (too many errors, timeout, shutting down). Try again later: a 4xx code is temporary.", "RFC 5321 §4.2.3"),
    e("smtp.reply.451", "Try again later", "A temporary problem on the server's side, sometimes on purpose (greylisting): a real mail server retries later, many spam programs don't.", "RFC 5321 §4.2.3"),
    e("smtp.reply.452", "Too many recipients / no room", "Temporary: the server won't take more recipients now; the client sends the rest in another message.", "RFC 5321 §4.5.3.1.10"),
    e("smtp.reply.500", "Command not understood", "The line isn't a command the server knows, or it is too long.", "RFC 5321 §4.2.3"),
    e("smtp.reply.501", "Wrong arguments", "The command is known but what follows it is wrong, for example a badly written address.", "RFC 5321 §4.2.3"),
    e("smtp.reply.502", "Not implemented", "The server knows the command but doesn't offer it.", "RFC 5321 §4.2.3"),
    e("smtp.reply.503", "Wrong order", "The command came at the wrong moment, like RCPT before MAIL. The reply says what to send first.", "RFC 5321 §4.1.4, §4.2.3"),
    e("smtp.reply.504", "Parameter not implemented", "The server doesn't support that option, for example an unknown login mechanism.", "RFC 5321 §4.2.3"),
    e("smtp.reply.530", "Login required", "This server only takes mail from logged-in users: log in with AUTH first.", "RFC 4954 §6"),
    e("smtp.reply.535", "Login failed", "The user name or password is wrong.", "RFC 4954 §6"),
    e("smtp.reply.550", "Refused", "Permanent refusal, for example: the mailbox doesn't exist, or the server won't relay for you. Don't retry the same thing. A mail program (or you, typing) just gets this reply; a bounce is sent only by a mail server that had already accepted the message and then got this answer further on.", "RFC 5321 §4.2.3, §6.1"),
    e("smtp.reply.552", "Too big", "The message is larger than the server accepts.", "RFC 5321 §4.2.3, §4.5.3.1.9; RFC 1870"),
    e("smtp.reply.554", "Transaction failed", "Permanent failure: the server won't take this message (or, as a greeting, won't talk to you at all).", "RFC 5321 §3.1, §4.2.3"),
    e("smtp.reply.555", "Parameter not recognized", "MAIL FROM or RCPT TO carried an option the server doesn't know.", "RFC 5321 §4.2.3"),
    // --- enhanced status codes ---
    e("smtp.esc.2.0.0", "Success", "The command worked; this code adds no detail to the three-digit reply (after 252 it means only that the question was answered, not that anything was checked).", "RFC 3463 §3.1"),
    e("smtp.esc.2.1.0", "Sender OK", "The sender address is fine.", "RFC 3463 §3.2"),
    e("smtp.esc.2.1.5", "Recipient OK", "The server accepts this recipient. Only the recipient's own server can know whether the mailbox exists: a server that passes mail on to another domain (like John's ISP for dave.example) accepts any well-formed address, and learns of a wrong one only when it relays the message.", "RFC 3463 §3.2"),
    e("smtp.esc.2.7.0", "Security OK", "Authentication succeeded.", "RFC 3463 §3.8, RFC 4954"),
    e("smtp.esc.4.4.2", "Connection dropped", "The connection timed out or broke; try again.", "RFC 3463 §3.5"),
    e("smtp.esc.4.5.3", "Too many recipients", "Send the remaining recipients in another transaction.", "RFC 3463 §3.6"),
    e("smtp.esc.4.7.0", "Security or policy, temporary", "A temporary policy problem, here: too many errors in this session.", "RFC 3463 §3.8"),
    e("smtp.esc.4.7.1", "Delivery not authorized, temporary", "Policy says not now, for example greylisting; retry later. Using 4.7.1 for greylisting is common practice, although RFC 3463 describes X.7.1 as useful only as a permanent error.", "RFC 3463 §3.8"),
    e("smtp.esc.5.0.0", "Other error", "A permanent error with no more precise code, here: the login was cancelled.", "RFC 3463 §3.1"),
    e("smtp.esc.5.1.1", "No such mailbox", "The recipient's name is not known at that domain.", "RFC 3463 §3.2"),
    e("smtp.esc.5.1.3", "Bad recipient address", "The recipient address is not written correctly.", "RFC 3463 §3.2"),
    e("smtp.esc.5.1.7", "Bad sender address", "The sender address is not written correctly.", "RFC 3463 §3.2"),
    e("smtp.esc.5.3.4", "Message too big", "The message is larger than this server accepts.", "RFC 3463 §3.4"),
    e("smtp.esc.5.5.1", "Invalid command", "The command is not allowed here or now.", "RFC 3463 §3.6"),
    e("smtp.esc.5.5.2", "Syntax error", "The command line could not be understood.", "RFC 3463 §3.6"),
    e("smtp.esc.5.5.4", "Invalid arguments", "The command's arguments or options are wrong.", "RFC 3463 §3.6"),
    e("smtp.esc.5.5.6", "Authentication line too long", "A line of the login exchange was longer than the server accepts.", "RFC 4954 §6"),
    e("smtp.esc.5.6.0", "Bad content", "Something in the message itself is not acceptable.", "RFC 3463 §3.7"),
    e("smtp.esc.5.7.0", "Security or policy", "Refused for a security reason, here: log in first.", "RFC 3463 §3.8"),
    e("smtp.esc.5.7.1", "Not authorized", "Policy forbids this, for example relaying for strangers.", "RFC 3463 §3.8"),
    e("smtp.esc.5.7.8", "Wrong credentials", "The login details are not valid.", "RFC 4954 §6"),
    // --- EHLO keywords (the lines after the first of a 250 EHLO reply) ---
    e("smtp.ext.PIPELINING", "Extension: pipelining", "The client may send several commands (for example MAIL, RCPT and DATA) without waiting for each answer; the server answers them in order. This saves waiting on slow networks.", "RFC 2920"),
    e("smtp.ext.SIZE", "Extension: size limit", "The number is the biggest message this server accepts, in bytes. A client can say how big its message is with MAIL FROM:<...> SIZE=n, so a message that is too big is refused before it is sent.", "RFC 1870"),
    e("smtp.ext.8BITMIME", "Extension: 8-bit text", "The server accepts message text with bytes above 127 (for example letters like é) when the client writes BODY=8BITMIME after MAIL FROM. Without this, message text must be plain 7-bit ASCII.", "RFC 6152"),
    e("smtp.ext.ENHANCEDSTATUSCODES", "Extension: enhanced status codes", "Replies carry a second, more precise code after the three-digit one, like 5.1.1 for \"no such mailbox\". Its first digit is the class: 2 success, 4 temporary failure, 5 permanent failure.", "RFC 2034; RFC 3463"),
    e("smtp.ext.AUTH", "Extension: login", "The words after AUTH are the login methods the server offers, here PLAIN and LOGIN. Both send the password only base64-encoded, which anyone can decode, so real servers offer them only after TLS; MailSim skips TLS so you can read the lines.", "RFC 4954 §3, §4"),
    e("smtp.ext.HELP", "Help available", "The server says it answers the HELP command with a short description of its commands.", "RFC 5321 §4.1.1.8"),
    // --- protocol errors ---
    e("smtp.error.line_too_long", "Command line too long", "A command line may be at most 512 characters including CRLF. The server throws the rest of the line away and carries on.", "RFC 5321 §4.5.3.1.4"),
    e("smtp.error.auth_line_too_long", "Login line too long", "A line in the login exchange was too long; the login attempt is abandoned.", "RFC 4954 §4"),
    e("smtp.error.text_line_too_long", "Message line too long", "A line of the message may be at most 1000 characters including CRLF; MailSim refuses the message rather than cutting lines.", "RFC 5321 §4.5.3.1.6"),
    e("smtp.error.bare_lf", "Bare LF or CR in the message", "Every line must end with CR LF. MailSim refuses messages with a lone LF or CR: such line ends are the trick behind \"SMTP smuggling\", where a fake end of message hides a second, forged message.", "RFC 5321 §2.3.8, §4.1.1.4"),
    e("smtp.error.bad_sequence", "Command in the wrong order", "SMTP has a fixed order: EHLO, then MAIL, then RCPT, then DATA. The reply names what to send first. Two common cases: DATA when no RCPT was accepted (there is nobody to deliver to), and a pipelined batch whose MAIL was refused: the RCPT and DATA sent along with it each get 503 too, because no transaction was started.", "RFC 5321 §4.1.4; RFC 2920 §3.1"),
    e("smtp.error.relay_denied", "Relaying denied", "This server only accepts mail for its own domains, unless you are one of its users (logged in, or on its network). Otherwise anyone could use it to send spam: an \"open relay\".", "RFC 5321 §3.6.2, §7.9"),
    e("smtp.error.auth_required", "Log in first", "On the submission port (587), used by mail programs, you must log in before sending. Port 25 is for servers passing mail to each other.", "RFC 6409 §4.3, RFC 4954"),
    e("smtp.error.auth_failed", "Login failed", "The user name or password was wrong.", "RFC 4954 §6"),
    e("smtp.error.auth_cancelled", "Login cancelled", "The client sent \"*\" to abandon the login.", "RFC 4954 §4"),
    e("smtp.error.auth_bad_base64", "Login data not base64", "Answers during login must be base64-encoded.", "RFC 4954 §4"),
    e("smtp.error.auth_mechanism", "Unknown login method", "The server only offers the methods listed after AUTH in its EHLO reply.", "RFC 4954 §4"),
    e("smtp.error.too_many_errors", "Too many errors", "After too many bad commands the server hangs up, to protect itself from broken or hostile clients.", "RFC 5321 §4.3.2 (421)"),
    e("smtp.error.too_many_recipients", "Too many recipients", "The server takes only so many recipients per message (at least 100); the client sends the rest later.", "RFC 5321 §4.5.3.1.8"),
    e("smtp.error.message_too_large", "Message too large", "The message is bigger than the size the server announced in its SIZE extension.", "RFC 1870 §6"),
    e("smtp.error.unknown_command", "Unknown command", "The server doesn't know this command. MailSim's servers don't offer STARTTLS (switching to an encrypted connection), so that every line stays readable; real servers offer it, and want it before AUTH.", "RFC 5321 §4.2.4; RFC 3207"),
    e("smtp.error.syntax", "Syntax error", "The command is known but written wrongly; HELP shows the right form.", "RFC 5321 §4.1.1"),
    e("smtp.error.bad_address", "Badly written address", "Addresses in commands go between < and >, like <dave@dave.example>.", "RFC 5321 §4.1.2"),
    e("smtp.error.path_too_long", "Address too long", "The name before @ may be at most 64 characters and the domain at most 255. The whole path may be at most 256 characters, but that counts the < and >, so an address itself can be at most 254.", "RFC 5321 §4.5.3.1.1-3"),
    e("smtp.error.unknown_param", "Unknown option", "MAIL FROM or RCPT TO carried an option the server didn't announce in its EHLO reply.", "RFC 5321 §4.1.1.11"),
    e("smtp.error.unknown_user", "No such mailbox", "The server handles this domain but nobody by that name lives there.", "RFC 5321 §3.3, §4.2.3; RFC 3463 §3.2"),
    e("smtp.error.not_implemented", "Command switched off", "The server knows this command but doesn't offer it.", "RFC 5321 §4.2.4"),
    e("smtp.error.timeout", "Timeout", "The client was silent for too long (5 minutes), so the server gave up.", "RFC 5321 §4.5.3.2.7"),
    e("smtp.error.policy", "Refused by local policy", "The server's own rules (for example greylisting or a content filter) refused this.", "RFC 5321 §7"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_texts_present() {
        let mut keys: Vec<_> = EXPLANATIONS.iter().map(|e| e.key).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate keys");
        for e in EXPLANATIONS {
            assert!(
                e.key.starts_with("smtp.")
                    && !e.title.is_empty()
                    && !e.text.is_empty()
                    && e.rfc.starts_with("RFC"),
                "{e:?}"
            );
        }
    }
}
