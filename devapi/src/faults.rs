//! Fault injection for end-to-end tests (`--test-control` only):
//! `POST /__test/fault {"path_prefix","kind","times"?,"method"?}` and
//! `POST /__test/clear`; and content inserted behind the REST API's back
//! (like a plugin or an import writing to the database directly):
//! `POST /__test/posts {"slug","title","content"}` and
//! `POST /__test/comments {"post","content","author_name"}`. Changes to
//! the content itself (edit, trash, publish, approve) are in
//! [`crate::control`].
//!
//! Faults match any request path by prefix, except `/__test/…` and OPTIONS
//! preflights (a browser's preflight would otherwise use up a `times: 1`
//! fault meant for the real request). Fault responses carry the CORS
//! headers, so a cross-origin frontend can observe the status (a real proxy
//! error page would not have them).

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, Response, StatusCode};
use axum::middleware::Next;
use serde::Deserialize;
use serde_json::json;

use crate::content::{self, Comment, CommentStatus, Post};
use crate::cors;
use crate::query::Params;
use crate::rest::Ctx;
use crate::shapes::{self, PostEmbedded};
use crate::state::{client_ip, Shared};
use crate::test_kit_state::{AbortConnection, FaultKind, FaultRequest, KINDS};
use crate::wp::{Rest, WpError, JSON_CONTENT_TYPE};

fn plain(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response<Body> {
    let mut resp = Response::new(body.into());
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

fn nginx_page(code: u16, reason: &str) -> String {
    format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
}

pub async fn middleware(State(state): State<Shared>, req: Request, next: Next) -> Response<Body> {
    if req.uri().path().starts_with("/__test/") || req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let Some(kind) = state.faults.take(req.method(), req.uri().path()) else {
        return next.run(req).await;
    };
    let method = req.method().clone();
    let headers = req.headers().clone();
    let mut resp = match kind {
        FaultKind::ServerError => {
            // What WordPress's fatal error handler sends to REST clients.
            let err = WpError::new(
                500,
                "internal_server_error",
                "<p>There has been a critical error on this website.</p><p><a href=\"https://wordpress.org/support/article/faq-troubleshooting/\">Learn more about troubleshooting WordPress.</a></p>",
            );
            let mut body = err.body();
            body["additional_errors"] = json!([]);
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                JSON_CONTENT_TYPE,
                body.to_string(),
            )
        }
        FaultKind::BadGatewayHtml => plain(
            StatusCode::BAD_GATEWAY,
            "text/html",
            nginx_page(502, "Bad Gateway"),
        ),
        FaultKind::UnavailableHtml => plain(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html",
            nginx_page(503, "Service Temporarily Unavailable"),
        ),
        FaultKind::Slow => {
            tokio::time::sleep(state.config.slow_fault_delay).await;
            return next.run(req).await;
        }
        FaultKind::Malformed => {
            // The real answer, cut in half: valid start, invalid JSON.
            let inner = next.run(req).await;
            let bytes = to_bytes(inner.into_body(), usize::MAX)
                .await
                .unwrap_or_default();
            let cut = if bytes.len() > 2 {
                bytes.slice(..bytes.len() / 2)
            } else {
                axum::body::Bytes::from_static(b"[{\"id\":")
            };
            plain(StatusCode::OK, JSON_CONTENT_TYPE, cut)
        }
        FaultKind::WrongShape => plain(StatusCode::OK, JSON_CONTENT_TYPE, "{\"unexpected\":true}"),
        FaultKind::Empty => plain(StatusCode::OK, JSON_CONTENT_TYPE, ""),
        FaultKind::NotFound => plain(
            StatusCode::NOT_FOUND,
            JSON_CONTENT_TYPE,
            WpError::no_route().to_json(),
        ),
        FaultKind::Reset => {
            let mut resp = plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/plain",
                "connection reset by fault injection",
            );
            resp.extensions_mut().insert(AbortConnection);
            return resp;
        }
    };
    cors::apply(&mut resp, &method, &headers);
    resp
}

