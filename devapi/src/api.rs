//! `/wp-json/…`: route matching, the index, preflights, and the headers every
//! REST response carries.

use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::{header, HeaderMap, Method};
use axum::response::Response;
use serde::Serialize;
use serde_json::{json, Value};

use crate::content::Kind;
use crate::fields::Shape;
use crate::query::Params;
use crate::rest::{apply_fields, Ctx};
use crate::state::{client_ip, Shared};
use crate::wp::{Rest, RestResult, WpError};
use crate::{comments, cors, posts, terms, users};

/// Largest request body read (a maximal comment is ~64 KiB).
const MAX_BODY: usize = 4 * 1024 * 1024;

/// The routes this server knows, for the index and for preflights.
const ROUTES: &[(&str, &[&[&str]])] = &[
    ("/", &[&["GET"]]),
    ("/wp/v2", &[&["GET"]]),
    ("/wp/v2/posts", &[&["GET"], &["POST"]]),
    ("/wp/v2/posts/(?P<id>[\\d]+)", ITEM_METHODS),
    ("/wp/v2/pages", &[&["GET"], &["POST"]]),
    ("/wp/v2/pages/(?P<id>[\\d]+)", ITEM_METHODS),
    ("/wp/v2/categories", &[&["GET"], &["POST"]]),
    ("/wp/v2/categories/(?P<id>[\\d]+)", ITEM_METHODS),
    ("/wp/v2/tags", &[&["GET"], &["POST"]]),
    ("/wp/v2/tags/(?P<id>[\\d]+)", ITEM_METHODS),
    ("/wp/v2/users", &[&["GET"], &["POST"]]),
    ("/wp/v2/users/(?P<id>[\\d]+)", ITEM_METHODS),
    ("/wp/v2/media/(?P<id>[\\d]+)", ITEM_METHODS),
    ("/wp/v2/comments", &[&["GET"], &["POST"]]),
    ("/wp/v2/comments/(?P<id>[\\d]+)", ITEM_METHODS),
];

/// An item route's endpoints: read, update, delete (only reading is open to
/// an anonymous visitor).
const ITEM_METHODS: &[&[&str]] = &[&["GET"], &["POST", "PUT", "PATCH"], &["DELETE"]];

fn parse_id(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // An id too large for u64 cannot exist anyway.
    Some(s.parse().unwrap_or(u64::MAX))
}

