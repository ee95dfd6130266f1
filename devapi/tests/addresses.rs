//! Issue 13, every address a WordPress blog has: pages (nested, non-Latin
//! slugs, the menu, the crawl), `_fields` everywhere, tags, users, date
//! archives, search, sticky posts, password-protected posts and their
//! unlocking through `POST …?_method=GET` with a JSON body, the split post
//! and the title with markup. The values are those the real WordPress 6.1
//! answered (tests/contract/requests.test.mjs compares the two).

mod common;

use common::TestApp;
use serde_json::{json, Value};

const H: &str = "http://127.0.0.1:8881";
const GREEK: &str = "%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac";
/// notes-for-clients, its password, and a page.
const PROTECTED: u64 = 51;
const PASSWORD: &str = "open sesame";

fn slugs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect()
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// The member names of a JSON object in the order they were sent.
fn sent_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            '"' => {
                let start = i + 1;
                let mut end = start;
                while let Some((j, d)) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == '"' {
                        end = j;
                        break;
                    }
                }
                let is_key = chars.peek().is_some_and(|(_, c)| *c == ':');
                if is_key && depth == 2 {
                    out.push(text[start..end].to_string());
                }
            }
            _ => {}
        }
    }
    out
}

async fn json_post(
    app: &TestApp,
    uri: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> common::Reply {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    app.send("POST", uri, &all, Some(body.as_bytes().to_vec()))
        .await
}

#[tokio::test]
async fn pages_by_slug_with_wordpress_shape_and_nested_links() {
    let app = TestApp::new();
    let r = app
        .get("/wp-json/wp/v2/pages?slug=founders&_embed=author,wp:featuredmedia")
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-wp-total"), Some("1"));
    let page = &r.json()[0];
    assert_eq!(
        sent_keys(&r.text()),
        [
            "id",
            "date",
            "date_gmt",
            "guid",
            "modified",
            "modified_gmt",
            "slug",
            "status",
            "type",
            "link",
            "title",
            "content",
            "excerpt",
            "author",
            "featured_media",
            "parent",
            "menu_order",
            "comment_status",
            "ping_status",
            "template",
            "meta",
            "_links",
            "_embedded"
        ]
    );
    assert_eq!(page["type"], "page");
    assert_eq!(page["link"], format!("{H}/about/team/founders/"));
    assert_eq!(page["guid"]["rendered"], page["link"]);
    assert_eq!(page["parent"], 41);
    assert_eq!(page["author"], 3);
    assert_eq!(page["_embedded"]["author"][0]["slug"], "arjun");
    assert_eq!(page["ping_status"], "closed");
    assert_eq!(
        page["_links"]["up"][0]["href"],
        format!("{H}/wp-json/wp/v2/pages/41")
    );
    assert!(page["_links"].get("wp:term").is_none());
    assert!(page["content"]["rendered"]
        .as_str()
        .unwrap()
        .starts_with("\n<p>Nidhi started the practice"));
    assert_eq!(
        app.get("/wp-json/wp/v2/pages?slug=team").await.json()[0]["link"],
        format!("{H}/about/team/")
    );

    // The non-Latin slug: however the app spells it.
    for slug in [
        GREEK.to_string(),
        GREEK.to_uppercase(),
        "%CE%A3%CF%87%CE%B5%CF%84%CE%B9%CE%BA%CE%AC".to_string(), // Σχετικά
        GREEK.replace('%', "%25"),                                // the slug itself
    ] {
        let r = app.get(&format!("/wp-json/wp/v2/pages?slug={slug}")).await;
        let p = &r.json()[0];
        assert_eq!(p["slug"], GREEK, "{slug}");
        assert_eq!(p["link"], format!("{H}/{GREEK}/"), "{slug}");
        assert_eq!(p["title"]["rendered"], "Σχετικά");
    }

    let r = app.get("/wp-json/wp/v2/pages?slug=no-such-page").await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "[]"));
    assert_eq!(r.header("x-wp-totalpages"), Some("0"));
    // Posts are not pages, and pages not posts.
    assert_eq!(
        slugs(
            &app.get("/wp-json/wp/v2/pages?slug=notes-for-clients")
                .await
                .json()
        )
        .len(),
        0
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?slug=about").await.text(),
        "[]"
    );
    for uri in [
        "/wp-json/wp/v2/pages/6",
        "/wp-json/wp/v2/posts/40",
        "/wp-json/wp/v2/pages/999",
    ] {
        let r = app.get(uri).await;
        assert_eq!(
            (r.status.as_u16(), r.json()["code"].clone()),
            (404, json!("rest_post_invalid_id")),
            "{uri}"
        );
    }
    let r = app.get("/wp-json/wp/v2/pages/40").await;
    assert_eq!(
        r.header("link"),
        Some(format!("<{H}/about/>; rel=\"alternate\"; type=text/html").as_str())
    );
    // A child page embeds its parent in the embed context.
    let r = app.get("/wp-json/wp/v2/pages/42?_embed").await.json();
    assert_eq!(
        keys(&r["_embedded"]["up"][0]),
        [
            "_links",
            "author",
            "date",
            "excerpt",
            "featured_media",
            "id",
            "link",
            "slug",
            "title",
            "type"
        ]
    );
    assert_eq!(r["_embedded"]["up"][0]["slug"], "team");
}