fn control_json(status: StatusCode, body: serde_json::Value) -> Response<Body> {
    plain(status, JSON_CONTENT_TYPE, body.to_string())
}

/// `/__test/fault`, `/__test/clear`, `/__test/posts`, `/__test/comments`,
/// and the content changes of [`crate::control`].
pub async fn control(state: Shared, req: Request) -> Response<Body> {
    let path = req.uri().path().trim_end_matches('/').to_string();
    if req.method() != Method::POST {
        return control_json(StatusCode::METHOD_NOT_ALLOWED, json!({"error": "use POST"}));
    }
    match path.as_str() {
        "/__test/fault" => {
            let body = to_bytes(req.into_body(), 64 * 1024)
                .await
                .unwrap_or_default();
            let fault = serde_json::from_slice::<FaultRequest>(&body)
                .map_err(|e| e.to_string())
                .and_then(FaultRequest::into_fault);
            match fault {
                Ok(fault) => {
                    state.faults.add(fault);
                    control_json(StatusCode::OK, json!({"ok": true}))
                }
                Err(e) => control_json(
                    StatusCode::BAD_REQUEST,
                    json!({"error": e, "kinds": KINDS.iter().map(|(n, _)| *n).collect::<Vec<_>>()}),
                ),
            }
        }
        "/__test/clear" => {
            state.faults.clear();
            control_json(StatusCode::OK, json!({"ok": true}))
        }
        "/__test/posts" => {
            let body = to_bytes(req.into_body(), MAX_TEST_BODY)
                .await
                .unwrap_or_default();
            match serde_json::from_slice::<NewTestPost>(&body)
                .map_err(|e| e.to_string())
                .and_then(|p| insert_post(&state, p))
            {
                Ok(id) => control_json(StatusCode::CREATED, json!({"ok": true, "id": id})),
                Err(e) => control_json(StatusCode::BAD_REQUEST, json!({"error": e})),
            }
        }
        "/__test/comments" => {
            let body = to_bytes(req.into_body(), MAX_TEST_BODY)
                .await
                .unwrap_or_default();
            match serde_json::from_slice::<NewTestComment>(&body)
                .map_err(|e| e.to_string())
                .and_then(|c| insert_comment(&state, c))
            {
                Ok(id) => control_json(StatusCode::CREATED, json!({"ok": true, "id": id})),
                Err(e) => control_json(StatusCode::BAD_REQUEST, json!({"error": e})),
            }
        }
        "/__test/edit" | "/__test/trash" | "/__test/publish" | "/__test/approve"
        | "/__test/unapprove" => {
            let body = to_bytes(req.into_body(), MAX_TEST_BODY)
                .await
                .unwrap_or_default();
            let (status, answer) = crate::control::handle(&state, &path, &body);
            control_json(status, answer)
        }
        _ => control_json(
            StatusCode::NOT_FOUND,
            json!({"error": "unknown test route"}),
        ),
    }
}

/// Largest body `/__test/posts` and `/__test/comments` read.
const MAX_TEST_BODY: usize = 1024 * 1024;

/// Test posts are published in Practice Notes by Nidhi.
const TEST_POST_CATEGORY: u64 = 3;
const TEST_POST_AUTHOR: u64 = 2;
/// Ids of test posts start here, far from the demo content's.
const FIRST_TEST_POST_ID: u64 = 1000;

#[derive(Deserialize)]
struct NewTestPost {
    slug: String,
    title: String,
    content: String,
}

#[derive(Deserialize)]
struct NewTestComment {
    post: u64,
    content: String,
    author_name: String,
}

