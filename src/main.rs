//! The MailSim web app entry point (client-side rendered, built by Trunk).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(mailsim_web::App);
}
