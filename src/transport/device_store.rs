//! What the visitor keeps on this device: drafts, held comments, the
//! remembered name. `localStorage` as JSON, per key.
//!
//! Browser-only: call from effects and event handlers, never while a
//! component renders. Every failure (private mode, quota, no storage) is
//! swallowed: losing a convenience must never break the page.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// How long a value lives: on the device (`localStorage`), or for this tab
/// only (`sessionStorage`, for sites that promise to be "cookieless").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Device,
    Tab,
}

fn storage(scope: Scope) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match scope {
        Scope::Device => window.local_storage(),
        Scope::Tab => window.session_storage(),
    }
    .ok()
    .flatten()
}

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    load_in(Scope::Device, key)
}

pub fn save<T: Serialize>(key: &str, value: &T) {
    save_in(Scope::Device, key, value)
}

pub fn remove(key: &str) {
    if let Some(storage) = storage(Scope::Device) {
        let _ = storage.remove_item(key);
    }
}

pub fn load_in<T: DeserializeOwned>(scope: Scope, key: &str) -> Option<T> {
    let text = storage(scope)?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save_in<T: Serialize>(scope: Scope, key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(scope), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

/// Keys, in one place so they stay unique.
pub mod keys {
    /// What was typed in the form for a post and a reply target (0 = none).
    pub fn draft(post: u64, parent: u64) -> String {
        format!("blog.draft.{post}.{parent}")
    }

    /// Comments the visitor wrote that await moderation on a post.
    pub fn held(post: u64) -> String {
        format!("blog.held.{post}")
    }

    /// Name, email and website, kept when the visitor ticked the consent box.
    pub const COMMENTER: &str = "blog.commenter";

    /// The visitor closed the chat window: it never opens by itself again.
    pub const CHAT_CLOSED: &str = "blog.chat.closed";

    /// Page views, for "auto-open after N views".
    pub const CHAT_VIEWS: &str = "blog.chat.views";

    /// The chat was opened once: the unread badge goes.
    pub const CHAT_SEEN: &str = "blog.chat.seen";
}
