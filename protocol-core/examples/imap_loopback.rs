//! Serves the sans-IO IMAP session on a loopback port, with no world, so
//! real clients (Python's imaplib, curl) can be tried against it:
//!
//! ```sh
//! cargo run -p protocol-core --example imap_loopback -- 2143 [connections]
//! ```
//!
//! Dave's mailbox (`dave` / `dave-pass`) starts with three messages. When
//! a client starts IDLE, a new message is delivered at once, so the client
//! sees `* n EXISTS` pushed (RFC 2177). Serves `connections` connections
//! (default 1) one after the other, then exits. Loopback only.

use protocol_core::imap::{MemoryMailstore, ServerConfig, ServerSession};
use protocol_core::SimTime;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().and_then(|p| p.parse().ok()).unwrap_or(2143);
    let connections: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let mut store = MemoryMailstore::new();
    store.add_account("dave", "dave-pass");
    for (i, subject) in ["Hello Dave", "Minutes", "Re: lunch"].iter().enumerate() {
        let m = format!(
            "From: John <john@isp.example>\r\nTo: Dave <dave@dave.example>\r\nSubject: {subject}\r\nMessage-ID: <{i}@isp.example>\r\n\r\nMessage {} for Dave.\r\n",
            i + 1
        );
        store.deliver("dave", m.into_bytes(), "23-Nov-2026 09:00:00 +0000");
    }
    let config = Arc::new(ServerConfig::new("mail.dave.example"));
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    eprintln!(
        "imap_loopback: listening on 127.0.0.1:{}",
        listener.local_addr()?.port()
    );
    let start = Instant::now();
    let now = || SimTime::from_micros(start.elapsed().as_micros() as u64);
    for _ in 0..connections {
        let (mut sock, peer) = listener.accept()?;
        eprintln!("imap_loopback: connection from {peer}");
        let mut s = ServerSession::new(Arc::clone(&config), now());
        let mut pushed = false;
        let mut buf = [0u8; 16 * 1024];
        loop {
            while let Some(out) = s.poll_output() {
                sock.write_all(&out)?;
            }
            while let Some(r) = s.poll_response() {
                eprintln!("imap_loopback:   S {}", r.key);
            }
            while s.poll_event().is_some() {}
            if s.is_closed() {
                break;
            }
            let n = sock.read(&mut buf)?;
            if n == 0 {
                s.handle_close(now(), &mut store);
                break;
            }
            s.handle_input(now(), &buf[..n], &mut store);
            if s.is_idling() && !pushed {
                pushed = true;
                let m =
                    b"From: John <john@isp.example>\r\nSubject: pushed during IDLE\r\n\r\nHi.\r\n";
                store.deliver("dave", m.to_vec(), "23-Nov-2026 09:05:00 +0000");
                s.handle_store_changed(now(), &mut store);
            }
        }
        eprintln!("imap_loopback: connection closed");
    }
    Ok(())
}
