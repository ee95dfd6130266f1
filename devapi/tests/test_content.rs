//! `POST /__test/posts` and `POST /__test/comments` (`--test-control` only):
//! raw content served as WordPress serves content written to its database
//! directly, through the same routes the app reads.

mod common;

use common::TestApp;
use serde_json::json;

const PAYLOAD: &str =
    r#"<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>"#;

#[tokio::test]
async fn test_content_routes_exist_only_with_the_flag() {
    let app = TestApp::new();
    let post = json!({"slug": "xss-a", "title": "A", "content": "<p>a</p>"});
    assert_eq!(app.post_json("/__test/posts", &post).await.status, 404);
    let comment = json!({"post": 4, "content": "hi", "author_name": "Eve"});
    assert_eq!(
        app.post_json("/__test/comments", &comment).await.status,
        404
    );
}

#[tokio::test]
async fn a_test_post_is_served_raw_by_slug_and_by_id() {
    let app = TestApp::with(|c| c.test_control = true);
    let r = app
        .post_json(
            "/__test/posts",
            &json!({"slug": "xss-a", "title": "XSS &amp; A", "content": PAYLOAD}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_u64().unwrap();
    assert_eq!(id, 1000);

    let list = app
        .get("/wp-json/wp/v2/posts?slug=xss-a&_embed=author,wp:term,wp:featuredmedia")
        .await;
    assert_eq!(list.status, 200);
    assert_eq!(list.header("x-wp-total"), Some("1"));
    assert_eq!(list.header("x-wp-totalpages"), Some("1"));
    let body = list.json();
    let post = &body[0];
    assert_eq!(post["id"], id);
    assert_eq!(post["slug"], "xss-a");
    assert_eq!(post["status"], "publish");
    assert_eq!(post["title"]["rendered"], "XSS &amp; A");
    assert_eq!(post["content"]["rendered"], PAYLOAD, "served verbatim");
    assert_eq!(post["author"], 2);
    assert_eq!(post["categories"], json!([3]));
    assert_eq!(post["comment_status"], "open");
    assert_eq!(post["_embedded"]["author"][0]["name"], "Nidhi");
    assert_eq!(post["_embedded"]["wp:term"][0][0]["name"], "Practice Notes");

    let single = app.get(&format!("/wp-json/wp/v2/posts/{id}")).await;
    assert_eq!(single.status, 200);
    assert_eq!(single.json()["content"]["rendered"], PAYLOAD);

    // Cross-origin like the real routes.
    let cors = app
        .send(
            "GET",
            "/wp-json/wp/v2/posts?slug=xss-a",
            &[("origin", "http://127.0.0.1:9999")],
            None,
        )
        .await;
    assert_eq!(
        cors.header("access-control-allow-origin"),
        Some("http://127.0.0.1:9999")
    );

    // Not listed with the demo posts; other slugs still answered normally.
    let all = app.get("/wp-json/wp/v2/posts?per_page=100").await.json();
    assert!(all.as_array().unwrap().iter().all(|p| p["id"] != id));
    let demo = app.get("/wp-json/wp/v2/posts?slug=a-note-on-safety").await;
    assert_eq!(demo.json()[0]["id"], 8);

    // The next one gets the next id; a taken or bad slug is refused.
    let r = app
        .post_json(
            "/__test/posts",
            &json!({"slug": "xss-b", "title": "B", "content": "b"}),
        )
        .await;
    assert_eq!(r.json()["id"], 1001);
    for slug in ["xss-a", "a-note-on-safety", "", "Bad Slug", "../x"] {
        let r = app
            .post_json(
                "/__test/posts",
                &json!({"slug": slug, "title": "T", "content": "c"}),
            )
            .await;
        assert_eq!(r.status, 400, "{slug:?}: {}", r.text());
    }
    let r = app.post_json("/__test/posts", &json!({"slug": "x"})).await;
    assert_eq!(r.status, 400, "missing fields");
}

#[tokio::test]
async fn a_test_comment_is_approved_and_unfiltered() {
    let app = TestApp::with(|c| c.test_control = true);
    let r = app
        .post_json(
            "/__test/posts",
            &json!({"slug": "xss-c", "title": "C", "content": "<p>c</p>"}),
        )
        .await;
    let post = r.json()["id"].as_u64().unwrap();

    let r = app
        .post_json(
            "/__test/comments",
            &json!({"post": post, "content": PAYLOAD, "author_name": "Eve"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_u64().unwrap();

    let list = app
        .get(&format!(
            "/wp-json/wp/v2/comments?post={post}&parent=0&order=asc&per_page=20&page=1"
        ))
        .await;
    assert_eq!(list.status, 200);
    let body = list.json();
    assert_eq!(body.as_array().unwrap().len(), 1);
    let c = &body[0];
    assert_eq!(c["id"], id);
    assert_eq!(c["status"], "approved");
    assert_eq!(c["author_name"], "Eve");
    // Only wpautop on output: no kses.
    assert_eq!(c["content"]["rendered"], format!("<p>{PAYLOAD}</p>\n"));

    // On a demo post too; unknown posts and empty content are refused.
    let r = app
        .post_json(
            "/__test/comments",
            &json!({"post": 4, "content": "<b>x</b>", "author_name": "Eve"}),
        )
        .await;
    assert_eq!(r.status, 201);
    for body in [
        json!({"post": 999_999, "content": "x", "author_name": "Eve"}),
        json!({"post": post, "content": "", "author_name": "Eve"}),
        json!({"post": post}),
    ] {
        assert_eq!(app.post_json("/__test/comments", &body).await.status, 400);
    }
}
