//! MailSim's web app: renders the core's trace and forwards the learner's
//! input to the world. It decides no protocol behaviour itself.

use leptos::prelude::*;

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
                "MailSim shows how an email gets from John to Dave. John's mail program hands the message to his ISP's server over SMTP. "
                "That server asks DNS for the MX record of dave.example, then relays the message over SMTP to Dave's mail server, which stores it in Dave's mailbox. "
                "Later Dave's mail program downloads it over POP3. Every command, reply, lookup and relay hop is real protocol logic from RFC 5321 and RFC 1939, "
                "animated on a network map and a sequence diagram, explained in plain words, and open to your own typing."
            </p>
        </main>
    }
}
