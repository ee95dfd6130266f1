//! What the visitor keeps on this device: drafts, held comments, the
//! remembered name. `localStorage` as JSON, per key.
//!
//! Browser-only: call from effects and event handlers, never while a
//! component renders. Every failure (private mode, quota, no storage) is
//! swallowed: losing a convenience must never break the page.

use serde::de::DeserializeOwned;
use serde::Serialize;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
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
}
