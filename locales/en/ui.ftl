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

## The narration (what happened) and its sentences (src/state.rs)

narration-label = Narration
narration-title = What happened
narration-goal = Goal:
narration-empty-hint = Nothing has happened yet. In the Telnet pane, type for example: telnet mail.dave.example 25
narration-start-hint = Press Play (or the space bar) to watch the message travel, or step through it with the arrow keys.
narration-reference = Reference:
narration-internal-step = A step inside one host: its mail program or server keeps track of where the session is.
narration-host-up = { $host } is up
narration-host-down = { $host } is down
narration-relayed = { $id } relayed to { $host } for { $rcpts }
narration-state-final = The server's session is now in state { $state }: it is finished.
narration-state-accepts = The server's session is now in state { $state }. From here it accepts: { $commands }.
narration-later = { $duration } later
duration-second = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
duration-minute = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
duration-hour = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
duration-day = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
## A duration in short units, as the telnet pane writes it ("15 min",
## "2 h 30 min", "30 s")
duration-short-s = { $n } s
duration-short-min = { $n } min
duration-short-h = { $n } h

## The end of a scenario

wrap-title = The end: what happened
wrap-no-hops = No message text travelled.
wrap-hops = { $count ->
    [one] The message made 1 hop: { $hops }.
   *[other] The message made { $count } hops: { $hops }.
}
wrap-dave-inbox = { $count ->
    [one] Dave's inbox: 1 message.
   *[other] Dave's inbox: { $count } messages.
}
wrap-john-inbox = { $count ->
    [one] John's inbox: 1 message.
   *[other] John's inbox: { $count } messages.
}
wrap-john-inbox-bounces = { $count ->
    [one] John's inbox: 1 message
   *[other] John's inbox: { $count } messages
} ({ $bounces ->
    [one] 1 bounce
   *[other] { $bounces } bounces
} back to John).
wrap-queued = { $count ->
    [one] Still waiting in a mail server's queue, to be tried again: 1 message.
   *[other] Still waiting in a mail server's queue, to be tried again: { $count } messages.
}
wrap-took = It all took { $duration } of simulated time ({ $steps } steps).
wrap-where = Where the mail is now: { $now }
wrap-showed = What it showed:
wrap-again = Press Play to watch it again, or pick another scenario.

## The inspector

inspector-label = Inspector
inspector-views = Inspector views
inspector-tab-line = Line
inspector-tab-machine = State machine
inspector-tab-message = Message
inspector-tab-telnet = Telnet
line-nothing = Nothing selected yet: step forward or click an arrow in the sequence diagram.
line-event-at = Event { $n } at { $time }
line-raw = Raw bytes
line-raw-note = (CR LF ends every line)
line-parsed = Parsed
line-meaning = Meaning
machine-title = { $protocol } { $side } session #{ $conn } on { $host }
machine-side-server = server
machine-side-client = client
machine-to-on = to { $state } on
machine-diagram-label = { $protocol } { $side } state machine
machine-note-server = Drawn from the core's transition table for the server: ● is where it is now; the move just taken is marked. Events in capitals are commands.
machine-note-client = Drawn from the core's transition table for the client: ● is where it is now; the move just taken is marked. The client moves on the server's replies.
line-sender-checks = All the sender checks at this step
line-sender-checks-reply = The sender checks behind this reply (run on the message at the end of DATA)
machine-none = This event does not belong to an SMTP or POP3 session: no state machine to show.
message-none = No message has travelled yet. It appears here once John's program sends it after DATA.
message-at-hop = { $count ->
    [one] At this hop: { $hop } · 1 Received: line
   *[other] At this hop: { $hop } · { $count } Received: lines
}
message-envelope = Envelope
message-headers = Headers
message-body = Body

## The toolbar and the scrubber

