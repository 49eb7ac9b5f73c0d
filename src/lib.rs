//! MailSim's web app: renders the core's trace and forwards the learner's
//! input to the world. It decides no protocol behaviour itself.

use leptos::prelude::*;

/// The four legs of the journey the simulator animates (DESIGN.md, "The story").
const JOURNEY: [(&str, &str, &str); 4] = [
    ("smtp", "SMTP, port 587", "John's mail program logs in to his ISP's server smtp.isp.example and submits the message."),
    ("dns", "DNS, MX lookup", "The ISP's server asks DNS which server takes mail for dave.example: the MX record names mail.dave.example."),
    ("smtp", "SMTP, port 25", "The ISP's server relays the message to mail.dave.example, which stores it in Dave's mailbox."),
    ("pop3", "POP3, port 110", "Dave's mail program logs in to mail.dave.example and downloads the message."),
];

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="masthead">
            <h1>"MailSim"</h1>
            <p class="tagline">"Watch an email travel, one protocol line at a time."</p>
        </header>
        <main id="app" class="intro" data-ready="true">
            <p>
                "MailSim shows how an email gets from John to Dave. Every command, reply, DNS lookup and relay hop "
                "is real protocol logic from RFC 5321 (SMTP) and RFC 1939 (POP3), running in this page: "
                "animated on a network map and a sequence diagram, explained in plain words, and open to your own typing."
            </p>
            <ol class="journey">
                {JOURNEY
                    .iter()
                    .map(|(kind, label, text)| {
                        view! {
                            <li class=*kind>
                                <strong>{*label}</strong>
                                ": "
                                {*text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </main>
    }
}