#[tokio::test]
async fn the_menu_and_the_crawl() {
    let app = TestApp::new();
    let r = app
        .get("/wp-json/wp/v2/pages?parent=0&orderby=menu_order&order=asc&per_page=100&_fields=id,title,link,menu_order")
        .await;
    assert_eq!(r.header("x-wp-total"), Some("3"));
    let menu = r.json();
    // Only the named fields, in the item's own order, and no links.
    assert_eq!(
        sent_keys(&r.text())[..4],
        ["id", "link", "title", "menu_order"]
    );
    assert_eq!(sent_keys(&r.text()).len(), 12);
    let entries: Vec<(u64, String, i64)> = menu
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_u64().unwrap(),
                p["link"].as_str().unwrap().to_string(),
                p["menu_order"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (40, format!("{H}/about/"), 1),
            (43, format!("{H}/{GREEK}/"), 2),
            (44, format!("{H}/contact/"), 3)
        ]
    );
    // Ties keep the table's order whichever the direction (as MySQL did).
    let desc = app
        .get("/wp-json/wp/v2/pages?orderby=menu_order&order=desc&_fields=slug")
        .await
        .json();
    assert_eq!(
        slugs(&desc),
        ["contact", GREEK, "about", "team", "founders"]
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?orderby=menu_order")
            .await
            .status,
        400
    );

    let r = app
        .get("/wp-json/wp/v2/pages?page=1&per_page=100&_embed=author,wp:featuredmedia")
        .await;
    assert_eq!(r.header("x-wp-total"), Some("5"));
    assert_eq!(
        slugs(&r.json()),
        ["contact", GREEK, "founders", "team", "about"]
    );
    let r = app
        .get("/wp-json/wp/v2/pages?page=2&per_page=100&_embed=author,wp:featuredmedia")
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "rest_post_invalid_page_number");
    let r = app
        .get("/wp-json/wp/v2/pages?per_page=3&page=2&_fields=slug")
        .await;
    assert_eq!(
        r.header("link"),
        Some(
            format!("<{H}/wp-json/wp/v2/pages?per_page=3&page=1&_fields=slug>; rel=\"prev\"")
                .as_str()
        )
    );
}