lang-label = Language
lang-unavailable = This language could not be loaded; the page stays in the one shown.
toolbar-scenario = Scenario
toolbar-open = Open
toolbar-open-title = Open the scenario chosen in the list (Enter)
toolbar-compose = Write a message
toolbar-predict = Predict
toolbar-predict-title = Predict: the story stops before each reply, DNS answer and mail-server decision, and asks what comes next
toolbar-playback = Playback
toolbar-restart = Restart
toolbar-restart-title = Restart from the beginning (Home)
toolbar-back = Step back
toolbar-back-title = Step back (←)
toolbar-play = Play
toolbar-play-title = Play (space)
toolbar-pause = Pause
toolbar-pause-title = Pause (space)
toolbar-forward = Step forward
toolbar-forward-title = Step forward (→)
toolbar-end = To the end
toolbar-end-title = Jump to the end (End)
toolbar-speed = Speed
toolbar-keysteps = Key steps
toolbar-keysteps-title = Play and step through the lines on the wire, DNS, queue and mailbox changes only
toolbar-shortcuts = Keyboard shortcuts
toolbar-shortcuts-title = Keyboard shortcuts (?)
toolbar-theme = Theme
toolbar-theme-title = Colours: as the system setting says, or always light, or always dark
theme-system = ◐ System
theme-light = ☀ Light
theme-dark = ☾ Dark
scrubber-label = Position in the trace
scrubber-start = step 0 of { $len }: the start
scrubber-step = step { $n } of { $len }
scrubber-vtime = Simulated time
scrubber-vtime-title = Virtual time in the simulated world

## What the screen reader is told, once per step

announce-start = start.
announce-step = Step { $n } of { $len }.
announce-end = Step { $n } of { $len }, the end.
predict-announce = Predict: { $prompt } Choices: { $choices }.

## The command line (mailsim explain)

cli-explain-total = { $total } explanations in { $groups } groups.
cli-explain-group = { $count ->
    [one] 1 entry
   *[other] { $count } entries
}

## Dialogs: keyboard help, writing a message, the message viewer

