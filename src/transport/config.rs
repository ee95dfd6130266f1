//! The deployment config, read once from the page before the app mounts.

use std::cell::RefCell;

use blog_core::data::config::SiteConfig;

thread_local! {
    static CONFIG: RefCell<SiteConfig> = RefCell::new(SiteConfig::default());
}

/// The id of the inert JSON block in `index.html` a deployment edits.
pub const CONFIG_ELEMENT_ID: &str = "blog-config";

/// Reads `<script type="application/json" id="blog-config">` (no request: it
/// is in the HTML already) and keeps it for the transport.
pub fn load_from_page() {
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(CONFIG_ELEMENT_ID))
        .and_then(|el| el.text_content());
    let (config, warning) = SiteConfig::from_json(text.as_deref());
    if let Some(warning) = warning {
        web_sys::console::warn_1(&warning.into());
    }
    set(config);
}

pub fn set(config: SiteConfig) {
    CONFIG.with(|c| *c.borrow_mut() = config);
}

pub fn get() -> SiteConfig {
    CONFIG.with(|c| c.borrow().clone())
}
