//! Recorded comment lists decode into `Vec<Comment>`, and the request body
//! the form sends has the shape WordPress accepted.

use std::path::Path;

use blog_core::data::comment::{Comment, CommentDraft, NewComment};

fn fixture(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn comments(name: &str) -> Vec<Comment> {
    let v = fixture(name);
    // Decoding from the text, as the app does.
    serde_json::from_str(&serde_json::to_string(&v["body"]).unwrap()).unwrap()
}

#[test]
fn main_post_comments() {
    let list = comments("comments-main-post-default.json");
    assert_eq!(list.len(), 6);
    let ids: Vec<u64> = list.iter().map(|c| c.id).collect();
    assert_eq!(ids, [7, 6, 5, 4, 3, 2]); // newest first from the API
    assert!(list.iter().all(|c| c.post == 6 && c.is_approved()));

    let by_id = |id: u64| list.iter().find(|c| c.id == id).unwrap();
    let priya = by_id(2);
    assert_eq!(priya.parent, 0);
    assert_eq!(priya.display_author(), "Priya Sharma");
    assert_eq!(priya.author_url, "https://priya-writes.example.com/");
    assert_eq!(priya.date, "2023-03-14T18:22:00");
    assert_eq!(
        priya.link,
        "http://127.0.0.1:8881/therapist-client-connection/#comment-2"
    );
    assert_eq!(priya.anchor(), "comment-2");
    assert!(priya
        .content
        .rendered
        .starts_with("<p>This made me tear up."));
    assert_eq!(
        priya.default_avatar_url(),
        Some("http://2.gravatar.com/avatar/2bacdfcca57fe971855e69336ffe9a31?s=48&d=mm&r=g")
    );
    assert_eq!(
        priya.avatar_url(96),
        Some("http://2.gravatar.com/avatar/2bacdfcca57fe971855e69336ffe9a31?s=96&d=mm&r=g")
    );
    assert!(priya.has_replies());

    let nidhi = by_id(3);
    assert_eq!((nidhi.parent, nidhi.author), (2, 2));
    assert!(nidhi.content.rendered.contains('–'), "JSON \\u2013 decoded");
    assert_eq!((by_id(4).parent, by_id(4).has_replies()), (3, false));
    // The unfiltered XSS comment is data like any other (sanitised on display).
    assert!(by_id(6).content.rendered.contains("<script>"));
}

#[test]
fn bulk_pages() {
    let p1 = comments("comments-bulk-post-per-page-100-page-1.json");
    let p2 = comments("comments-bulk-post-per-page-100-page-2.json");
    let p3 = comments("comments-bulk-post-per-page-100-page-3-out-of-range.json");
    assert_eq!((p1.len(), p2.len(), p3.len()), (100, 20, 0));
    let mut ids: Vec<u64> = p1.iter().chain(&p2).map(|c| c.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, (9..=128).collect::<Vec<_>>());
    for c in p1.iter().chain(&p2) {
        assert_eq!((c.post, c.parent), (7, 0));
        assert!(c.display_author().starts_with("Reader "));
        assert!(c.default_avatar_url().is_some());
        assert!(!c.has_replies());
    }
}

#[test]
fn list_after_posting_includes_the_approved_one() {
    let list = comments("comments-main-post-per-page-100-after-posts.json");
    assert_eq!(list.len(), 7);
    assert_eq!(list[0].id, 133);
    assert_eq!(list[0].display_author(), "Meera");
}

#[test]
fn comments_round_trip_through_serde() {
    let list = comments("comments-main-post-default.json");
    let text = serde_json::to_string(&list).unwrap();
    let back: Vec<Comment> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, list);
}

#[test]
fn variations_decode() {
    // Avatars off, no links, nulls, unknown fields, a missing content.
    let text = r#"[
        {"id": 1},
        {"id": 2, "author_name": null, "author_avatar_urls": null, "extra": {"x": 1}},
        {"id": 3, "content": {"rendered": "<p>x</p>", "raw": "x", "protected": false}, "meta": {"a": 1}}
    ]"#;
    let list: Vec<Comment> = serde_json::from_str(text).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].display_author(), "Anonymous");
    assert_eq!(list[0].default_avatar_url(), None);
    assert_eq!(list[2].content.rendered, "<p>x</p>");
}

#[test]
fn request_body_matches_what_wordpress_accepted() {
    let recorded = fixture("post-comment-valid.json");
    let draft = CommentDraft {
        content: recorded["request"]["body"]["content"]
            .as_str()
            .unwrap()
            .into(),
        name: "  Test Reader ".into(),
        email: "test.reader@example.com\n".into(),
        url: " https://test-reader.example.com/".into(),
    };
    let body: NewComment = draft.to_new_comment(6, 0);
    let mut sent = serde_json::to_value(&body).unwrap();
    // The recorded top-level request had no `parent`; WordPress's default is 0.
    assert_eq!(sent["parent"], 0);
    sent.as_object_mut().unwrap().remove("parent");
    assert_eq!(sent, recorded["request"]["body"]);

    let reply = fixture("post-comment-valid-reply-with-parent.json");
    let draft = CommentDraft {
        content: reply["request"]["body"]["content"].as_str().unwrap().into(),
        name: "Second Reader".into(),
        email: "second.reader@example.com".into(),
        url: String::new(),
    };
    assert_eq!(
        serde_json::to_value(draft.to_new_comment(6, 2)).unwrap(),
        reply["request"]["body"]
    );
}

#[test]
fn draft_round_trips_for_storage() {
    let draft = CommentDraft {
        content: "Half-written…\n".into(),
        name: "Asha".into(),
        email: String::new(),
        url: String::new(),
    };
    let text = serde_json::to_string(&draft).unwrap();
    assert_eq!(serde_json::from_str::<CommentDraft>(&text).unwrap(), draft);
    assert_eq!(
        serde_json::from_str::<CommentDraft>("{}").unwrap(),
        CommentDraft::default()
    );
}