fn insert_post(state: &Shared, new: NewTestPost) -> Result<u64, String> {
    let slug = new.slug;
    if slug.is_empty()
        || !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(format!(
            "slug {slug:?} must be lowercase letters, digits and '-'"
        ));
    }
    let mut posts = state.test_posts.lock();
    if state.site().posts.iter().any(|p| p.slug == slug) || posts.iter().any(|p| p.slug == slug) {
        return Err(format!("slug {slug:?} is taken"));
    }
    // After every id in use (a generated site's go past 1000).
    let id = posts
        .iter()
        .map(|p| p.id)
        .chain([state.site().max_id(), FIRST_TEST_POST_ID - 1])
        .max()
        .unwrap_or(0)
        + 1;
    let now = state.now();
    posts.push(Post {
        id,
        slug,
        title: new.title,
        date: now,
        modified: now,
        author: TEST_POST_AUTHOR,
        categories: vec![TEST_POST_CATEGORY],
        tags: Vec::new(),
        featured_media: 0,
        comment_status: "open".to_string(),
        ping_status: "open".to_string(),
        sticky: false,
        body: content::Body::stored(new.content.clone(), None, new.content),
        ..Post::default()
    });
    Ok(id)
}

/// Stores the comment approved and unfiltered, as `wp_insert_comment` does
/// (the REST output still goes through `comment_text`'s `wpautop`).
fn insert_comment(state: &Shared, new: NewTestComment) -> Result<u64, String> {
    let known =
        state.site().entry(new.post).is_some() || state.test_posts.by_id(new.post).is_some();
    if !known {
        return Err(format!("no post {}", new.post));
    }
    if new.content.is_empty() {
        return Err("content must not be empty".to_string());
    }
    let mut store = state.comments.lock().unwrap_or_else(|p| p.into_inner());
    let id = store.next_id();
    store.insert(Comment {
        id,
        post: new.post,
        parent: 0,
        user_id: 0,
        author_name: new.author_name,
        author_email: "test-control@example.invalid".to_string(),
        author_url: String::new(),
        author_ip: "127.0.0.1".to_string(),
        date: state.now(),
        content: new.content,
        status: CommentStatus::Approved,
    })?;
    Ok(id)
}

/// `GET /wp-json/wp/v2/posts?slug=<test post>` and
/// `GET /wp-json/wp/v2/posts/<test post id>`, answered in the shape of the
/// real routes (with `_embed`'s author and terms); `None` for any other
/// request.
pub fn answer_test_post(state: &Shared, req: &Request) -> Option<Response<Body>> {
    let method = req.method().clone();
    if method != Method::GET && method != Method::HEAD {
        return None;
    }
    let route = req
        .uri()
        .path()
        .strip_prefix("/wp-json/wp/v2/posts")?
        .trim_matches('/');
    let params = Params::parse(req.uri().query().unwrap_or(""));
    let (post, single) = if route.is_empty() {
        match params.list("slug")?.as_slice() {
            [slug] => (state.test_posts.by_slug(slug)?, false),
            _ => return None,
        }
    } else {
        (state.test_posts.by_id(route.parse().ok()?)?, true)
    };
    let headers = req.headers().clone();
    let ctx = Ctx {
        site: state.site(),
        state: state.clone(),
        origin: state.origin(&headers),
        params,
        headers,
        client_ip: client_ip(req),
    };
    let mut out = shapes::post(&ctx, &post);
    if ctx.params.has("_embed") {
        let site = &ctx.site;
        out._embedded = Some(PostEmbedded {
            author: site
                .user(post.author)
                .map(|u| vec![shapes::user(&ctx, u, true)]),
            term: Some(vec![
                site.categories
                    .iter()
                    .filter(|t| post.categories.contains(&t.id))
                    .map(|t| shapes::term(&ctx, "categories", t, None))
                    .collect(),
                Vec::new(),
            ]),
            ..PostEmbedded::default()
        });
    }
    let rest = if single {
        Rest::json(&out)
    } else {
        Rest {
            total: Some((1, 1)),
            ..Rest::ok(crate::rest::items_json(&ctx, &[out]))
        }
    };
    let rest = crate::rest::apply_fields(&ctx, rest, crate::fields::Shape::Item);
    let mut resp = rest.into_response();
    cors::apply_rest(&mut resp, &method, &ctx.headers, &ctx.origin);
    Some(resp)
}
