//! The blog frontend: a Leptos single-page app over the WordPress REST API.
//!
//! Layers (see ARCHITECTURE.md):
//! - `blog_core` (crate `core/`): models, pure transforms and rules, DOM-free.
//! - [`transport`]: the API client, its cache and the deployment config.
//! - [`ui`]: components and pages.
//! - `prerender` (feature `ssr`, native only): those components rendered to
//!   HTML at build time.

// Server rendering nests view types deeper than the default limit allows.
#![recursion_limit = "512"]

#[cfg(feature = "ssr")]
pub mod prerender;
pub mod transport;
pub mod ui;

/// What every browser entry point does first (the app's `main.rs`, the
/// parts' `bin/conversation.rs` and `bin/chat.rs`): a panic shows the crash notice,
/// the deployment config and the page's seed are read; then `start` mounts.
pub fn boot(start: fn()) {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        ui::crash_notice::show();
    }));
    transport::config::load_from_page();
    transport::seed::load_from_page();
    start();
}
