//! Takes over the requests `index.html` starts before the WASM has loaded
//! (`window.__blogEarly`: request URL → `{response: promise of {status,
//! total, pages, body}, abort}`), so the article's data arrives while the app
//! downloads instead of after it starts. Each is used once; anything odd
//! falls back to a normal request, which has the typed errors and the
//! timeout. One that outlives the timeout is aborted: Chromium would make the
//! next request for the same URL wait behind it.

use blog_core::data::pagination::Paging;
use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::transport::cache::CachedResponse;

/// The early response for `url`, if the page started one and it succeeded
/// within `timeout_ms`.
pub async fn take(url: &str, timeout_ms: u32) -> Option<CachedResponse> {
    let window = web_sys::window()?;
    let early = Reflect::get(&window, &"__blogEarly".into()).ok()?;
    if early.is_undefined() || early.is_null() {
        return None;
    }
    let key = JsValue::from_str(url);
    let entry = Reflect::get(&early, &key).ok()?;
    // Used once: a Retry must go to the network.
    let _ = Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key);
    let promise: Promise = Reflect::get(&entry, &"response".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let deadline = Promise::new(&mut |resolve, _| {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_ms as i32);
    });
    let value = JsFuture::from(Promise::race(&js_sys::Array::of2(&promise, &deadline)))
        .await
        .ok()?;
    if value.is_undefined() {
        if let Ok(abort) = Reflect::get(&entry, &"abort".into()) {
            if let Some(abort) = abort.dyn_ref::<js_sys::Function>() {
                let _ = abort.call0(&JsValue::NULL);
            }
        }
        return None;
    }
    let status = Reflect::get(&value, &"status".into()).ok()?.as_f64()? as u16;
    if !(200..300).contains(&status) {
        return None;
    }
    let text = |name: &str| {
        Reflect::get(&value, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    Some(CachedResponse {
        paging: Paging::from_headers(text("total").as_deref(), text("pages").as_deref()),
        body: text("body")?,
    })
}