#[tokio::test]
async fn fields_on_every_answer() {
    let app = TestApp::new();
    let r = app.get("/wp-json/?_fields=name,description").await;
    assert_eq!(
        sent_keys(&format!("[{}]", r.text())),
        ["name", "description", "_links"]
    );
    assert_eq!(r.json()["name"], "Therapy Notes");
    let r = app.get("/wp-json/wp/v2?_fields=namespace").await.json();
    assert_eq!(keys(&r), ["_links", "namespace"]);
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?per_page=1&_fields=nothing")
            .await
            .text(),
        "[[]]"
    );
    // A field under one already wanted whole ends the list (WordPress's `break 2`).
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?per_page=1&_fields=title,title.rendered,slug")
            .await
            .json(),
        json!([{"title": {"rendered": "A Note on Safety (and a Small Test)"}}])
    );
    // In a list, `_links` is filtered like a field; only what is left is embedded.
    let r = app
        .get("/wp-json/wp/v2/posts?per_page=1&_fields=slug,_links.author&_embed")
        .await
        .json();
    assert_eq!(keys(&r[0]["_links"]), ["author"]);
    assert_eq!(keys(&r[0]["_embedded"]), ["author"]);
    // A single item's links come whole, with `_embedded`, or not at all.
    let one = app.get("/wp-json/wp/v2/posts/6?_fields=id").await.json();
    assert_eq!(one, json!({"id": 6}));
    let one = app
        .get("/wp-json/wp/v2/posts/6?_fields=id,_embedded&_embed=author")
        .await
        .json();
    assert!(one["_links"]["wp:term"].is_array());
    assert_eq!(one["_embedded"]["author"][0]["slug"], "nidhi");
    for uri in [
        "/wp-json/wp/v2/tags?_fields=slug",
        "/wp-json/wp/v2/users?_fields=slug",
        "/wp-json/wp/v2/categories/2?_fields=slug",
        "/wp-json/wp/v2/comments?post=6&_fields=author_name",
        "/wp-json/wp/v2/media/9?_fields=source_url",
    ] {
        let text = app.get(uri).await.text();
        assert!(
            !text.contains("_links") && !text.contains("\"id\""),
            "{uri}: {text}"
        );
    }
    // Errors are never filtered.
    assert_eq!(
        keys(&app.get("/wp-json/wp/v2/posts/999?_fields=id").await.json()),
        ["code", "data", "message"]
    );
}

#[tokio::test]
async fn tags_and_users() {
    let app = TestApp::new();
    let r = app.get("/wp-json/wp/v2/tags?slug=reading").await.json();
    assert_eq!(
        (r[0]["id"].clone(), r[0]["count"].clone()),
        (json!(6), json!(3))
    );
    // ध्यान, spelled in UTF-8 or as its slug.
    for slug in [
        "%E0%A4%A7%E0%A5%8D%E0%A4%AF%E0%A4%BE%E0%A4%A8",
        "%25e0%25a4%25a7%25e0%25a5%258d%25e0%25a4%25af%25e0%25a4%25be%25e0%25a4%25a8",
    ] {
        let t = &app
            .get(&format!("/wp-json/wp/v2/tags?slug={slug}"))
            .await
            .json()[0];
        assert_eq!(t["name"], "ध्यान");
        assert_eq!(
            t["link"],
            format!("{H}/tag/%e0%a4%a7%e0%a5%8d%e0%a4%af%e0%a4%be%e0%a4%a8/")
        );
    }
    let r = app
        .get("/wp-json/wp/v2/tags?hide_empty=true&page=1&per_page=100")
        .await;
    assert_eq!(r.header("x-wp-total"), Some("6"));
    assert_eq!(
        slugs(&r.json())[..5],
        [
            "layout",
            "reading",
            "therapeutic-relationship",
            "therapist-life",
            "writing"
        ]
    );
    let r = app
        .get("/wp-json/wp/v2/tags?hide_empty=true&page=2&per_page=100")
        .await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "[]"));
    assert_eq!(
        r.header("link"),
        Some(
            format!("<{H}/wp-json/wp/v2/tags?hide_empty=1&page=1&per_page=100>; rel=\"prev\"")
                .as_str()
        )
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/tags?hide_empty=maybe").await.status,
        400
    );

    let r = app.get("/wp-json/wp/v2/users?slug=arjun").await.json();
    assert_eq!(
        (
            r[0]["id"].clone(),
            r[0]["name"].clone(),
            r[0]["link"].clone()
        ),
        (
            json!(3),
            json!("Arjun Mehta"),
            json!(format!("{H}/author/arjun/"))
        )
    );
    let r = app.get("/wp-json/wp/v2/users?page=1&per_page=100").await;
    assert_eq!(slugs(&r.json()), ["arjun", "nidhi"]);
    let r = app.get("/wp-json/wp/v2/users?page=2&per_page=100").await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "[]"));
    assert_eq!(
        app.get("/wp-json/wp/v2/users?slug=admin").await.text(),
        "[]"
    );
}

