//! REST behaviour beyond the recorded fixtures: pagination, CORS, moderation,
//! comment rules, persistence and the demo content.

mod common;

use common::{Fixture, TestApp};
use serde_json::{json, Value};

fn comment(name: &str, email: &str, content: &str) -> Value {
    json!({"post": 6, "author_name": name, "author_email": email, "content": content})
}

#[tokio::test]
async fn posts_pagination_headers_and_links() {
    let app = TestApp::new();
    let r = app.get("/wp-json/wp/v2/posts?per_page=2").await;
    assert_eq!(r.status, 200);
    // The 5 demo posts, the 15 of the block and classic corpus and the 5
    // of 2021.
    assert_eq!(r.header("x-wp-total"), Some("25"));
    assert_eq!(r.header("x-wp-totalpages"), Some("13"));
    assert_eq!(
        r.header("link"),
        Some("<http://127.0.0.1:8881/wp-json/wp/v2/posts?per_page=2&page=2>; rel=\"next\"")
    );
    let ids: Vec<u64> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [8, 7], "newest first");

    let last = app.get("/wp-json/wp/v2/posts?per_page=3&page=9").await;
    assert_eq!(last.json().as_array().unwrap().len(), 1);
    assert_eq!(
        last.header("link"),
        Some("<http://127.0.0.1:8881/wp-json/wp/v2/posts?per_page=3&page=8>; rel=\"prev\"")
    );
}

#[tokio::test]
async fn posts_errors_and_filters() {
    let app = TestApp::new();
    let r = app.get("/wp-json/wp/v2/posts?per_page=2&page=14").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "rest_post_invalid_page_number");

    let r = app.get("/wp-json/wp/v2/posts?per_page=101").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "rest_invalid_param");
    assert_eq!(
        r.json()["data"]["params"]["per_page"],
        "per_page must be between 1 (inclusive) and 100 (inclusive)"
    );
    assert_eq!(app.get("/wp-json/wp/v2/posts?per_page=0").await.status, 400);
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?page=abc").await.json()["data"]["details"]["page"]["code"],
        "rest_invalid_type"
    );

    let r = app.get("/wp-json/wp/v2/posts?slug=nope").await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "[]"));
    assert_eq!(r.header("x-wp-total"), Some("0"));
    assert_eq!(r.header("x-wp-totalpages"), Some("0"));

    let r = app.get("/wp-json/wp/v2/posts?categories=3").await;
    let slugs: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        slugs,
        [
            "a-note-on-safety",
            "reflective-journal-after-sessions",
            "a-letter-to-new-readers",
            "notes-for-clients"
        ]
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?categories[]=2&categories[]=3")
            .await
            .header("x-wp-total"),
        Some("9")
    );
    // As an object: its terms, and with include_children the posts of its
    // child (Reading lists) and grandchild (Book notes) categories too.
    let slugs_of = |r: &Value| -> Vec<String> {
        r.as_array()
            .unwrap()
            .iter()
            .map(|p| p["slug"].as_str().unwrap().to_string())
            .collect()
    };
    let own = app
        .get("/wp-json/wp/v2/posts?categories[terms]=3")
        .await
        .json();
    assert_eq!(slugs_of(&own).len(), 4);
    let family = app
        .get("/wp-json/wp/v2/posts?categories[terms][]=3&categories[include_children]=true")
        .await
        .json();
    assert_eq!(
        slugs_of(&family),
        [
            "a-note-on-safety",
            "reflective-journal-after-sessions",
            "keeping-a-reading-list",
            "a-letter-to-new-readers",
            "why-slow-reading-helps",
            "notes-for-clients"
        ]
    );

    let r = app
        .get("/wp-json/wp/v2/posts?search=supervision%20journal")
        .await;
    assert_eq!(r.json()[0]["slug"], "reflective-journal-after-sessions");

    let r = app
        .get("/wp-json/wp/v2/posts?_fields=id,title.rendered&per_page=1")
        .await;
    assert_eq!(
        r.json(),
        json!([{"id": 8, "title": {"rendered": "A Note on Safety (and a Small Test)"}}])
    );

    let r = app.get("/wp-json/wp/v2/posts/999999").await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (404, json!("rest_post_invalid_id"))
    );
    let r = app.get("/wp-json/wp/v2/nothing-here").await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json()["message"],
        "No route was found matching the URL and request method."
    );
    assert_eq!(
        app.send("DELETE", "/wp-json/wp/v2/posts/6", &[], None)
            .await
            .json()["code"],
        "rest_no_route"
    );
    // WordPress ignores a trailing slash.
    assert_eq!(app.get("/wp-json/wp/v2/posts/6/").await.status, 200);
}

