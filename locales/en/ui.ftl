# MailSim's own words in English: the page and the CLI's worksheet
# (`mailsim run --format narrated`). The explanation table's English is
# the Rust table (protocol-core/src/explain/); the translations of these
# ids are locales/nl/ui.ftl and locales/zh-CN/ui.ftl, with the same ids.
# Protocol lines (EHLO, 250 OK, +OK) are never translated.

## The worksheet (protocol-core/src/sim/render.rs, narrated_in); the
## Rust English there must stay the same as these (tests/locales.rs).

worksheet-heading = MailSim worksheet: { $title }
worksheet-how-to-read = How to read it: each event (virtual time, from -> to, protocol, what happened) is followed by its explanation. An explanation is printed in full, with a number [n], the first time it comes up; later events that mean the same thing say "see [n]". C: is a line the client sent, S: a line the server sent.
worksheet-payload-size = { $lines } lines, { $bytes } bytes
worksheet-more-lines = { $count } more lines
worksheet-no-explanation = no explanation for { $key }
worksheet-see = see
