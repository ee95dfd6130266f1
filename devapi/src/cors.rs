//! The headers WordPress puts on every REST response (`rest_send_cors_headers`
//! and the REST server's own): CORS echoing the request's `Origin`, and the
//! API discovery `Link`.

use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::Response;

pub const EXPOSE_HEADERS: &str = "X-WP-Total, X-WP-TotalPages, Link";
pub const ALLOW_HEADERS: &str =
    "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type";
pub const ALLOW_METHODS: &str = "OPTIONS, GET, POST, PUT, PATCH, DELETE";

/// Adds the CORS headers. WordPress echoes any `Origin` (with credentials)
/// and sends `Vary: Origin` when there is one, or on anonymous GETs.
pub fn apply(resp: &mut Response, method: &Method, request_headers: &HeaderMap) {
    let h = resp.headers_mut();
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    h.insert(
        "access-control-allow-headers",
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    let origin = request_headers
        .get(header::ORIGIN)
        .filter(|o| !o.is_empty())
        .cloned();
    if let Some(origin) = origin {
        h.insert("access-control-allow-origin", origin);
        h.insert(
            "access-control-allow-methods",
            HeaderValue::from_static(ALLOW_METHODS),
        );
        h.insert(
            "access-control-allow-credentials",
            HeaderValue::from_static("true"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    } else if method == Method::GET || method == Method::HEAD {
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
}

/// CORS plus the REST-only headers: `Link` to the API root unless the
/// handler set its own (pagination or a post's permalink replace it, as in
/// WordPress), and `X-Content-Type-Options`/`X-Robots-Tag` as WordPress sends them.
pub fn apply_rest(resp: &mut Response, method: &Method, request_headers: &HeaderMap, origin: &str) {
    apply(resp, method, request_headers);
    let h = resp.headers_mut();
    if !h.contains_key(header::LINK) {
        if let Ok(v) =
            HeaderValue::from_str(&format!("<{origin}/wp-json/>; rel=\"https://api.w.org/\""))
        {
            h.insert(header::LINK, v);
        }
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
}