#[tokio::test]
async fn demo_content_is_as_specified() {
    let app = TestApp::new();
    let r = app
        .get("/wp-json/wp/v2/posts?slug=therapist-client-connection&_embed")
        .await;
    let post = &r.json()[0];
    assert_eq!(
        post["title"]["rendered"],
        "The Therapist &#8211; Client connection in the therapy room"
    );
    let fx = Fixture::load("post-by-slug-embed.json");
    assert_eq!(post["content"], fx.body()[0]["content"]);
    assert_eq!(post["excerpt"], fx.body()[0]["excerpt"]);
    assert_eq!(post["_embedded"]["replies"][0].as_array().unwrap().len(), 6);

    // The featured image, absolute on the server's origin, and the file.
    let r = app
        .get("/wp-json/wp/v2/posts?slug=boundaries-without-walls&_embed")
        .await;
    let post = &r.json()[0];
    assert_ne!(post["featured_media"], 0);
    let media = &post["_embedded"]["wp:featuredmedia"][0];
    let src = media["source_url"].as_str().unwrap();
    assert!(src.starts_with("http://127.0.0.1:8881/wp-content/uploads/") && src.ends_with(".svg"));
    assert_eq!(
        (
            media["media_details"]["width"].clone(),
            media["media_details"]["height"].clone()
        ),
        (json!(1200), json!(630))
    );
    assert!(!media["alt_text"].as_str().unwrap().is_empty());
    assert!(
        post["_embedded"].get("replies").is_none(),
        "no comments, no replies key"
    );
    let file = app
        .get(src.trim_start_matches("http://127.0.0.1:8881"))
        .await;
    assert_eq!(file.status, 200);
    assert_eq!(file.header("content-type"), Some("image/svg+xml"));
    assert!(file.bytes.len() < 2048);

    // The sanitiser test post keeps its unsafe markup.
    let r = app.get("/wp-json/wp/v2/posts?slug=a-note-on-safety").await;
    let html = r.json()[0]["content"]["rendered"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(html.contains("<script>window.__xss=1</script>"));
    assert!(html.contains("<img src=x onerror=\"window.__xss=2\">"));
    assert_eq!(r.json()[0]["categories"], json!([3]));

    // 120 comments on the bulk post, 10 embedded.
    let r = app
        .get("/wp-json/wp/v2/comments?post=7&per_page=100&page=2")
        .await;
    assert_eq!(r.header("x-wp-total"), Some("120"));
    let r = app
        .get("/wp-json/wp/v2/posts?slug=what-to-expect-first-therapy-session&_embed")
        .await;
    assert_eq!(
        r.json()[0]["_embedded"]["replies"][0]
            .as_array()
            .unwrap()
            .len(),
        10
    );

    // One post with comments closed.
    let closed: Vec<Value> = app
        .get("/wp-json/wp/v2/posts")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["comment_status"] == "closed")
        .cloned()
        .collect();
    assert_eq!(closed.len(), 1);

    // Emails never leave the server.
    for uri in [
        "/wp-json/wp/v2/comments?post=6&per_page=100",
        "/wp-json/wp/v2/users/2",
        "/wp-json/wp/v2/posts?_embed",
    ] {
        assert!(!app.get(uri).await.text().contains("@example.com"), "{uri}");
    }

    let index = app.get("/wp-json/").await.json();
    assert_eq!(index["name"], "Therapy Notes");
    assert_eq!(index["description"], "Reflections from the therapy room");
    assert_eq!(index["namespaces"], json!(["wp/v2"]));
}

