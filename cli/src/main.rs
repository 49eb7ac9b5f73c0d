//! `mailsim`: the MailSim core in a terminal.

fn main() {
    println!("mailsim {}", env!("CARGO_PKG_VERSION"));
}
