//! One cache for API responses, keyed by request URL.
//!
//! Pages read their first data through it, so a page revisited with Back
//! renders at once (and the browser can restore its scroll position), and a
//! build-time prerender or an early loader can seed it with the responses the
//! page was rendered from. It holds raw bodies: decoding stays in one place.

use std::cell::RefCell;
use std::collections::HashMap;

use blog_core::data::pagination::Paging;

/// A successful response as it came from the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedResponse {
    pub paging: Paging,
    pub body: String,
}

/// Bounds the memory a long session can use; old entries are simply dropped.
const MAX_ENTRIES: usize = 64;

thread_local! {
    static CACHE: RefCell<HashMap<String, CachedResponse>> = RefCell::new(HashMap::new());
}

pub fn get(url: &str) -> Option<CachedResponse> {
    CACHE.with(|c| c.borrow().get(url).cloned())
}

/// Stores a response (also the way to seed the cache before the app runs).
pub fn put(url: &str, response: CachedResponse) {
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= MAX_ENTRIES && !cache.contains_key(url) {
            cache.clear();
        }
        cache.insert(url.to_string(), response);
    });
}

/// Empties the cache (the prerenderer, between pages).
pub fn clear() {
    CACHE.with(|c| c.borrow_mut().clear());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_bounds() {
        let response = CachedResponse {
            paging: Paging::default(),
            body: "[]".into(),
        };
        put("/a", response.clone());
        assert_eq!(get("/a"), Some(response.clone()));
        assert_eq!(get("/b"), None);
        for i in 0..(MAX_ENTRIES * 2) {
            put(&format!("/x{i}"), response.clone());
        }
        CACHE.with(|c| assert!(c.borrow().len() <= MAX_ENTRIES));
    }
}
