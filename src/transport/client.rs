//! HTTP over `fetch` (gloo-net) with a time bound and typed errors.

use std::cell::Cell;
use std::rc::Rc;

use blog_core::data::error::ApiError;
use blog_core::data::pagination::Paging;
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::transport::cache::{self, CachedResponse};
use crate::transport::config;
use crate::transport::early;

/// A decoded successful response.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: T,
    pub paging: Paging,
}

/// GETs `route` (relative to the API base) through the cache. Only a
/// response that decodes is kept: a garbled one must not outlive its Retry.
pub async fn get_cached<T: DeserializeOwned>(route: &str) -> Result<Page<T>, ApiError> {
    let url = config::get().endpoint(route);
    if let Some(hit) = cache::get(&url) {
        return decode(&hit);
    }
    let fresh = match early::take(&url, config::get().timeout_ms).await {
        Some(early) => early,
        None => send(Request::get(&url)).await?,
    };
    let page = decode(&fresh)?;
    cache::put(&url, fresh);
    Ok(page)
}

/// What the cache holds for `route`, decoded, without waiting: the first
/// render of a seeded (prerendered) or revisited page. A body that does not
/// decode counts as absent, so the page fetches it instead.
pub fn peek<T: DeserializeOwned>(route: &str) -> Option<Page<T>> {
    decode(&cache::get(&config::get().endpoint(route))?).ok()
}

/// GETs `route` from the network, bypassing the cache (data that changes
/// while the reader is on the page, such as comments).
pub async fn get_fresh<T: DeserializeOwned>(route: &str) -> Result<Page<T>, ApiError> {
    let url = config::get().endpoint(route);
    decode(&send(Request::get(&url)).await?)
}

/// The same, proving access to a protected post: with a password, a POST
/// that WordPress answers as a GET (`_method=GET`), the password in its JSON
/// body, so it is never in a URL (nor in a server's access log).
pub async fn get_fresh_with<T: DeserializeOwned>(
    route: &str,
    password: Option<&str>,
) -> Result<Page<T>, ApiError> {
    let Some(password) = password else {
        return get_fresh(route).await;
    };
    let sep = if route.contains('?') { '&' } else { '?' };
    let url = config::get().endpoint(&format!("{route}{sep}_method=GET"));
    let body = serde_json::json!({ "password": password }).to_string();
    let builder = Request::post(&url).header("Content-Type", "application/json");
    decode(&send_with(builder, Some(body)).await?)
}

/// POSTs a JSON body to `route`; the raw successful response is returned so
/// the caller can read its status-specific body.
pub async fn post_json(route: &str, body: &impl serde::Serialize) -> Result<String, ApiError> {
    let url = config::get().endpoint(route);
    let json = serde_json::to_string(body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let builder = Request::post(&url).header("Content-Type", "application/json");
    send_with(builder, Some(json)).await.map(|r| r.body)
}

fn decode<T: DeserializeOwned>(response: &CachedResponse) -> Result<Page<T>, ApiError> {
    let items =
        serde_json::from_str(&response.body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    Ok(Page {
        items,
        paging: response.paging,
    })
}

async fn send(builder: RequestBuilder) -> Result<CachedResponse, ApiError> {
    send_with(builder, None).await
}

/// Sends with an `AbortController` that fires after the configured bound, so
/// a server that never answers cannot leave a spinner forever.
async fn send_with(
    builder: RequestBuilder,
    body: Option<String>,
) -> Result<CachedResponse, ApiError> {
    let timeout_ms = config::get().timeout_ms;
    let seconds = timeout_ms.div_ceil(1000);
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.as_ref().and_then(|c| {
        let c = c.clone();
        let flag = timed_out.clone();
        let on_timeout = Closure::once_into_js(move || {
            flag.set(true);
            c.abort();
        });
        web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.unchecked_ref(),
                timeout_ms as i32,
            )
            .ok()
    });
    let signal = controller.as_ref().map(|c| c.signal());
    let builder = builder
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref());
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    };

    let result = async {
        let request = request.map_err(|e| ApiError::Network(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| network_error(e, &timed_out, seconds))?;
        let status = response.status();
        let headers = response.headers();
        let paging = Paging::from_headers(
            headers.get("x-wp-total").as_deref(),
            headers.get("x-wp-totalpages").as_deref(),
        );
        let body = response
            .text()
            .await
            .map_err(|e| network_error(e, &timed_out, seconds))?;
        if (200..300).contains(&status) {
            Ok(CachedResponse { paging, body })
        } else {
            Err(ApiError::from_response(status, &body))
        }
    }
    .await;

    if let (Some(id), Some(window)) = (timer, web_sys::window()) {
        window.clear_timeout_with_handle(id);
    }
    if let Err(e) = &result {
        web_sys::console::warn_1(&format!("API request failed: {}", e.detail()).into());
    }
    result
}

fn network_error(e: gloo_net::Error, timed_out: &Cell<bool>, seconds: u32) -> ApiError {
    if timed_out.get() {
        ApiError::Timeout { seconds }
    } else {
        ApiError::Network(e.to_string())
    }
}