dialog-close = Close
dialog-cancel = Cancel
help-play = Play / Pause
help-forward = Step forward
help-back = Step back
help-restart = Restart
help-end = Jump to the end
help-speed = Faster / slower
help-clickers = Step forward / back (presentation clickers)
help-presenter = Presenter mode on / off
help-blank = Blank the screen (presenter mode); any key shows it again
help-leave-presenter = Leave presenter mode
help-help = Show this help
help-predict = Predict: answer the question
help-diagram = Previous / next arrow in the sequence diagram
help-tabs = Another inspector view (on the tabs)
help-close = Close
help-note = Click any arrow in the sequence diagram to jump to that step; with the diagram focused, ↑ and ↓ move between its arrows.
compose-from = From
compose-to = To
compose-subject = Subject
compose-message = Message
compose-send = Send
viewer-in-dave = Message in Dave's inbox
viewer-in-john = Message in John's inbox
viewer-download = Download message
viewer-auth-title = Who really sent this? The receiving server's checks
viewer-auth-intro = Before it said 250, the server that took this message checked the sender, step by step, with these DNS answers: SPF (may this server send for the envelope's domain? RFC 7208), DKIM (is the signature good? RFC 6376), DMARC (does a pass match the From: domain? RFC 7489). The result is the Authentication-Results: header above (RFC 8601).

## Mailboxes, the queue, the map, the sequence diagram

inbox-dave = Dave's inbox
inbox-john = John's inbox
inbox-dave-empty = Empty: nothing delivered yet.
inbox-john-empty = Empty: bounces would land here.
inbox-queue = ISP's queue
inbox-queue-empty = Empty.
inbox-retry-at = retry at { $time }
inbox-on-server = on the server
inbox-deleted = deleted from the server
inbox-downloaded-to = downloaded to { $device } (POP3)
inbox-read-on = read on { $device } (IMAP)
inbox-moved-to = moved to the folder { $folder } on the server (IMAP)
inbox-no-flags = no flags
inbox-flags = flags { $flags }
inbox-queue-at = Queue at { $host }
inbox-received = { $count } Received
map-label = Network map
sequence-label = Sequence diagram
sequence-steps = Sequence diagram steps
sequence-payload = [message, { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}] { $first }
seq-step-aria = Step { $n }: { $from } → { $to }: { $label }
seq-step-aria-state = ; the server's state is now { $states }

## Predict

predict-score = Score: { $right } of { $given } right ({ $all } questions in this scenario)
predict-tag = Predict what comes next
predict-keys = keys 1 to { $n }
predict-right = Right!
predict-wrong = Not this time: the answer is { $answer }.
predict-chose = You chose { $choice }.
predict-no-more = No more questions in this scenario.
predict-play-on = Play or step on: the story stops at the next question.
telnet-predict-hidden = … (hidden until the Predict question is answered)
telnet-predict-hint = Predict is on: what will the server answer? Answer the question under "What happened" (Play goes on to the next one) to see the reply here.

## Classroom tools

classroom-presenter = Presenter mode
classroom-presenter-title = Large type for a projector (P); PageDown / PageUp step, B blanks the screen, Esc leaves
classroom-copy = Copy link
classroom-copy-title = Copy a link to this scenario at this step
classroom-download = Download
classroom-download-transcript = Download transcript
classroom-download-svg = Download sequence diagram
classroom-download-json = Download trace
classroom-dismiss = Dismiss

## The map's host roles, the inspector's parsed fields, the world editor's button

toolbar-edit-world = Edit world
role-computer = computer
role-isp-server = ISP server
role-dns-server = DNS server
role-mail-server = mail server
parsed-protocol = Protocol
parsed-connection = Connection
parsed-direction = Direction
parsed-command = Command
parsed-argument = Argument
parsed-reply-code = Reply code
parsed-enhanced-status = Enhanced status
parsed-last-line-of-reply = Last line of reply
parsed-status = Status
parsed-kind = Kind
parsed-size = Size
parsed-query-id = Query id
parsed-name = Name
parsed-type = Type
parsed-answer = Answer
parsed-port = Port
parsed-queue-id = Queue id
parsed-envelope-sender = Envelope sender
parsed-recipients = Recipients
parsed-attempt = Attempt
parsed-next-try-at = Next try at
parsed-reason = Reason
parsed-notification-to = Notification to
parsed-side = Side
parsed-new-state = New state
parsed-value-to-server = client to server
parsed-value-to-client = server to client
parsed-value-more-follow = no (more lines follow)
parsed-value-yes = yes
parsed-value-message-text = message text
parsed-value-login-answer = login answer (base64)
parsed-value-lines-bytes = { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}, { $bytes } bytes
parsed-value-bytes = { $bytes } bytes
parsed-value-client = client
parsed-value-server = server
classroom-copied = Link copied. Whoever opens it sees this scenario at this step.
classroom-copy-refused = The browser did not let the page copy. Select the link below and copy it yourself (Ctrl+C).
classroom-link-label = Link to this step

## Predict's questions and choices (protocol-core/src/quiz.rs; the Rust
## English there must read the same as these: tests/locales.rs)

quiz-greeting = A client has just connected to { $server }. How does { $server } greet it?
quiz-end-of-message = { $server } has received the message and its final dot. What does it answer?
quiz-login-answer = { $server } has received a line of the login. What does it answer?
quiz-reply = { $server } has received "{ $line }". What does it answer?
quiz-imap-tagged = { $server } has received { $tag } { $verb }. How does its tagged answer (the line starting { $tag }) begin?
quiz-dns = { $host } asked DNS for the { $qtype } records of { $name }. What kind of answer comes back?
quiz-mx = { $host } has mail for { $domain } ({ $list }). Which mail host does it look up now, to connect to it?
quiz-mx-none = { $host } has mail for { $domain } (no MX records). Which mail host does it look up now, to connect to it?
quiz-mta = { $host } could not deliver the message for { $rcpts } yet. What does it do now?
quiz-choice-own-a = { $domain } itself (its own A record)
quiz-choice-mx = { $host } (MX { $pref })
quiz-choice-bounce-now = None: it bounces the message at once
quiz-choice-retry = Keep it in the queue and try again later
quiz-choice-bounce = Give up and send a bounce to the sender
quiz-choice-drop = Drop it without a bounce

## The glossary (src/glossary.rs): a term as the explanation texts write it, and its definition

glossary-mx = MX record
glossary-mx-def = A DNS record that names a domain's mail server, with a preference number: the lowest is tried first (RFC 5321 §5.1).
glossary-envelope = envelope
glossary-envelope-def = The sender and recipients given with MAIL FROM and RCPT TO. Servers deliver by the envelope, not by the From: and To: lines inside the message (RFC 5321 §2.3.1).
glossary-relay = relay
glossary-relay-def = To pass a message on to the next mail server instead of keeping it; a server that does this is a relay (RFC 5321 §2.3.10).
glossary-bounce = bounce
glossary-bounce-def = A report sent back to the envelope sender when a message cannot be delivered, from the empty sender <> (RFC 5321 §4.5.5, RFC 3464).
glossary-queue = queue
glossary-queue-def = The messages a mail server has accepted (it answered 250) but not yet passed on; it keeps trying until it gives up (RFC 5321 §4.5.4.1).
glossary-greylisting = greylisting
glossary-greylisting-def = A spam defence: the first try from an unknown sender gets a 4xx 'try again later'. Real mail servers come back, many spam programs do not (RFC 6647).
glossary-pipelining = pipelining
glossary-pipelining-def = Sending several commands without waiting for each reply; the replies come back in the same order (RFC 2920).
glossary-nxdomain = NXDOMAIN
glossary-nxdomain-def = The DNS answer 'this name does not exist' (RFC 1035 §4.1.1, RFC 8020).
glossary-octet = octet
glossary-octet-def = Eight bits: what most people call a byte. RFCs say octet because some old computers had bytes of other sizes.
glossary-spf = SPF
glossary-spf-def = Sender Policy Framework: a domain lists in DNS which servers may send its mail, and the receiver checks the connecting server against it (RFC 7208).
glossary-dkim = DKIM
glossary-dkim-def = DomainKeys Identified Mail: the sending domain signs the message, and the receiver checks the signature with a public key from DNS (RFC 6376).
glossary-dmarc = DMARC
glossary-dmarc-def = A domain's policy in DNS: mail with its From: domain must pass SPF or DKIM for a domain that matches it (alignment); the policy says whether other mail is let through, quarantined or refused (RFC 7489).
glossary-update = Update state
glossary-update-def = POP3's last state: after QUIT in the Transaction state, the server removes the messages marked with DELE, then closes the connection. A dropped connection never gets there, so then nothing is deleted (RFC 1939 §6).

## The telnet pane (src/telnet.rs, src/components/telnet.rs): its help,
## hints and notes. The lines on the wire and telnet's own messages
## (Trying …, Connected to …, Connection closed by foreign host.) are not
## here: they stay as they are. Commands, state names and host names in
## these texts are the protocol's and stay in English in every language.

telnet-help-intro = Commands of this pane (they stay here, nothing goes on the network):
telnet-help-telnet = open a connection (also: open, nc), e.g. telnet mail.dave.example 25
telnet-help-b64 = base64 of TEXT; \0 is a NUL byte: b64 \0john\0john-pass
telnet-help-b64-plain = the AUTH PLAIN string for user U, password P
telnet-help-b64-decode = decode base64 (AUTH LOGIN's 334 prompts)
telnet-help-wait = let time pass (e.g. wait 15m), or until the next queued retry
telnet-help-quit = close this tab (while connected, QUIT goes to the server)
telnet-help-local = b64 and wait stay in the pane even while connected.
telnet-help-help = this list
telnet-help-keys = Keys: Enter sends the line with CR LF · Up/Down recall earlier lines · Ctrl+] closes the connection.
telnet-help-ports = Ports: 25 SMTP between servers · 587 submission (log in with AUTH) · 110 POP3 · 143 IMAP (each command starts with a tag: a1 LOGIN dave dave-pass).
telnet-help-servers = Servers: smtp.isp.example (John's ISP: sending, 25 and 587), pop.isp.example (John's mailbox, 110), mail.dave.example (Dave's: 25, 110 and 143, POP3 and IMAP on one mailbox), ns.example (DNS only).
telnet-help-john = John's mailbox: telnet pop.isp.example 110 (the ISP's POP3 service; same machine as smtp.isp.example, another name and port).
telnet-help-accounts = Accounts: john / john-pass at smtp.isp.example and pop.isp.example · dave / dave-pass at mail.dave.example.
telnet-hint-not-connected = Not connected. Try: telnet mail.dave.example 25 · telnet smtp.isp.example 587 · telnet mail.dave.example 110 · help
telnet-hint-refused = Refused.
telnet-hint-smtp = SMTP, state { $state }: the server expects { $expects }
telnet-hint-smtp-data = SMTP, state Data: type the message (headers, empty line, body); a line with only . ends it. A line that starts with a dot loses that dot (RFC 5321 §4.5.2): type .. to send one.
telnet-hint-smtp-auth = SMTP, state Auth: answer the 334 with one base64 line (b64 helps); * cancels.
telnet-hint-smtp-closed = SMTP, state Closed: the server has ended the session.
telnet-hint-pop3 = POP3, state { $state }: valid now { $valid }
telnet-hint-pop3-ending = POP3, state { $state }: the session is ending.
telnet-hint-imap-login = IMAP, state { $state }: each command starts with a tag, e.g. a1 LOGIN dave dave-pass
telnet-hint-imap-selected = IMAP, state { $state }: e.g. a3 FETCH 1 (FLAGS BODY.PEEK[]) · valid now { $valid }
telnet-hint-imap = IMAP, state { $state }: e.g. a2 SELECT INBOX · valid now { $valid }
telnet-hint-imap-logout = IMAP, state { $state }: the session is ending.
telnet-b64-usage = usage: b64 TEXT (\0 is a NUL byte) · b64 plain USER PASSWORD · b64 -d BASE64
telnet-b64-decoded = b64: { $text } decodes to:
telnet-b64-not-base64 = b64: { $text } is not base64 (letters, digits, + and / only)
telnet-b64-plain = b64: base64 of { $text } (AUTH PLAIN: NUL, user, NUL, password):
telnet-b64-now-type = Now type: { $line }
telnet-b64-encoded = b64: base64 of { $text }:
telnet-usage-open = usage: { $cmd } HOST PORT, for example: { $cmd } mail.dave.example 25
telnet-nc-no-port = nc: missing port number (try: nc { $host } 25)
telnet-usage-open-one = usage: { $cmd } HOST PORT (one host, one port)
telnet-wait-too-long = { $cmd }: at most { $most } at a time
telnet-usage-wait = usage: { $cmd } [DURATION], for example: { $cmd } 15m
telnet-not-a-command = { $cmd }: not a command of this pane. Not connected: type telnet HOST PORT first (help lists the commands).
telnet-moved-world = Connection closed: the pane moved to another world.
telnet-joined-world = Now typing into the world of “{ $title }”, as it stands at { $time } (after { $events } events); the rest of its script still happens.
telnet-new-session = Session { $id }, typing from { $host }. Type help, or for example: telnet mail.dave.example 25
telnet-new-source = New connections now start from { $host }.
telnet-paste-too-long = Nothing was sent: the pasted text has { $lines } lines, and the pane sends at most { $most } at once. Paste it in parts.
telnet-pipelining-smtp = { $lines } lines went out at once, without waiting for each reply: that is pipelining (RFC 2920). A server that announces PIPELINING reads them in order and answers each one, in order.
telnet-pipelining-pop3 = { $lines } lines went out at once, without waiting for each reply: that is pipelining (RFC 2449 for POP3). A server that announces PIPELINING reads them in order and answers each one, in order.
telnet-pipelining-imap = { $lines } lines went out at once, without waiting for each reply: that is pipelining (RFC 9051 §5.5 for IMAP). A server that announces PIPELINING reads them in order and answers each one, in order.
telnet-tab-closed = Closed. Type telnet HOST PORT to open a connection, or help.
telnet-no-such-host = telnet: there is no host { $host } in this world
telnet-wait-nothing = Nothing is waiting to happen: no queued retry, nothing scheduled. (wait 10m lets time pass anyway.)
telnet-time-passes = Time passes: { $duration } (the clock goes from { $from } to { $until })...
telnet-nothing-to-close = Not connected: nothing to close.
telnet-retry-queued = { $host } keeps the message in its queue ({ $reason }) and tries again at { $next }, { $wait } from now. Time only passes here when you type wait: try wait, or wait { $short }.
telnet-from = From
telnet-from-label = Type from host
telnet-world = World
telnet-world-label = Telnet world
telnet-world-sandbox = Sandbox
telnet-world-joined = Joined: { $title }
telnet-world-join = Join: { $title }, at the cursor
telnet-new-tab-label = New telnet session
telnet-new-tab-title = New session (a new tab)
telnet-download = Download session
telnet-transcript-head = MailSim telnet session, in the world of “{ $world }” (simulated time { $time })
telnet-transcript-legend = $ is a command typed in the pane, C: a line sent to the server, S: a line the server sent, # a message of the pane.
telnet-download-title = Save every session of this pane as a text file
telnet-output-label = Telnet output
telnet-input-label = Telnet command
telnet-input-connected = a line for the server, then Enter (Ctrl+] closes)