#[tokio::test]
async fn comment_lists() {
    let app = TestApp::new();
    // Page past the end: 200 [] with the totals, and a prev link.
    let r = app
        .get("/wp-json/wp/v2/comments?post=7&per_page=100&page=3")
        .await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "[]"));
    assert_eq!(r.header("x-wp-totalpages"), Some("2"));
    assert!(r
        .header("link")
        .unwrap()
        .contains("post%5B0%5D=7&per_page=100&page=2>; rel=\"prev\""));

    let r = app.get("/wp-json/wp/v2/comments?post=7&per_page=101").await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (400, json!("rest_invalid_param"))
    );

    // Several posts, several parents, top level, ordering.
    assert_eq!(
        app.get("/wp-json/wp/v2/comments?post=6,7")
            .await
            .header("x-wp-total"),
        Some("126")
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/comments?post[]=6")
            .await
            .header("x-wp-total"),
        Some("6")
    );
    let ids = |r: &common::Reply| -> Vec<u64> {
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(
        ids(&app.get("/wp-json/wp/v2/comments?post=6&parent=0").await),
        [7, 6, 5, 2]
    );
    assert_eq!(
        ids(&app.get("/wp-json/wp/v2/comments?parent=2,3").await),
        [4, 3]
    );
    assert_eq!(
        ids(&app
            .get("/wp-json/wp/v2/comments?parent[]=2&parent[]=3&order=asc")
            .await),
        [3, 4]
    );
    assert_eq!(
        ids(&app
            .get("/wp-json/wp/v2/comments?post=6&orderby=id&order=asc")
            .await),
        [2, 3, 4, 5, 6, 7]
    );
    let r = app.get("/wp-json/wp/v2/comments?order=sideways").await;
    assert_eq!(
        r.json()["data"]["params"]["order"],
        "order is not one of asc and desc."
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/comments?status=hold").await.status,
        401
    );
}

#[tokio::test]
async fn held_and_unknown_comments() {
    let app = TestApp::new();
    let held = app.get("/wp-json/wp/v2/comments/8").await;
    assert_eq!(held.status, 401);
    assert_eq!(held.json()["code"], "rest_cannot_read");
    assert_eq!(
        held.json()["message"],
        "Sorry, you are not allowed to read this comment."
    );
    let r = app.get("/wp-json/wp/v2/comments/424242").await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (404, json!("rest_comment_invalid_id"))
    );
    let ok = app.get("/wp-json/wp/v2/comments/3").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["author"], 2);
    assert_eq!(
        ok.json()["_links"]["children"][0]["href"],
        "http://127.0.0.1:8881/wp-json/wp/v2/comments?parent=3"
    );
}

#[tokio::test]
async fn cors_headers() {
    let app = TestApp::new();
    let origin = [("origin", "http://localhost:3000")];
    let r = app.send("GET", "/wp-json/wp/v2/posts", &origin, None).await;
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("OPTIONS, GET, POST, PUT, PATCH, DELETE")
    );
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("X-WP-Total, X-WP-TotalPages, Link")
    );
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type")
    );
    assert_eq!(r.header("vary"), Some("Origin"));
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=UTF-8")
    );

    let pre = app
        .send(
            "OPTIONS",
            "/wp-json/wp/v2/comments",
            &[
                ("origin", "http://localhost:3000"),
                ("access-control-request-method", "POST"),
            ],
            None,
        )
        .await;
    assert_eq!(pre.status, 200);
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(pre.json()["methods"], json!(["GET", "POST"]));
    assert_eq!(
        app.send("OPTIONS", "/wp-json/anything/at/all", &origin, None)
            .await
            .status,
        200
    );

    // Without Origin: no Allow-Origin; errors carry the headers too.
    let r = app.get("/wp-json/wp/v2/posts/999999").await;
    assert!(r.header("access-control-allow-origin").is_none());
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("X-WP-Total, X-WP-TotalPages, Link")
    );
    assert_eq!(
        r.header("link"),
        Some("<http://127.0.0.1:8881/wp-json/>; rel=\"https://api.w.org/\"")
    );
}

