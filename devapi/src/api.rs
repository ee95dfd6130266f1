//! `/wp-json/…`: route matching, the index, preflights, and the headers every
//! REST response carries.

use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use serde::Serialize;
use serde_json::{json, Value};

use crate::app::{client_ip, Shared};
use crate::query::Params;
use crate::wp::{Rest, RestResult, WpError};
use crate::{comments, cors, posts, terms, users};

/// Largest request body read (a maximal comment is ~64 KiB).
const MAX_BODY: usize = 4 * 1024 * 1024;

/// What a handler needs to know about the request.
pub struct Ctx {
    pub state: Shared,
    /// `http://host:port`, for absolute links.
    pub origin: String,
    pub params: Params,
    pub headers: HeaderMap,
    pub client_ip: String,
}

impl Ctx {
    /// `http://host/wp-json/<route>`.
    pub fn api_url(&self, route: &str) -> String {
        format!("{}/wp-json/{route}", self.origin)
    }

    /// `http://host/<path>` on the site itself.
    pub fn home_url(&self, path: &str) -> String {
        format!("{}/{path}", self.origin)
    }
}

/// The routes this server knows, for the index and for preflights.
const ROUTES: &[(&str, &[&str])] = &[
    ("/", &["GET"]),
    ("/wp/v2", &["GET"]),
    ("/wp/v2/posts", &["GET"]),
    ("/wp/v2/posts/(?P<id>[\\d]+)", &["GET"]),
    ("/wp/v2/categories", &["GET"]),
    ("/wp/v2/categories/(?P<id>[\\d]+)", &["GET"]),
    ("/wp/v2/tags", &["GET"]),
    ("/wp/v2/tags/(?P<id>[\\d]+)", &["GET"]),
    ("/wp/v2/users", &["GET"]),
    ("/wp/v2/users/(?P<id>[\\d]+)", &["GET"]),
    ("/wp/v2/media/(?P<id>[\\d]+)", &["GET"]),
    ("/wp/v2/comments", &["GET", "POST"]),
    ("/wp/v2/comments/(?P<id>[\\d]+)", &["GET"]),
];

fn parse_id(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // An id too large for u64 cannot exist anyway.
    Some(s.parse().unwrap_or(u64::MAX))
}

pub async fn handle(state: Shared, req: Request) -> Response {
    let method = req.method().clone();
    let headers = req.headers().clone();
    let origin = state.origin(&headers);
    let route = req
        .uri()
        .path()
        .trim_start_matches("/wp-json")
        .trim_matches('/')
        .to_string();
    let params = Params::parse(req.uri().query().unwrap_or(""));
    let ip = client_ip(&req);
    let body = if method == Method::POST {
        match to_bytes(req.into_body(), MAX_BODY).await {
            Ok(b) => Some(b),
            Err(_) => {
                let err = WpError::new(413, "rest_request_too_large", "Request body too large.");
                let mut resp = Rest::from(err).into_response();
                cors::apply_rest(&mut resp, &method, &headers, &origin);
                return resp;
            }
        }
    } else {
        None
    };
    let ctx = Ctx {
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
    let result: RestResult = if method == Method::OPTIONS {
        Ok(preflight(&ctx, &segments))
    } else {
        match (segments.as_slice(), is_get, method == Method::POST) {
            ([], true, _) => Ok(index(&ctx)),
            (["wp", "v2"], true, _) => Ok(namespace_index(&ctx)),
            (["wp", "v2", "posts"], true, _) => posts::list(&ctx),
            (["wp", "v2", "posts", id], true, _) if parse_id(id).is_some() => {
                posts::single(&ctx, parse_id(id).unwrap_or_default())
            }
            (["wp", "v2", "media", id], true, _) if parse_id(id).is_some() => {
                posts::media(&ctx, parse_id(id).unwrap_or_default())
            }
            (["wp", "v2", tax @ ("categories" | "tags")], true, _) => terms::list(&ctx, tax),
            (["wp", "v2", tax @ ("categories" | "tags"), id], true, _)
                if parse_id(id).is_some() =>
            {
                terms::single(&ctx, tax, parse_id(id).unwrap_or_default())
            }
            (["wp", "v2", "users"], true, _) => users::list(&ctx),
            (["wp", "v2", "users", id], true, _) if parse_id(id).is_some() => {
                users::single(&ctx, parse_id(id).unwrap_or_default())
            }
            (["wp", "v2", "comments"], true, _) => comments::list(&ctx),
            (["wp", "v2", "comments"], _, true) => {
                comments::create(&ctx, body.as_deref().unwrap_or_default())
            }
            (["wp", "v2", "comments", id], true, _) if parse_id(id).is_some() => {
                comments::single(&ctx, parse_id(id).unwrap_or_default())
            }
            _ => Err(WpError::no_route()),
        }
    };
    let mut resp = result.unwrap_or_else(Rest::from).into_response();
    cors::apply_rest(&mut resp, &method, &ctx.headers, &ctx.origin);
    resp
}

fn route_description(ctx: &Ctx, pattern: &str, methods: &[&str]) -> Value {
    let namespace = if pattern == "/" { "" } else { "wp/v2" };
    let href = ctx.api_url(pattern.trim_start_matches('/'));
    let mut v = json!({
        "namespace": namespace,
        "methods": methods,
        "endpoints": methods.iter().map(|m| json!({"methods": [m], "args": {}})).collect::<Vec<_>>(),
    });
    if !pattern.contains('(') {
        v["_links"] = json!({"self": [{"href": href}]});
    }
    v
}

/// OPTIONS: 200 with a description of the route (WordPress answers every
/// preflight this way, with the CORS headers).
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
    Rest::json(&body).allow(None)
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
    site_icon: u32,
    site_icon_url: &'a str,
    _links: Value,
}

fn index(ctx: &Ctx) -> Rest {
    let routes: serde_json::Map<String, Value> = ROUTES
        .iter()
        .map(|(p, m)| (p.to_string(), route_description(ctx, p, m)))
        .collect();
    let info = &ctx.state.site.info;
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
        site_icon: 0,
        site_icon_url: "",
        _links: json!({"help": [{"href": "https://developer.wordpress.org/rest-api/"}]}),
    })
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