## The one-line summary of an event (src/state.rs, event_summary; the
## core's English is protocol-core/src/sim/render.rs, describe: these must
## read the same, a test checks it). Ids, ports, names, DNS answers and
## state names are the protocol's.

event-connected = #{ $conn } connected to port { $port } ({ $protocol })
event-refused = connection to port { $port } refused (RST)
event-unreachable-host = port { $port } unreachable: the host is down
event-unreachable-link = port { $port } unreachable: the network link is down
event-closed = #{ $conn } closed
event-dns-query = query #{ $id } { $name } { $qtype }?
event-dns-answer = answer #{ $id } { $name } { $qtype }: { $answer }
dns-answer-nodata-words = NOERROR, no records (NODATA)
dns-answer-nxdomain-words = NXDOMAIN
dns-answer-servfail-words = SERVFAIL (the server could not answer)
event-state-client = #{ $conn } client state -> { $state }
event-state-server = #{ $conn } server state -> { $state }
event-queued = queued { $id } from <{ $from }> to { $rcpts } ({ $size } bytes)
event-retry = { $id } attempt { $attempt } failed ({ $reason }); retry at { $next }
## A queued retry's reason, after the core's "x-mailsim;" (src/state.rs,
## retry_reason_words). Connection refused and the like are the system's own
## error messages, as telnet prints them.
reason-dns-no-answer = DNS server did not answer
reason-temporary = temporary failure
reason-dns-servfail = DNS server failed (SERVFAIL)
reason-no-host = no host at { $ip }
reason-connect = connect to { $host }:25: { $why }
reason-refused = Connection refused
reason-host-down = No route to host (the host is down)
reason-link-down = Network is unreachable (the link is down)
event-delivered = { $id } delivered to <{ $rcpt }> in maildrop { $mailbox } (uid { $uid })
event-bounced = { $id } bounced for { $rcpts }: notification { $bounce } to <{ $to }>
event-bounce-discarded = { $id } failed for { $rcpts }; a bounce is never bounced
event-retrieved = { $mailbox } retrieved { $uid }
event-deleted = { $mailbox }: { $uid } deleted
event-link-up = link up
event-link-down = link down

