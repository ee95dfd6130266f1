//! Entry point: a panic safety net, the deployment config, the responses a
//! prerendered page carries, then the app.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        blog::ui::crash_notice::show();
    }));
    blog::transport::config::load_from_page();
    blog::transport::seed::load_from_page();
    blog::ui::takeover::start();
}
