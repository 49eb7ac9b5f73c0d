//! The console that the telnet pane and `mailsim serve` drive: raw
//! connections from a chosen host, lines in, the server's bytes out.

use super::*;

impl World {
    // ---- the console (telnet pane, `mailsim serve`) ------------------------------

    /// Opens a raw connection from `from_host` to `target:port`, where
    /// `target` is a host id, a DNS name (looked up, in the trace) or an IP.
    /// The server's greeting arrives after the network latency: run the
    /// world, then [`World::take_received`].
    pub fn connect(
        &mut self,
        from_host: &str,
        target: &str,
        port: u16,
    ) -> Result<ConnId, ConnectError> {
        if !self.hosts.contains_key(from_host) {
            return Err(ConnectError::NoSuchHost(from_host.to_string()));
        }
        let server = self.resolve_now(from_host, target)?;
        match self.check_connect(from_host, &server, port) {
            Ok(protocol) => {
                let console = ClientEnd::Console { rx: Vec::new() };
                Ok(self.open(from_host, &server, port, protocol, console))
            }
            Err(e) => {
                self.trace_connect_error(from_host, &server, port, &e);
                Err(e)
            }
        }
    }

    /// Sends raw bytes on a console connection (they appear in the trace).
    pub fn send_bytes(&mut self, conn: ConnId, bytes: &[u8]) {
        let Some(mut c) = self.conns.remove(&conn) else {
            return;
        };
        if matches!(c.client, ClientEnd::Console { .. }) && !c.closed[Role::Client as usize] {
            self.transmit(conn, &mut c, Direction::ToServer, bytes.to_vec());
        }
        self.conns.insert(conn, c);
    }

    /// Sends one line, adding CRLF.
    pub fn send_line(&mut self, conn: ConnId, line: &str) {
        let mut b = Vec::with_capacity(line.len() + 2);
        b.extend_from_slice(line.as_bytes());
        b.extend_from_slice(b"\r\n");
        self.send_bytes(conn, &b);
    }

    /// The bytes the server sent to this console connection since the last call.
    pub fn take_received(&mut self, conn: ConnId) -> Vec<u8> {
        match self.conns.get_mut(&conn).map(|c| &mut c.client) {
            Some(ClientEnd::Console { rx }) => std::mem::take(rx),
            // Closed: what was left when it closed, once (no entry is kept
            // for a connection whose bytes were all taken).
            _ => self.console_rx.remove(&conn).unwrap_or_default(),
        }
    }

    /// Whether the console connection is still open at the console's end:
    /// neither closed by [`World::close`] nor closed by the server with its
    /// FIN arrived. The FIN travels behind the server's last bytes, so once
    /// this is false, [`World::take_received`] has everything (a `221` or
    /// `+OK` sign-off included).
    pub fn is_open(&self, conn: ConnId) -> bool {
        self.conns
            .get(&conn)
            .is_some_and(|c| !c.closed[Role::Client as usize])
    }

    /// Closes a console connection from the client side.
    pub fn close(&mut self, conn: ConnId) {
        let Some(mut c) = self.conns.remove(&conn) else {
            return;
        };
        if !c.closed[Role::Client as usize] {
            c.closed[Role::Client as usize] = true;
            self.trace_close(conn, &mut c, Role::Client);
            let at = (self.now + self.conn_links(&mut c)[0].latency).max(c.last_arrival[0]);
            self.schedule(
                at,
                Action::Fin {
                    conn,
                    dir: Direction::ToServer,
                },
            );
        }
        if c.closed[Role::Server as usize] {
            self.finish_conn(conn, c);
        } else {
            self.conns.insert(conn, c);
        }
    }
}