## The print transcript (src/components/panels.rs, Transcript)

print-transcript = Transcript
print-transcript-title = Transcript: { $title }
print-step = Step
print-time = Time
print-hosts = Hosts
print-kind = Kind
print-what = What

## The transcript download (src/export.rs, transcript)

download-transcript-heading = MailSim transcript: { $title }
download-transcript-legend = C: is a line the client sent, S: a line the server sent. Times are the simulated world's (hours:minutes:seconds).
download-transcript-hosts = Hosts:

## The sequence diagram download (src/export.rs, sequence_svg)

download-svg-title = MailSim: { $title }
download-svg-desc = MailSim sequence diagram: one column per host, time runs down; { $n } events.
download-svg-legend = Time runs down, one column per host.
download-svg-lines = SMTP is a solid arrow, POP3 dashed, IMAP dash-dot, DNS dotted; a dot is a step inside one host.
download-svg-step = step { $n }: { $label }

## The world editor (src/components/lab.rs): its headings and buttons

lab-intro = Changing “{ $title }”. The world runs again from the start when you press Run; the same world always runs the same way.
lab-open-file = Open a scenario file (.toml)
lab-save-file = Download scenario file
lab-hosts = Hosts and their services
lab-changes = Changes over time
lab-links = Links: latency and loss
lab-dns = DNS: MX records
lab-dns-other = Other DNS changes
lab-faults = Injected faults
lab-policies = Server policies
lab-run = Run this world
lab-running = Running the world “{ $title }”…
lab-running-events = Running the world: { $n } events so far…
lab-edited-title = { $title } (edited)
lab-file-failed = the browser could not make the file
lab-file-unreadable = { $file }: the file could not be read
lab-remove = Remove
lab-col-host = Host
lab-col-address = Address
lab-col-services = Services (ports)
lab-col-down-up = Down or up
lab-host-address = Address of { $host }
lab-svc-submission = Submission
lab-down-now = Down now
lab-up-later = Up later
lab-take-down = Take { $host } down now
lab-bring-up = Bring { $host } back up later
lab-changes-help = A host or a link goes down or comes back at a time after the start, like "0s", "90s", "20m" or "1h". While a server is down, the servers that send to it keep the mail in their queue and try again later (RFC 5321 §4.5.4.1).
lab-col-at = At
lab-col-what = What
lab-col-other-end = Other end (links)
lab-add-change = Add a link change
lab-kept-steps = The world also has { $n } mail program steps (sending and fetching) that stay as they are.
lab-change-host-down = host goes down
lab-change-host-up = host comes back up
lab-change-link-down = link goes down
lab-change-link-up = link comes back up
lab-change-time = Time of change { $n }
lab-change-what = What happens in change { $n }
lab-change-host = Host of change { $n }
lab-change-other = Other end of the link in change { $n }
lab-change-remove = Remove change { $n }
lab-links-help = Latency is the time one segment takes from one host to the other. Loss is the share of segments that get lost: TCP sends a lost segment again after a timeout, so you see loss as delay (and a note for each retransmission), never as missing data.
lab-col-other-host = Other host
lab-col-latency = Latency
lab-col-loss = Loss (%)
lab-add-link = Add a link setting
lab-link-host = Host of link { $n }
lab-link-other = Other host of link { $n }
lab-link-latency = Latency of link { $n }
lab-link-loss = Loss in percent of link { $n }
lab-link-remove = Remove link { $n }
lab-dns-help = An MX record says which server receives mail for a domain; the lowest preference is tried first (RFC 5321 §5.1). Each host's A record is its address in the hosts table.
lab-col-domain = Domain
lab-col-preference = Preference
lab-col-mail-server = Mail server
lab-add-mx = Add an MX record
lab-add-null-mx = Add a null MX
lab-mx-domain = Domain of MX record { $n }
lab-mx-preference = Preference of MX record { $n }
lab-mx-host = Mail server of MX record { $n }
lab-mx-remove = Remove MX record { $n }
lab-dns-other-help = A name can get an (extra) A record, lose its address (the MX host then cannot be reached, RFC 5321 §5.1), receive no mail at all (a null MX, RFC 7505), or not exist (NXDOMAIN, RFC 1035 §4.1.1: the sender bounces at once). A TXT record replaces the name's text records: an SPF list (RFC 7208 §3) or a DMARC policy at _dmarc.<domain> (RFC 7489 §6.1).
lab-col-change = Change
lab-col-name = Name
lab-col-value = Address (A) or text (TXT)
lab-add-dns = Add a DNS change
lab-dns-a = has the address (A record)
lab-dns-no-a = has no address (no A record)
lab-dns-null-mx = receives no mail (null MX)
lab-dns-nxdomain = does not exist (NXDOMAIN)
lab-dns-txt = has this text record (TXT: SPF, DMARC)
lab-dns-servfail = cannot be answered (SERVFAIL)
lab-dns-kind = Kind of DNS change { $n }
lab-dns-name = Name of DNS change { $n }
lab-dns-value = Address or text of DNS change { $n }
lab-dns-remove = Remove DNS change { $n }
lab-faults-help = A fault makes a server answer wrongly on purpose (for example 451 to RCPT, or 421 at the greeting). The narration marks each one as injected: a healthy server would not do this.
lab-col-server = Server
lab-col-when = When
lab-col-it = It
lab-col-reply = Reply
lab-col-times = Times
lab-add-fault = Add a fault
lab-fault-server = Server of fault { $n }
lab-fault-when = When fault { $n } happens
lab-fault-does = What the server does in fault { $n }
lab-fault-answers = answers
lab-fault-drops = drops the connection
lab-fault-reply = Reply of fault { $n }
lab-fault-every-time = every time
lab-fault-times = Times of fault { $n } (empty: every time)
lab-fault-remove = Remove fault { $n }
lab-stage-greeting = at the greeting
lab-stage-ehlo = after EHLO or HELO
lab-stage-mail = after MAIL FROM
lab-stage-rcpt = after RCPT TO
lab-stage-data = after DATA
lab-stage-dot = after the final dot
lab-local-domains = Local domains (mailboxes here)
lab-relay-domains = Relay domains (passed on)
lab-relay-networks = Networks that may relay without login
lab-open-relay = Open relay: anyone on the internet may send mail through this server
lab-open-relay-help = No real server is set up like this: spammers find an open relay within hours and send their mail through it, and other servers then refuse its mail (RFC 2505, anti-spam advice for mail servers).
lab-pipelining = Offer PIPELINING: a client may send MAIL, RCPT and DATA without waiting for each reply (RFC 2920)
lab-bare-lf = Read a bare LF as the end of a line (unsafe: open to SMTP smuggling)
lab-bare-lf-help = RFC 5321 §2.3.8 says a line ends only with CR LF. A server that also takes a lone LF can be tricked by "<LF>.<LF>" into ending a message early, so a second, forged message hides inside the first (SMTP smuggling, 2023). A safe server refuses such a message with 554.
lab-greylist = Greylisting delay
lab-size-limit = Size limit (bytes)
lab-accounts = Accounts:
lab-account-login = Login of new account { $n }
lab-account-password = Password of new account { $n }
lab-account-address = Address of new account { $n }
lab-add-account = Add an account on { $host }
lab-retry = Retry schedule (every server)
lab-retry-wait = Wait between tries
lab-retry-give-up = Give up after
lab-retry-help = Empty: the servers' own schedule (15 minutes, then longer waits; a bounce after 4 days).

