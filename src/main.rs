//! Entry point: read the deployment config, then mount the app.

fn main() {
    console_error_panic_hook::set_once();
    blog::transport::config::load_from_page();
    leptos::mount::mount_to_body(blog::ui::app::App);
}