#[tokio::test]
async fn listings_by_term_author_and_date() {
    let app = TestApp::new();
    let list =
        |q: &str| format!("/wp-json/wp/v2/posts?page=1&per_page=10&_embed=author,wp:term&{q}");
    let r = app.get(&list("tags=6")).await.json();
    assert_eq!(
        slugs(&r),
        [
            "keeping-a-reading-list",
            "why-slow-reading-helps",
            "a-reading-in-three-parts"
        ]
    );
    let r = app.get(&list("author=3")).await;
    assert_eq!(r.header("x-wp-total"), Some("3"));
    assert_eq!(r.json()[0]["_embedded"]["author"][0]["name"], "Arjun Mehta");
    assert_eq!(
        r.json()[1]["_embedded"]["wp:term"][1][0]["slug"],
        "writing",
        "a-letter-to-new-readers's tag"
    );
    let r = app.get(&list("author=3").replace("page=1", "page=2")).await;
    assert_eq!(r.json()["code"], "rest_post_invalid_page_number");

    // Date archives: after the last second before, before the first second after.
    let month = app
        .get(&list(
            "after=2021-05-31T23:59:59&before=2021-07-01T00:00:00",
        ))
        .await
        .json();
    assert_eq!(
        slugs(&month),
        ["a-letter-to-new-readers", "why-slow-reading-helps"]
    );
    let year = app
        .get(&list(
            "after=2020-12-31T23:59:59&before=2022-01-01T00:00:00",
        ))
        .await;
    assert_eq!(year.header("x-wp-total"), Some("5"));
    // Both ends exclusive, on the local post_date.
    let r = app
        .get("/wp-json/wp/v2/posts?after=2021-06-15T08:30:00&before=2021-06-15T17:45:00")
        .await;
    assert_eq!(
        (r.text().as_str(), r.header("x-wp-total")),
        ("[]", Some("0"))
    );
    let r = app
        .get("/wp-json/wp/v2/posts?after=2021-06-15T08:29:59&before=2021-06-15T17:45:01")
        .await;
    assert_eq!(r.header("x-wp-total"), Some("2"));
    // An offset is converted to the site's time (UTC).
    let r = app
        .get("/wp-json/wp/v2/posts?after=2021-06-15T10:29:59%2B02:00&before=2021-06-15T08:30:01Z")
        .await;
    assert_eq!(slugs(&r.json()), ["why-slow-reading-helps"]);
    for bad in ["2021-13-01T00:00:00", "2021-06-01", "yesterday"] {
        let r = app.get(&format!("/wp-json/wp/v2/posts?after={bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
        assert_eq!(r.json()["data"]["params"]["after"], "Invalid date.");
        assert_eq!(
            r.json()["data"]["details"]["after"]["code"],
            "rest_invalid_date"
        );
    }
}

#[tokio::test]
async fn sticky_posts() {
    let app = TestApp::new();
    let r = app
        .get("/wp-json/wp/v2/posts?sticky=true&per_page=100&_embed=author,wp:term")
        .await;
    assert_eq!(slugs(&r.json()), ["block-editor-lists-and-quotes"]);
    assert_eq!(r.json()[0]["sticky"], true);
    // The ordinary listing keeps it in its place (no sticky-first in REST).
    let all = app
        .get("/wp-json/wp/v2/posts?per_page=100&_fields=slug,sticky")
        .await
        .json();
    let first = &all[0];
    assert_eq!(
        (first["slug"].clone(), first["sticky"].clone()),
        (json!("a-note-on-safety"), json!(false))
    );
    let r = app
        .get("/wp-json/wp/v2/posts?sticky=false&per_page=2&_fields=slug")
        .await;
    assert_eq!(r.header("x-wp-total"), Some("24"));
    assert!(r.header("link").unwrap().contains("?sticky&per_page=2"));
    let r = app.get("/wp-json/wp/v2/posts?sticky=maybe").await;
    assert_eq!(
        r.json()["data"]["params"]["sticky"],
        "sticky is not of type boolean."
    );
}

#[tokio::test]
async fn search_like_wordpress() {
    let app = TestApp::new();
    let found = |q: &str| {
        let uri = format!(
            "/wp-json/wp/v2/posts?per_page=100&_fields=slug&search={}",
            percent(q)
        );
        let app = &app;
        async move {
            let r = app.get(&uri).await;
            assert_eq!(r.status, 200, "{uri}");
            slugs(&r.json())
        }
    };
    let all = found("").await;
    assert_eq!(all.len(), 25);
    // Terms: all must occur (title, excerpt or raw content), newest first.
    assert_eq!(
        found("slow reading").await,
        [
            "block-editor-paragraphs-and-headings",
            "why-slow-reading-helps"
        ]
    );
    assert_eq!(found("\"slow reading\"").await, ["why-slow-reading-helps"]);
    assert_eq!(
        found("slow -reading").await,
        ["block-editor-lists-and-quotes"]
    );
    assert_eq!(found("reading,writing").await, ["a-letter-to-new-readers"]);
    // The raw content: block comments are searched too (all but the
    // classic-editor gallery post and the protected one).
    assert_eq!(found("wp").await.len(), 23);
    // Case and accents do not matter; other scripts and emoji match exactly.
    for q in [
        "café",
        "cafe",
        "CAFÉ",
        "ＣＡＦＥ",
        "🌿",
        "שלום",
        "سلام",
        "नमस्ते",
    ] {
        assert_eq!(found(q).await, ["a-letter-to-new-readers"], "{q}");
    }
    assert!(found("🌱").await.is_empty());
    // Stopwords or single letters only: the whole string is the term.
    assert_eq!(found("the").await.len(), 24, "all but the protected post");
    assert!(found("-").await.is_empty());
    // Markup is stripped first; what is left of `<script>…` is no search.
    assert_eq!(found("<em>slow</em>").await.len(), 3);
    assert_eq!(found("<script>alert(1)</script>").await.len(), 25);
    // Longer than 1,600 bytes: ignored, every post.
    assert!(found(&"x".repeat(1600)).await.is_empty());
    assert_eq!(found(&"x".repeat(2000)).await.len(), 25);
    assert_eq!(found(&"reading ".repeat(250)).await.len(), 25);
    // Password-protected posts are never found.
    assert!(!found("sessions")
        .await
        .contains(&"notes-for-clients".to_string()));
    assert!(found("open sesame").await.is_empty());

    let r = app.get("/wp-json/wp/v2/posts?search=zzqx&page=2").await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "[]"));
    assert_eq!(
        r.header("link"),
        Some(format!("<{H}/wp-json/wp/v2/posts?search=zzqx&page=0>; rel=\"prev\"").as_str())
    );
    let r = app.get("/wp-json/wp/v2/posts?search[]=slow").await;
    assert_eq!(
        r.json()["data"]["params"]["search"],
        "search is not of type string."
    );
    let r = app
        .get("/wp-json/wp/v2/posts?search=%FF&_fields=slug")
        .await;
    assert_eq!(r.header("x-wp-total"), Some("25"), "not UTF-8: no search");
    let r = app
        .get("/wp-json/wp/v2/posts?search=slow&orderby=relevance&_fields=slug")
        .await;
    assert_eq!(
        slugs(&r.json())[0],
        "why-slow-reading-helps",
        "title matches first"
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?orderby=relevance")
            .await
            .json()["code"],
        "rest_no_search_term_defined"
    );
    let pages = app
        .get("/wp-json/wp/v2/pages?search=σχετικα&_fields=slug")
        .await
        .json();
    assert_eq!(slugs(&pages), [GREEK]);
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn protected_posts_hide_their_content_until_unlocked() {
    let app = TestApp::new();
    let hidden = json!({"rendered": "", "protected": true});
    for uri in [
        "/wp-json/wp/v2/posts?slug=notes-for-clients&_embed=author,wp:term",
        "/wp-json/wp/v2/posts?page=1&per_page=10&_embed=author,wp:term&after=2021-05-01T00:00:00&before=2021-05-31T00:00:00",
    ] {
        let p = &app.get(uri).await.json()[0];
        assert_eq!((p["content"].clone(), p["excerpt"].clone()), (hidden.clone(), hidden.clone()), "{uri}");
        assert_eq!(p["title"]["rendered"], "Notes for clients");
    }
    let single = app
        .get(&format!("/wp-json/wp/v2/posts/{PROTECTED}"))
        .await
        .json();
    assert_eq!(single["content"], hidden);

    // The password as a query parameter, as WordPress reads it too.
    let r = app
        .get(&format!(
            "/wp-json/wp/v2/posts/{PROTECTED}?password=open%20sesame"
        ))
        .await;
    let shown = r.json();
    assert_eq!(shown["content"]["protected"], true);
    assert!(shown["content"]["rendered"]
        .as_str()
        .unwrap()
        .contains("Sessions start on the hour"));
    assert!(shown["excerpt"]["rendered"]
        .as_str()
        .unwrap()
        .ends_with("[&hellip;]</p>\n"));

    // The app's way: a POST acting as a GET, the password in a JSON body.
    let unlock = format!(
        "/wp-json/wp/v2/posts/{PROTECTED}?_method=GET&_embed=author,wp:term,wp:featuredmedia"
    );
    let r = json_post(&app, &unlock, r#"{"password":"open sesame"}"#, &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["content"], shown["content"]);
    assert_eq!(r.json()["_embedded"]["author"][0]["slug"], "nidhi");
    assert_eq!(r.header("allow"), Some("GET"));
    assert_eq!(r.header("vary"), None, "a POST without Origin has no Vary");
    // Wrong password: WordPress's 403, without Allow.
    let r = json_post(&app, &unlock, r#"{"password":"open sesame!"}"#, &[]).await;
    assert_eq!(
        (
            r.status.as_u16(),
            r.json()["code"].clone(),
            r.json()["message"].clone()
        ),
        (
            403,
            json!("rest_post_incorrect_password"),
            json!("Incorrect post password.")
        )
    );
    assert_eq!(r.header("allow"), None);
    let r = app
        .get(&format!("/wp-json/wp/v2/posts/{PROTECTED}?password=nope"))
        .await;
    assert_eq!(r.status, 403);
    // Any password on a post without one is wrong too; an empty one is none.
    assert_eq!(
        app.get("/wp-json/wp/v2/posts/6?password=x").await.status,
        403
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/posts/6?password=").await.status,
        200
    );
    let r = json_post(
        &app,
        "/wp-json/wp/v2/pages/40?_method=GET",
        r#"{"password":""}"#,
        &[],
    )
    .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["slug"].clone()),
        (200, json!("about"))
    );
    // The body must be JSON; a form body is not read for a GET.
    let r = json_post(&app, &unlock, r#"{"password":"#, &[]).await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (400, json!("rest_invalid_json"))
    );
    let r = app
        .send(
            "POST",
            &format!("/wp-json/wp/v2/posts/{PROTECTED}?_method=GET"),
            &[("content-type", "application/x-www-form-urlencoded")],
            Some(b"password=open+sesame".to_vec()),
        )
        .await;
    assert_eq!(r.json()["content"], hidden);
    // Without _method, a POST is an update, which a visitor may not make.
    let r = json_post(
        &app,
        &format!("/wp-json/wp/v2/posts/{PROTECTED}"),
        r#"{"password":"open sesame"}"#,
        &[],
    )
    .await;
    assert_eq!(
        (
            r.status.as_u16(),
            r.json()["code"].clone(),
            r.header("allow")
        ),
        (401, json!("rest_cannot_edit"), Some("GET"))
    );
    let r = json_post(&app, "/wp-json/wp/v2/posts/999999?_method=GET", "{}", &[]).await;
    assert_eq!(r.json()["code"], "rest_post_invalid_id");
}

#[tokio::test]
async fn the_unlock_passes_cors() {
    let app = TestApp::new();
    let origin = "http://127.0.0.1:9";
    let r = app
        .send(
            "OPTIONS",
            &format!("/wp-json/wp/v2/posts/{PROTECTED}"),
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "content-type"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert!(r
        .header("access-control-allow-headers")
        .unwrap()
        .contains("Content-Type"));
    assert_eq!(r.header("allow"), Some("GET"));
    let r = json_post(
        &app,
        &format!("/wp-json/wp/v2/posts/{PROTECTED}?_method=GET"),
        r#"{"password":"open sesame"}"#,
        &[("origin", origin)],
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    assert_eq!(r.header("vary"), Some("Origin"));
    assert!(r
        .header("access-control-expose-headers")
        .unwrap()
        .contains("X-WP-Total"));
}

#[tokio::test]
async fn comments_of_protected_posts_and_of_pages() {
    let app = TestApp::new();
    let r = app
        .get(&format!("/wp-json/wp/v2/comments?post={PROTECTED}"))
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (401, json!("rest_cannot_read_post"))
    );
    let r = app
        .get(&format!(
            "/wp-json/wp/v2/comments?post={PROTECTED}&password=open%20sesame"
        ))
        .await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "[]"));
    // Embedded replies of a locked post: the error their request got.
    let p = &app
        .get("/wp-json/wp/v2/posts?slug=notes-for-clients&_embed")
        .await
        .json()[0];
    assert_eq!(
        p["_embedded"]["replies"][0]["code"],
        "rest_cannot_read_post"
    );

    let comment = |post: u64, extra: Value| {
        let mut body = json!({"post": post, "author_name": "Lea", "author_email": "lea@example.com", "content": format!("On {post}")});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let r = app
        .post_json("/wp-json/wp/v2/comments", &comment(PROTECTED, json!({})))
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (401, json!("rest_cannot_read_post"))
    );
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment(PROTECTED, json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["status"].clone()),
        (201, json!("hold"))
    );

    // The Contact page's two comments, linked to the page.
    let r = app.get("/wp-json/wp/v2/comments?post=44").await;
    assert_eq!(r.header("x-wp-total"), Some("2"));
    let reply = &r.json()[0];
    assert_eq!(reply["link"], format!("{H}/contact/#comment-130"));
    assert_eq!(reply["_links"]["up"][0]["post_type"], "page");
    assert_eq!(
        reply["_links"]["up"][0]["href"],
        format!("{H}/wp-json/wp/v2/pages/44")
    );
    app.clock.advance(60);
    let r = app
        .post_json("/wp-json/wp/v2/comments", &comment(44, json!({})))
        .await;
    assert_eq!(r.status, 201);
    app.clock.advance(60);
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &comment(40, json!({"content": "closed"})),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (403, json!("rest_comment_closed"))
    );
}

#[tokio::test]
async fn the_split_post_and_the_title_with_markup() {
    let app = TestApp::new();
    let p = &app
        .get("/wp-json/wp/v2/posts?slug=a-reading-in-three-parts")
        .await
        .json()[0];
    let content = p["content"]["rendered"].as_str().unwrap();
    // WordPress 6.1 leaves the page breaks in content.rendered…
    assert_eq!(
        content.matches("\n\n\n\n<!--nextpage-->\n\n\n\n").count(),
        2
    );
    // …and makes the excerpt from the first part only.
    let excerpt = p["excerpt"]["rendered"].as_str().unwrap();
    assert!(
        excerpt.ends_with("why they seemed safe to skip.</p>\n"),
        "{excerpt}"
    );
    let p = &app
        .get("/wp-json/wp/v2/posts?slug=why-slow-reading-helps")
        .await
        .json()[0];
    assert_eq!(p["title"]["rendered"], "Why <em>slow</em> reading helps");
    assert_eq!(p["author"], 3);
}
