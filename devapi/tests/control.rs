//! Changes at run time (`--test-control`): `POST /__test/edit`, `/trash`,
//! `/publish` and `/approve`, seen through every route, on the demo content
//! and on a generated site.

mod common;

use common::TestApp;
use devapi::clock::Clock;
use serde_json::{json, Value};

fn control(generate: Option<usize>) -> TestApp {
    TestApp::with(|c| {
        c.test_control = true;
        c.generate = generate;
        c.flood_seconds = 0;
    })
}

fn total(r: &common::Reply) -> usize {
    r.header("x-wp-total").unwrap().parse().unwrap()
}

fn ids(r: &common::Reply) -> Vec<u64> {
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_routes_exist_only_with_the_flag() {
    let app = TestApp::new();
    for route in ["edit", "trash", "publish", "approve"] {
        let r = app
            .post_json(&format!("/__test/{route}"), &json!({"id": 4}))
            .await;
        assert_eq!(r.status, 404, "{route}");
    }
    let app = control(None);
    let r = app.get("/__test/edit").await;
    assert_eq!(r.status, 405);
}

#[tokio::test]
async fn edit_changes_the_post_everywhere_and_bumps_modified() {
    let app = control(Some(200));
    let before = app.get("/wp-json/wp/v2/posts/150").await.json();
    let slug = before["slug"].as_str().unwrap().to_string();
    app.clock.advance(3_600);
    let r = app
        .post_json(
            "/__test/edit",
            &json!({"id": 150, "title": "A changed title", "append": "One more paragraph."}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let answer = r.json();
    let now = devapi::clock::format_datetime(app.clock.now());
    assert_eq!(answer["modified_gmt"], now);
    assert_eq!(answer["path"], format!("/{slug}/"));
    assert_eq!(answer["type"], "post");

    let after = app.get("/wp-json/wp/v2/posts/150").await.json();
    assert_eq!(after["title"]["rendered"], "A changed title");
    assert_eq!(after["modified_gmt"], now);
    assert_eq!(after["modified"], now);
    assert_eq!(after["date"], before["date"], "the date stays");
    let content = after["content"]["rendered"].as_str().unwrap();
    assert!(content.starts_with(before["content"]["rendered"].as_str().unwrap()));
    assert!(content.ends_with("\n\n\n<p>One more paragraph.</p>\n"));
    assert_eq!(after["excerpt"], before["excerpt"], "the first words stay");
    // By slug, in lists, and found by modified_after (the next build's ask).
    let by_slug = app.get(&format!("/wp-json/wp/v2/posts?slug={slug}")).await;
    assert_eq!(by_slug.json()[0]["title"]["rendered"], "A changed title");
    // (Nothing generated was modified after the newest post's date.)
    let changed = app
        .get("/wp-json/wp/v2/posts?modified_after=2025-06-30T18:00:00&_fields=id&per_page=100")
        .await;
    assert_eq!(ids(&changed), [150]);
    let newest = app
        .get("/wp-json/wp/v2/posts?orderby=modified&per_page=1")
        .await;
    assert_eq!(ids(&newest), [150]);
    let search = app.get("/wp-json/wp/v2/posts?search=changed%20title").await;
    assert_eq!(ids(&search), [150]);

    // New content replaces the text (and the automatic excerpt follows);
    // a second edit in the same second still moves modified forward.
    let r = app
        .post_json(
            "/__test/edit",
            &json!({"id": 150, "content": "<p>Short and new.</p>"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let again = app.get("/wp-json/wp/v2/posts/150").await.json();
    assert_eq!(again["content"]["rendered"], "<p>Short and new.</p>");
    assert_eq!(again["excerpt"]["rendered"], "<p>Short and new.</p>\n");
    assert!(again["modified_gmt"].as_str() > after["modified_gmt"].as_str());

    // A new slug: the old one finds nothing. An explicit modified date.
    let r = app
        .post_json(
            "/__test/edit",
            &json!({"id": 150, "slug": "moved-here", "modified_gmt": "2030-01-02T03:04:05"}),
        )
        .await;
    assert_eq!(r.json()["modified_gmt"], "2030-01-02T03:04:05");
    assert_eq!(r.json()["path"], "/moved-here/");
    let old = app.get(&format!("/wp-json/wp/v2/posts?slug={slug}")).await;
    assert_eq!(total(&old), 0);
    let moved = app.get("/wp-json/wp/v2/posts?slug=moved-here").await;
    assert_eq!(ids(&moved), [150]);

    // Errors.
    let r = app
        .post_json("/__test/edit", &json!({"id": 99_999, "title": "x"}))
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .post_json("/__test/edit", &json!({"id": 150, "titel": "x"}))
        .await;
    assert_eq!(r.status, 400, "unknown fields are refused");
    let r = app
        .post_json("/__test/edit", &json!({"id": 150, "modified_gmt": "soon"}))
        .await;
    assert_eq!(r.status, 400);
    let taken = app.get("/wp-json/wp/v2/posts/151").await.json();
    let r = app
        .post_json("/__test/edit", &json!({"id": 150, "slug": taken["slug"]}))
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn edit_a_demo_page_and_its_custom_excerpt() {
    let app = control(None);
    // Post 4 has a hand-written excerpt in the data file: it stays.
    let before = app.get("/wp-json/wp/v2/posts/4").await.json();
    let r = app
        .post_json("/__test/edit", &json!({"id": 4, "append": "Added."}))
        .await;
    assert_eq!(r.status, 200);
    let after = app.get("/wp-json/wp/v2/posts/4").await.json();
    assert_eq!(after["excerpt"], before["excerpt"]);
    assert!(after["content"]["rendered"]
        .as_str()
        .unwrap()
        .ends_with("<p>Added.</p>\n"));
    // A nested page keeps its path.
    let r = app
        .post_json("/__test/edit", &json!({"id": 42, "title": "Founders!"}))
        .await;
    assert_eq!(r.json()["path"], "/about/team/founders/");
    assert_eq!(r.json()["type"], "page");
}

#[tokio::test]
async fn trash_removes_a_post_from_every_answer() {
    let app = control(Some(100));
    let busy = 198; // the generated site's post with 240 comments
    let post = app
        .get(&format!("/wp-json/wp/v2/posts/{busy}"))
        .await
        .json();
    let slug = post["slug"].as_str().unwrap().to_string();
    let category = post["categories"][0].as_u64().unwrap();
    let posts_before = total(&app.get("/wp-json/wp/v2/posts").await);
    let comments_before = total(&app.get("/wp-json/wp/v2/comments").await);
    let cat_before = app
        .get(&format!("/wp-json/wp/v2/categories/{category}"))
        .await
        .json()["count"]
        .as_u64()
        .unwrap();

    let r = app.post_json("/__test/trash", &json!({"id": busy})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["id"], busy);

    assert_eq!(
        total(&app.get("/wp-json/wp/v2/posts").await),
        posts_before - 1
    );
    let all = app
        .get("/wp-json/wp/v2/posts?per_page=100&_fields=id")
        .await;
    assert!(!ids(&all).contains(&busy));
    assert_eq!(
        total(&app.get(&format!("/wp-json/wp/v2/posts?slug={slug}")).await),
        0
    );
    let single = app.get(&format!("/wp-json/wp/v2/posts/{busy}")).await;
    assert_eq!(single.status, 401);
    assert_eq!(single.json()["code"], "rest_forbidden");
    let include = app
        .get(&format!("/wp-json/wp/v2/posts?include={busy},100"))
        .await;
    assert_eq!(ids(&include), [100]);
    // Its comments are gone (WordPress marks them post-trashed).
    let comments = app
        .get(&format!("/wp-json/wp/v2/comments?post={busy}"))
        .await;
    assert_eq!(comments.status, 401);
    assert_eq!(comments.json()["code"], "rest_cannot_read_post");
    assert_eq!(
        total(&app.get("/wp-json/wp/v2/comments").await),
        comments_before - 240
    );
    let cat_after = app
        .get(&format!("/wp-json/wp/v2/categories/{category}"))
        .await
        .json()["count"]
        .as_u64()
        .unwrap();
    assert_eq!(cat_after, cat_before - 1);
    // No new comments on it.
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &json!({"post": busy, "author_name": "A", "author_email": "a@example.org", "content": "Hi"}),
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["code"], "rest_comment_trash_post");
    // Trashing again: there is no published post with that id.
    let r = app.post_json("/__test/trash", &json!({"id": busy})).await;
    assert_eq!(r.status, 404);

    // Published again: back everywhere, modified now.
    app.clock.advance(60);
    let r = app.post_json("/__test/publish", &json!({"id": busy})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let back = app.get(&format!("/wp-json/wp/v2/posts/{busy}")).await;
    assert_eq!(back.status, 200);
    assert!(back.json()["modified_gmt"].as_str() > post["modified_gmt"].as_str());
    assert_eq!(
        total(&app.get("/wp-json/wp/v2/comments").await),
        comments_before
    );
}

#[tokio::test]
async fn trash_a_page_and_a_demo_post() {
    let app = control(None);
    let r = app.post_json("/__test/trash", &json!({"id": 41})).await;
    assert_eq!(r.status, 200);
    let team = app.get("/wp-json/wp/v2/pages/41").await;
    assert_eq!(team.json()["code"], "rest_forbidden");
    assert_eq!(
        app.get("/wp-json/wp/v2/posts/41").await.json()["code"],
        "rest_post_invalid_id",
        "not a post"
    );
    // Its child keeps its address, as WordPress's get_page_uri does.
    let founders = app.get("/wp-json/wp/v2/pages/42").await.json();
    assert_eq!(
        founders["link"],
        "http://127.0.0.1:8881/about/team/founders/"
    );

    let r = app.post_json("/__test/trash", &json!({"id": 6})).await;
    assert_eq!(r.status, 200);
    let search = app
        .get("/wp-json/wp/v2/posts?search=the&per_page=100")
        .await;
    assert!(!ids(&search).contains(&6));
    let comments = app.get("/wp-json/wp/v2/comments?post=6").await;
    assert_eq!(comments.json()["code"], "rest_cannot_read_post");
}

#[tokio::test]
async fn publish_a_post_and_a_page() {
    let app = control(Some(100));
    app.clock
        .set(devapi::clock::parse_datetime("2025-07-01T09:00:00").unwrap());
    let r = app
        .post_json(
            "/__test/publish",
            &json!({"title": "Brand new", "paragraphs": ["First.", "Second."], "tags": [13]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let answer = r.json();
    let id = answer["id"].as_u64().unwrap();
    assert_eq!(id, 200, "after the generated posts");
    assert_eq!(answer["slug"], "brand-new");
    assert_eq!(answer["path"], "/brand-new/");

    let newest = app
        .get("/wp-json/wp/v2/posts?per_page=1&_embed=author,wp:term")
        .await;
    assert_eq!(total(&newest), 101);
    let post = &newest.json()[0];
    assert_eq!(post["id"], id);
    assert_eq!(post["date_gmt"], "2025-07-01T09:00:00");
    assert_eq!(post["modified_gmt"], "2025-07-01T09:00:00");
    assert_eq!(post["categories"], json!([1]));
    assert_eq!(post["tags"], json!([13]));
    assert_eq!(
        post["content"]["rendered"],
        "\n<p>First.</p>\n\n\n\n<p>Second.</p>\n"
    );
    assert_eq!(post["_embedded"]["author"][0]["id"], post["author"]);
    assert_eq!(post["_embedded"]["wp:term"][1][0]["id"], 13);
    let tag = app.get("/wp-json/wp/v2/tags/13").await.json();
    let r = app.get("/wp-json/wp/v2/posts?tags=13&per_page=1").await;
    assert_eq!(tag["count"].as_u64().unwrap() as usize, total(&r));

    // The same title again: a unique slug. Comments open.
    let r = app
        .post_json("/__test/publish", &json!({"title": "Brand new"}))
        .await;
    assert_eq!(r.json()["slug"], "brand-new-2");
    let second = r.json()["id"].as_u64().unwrap();
    assert_eq!(second, id + 1);
    let c = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &json!({"post": second, "author_name": "Maya Lindqvist", "author_email": "maya@example.com", "content": "First!"}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.text());

    // A page under a page.
    let r = app
        .post_json(
            "/__test/publish",
            &json!({"type": "page", "title": "Opening hours", "parent": 5, "content": "<p>Mon–Fri</p>"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["path"], "/contact/opening-hours/");
    let page = app
        .get("/wp-json/wp/v2/pages?slug=opening-hours")
        .await
        .json();
    assert_eq!(
        page[0]["link"],
        "http://127.0.0.1:8881/contact/opening-hours/"
    );
    assert_eq!(page[0]["comment_status"], "closed");

    // Refused.
    for bad in [
        json!({}),
        json!({"title": "x", "type": "note"}),
        json!({"title": "x", "categories": [999]}),
        json!({"title": "x", "author": 77}),
        json!({"title": "x", "slug": "Not A Slug"}),
        json!({"title": "x", "slug": "brand-new"}),
        json!({"title": "x", "type": "page", "parent": 99_999}),
        json!({"title": "x", "type": "page", "tags": [13]}),
        json!({"title": "x", "date_gmt": "tomorrow"}),
        json!({"id": 12_345}),
    ] {
        let r = app.post_json("/__test/publish", &bad).await;
        assert!(r.status == 400 || r.status == 404, "{bad}: {}", r.status);
    }
}

#[tokio::test]
async fn test_posts_and_published_posts_never_share_an_id() {
    let app = control(Some(2_000));
    let r = app
        .post_json(
            "/__test/posts",
            &json!({"slug": "raw-one", "title": "Raw", "content": "<p>x</p>"}),
        )
        .await;
    assert_eq!(r.json()["id"], 2_100, "after the generated posts");
    let r = app
        .post_json("/__test/publish", &json!({"title": "Listed"}))
        .await;
    assert_eq!(r.json()["id"], 2_101);
    let r = app
        .post_json("/__test/publish", &json!({"title": "x", "slug": "raw-one"}))
        .await;
    assert_eq!(r.status, 400, "a test post's slug is taken");
}

#[tokio::test]
async fn approve_a_held_comment() {
    let app = control(None);
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &json!({"post": 6, "author_name": "New Person", "author_email": "new@example.org", "content": "Held at first."}),
        )
        .await;
    assert_eq!(r.json()["status"], "hold");
    let id = r.json()["id"].as_u64().unwrap();
    let before = total(&app.get("/wp-json/wp/v2/comments?post=6").await);
    assert_eq!(
        app.get(&format!("/wp-json/wp/v2/comments/{id}"))
            .await
            .status,
        401
    );

    let r = app.post_json("/__test/approve", &json!({"id": id})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"ok": true, "id": id, "post": 6, "changed": true})
    );
    let listed = app.get("/wp-json/wp/v2/comments?post=6").await;
    assert_eq!(total(&listed), before + 1);
    assert_eq!(ids(&listed)[0], id, "newest first");
    let single = app.get(&format!("/wp-json/wp/v2/comments/{id}")).await;
    assert_eq!(single.json()["status"], "approved");
    let again = app.post_json("/__test/approve", &json!({"id": id})).await;
    assert_eq!(again.json()["changed"], false);
    // Approved for good: the store keeps it.
    let restarted = app.restart();
    let single = restarted
        .get(&format!("/wp-json/wp/v2/comments/{id}"))
        .await;
    assert_eq!(single.status, 200);
    // Now an approved author: the next comment is not held.
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &json!({"post": 6, "author_name": "New Person", "author_email": "new@example.org", "content": "Second."}),
        )
        .await;
    assert_eq!(r.json()["status"], "approved");

    let r = app
        .post_json("/__test/approve", &json!({"id": 99_999}))
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn approve_a_generated_held_comment() {
    let app = control(Some(30));
    let busy = 128;
    let before = total(
        &app.get(&format!("/wp-json/wp/v2/comments?post={busy}"))
            .await,
    );
    assert_eq!(before, 240);
    // The busy post's two held comments come right after its 240.
    let listed: Vec<u64> = {
        let mut all = Vec::new();
        for page in 1..=3 {
            all.extend(ids(&app
                .get(&format!(
                    "/wp-json/wp/v2/comments?post={busy}&per_page=100&page={page}"
                ))
                .await));
        }
        all
    };
    let last = *listed.iter().max().unwrap();
    let held = last + 1;
    assert_eq!(
        app.get(&format!("/wp-json/wp/v2/comments/{held}"))
            .await
            .status,
        401
    );
    let r = app.post_json("/__test/approve", &json!({"id": held})).await;
    assert_eq!(r.json()["post"], busy);
    let after = app
        .get(&format!("/wp-json/wp/v2/comments?post={busy}"))
        .await;
    assert_eq!(total(&after), 241);
    let _: Value = after.json();
}