## The world editor's messages when a field is wrong (src/lab.rs). { $why } is
## the scenario reader's own English (shared with the CLI), such as "`5x` is
## not a duration".

lab-bad-ip = { $host }: the address { $value } is not an IPv4 address like 192.0.2.25
lab-bad-greylist = { $host }: the greylisting delay: { $why }
lab-bad-size = { $host }: the size limit { $value } is not a number of bytes, like 10000
lab-cannot-empty = { $host }: a setting of the default world cannot be emptied in a scenario file; give it a value
lab-bad-percent = { $value } is not a percentage from 0 to 100, like 20 or 2.5
lab-dns-needs-name = DNS change { $n }: it needs a name, like mail.dave.example
lab-dns-bad-ip = DNS change { $n }: the address { $value } is not an IPv4 address like 192.0.2.25
lab-fault-bad-times = Injected fault { $n }: “{ $value }” is not a number of times like 2 (leave it empty for every time)
lab-fault-needs-reply = Injected fault { $n }: write the reply the server gives instead, like 451 4.3.0 Try again later, or choose to drop the connection
lab-mx-needs-domain = DNS: every MX record needs a domain, like dave.example
lab-mx-bad-preference = DNS: the preference { $value } of an MX record for { $domain } is not a number from 0 to 65535
lab-mx-needs-host = DNS: an MX record for { $domain } needs a mail server name (or "." for a null MX)
lab-mx-keep-one = DNS: { $domain } needs at least one MX record here (a scenario file can change the default world's records, not remove them all)
lab-bad-retry = Retry schedule: { $why }
lab-retry-empty = Retry schedule: give at least one interval, like 15m, 1h
lab-bad-give-up = Give up after: { $why }
lab-change-bad-time = Change { $n }: the time: { $why }
lab-change-needs-host = Change { $n }: choose a host
lab-link-bad-latency = Link { $a } – { $b }: the latency: { $why }
lab-link-bad-loss = Link { $a } – { $b }: the loss: { $why }
lab-links-need-hosts = Links: choose the two hosts of each link
