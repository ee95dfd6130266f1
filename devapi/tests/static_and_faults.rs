//! The static site (SPA fallback, `--api-base` rewrite, `--no-api`) and
//! fault injection, in process.

mod common;

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use common::TestApp;
use devapi::test_kit_state::AbortConnection;
use serde_json::{json, Value};
use tower::ServiceExt;

const INDEX: &str = r#"<!doctype html><html><head><script type="application/json" id="blog-config">{"siteName":"Therapy Notes","apiBase":"/wp-json"}</script><script type="module" src="/app.js"></script></head><body></body></html>"#;

fn static_site() -> std::path::PathBuf {
    let dir = common::temp_dir("static");
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("app.js"), "console.log('hi')").unwrap();
    std::fs::write(dir.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/index.html"), "<p>docs</p>").unwrap();
    dir
}

fn config_json(html: &str) -> Value {
    let start = html.find(r#"id="blog-config">"#).unwrap() + r#"id="blog-config">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[tokio::test]
async fn static_site_with_spa_fallback_and_api_base() {
    let site = static_site();
    let app = TestApp::with(|c| {
        c.static_dir = Some(site.clone());
        c.api_base = Some("http://127.0.0.1:9999/wp-json".to_string());
    });

    let root = app.get("/").await;
    assert_eq!(root.status, 200);
    assert_eq!(
        root.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        config_json(&root.text()),
        json!({"siteName": "Therapy Notes", "apiBase": "http://127.0.0.1:9999/wp-json"})
    );

    let js = app.get("/app.js").await;
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(js.text(), "console.log('hi')");
    assert_eq!(
        app.get("/app_bg.wasm").await.header("content-type"),
        Some("application/wasm")
    );
    assert_eq!(app.get("/docs/").await.text(), "<p>docs</p>");

    // Deep links get the app shell, with 200 and the rewritten config.
    for path in [
        "/therapist-client-connection/",
        "/category/therapy",
        "/../../etc/passwd",
    ] {
        let deep = app.get(path).await;
        assert_eq!(deep.status, 200, "{path}");
        assert_eq!(
            config_json(&deep.text())["apiBase"],
            "http://127.0.0.1:9999/wp-json"
        );
    }

    // The API still answers under /wp-json, uploads under /wp-content.
    let api = app.get("/wp-json/wp/v2/posts?per_page=1").await;
    assert_eq!(api.header("x-wp-total"), Some("25"));
    assert_eq!(
        app.get("/wp-json/wp/v2/nope").await.json()["code"],
        "rest_no_route"
    );
    assert_eq!(
        app.get("/wp-content/uploads/calm-horizon.svg").await.status,
        200
    );
    assert_eq!(app.get("/wp-content/uploads/missing.png").await.status, 404);
    assert_eq!(app.send("POST", "/anything", &[], None).await.status, 404);
    let _ = std::fs::remove_dir_all(site);
}

#[tokio::test]
async fn static_only_and_api_only() {
    let site = static_site();
    let app = TestApp::with(|c| {
        c.static_dir = Some(site.clone());
        c.api = false;
    });
    assert_eq!(app.get("/wp-json/wp/v2/posts").await.status, 404);
    let root = app.get("/").await;
    assert_eq!(root.text(), INDEX, "no --api-base: served as is");

    let api_only = TestApp::new();
    assert_eq!(api_only.get("/").await.status, 404);
    assert_eq!(
        api_only
            .get("/wp-content/uploads/calm-horizon.svg")
            .await
            .status,
        200
    );
    let _ = std::fs::remove_dir_all(site);
}

async fn set_fault(app: &TestApp, fault: Value) {
    let r = app.post_json("/__test/fault", &fault).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn test_routes_exist_only_with_the_flag() {
    let app = TestApp::new();
    let r = app
        .post_json("/__test/fault", &json!({"path_prefix": "/", "kind": "500"}))
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(app.get("/wp-json/wp/v2/posts").await.status, 200);
}

#[tokio::test]
async fn fault_round_trip() {
    let app = TestApp::with(|c| c.test_control = true);
    let posts = "/wp-json/wp/v2/posts";

    // A single 500, with the CORS headers, then back to normal.
    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "500", "times": 1}),
    )
    .await;
    // A preflight does not use up the fault.
    let pre = app
        .send("OPTIONS", posts, &[("origin", "http://x.test")], None)
        .await;
    assert_eq!(pre.status, 200);
    let r = app
        .send("GET", posts, &[("origin", "http://x.test")], None)
        .await;
    assert_eq!(r.status, 500);
    assert_eq!(r.json()["code"], "internal_server_error");
    assert_eq!(r.json()["data"]["status"], 500);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://x.test")
    );
    assert_eq!(app.get(posts).await.status, 200);

    // Only the prefix is affected.
    set_fault(&app, json!({"path_prefix": posts, "kind": 404})).await;
    assert_eq!(app.get("/wp-json/wp/v2/comments?post=6").await.status, 200);
    let r = app.get("/wp-json/wp/v2/posts/6").await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (404, json!("rest_no_route"))
    );
    // Without `times` it stays until cleared; the newest fault wins.
    assert_eq!(app.get(posts).await.status, 404);
    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "502html", "times": 1}),
    )
    .await;
    let r = app.get(posts).await;
    assert_eq!(r.status, 502);
    assert_eq!(r.header("content-type"), Some("text/html"));
    assert!(r.text().contains("502 Bad Gateway"));
    assert_eq!(app.get(posts).await.status, 404);
    assert_eq!(app.post_json("/__test/clear", &json!({})).await.status, 200);
    assert_eq!(app.get(posts).await.status, 200);

    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "503html", "times": 1}),
    )
    .await;
    let r = app.get(posts).await;
    assert_eq!(
        (r.status.as_u16(), r.header("content-type")),
        (503, Some("text/html"))
    );

    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "malformed", "times": 1}),
    )
    .await;
    let r = app.get(posts).await;
    assert_eq!(r.status, 200);
    assert!(r.text().starts_with("[{"));
    assert!(serde_json::from_slice::<Value>(&r.bytes).is_err());

    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "wrongshape", "times": 1}),
    )
    .await;
    assert_eq!(app.get(posts).await.json(), json!({"unexpected": true}));

    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "empty", "times": 1}),
    )
    .await;
    let r = app.get(posts).await;
    assert_eq!((r.status.as_u16(), r.bytes.len()), (200, 0));

    // `slow` waits (200 ms in tests, 30 s by default), then answers normally.
    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "slow", "times": 1}),
    )
    .await;
    let start = Instant::now();
    let r = app.get(posts).await;
    assert!(start.elapsed().as_millis() >= 200);
    assert_eq!(r.header("x-wp-total"), Some("25"));

    // `reset` marks the response so the server drops the connection
    // (exercised over TCP in tests/server.rs).
    set_fault(
        &app,
        json!({"path_prefix": posts, "kind": "reset", "times": 1}),
    )
    .await;
    let req = Request::get(posts).body(Body::empty()).unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    assert!(resp.extensions().get::<AbortConnection>().is_some());

    let bad = app
        .post_json(
            "/__test/fault",
            &json!({"path_prefix": "/", "kind": "explode"}),
        )
        .await;
    assert_eq!(bad.status, 400);
    let bad = app
        .post_json(
            "/__test/fault",
            &json!({"path_prefix": "/", "kind": "500", "times": 0}),
        )
        .await;
    assert_eq!(bad.status, 400);
}