#[tokio::test]
async fn moderation_and_rules() {
    let app = TestApp::new();
    // First-time commenter: held, missing from lists, 401 when read.
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("New Reader", "new@example.com", "Hello there"),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["status"].clone()),
        (201, json!("hold"))
    );
    let id = r.json()["id"].as_u64().unwrap();
    // After the seed's comments (the last is 130, on the Contact page).
    assert_eq!(id, 131);
    assert_eq!(
        app.get(&format!("/wp-json/wp/v2/comments/{id}"))
            .await
            .status,
        401
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/comments?post=6")
            .await
            .header("x-wp-total"),
        Some("6")
    );

    // A previously approved name+email: approved and listed at once.
    app.clock.advance(20);
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("Meera", "meera@example.com", "Back again"),
        )
        .await;
    assert_eq!(r.json()["status"], "approved");
    assert_eq!(
        app.get("/wp-json/wp/v2/comments?post=6")
            .await
            .header("x-wp-total"),
        Some("7")
    );

    // Same email, other name: held (both must match).
    app.clock.advance(20);
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("Not Meera", "meera@example.com", "Hmm"),
        )
        .await;
    assert_eq!(r.json()["status"], "hold");

    // Flood: same IP within the window, whoever the author.
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("Other", "other@example.com", "Quick one"),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (400, json!("comment_flood"))
    );
    // …but another IP with another email is fine.
    let body = serde_json::to_vec(&comment("Other", "other@example.com", "Quick one")).unwrap();
    let r = app
        .send_from(
            "POST",
            "/wp-json/wp/v2/comments",
            &[("content-type", "application/json")],
            Some(body),
            "10.0.0.9:1234",
        )
        .await;
    assert_eq!(r.status, 201);
    // Same email from yet another IP: still a flood.
    let body = serde_json::to_vec(&comment("Other", "other@example.com", "And another")).unwrap();
    let r = app
        .send_from(
            "POST",
            "/wp-json/wp/v2/comments",
            &[("content-type", "application/json")],
            Some(body),
            "10.0.0.10:1234",
        )
        .await;
    assert_eq!(r.json()["code"], "comment_flood");

    // Duplicates are checked before floods, case-insensitively like MySQL.
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("new reader", "x@example.com", "HELLO THERE"),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (409, json!("comment_duplicate"))
    );

    // Closed comments, unknown post, column lengths, invalid email.
    app.clock.advance(20);
    let mut closed = comment("A", "a@example.com", "x");
    closed["post"] = json!(4);
    let r = app.post_json("/wp-json/wp/v2/comments", &closed).await;
    assert_eq!(
        (r.status.as_u16(), r.json()["message"].clone()),
        (403, json!("Sorry, comments are closed for this item."))
    );
    assert!(r.header("allow").is_none());
    let long_email = format!("{}@example.com", "e".repeat(90));
    let r = app
        .post_json("/wp-json/wp/v2/comments", &comment("A", &long_email, "x"))
        .await;
    assert_eq!(r.json()["code"], "comment_author_email_column_length");
    let mut long_url = comment("A", "a@example.com", "x");
    long_url["author_url"] = json!(format!("https://example.com/{}", "u".repeat(190)));
    assert_eq!(
        app.post_json("/wp-json/wp/v2/comments", &long_url)
            .await
            .json()["code"],
        "comment_author_url_column_length"
    );
    // Lengths are bytes: 123 two-byte characters exceed 245.
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment(&"é".repeat(123), "a@example.com", "x"),
        )
        .await;
    assert_eq!(r.json()["code"], "comment_author_column_length");
    let r = app
        .post_json("/wp-json/wp/v2/comments", &comment("A", "a@b", "x"))
        .await;
    assert_eq!(
        r.json()["data"]["details"]["author_email"]["code"],
        "rest_invalid_email"
    );
    let mut bad_post = comment("A", "a@example.com", "x");
    bad_post["post"] = json!("six");
    let r = app.post_json("/wp-json/wp/v2/comments", &bad_post).await;
    assert_eq!(
        r.json()["data"]["params"]["post"],
        "post is not of type integer."
    );
    // Content is checked before the author fields, as in WordPress.
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &json!({"post": 6, "content": "  "}),
        )
        .await;
    assert_eq!(r.json()["code"], "rest_comment_content_invalid");
}

