//! Entry point of the interactive part of prerendered pages
//! (`ui::conversation`): the comments and the chat, without the app around
//! them. Trunk builds it from `part.html`.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        blog::ui::crash_notice::show();
    }));
    blog::transport::config::load_from_page();
    blog::transport::seed::load_from_page();
    blog::ui::conversation::start();
}