/// The method WordPress acts on: `?_method=` (or `X-HTTP-Method-Override`)
/// overrides a POST's, as `WP_REST_Server::serve_request` does, so a client
/// can send a GET's parameters in a POST body (a password kept out of URLs
/// and logs).
fn effective_method(method: &Method, params: &Params, headers: &HeaderMap) -> Method {
    if method != Method::POST {
        return method.clone();
    }
    let wanted = params.get("_method").map(str::to_string).or_else(|| {
        headers
            .get("x-http-method-override")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    wanted
        .and_then(|m| Method::from_bytes(m.to_ascii_uppercase().as_bytes()).ok())
        .unwrap_or_else(|| method.clone())
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// `WP_REST_Request::parse_json_params` for a request acted on as a GET: a
/// JSON object body's members become parameters ahead of the query string's;
/// a body that is not JSON is an error (once a route matched).
fn merge_json_body(params: &mut Params, headers: &HeaderMap, body: &[u8]) -> Option<WpError> {
    if body.is_empty() || !is_json(headers) {
        return None;
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => {
            params.merge_json(&map);
            None
        }
        Ok(_) => None,
        Err(_) => {
            let (code, message) = if std::str::from_utf8(body).is_err() {
                (
                    5,
                    "Malformed UTF-8 characters, possibly incorrectly encoded",
                )
            } else {
                (4, "Syntax error")
            };
            Some(
                WpError::new(400, "rest_invalid_json", "Invalid JSON body passed.")
                    .with_data("json_error_code", Value::from(code))
                    .with_data("json_error_message", Value::from(message)),
            )
        }
    }
}

pub async fn handle(state: Shared, req: Request) -> Response {
    let request_method = req.method().clone();
    let headers = req.headers().clone();
    let origin = state.origin(&headers);
    let route = req
        .uri()
        .path()
        .trim_start_matches("/wp-json")
        .trim_matches('/')
        .to_string();
    let mut params = Params::parse(req.uri().query().unwrap_or(""));
    let method = effective_method(&request_method, &params, &headers);
    let ip = client_ip(&req);
    let body = if request_method == Method::POST {
        match to_bytes(req.into_body(), MAX_BODY).await {
            Ok(b) => Some(b),
            Err(_) => {
                let err = WpError::new(413, "rest_request_too_large", "Request body too large.");
                let mut resp = Rest::from(err).into_response();
                cors::apply_rest(&mut resp, &request_method, &headers, &origin);
                return resp;
            }
        }
    } else {
        None
    };
    let json_error = if method == Method::GET || method == Method::HEAD {
        merge_json_body(&mut params, &headers, body.as_deref().unwrap_or_default())
    } else {
        None
    };
    let ctx = Ctx {
        site: state.site(),
        state,
        origin,
        params,
        headers,
        client_ip: ip,
    };

    let segments: Vec<&str> = if route.is_empty() {
        Vec::new()
    } else {
        route.split('/').collect()
    };
    let is_get = method == Method::GET || method == Method::HEAD;
    let mut shape = Shape::Item;
    let result: RestResult = if method == Method::OPTIONS {
        Ok(preflight(&ctx, &segments))
    } else if is_get {
        match get_route(&ctx, &segments) {
            Some((result, s)) => {
                shape = s;
                result
            }
            None => Err(WpError::no_route()),
        }
    } else if method == Method::POST {
        match segments.as_slice() {
            ["wp", "v2", base @ ("posts" | "pages"), id] if parse_id(id).is_some() => {
                posts::update(&ctx, kind_of(base), parse_id(id).unwrap_or_default())
            }
            ["wp", "v2", "comments"] => comments::create(&ctx, body.as_deref().unwrap_or_default()),
            _ => Err(WpError::no_route()),
        }
    } else {
        Err(WpError::no_route())
    };
    // A body that is not JSON fails any route that matched (before its
    // permission checks), with the route's Allow header.
    let result = match json_error {
        Some(e) if !matches!(&result, Err(found) if found.code == "rest_no_route") => {
            Err(e.allow("GET"))
        }
        _ => result,
    };
    let rest = match result {
        Ok(rest) => apply_fields(&ctx, rest, shape),
        Err(e) => Rest::from(e),
    };
    let mut resp = rest.into_response();
    // CORS as for the method the request came with (a POST's answer has no
    // `Vary: Origin` without an Origin, even when it acted as a GET).
    cors::apply_rest(&mut resp, &request_method, &ctx.headers, &ctx.origin);
    resp
}

fn route_description(ctx: &Ctx, pattern: &str, endpoints: &[&[&str]]) -> Value {
    let namespace = if pattern == "/" { "" } else { "wp/v2" };
    let href = ctx.api_url(pattern.trim_start_matches('/'));
    let methods: Vec<&str> = endpoints.iter().flat_map(|e| e.iter().copied()).collect();
    let mut v = json!({
        "namespace": namespace,
        "methods": methods,
        "endpoints": endpoints.iter().map(|m| json!({"methods": m, "args": {}})).collect::<Vec<_>>(),
    });
    if !pattern.contains('(') {
        v["_links"] = json!({"self": [{"href": href}]});
    }
    v
}

fn kind_of(base: &str) -> Kind {
    if base == "pages" {
        Kind::Page
    } else {
        Kind::Post
    }
}

/// The GET routes: the answer and its shape (for `_fields`), or `None` when
/// no route matches.
fn get_route(ctx: &Ctx, segments: &[&str]) -> Option<(RestResult, Shape)> {
    let item = |r: RestResult| Some((r, Shape::Item));
    let id = |s: &str| parse_id(s).unwrap_or_default();
    match segments {
        [] => Some((Ok(index(ctx)), Shape::Index)),
        ["wp", "v2"] => Some((Ok(namespace_index(ctx)), Shape::Index)),
        ["wp", "v2", base @ ("posts" | "pages")] => item(posts::list(ctx, kind_of(base))),
        ["wp", "v2", base @ ("posts" | "pages"), n] if parse_id(n).is_some() => {
            item(posts::single(ctx, kind_of(base), id(n)))
        }
        ["wp", "v2", "media", n] if parse_id(n).is_some() => item(posts::media(ctx, id(n))),
        ["wp", "v2", tax @ ("categories" | "tags")] => item(terms::list(ctx, tax)),
        ["wp", "v2", tax @ ("categories" | "tags"), n] if parse_id(n).is_some() => {
            item(terms::single(ctx, tax, id(n)))
        }
        ["wp", "v2", "users"] => item(users::list(ctx)),
        ["wp", "v2", "users", n] if parse_id(n).is_some() => item(users::single(ctx, id(n))),
        ["wp", "v2", "comments"] => item(comments::list(ctx)),
        ["wp", "v2", "comments", n] if parse_id(n).is_some() => item(comments::single(ctx, id(n))),
        _ => None,
    }
}

/// OPTIONS: 200 with a description of the route (WordPress answers every
/// preflight this way, with the CORS headers). `Allow: GET` when a GET of
/// the same address would be permitted, as WordPress's permission callbacks
/// decide (never for the comment list, where WordPress sends none).
fn preflight(ctx: &Ctx, segments: &[&str]) -> Rest {
    let path = format!("/{}", segments.join("/"));
    let found = ROUTES.iter().find(|(pattern, _)| {
        let p: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
        let s: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        p.len() == s.len()
            && p.iter()
                .zip(&s)
                .all(|(p, s)| p == s || (p.starts_with("(?P<id>") && parse_id(s).is_some()))
    });
    let body = match found {
        Some((pattern, methods)) => route_description(ctx, pattern, methods),
        None => json!({"namespace": "", "methods": [], "endpoints": []}),
    };
    let readable = !segments.is_empty()
        && segments != ["wp", "v2"]
        && segments != ["wp", "v2", "comments"]
        && matches!(get_route(ctx, segments), Some((Ok(_), _)));
    Rest::json(&body).allow(readable.then_some("GET"))
}

#[derive(Serialize)]
struct IndexOut<'a> {
    name: &'a str,
    description: &'a str,
    url: &'a str,
    home: &'a str,
    gmt_offset: &'a str,
    timezone_string: &'a str,
    namespaces: [&'a str; 1],
    authentication: [u8; 0],
    routes: Value,
    site_logo: u32,
    site_icon: u64,
    site_icon_url: &'a str,
    _links: IndexLinks,
}

fn index(ctx: &Ctx) -> Rest {
    let routes: serde_json::Map<String, Value> = ROUTES
        .iter()
        .map(|(p, m)| (p.to_string(), route_description(ctx, p, m)))
        .collect();
    let info = &ctx.site.info;
    let icon_url = ctx
        .site
        .media_item(info.site_icon)
        .map(|m| crate::shapes::media(ctx, m, false).source_url)
        .unwrap_or_default();
    Rest::json(&IndexOut {
        name: &info.name,
        description: &info.description,
        url: &ctx.origin,
        home: &ctx.origin,
        gmt_offset: "0",
        timezone_string: "",
        namespaces: ["wp/v2"],
        authentication: [],
        routes: Value::Object(routes),
        site_logo: 0,
        site_icon: info.site_icon,
        // `get_site_icon_url()`: the full image.
        site_icon_url: &icon_url,
        _links: index_links(ctx, info.site_icon),
    })
}

/// The index's links: the handbook, and the site icon's media item
/// (`add_image_to_index`), in WordPress's order.
#[derive(Serialize)]
struct IndexLinks {
    help: Value,
    #[serde(rename = "wp:featuredmedia", skip_serializing_if = "Option::is_none")]
    featured_media: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    curies: Option<Value>,
}

fn index_links(ctx: &Ctx, site_icon: u64) -> IndexLinks {
    let icon = (site_icon != 0).then(|| {
        let href = ctx.api_url(&format!("wp/v2/media/{site_icon}"));
        json!([{"embeddable": true, "type": "site_icon", "href": href}])
    });
    IndexLinks {
        help: json!([{"href": "https://developer.wordpress.org/rest-api/"}]),
        curies: icon
            .is_some()
            .then(|| json!([{"name": "wp", "href": "https://api.w.org/{rel}", "templated": true}])),
        featured_media: icon,
    }
}

fn namespace_index(ctx: &Ctx) -> Rest {
    let routes: serde_json::Map<String, Value> = ROUTES
        .iter()
        .filter(|(p, _)| p.starts_with("/wp/v2"))
        .map(|(p, m)| (p.to_string(), route_description(ctx, p, m)))
        .collect();
    Rest::json(&json!({
        "namespace": "wp/v2",
        "routes": routes,
        "_links": {"up": [{"href": ctx.api_url("")}]},
    }))
}