#[tokio::test]
async fn anonymous_comments_can_be_disabled() {
    let dir = common::temp_dir("data");
    let mut site: Value =
        serde_json::from_str(&std::fs::read_to_string(common::data_file()).unwrap()).unwrap();
    site["site"]["allow_anonymous_comments"] = json!(false);
    let data = dir.join("site.json");
    std::fs::write(&data, site.to_string()).unwrap();
    let app = TestApp::with(|c| c.data_path = data.clone());
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("A", "a@example.com", "x"),
        )
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["code"], "rest_comment_login_required");
    assert_eq!(
        r.json()["message"],
        "Sorry, you must be logged in to comment."
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn kses_on_posted_comments() {
    let app = TestApp::new();
    let r = app.post_json(
        "/wp-json/wp/v2/comments",
        &comment("Eve", "eve@example.com", "<p onclick=x>Hi</p><em>there</em> <iframe src=//x></iframe>& <a href=\"javascript:alert(1)\">no</a>"),
    ).await;
    assert_eq!(
        r.json()["content"]["rendered"],
        "<p>Hi<em>there</em> &amp; <a>no</a></p>\n"
    );
}

#[tokio::test]
async fn comments_survive_a_restart() {
    let app = TestApp::new();
    let approved = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("Meera", "meera@example.com", "Persist me"),
        )
        .await;
    assert_eq!(approved.status, 201);
    app.clock.advance(30);
    let held = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("Held Reader", "held@example.com", "Persist me too"),
        )
        .await;
    assert_eq!(held.json()["id"], 132);

    let again = app.restart();
    let list = again.get("/wp-json/wp/v2/comments?post=6").await;
    assert_eq!(list.header("x-wp-total"), Some("7"));
    assert_eq!(list.json()[0]["content"]["rendered"], "<p>Persist me</p>\n");
    assert_eq!(
        again.get("/wp-json/wp/v2/comments/132").await.status,
        401,
        "held survives as held"
    );
    // The duplicate check and the ids continue from the stored history.
    again.clock.advance(30);
    let dup = again
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("Meera", "meera@example.com", "Persist me"),
        )
        .await;
    assert_eq!(dup.status, 409);
    let next = again
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment("Meera", "meera@example.com", "Third"),
        )
        .await;
    assert_eq!(next.json()["id"], 133);
    let stored = std::fs::read_to_string(app.dir.join("comments.jsonl")).unwrap();
    assert_eq!(stored.lines().count(), 3);
}

#[tokio::test]
async fn form_bodies_and_query_params() {
    let app = TestApp::new();
    let r = app.send(
        "POST",
        "/wp-json/wp/v2/comments?post=6",
        &[("content-type", "application/x-www-form-urlencoded")],
        Some(b"author_name=Form+Person&author_email=form%40example.com&content=From+a+form&parent=3".to_vec()),
    ).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["parent"], 3);
    assert_eq!(r.json()["post"], 6);
    assert_eq!(
        r.json()["_links"]["in-reply-to"][0]["href"],
        "http://127.0.0.1:8881/wp-json/wp/v2/comments/3"
    );
}

#[tokio::test]
async fn users_terms_media() {
    let app = TestApp::new();
    assert_eq!(
        app.get("/wp-json/wp/v2/users/1").await.json()["code"],
        "rest_user_cannot_view"
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/users/77").await.json()["code"],
        "rest_user_invalid_id"
    );
    // By name: Arjun Mehta, Nidhi (admin has published nothing).
    let users = app.get("/wp-json/wp/v2/users").await.json();
    let slugs: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["arjun", "nidhi"]);
    let cats = app
        .get("/wp-json/wp/v2/categories?slug=therapy")
        .await
        .json();
    assert_eq!(
        (cats[0]["id"].clone(), cats[0]["count"].clone()),
        (json!(2), json!(5))
    );
    let cats = app.get("/wp-json/wp/v2/categories?post=8").await.json();
    assert_eq!(cats[0]["slug"], "practice-notes");
    assert_eq!(
        app.get("/wp-json/wp/v2/categories?per_page=2&page=2")
            .await
            .header("x-wp-totalpages"),
        Some("4")
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/tags?post=6")
            .await
            .header("x-wp-total"),
        Some("2")
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/categories/3").await.json()["name"],
        "Practice Notes"
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/categories/99").await.json()["code"],
        "rest_term_invalid"
    );
    let media = app.get("/wp-json/wp/v2/media/9").await.json();
    assert_eq!(media["mime_type"], "image/svg+xml");
    // An upload's smaller copies, as WordPress lists them: by size name,
    // `full` among them, each with its own URL.
    let media = app.get("/wp-json/wp/v2/media/20").await.json();
    let sizes = media["media_details"]["sizes"].as_object().unwrap();
    let names: Vec<&str> = sizes.keys().map(String::as_str).collect();
    assert!(
        ["full", "medium", "thumbnail"]
            .iter()
            .all(|n| names.contains(n)),
        "{names:?}"
    );
    assert!(sizes["medium"]["source_url"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:8881/wp-content/uploads/2022/"));
    assert_eq!(media["media_type"], "image");
    // Uploads in post content name the server's own origin.
    let post = app
        .get("/wp-json/wp/v2/posts?slug=block-editor-images")
        .await
        .json();
    let html = post[0]["content"]["rendered"].as_str().unwrap();
    assert!(
        !html.contains("{{home}}") && html.contains("http://127.0.0.1:8881/wp-content/uploads/")
    );
}
