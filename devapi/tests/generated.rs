//! `--generate N`: a big generated blog, answered by every route as the
//! demo content is.

mod common;

use std::collections::{HashMap, HashSet};

use common::TestApp;
use serde_json::Value;

fn generated(n: usize) -> TestApp {
    TestApp::with(|c| c.generate = Some(n))
}

fn items(r: &common::Reply) -> Vec<Value> {
    r.json().as_array().cloned().unwrap_or_default()
}

fn total(r: &common::Reply) -> usize {
    r.header("x-wp-total").unwrap().parse().unwrap()
}

/// Every post (`_fields` as given), 100 at a time.
async fn all_posts(app: &TestApp, fields: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for page in 1.. {
        let r = app
            .get(&format!(
                "/wp-json/wp/v2/posts?per_page=100&page={page}&_fields={fields}"
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        out.extend(items(&r));
        if page >= r.header("x-wp-totalpages").unwrap().parse().unwrap() {
            break;
        }
    }
    out
}

fn plain_words(html: &str) -> usize {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().count()
}

#[tokio::test]
async fn the_same_n_gives_the_same_site() {
    let (a, b) = (generated(300), generated(300));
    for uri in [
        "/wp-json/wp/v2/posts?per_page=100&page=2&_embed",
        "/wp-json/wp/v2/comments?per_page=100",
        "/wp-json/wp/v2/pages?per_page=100",
        "/wp-json/wp/v2/tags?per_page=100",
    ] {
        assert_eq!(a.get(uri).await.bytes, b.get(uri).await.bytes, "{uri}");
    }
    let other = generated(301).get("/wp-json/wp/v2/posts").await;
    assert_eq!(other.header("x-wp-total"), Some("301"));
}

#[tokio::test]
async fn ten_thousand_posts_page_by_page() {
    let started = std::time::Instant::now();
    let app = generated(10_000);
    eprintln!(
        "10,000 posts built in {:?} (debug build)",
        started.elapsed()
    );
    let first = app.get("/wp-json/wp/v2/posts?per_page=100").await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("x-wp-total"), Some("10000"));
    assert_eq!(first.header("x-wp-totalpages"), Some("100"));
    assert_eq!(
        first.header("link"),
        Some("<http://127.0.0.1:8881/wp-json/wp/v2/posts?per_page=100&page=2>; rel=\"next\"")
    );
    let newest = &items(&first)[0];
    assert_eq!(newest["id"], 10_099);
    assert_eq!(newest["date"], "2025-06-30T18:00:00");

    let last = app
        .get("/wp-json/wp/v2/posts?per_page=100&page=100&_fields=id,date")
        .await;
    let last = items(&last);
    assert_eq!(last.len(), 100);
    assert_eq!(last[99]["id"], 100, "the oldest post");
    let oldest_year: i32 = last[99]["date"].as_str().unwrap()[..4].parse().unwrap();
    assert!(oldest_year <= 2019, "{oldest_year}");
    let past = app.get("/wp-json/wp/v2/posts?per_page=100&page=101").await;
    assert_eq!(past.json()["code"], "rest_post_invalid_page_number");

    // Ids, slugs and the light listing an incremental build reads.
    let light = all_posts(&app, "id,slug,modified_gmt,sticky").await;
    assert_eq!(light.len(), 10_000);
    let slugs: HashSet<&str> = light.iter().map(|p| p["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs.len(), 10_000, "unique slugs");
    assert_eq!(light[0].as_object().unwrap().len(), 4);
    let sticky = light.iter().filter(|p| p["sticky"] == true).count();
    assert_eq!(sticky, 3);

    // Many posts share a day.
    let dates = all_posts(&app, "date").await;
    let days: HashSet<&str> = dates
        .iter()
        .map(|p| &p["date"].as_str().unwrap()[..10])
        .collect();
    assert!(days.len() < 3_000, "{} days", days.len());
}

#[tokio::test]
async fn a_realistic_blog() {
    let app = generated(1_000);
    // 12 categories (two of them children), 40 tags, 3 authors.
    let cats = app
        .get("/wp-json/wp/v2/categories?per_page=100&hide_empty=true")
        .await;
    assert!(total(&cats) >= 11, "{}", total(&cats));
    let all_cats = app.get("/wp-json/wp/v2/categories?per_page=100").await;
    assert_eq!(total(&all_cats), 12);
    assert_eq!(
        items(&all_cats).iter().filter(|c| c["parent"] != 0).count(),
        2
    );
    let tags = app.get("/wp-json/wp/v2/tags?per_page=100").await;
    assert_eq!(total(&tags), 40);
    let counts: Vec<u64> = items(&tags)
        .iter()
        .map(|t| t["count"].as_u64().unwrap())
        .collect();
    assert!(counts.iter().max() > Some(&100), "popular tags: {counts:?}");
    let users = app.get("/wp-json/wp/v2/users").await;
    assert_eq!(total(&users), 3);

    // ~600 words each, varied; a few tags per post; featured images.
    let posts = all_posts(&app, "id,content,tags,categories,featured_media,excerpt").await;
    let words: Vec<usize> = posts
        .iter()
        .map(|p| plain_words(p["content"]["rendered"].as_str().unwrap()))
        .collect();
    let mean = words.iter().sum::<usize>() / words.len();
    assert!((500..=750).contains(&mean), "mean {mean} words");
    assert!(*words.iter().min().unwrap() >= 330);
    assert!(*words.iter().max().unwrap() >= 1_200);
    let tag_mean = posts
        .iter()
        .map(|p| p["tags"].as_array().unwrap().len())
        .sum::<usize>() as f64
        / posts.len() as f64;
    assert!((1.5..4.0).contains(&tag_mean), "{tag_mean} tags a post");
    assert!(posts
        .iter()
        .all(|p| !p["categories"].as_array().unwrap().is_empty()));
    let with_image = posts.iter().filter(|p| p["featured_media"] != 0).count();
    assert!((150..=180).contains(&with_image), "{with_image}");
    let content = posts[0]["content"]["rendered"].as_str().unwrap();
    assert!(content.starts_with("\n<p>"), "{content:.80}");
    let excerpt = posts[0]["excerpt"]["rendered"].as_str().unwrap();
    assert!(
        excerpt.starts_with("<p>") && excerpt.ends_with(" [&hellip;]</p>\n"),
        "{excerpt}"
    );

    // Links between posts point at posts that exist.
    let linking = posts
        .iter()
        .filter_map(|p| {
            let c = p["content"]["rendered"].as_str().unwrap();
            let at = c.find("<a href=\"http://127.0.0.1:8881/")?;
            let rest = &c[at + "<a href=\"http://127.0.0.1:8881/".len()..];
            Some(rest[..rest.find('/').unwrap()].to_string())
        })
        .collect::<Vec<_>>();
    assert!(linking.len() > 200, "{} posts link", linking.len());
    let found = app
        .get(&format!("/wp-json/wp/v2/posts?slug={}", linking[0]))
        .await;
    assert_eq!(items(&found).len(), 1, "{}", linking[0]);

    // Pages, nested.
    let pages = items(&app.get("/wp-json/wp/v2/pages?per_page=100").await);
    assert_eq!(pages.len(), 7);
    let links: HashSet<&str> = pages.iter().map(|p| p["link"].as_str().unwrap()).collect();
    assert!(links.contains("http://127.0.0.1:8881/about/team/editors/"));
    assert!(links.contains("http://127.0.0.1:8881/resources/reading-list/"));
    let editors = app
        .get("/wp-json/wp/v2/pages?slug=editors&_embed=up")
        .await
        .json();
    assert_eq!(editors[0]["_embedded"]["up"][0]["slug"], "team");
}

#[tokio::test]
async fn comments_threads_and_the_busy_post() {
    let app = generated(500);
    let busy = 100 + 500 - 2;
    let r = app
        .get(&format!("/wp-json/wp/v2/comments?post={busy}&per_page=100"))
        .await;
    assert_eq!(r.header("x-wp-total"), Some("240"));
    assert_eq!(r.header("x-wp-totalpages"), Some("3"));
    let top = app
        .get(&format!(
            "/wp-json/wp/v2/comments?post={busy}&parent=0&per_page=100"
        ))
        .await;
    assert!(total(&top) < 240 && total(&top) > 150, "{}", total(&top));

    let all = app.get("/wp-json/wp/v2/comments?per_page=100").await;
    let n = total(&all);
    assert!((600..1_400).contains(&n), "{n} comments");
    let mut every = Vec::new();
    for page in 1..=n.div_ceil(100) {
        every.extend(items(
            &app.get(&format!("/wp-json/wp/v2/comments?per_page=100&page={page}"))
                .await,
        ));
    }
    let replies = every.iter().filter(|c| c["parent"] != 0).count();
    assert!(replies > 50, "{replies} replies");
    let by_authors = every.iter().filter(|c| c["author"] != 0).count();
    assert!(by_authors > 5, "{by_authors} replies by the post's author");
    let mut per_post: HashMap<u64, usize> = HashMap::new();
    for c in &every {
        *per_post.entry(c["post"].as_u64().unwrap()).or_default() += 1;
    }
    assert!(
        (100..250).contains(&per_post.len()),
        "{} posts with comments",
        per_post.len()
    );
    // Held comments exist (ids missing from the approved ones): 401 alone.
    let ids: HashSet<u64> = every.iter().map(|c| c["id"].as_u64().unwrap()).collect();
    let held: Vec<u64> = (1..=n as u64 + 40).filter(|i| !ids.contains(i)).collect();
    let first_held = app
        .get(&format!("/wp-json/wp/v2/comments/{}", held[0]))
        .await;
    assert_eq!(first_held.status, 401);
    assert_eq!(first_held.json()["code"], "rest_cannot_read");

    // Embedded in the post, newest first.
    let post = app
        .get(&format!("/wp-json/wp/v2/posts/{busy}?_embed=replies"))
        .await
        .json();
    assert_eq!(
        post["_embedded"]["replies"][0].as_array().unwrap().len(),
        10
    );
}

#[tokio::test]
async fn filters_dates_embeds_and_fields() {
    let app = generated(1_000);
    let all = all_posts(&app, "id,date,modified,slug,sticky,author,categories,tags").await;
    let count = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|p| f(p)).count();

    // after/before compare the date, both ends exclusive.
    let r = app
        .get("/wp-json/wp/v2/posts?after=2022-01-01T00:00:00&before=2023-01-01T00:00:00&per_page=1")
        .await;
    let in_2022 = count(&|p| p["date"].as_str().unwrap().starts_with("2022"));
    assert!(in_2022 > 100);
    assert_eq!(total(&r), in_2022);
    // modified_after / modified_before on the modification date.
    let modified_later = count(&|p| p["modified"] != p["date"]);
    assert!((150..350).contains(&modified_later), "{modified_later}");
    let since = "2024-06-01T00:00:00";
    let r = app
        .get(&format!(
            "/wp-json/wp/v2/posts?modified_after={since}&per_page=1"
        ))
        .await;
    assert_eq!(
        total(&r),
        count(&|p| p["modified"].as_str().unwrap() > since)
    );
    let r = app
        .get(&format!(
            "/wp-json/wp/v2/posts?modified_before={since}&per_page=1"
        ))
        .await;
    assert_eq!(
        total(&r),
        count(&|p| p["modified"].as_str().unwrap() < since)
    );
    assert_eq!(
        app.get("/wp-json/wp/v2/posts?modified_after=yesterday")
            .await
            .json()["code"],
        "rest_invalid_param"
    );

    // Terms, authors, sticky.
    let r = app
        .get("/wp-json/wp/v2/posts?categories=3&per_page=1")
        .await;
    assert_eq!(
        total(&r),
        count(&|p| p["categories"].as_array().unwrap().contains(&3.into()))
    );
    let r = app.get("/wp-json/wp/v2/posts?tags=13&per_page=1").await;
    assert_eq!(
        total(&r),
        count(&|p| p["tags"].as_array().unwrap().contains(&13.into()))
    );
    let r = app.get("/wp-json/wp/v2/posts?author=2&per_page=1").await;
    assert_eq!(total(&r), count(&|p| p["author"] == 2));
    let r = app.get("/wp-json/wp/v2/posts?sticky=true").await;
    assert_eq!(total(&r), 3);

    // Slug lookup with the embeds a page needs.
    let slug = all[500]["slug"].as_str().unwrap();
    let r = app
        .get(&format!(
            "/wp-json/wp/v2/posts?slug={slug}&_embed=author,wp:term,wp:featuredmedia"
        ))
        .await
        .json();
    assert_eq!(r[0]["id"], all[500]["id"]);
    assert!(r[0]["_embedded"]["author"][0]["name"].is_string());
    assert!(!r[0]["_embedded"]["wp:term"][0]
        .as_array()
        .unwrap()
        .is_empty());
    let with_image = app.get("/wp-json/wp/v2/posts/100?_embed").await.json();
    assert_eq!(
        with_image["_embedded"]["wp:featuredmedia"][0]["media_type"],
        "image"
    );

    // `_fields` on a generated post: the text only when asked for, the same.
    let full = app.get("/wp-json/wp/v2/posts/150").await.json();
    let light = app
        .get("/wp-json/wp/v2/posts/150?_fields=id,modified_gmt")
        .await
        .json();
    assert_eq!(light.as_object().unwrap().len(), 2);
    let text = app
        .get("/wp-json/wp/v2/posts/150?_fields=content.rendered,excerpt")
        .await
        .json();
    assert_eq!(text["content"]["rendered"], full["content"]["rendered"]);
    assert_eq!(text["excerpt"], full["excerpt"]);

    // Search reads the generated text.
    let word = "untangles";
    let r = app
        .get(&format!(
            "/wp-json/wp/v2/posts?search={word}&per_page=100&_fields=content"
        ))
        .await;
    assert!(total(&r) > 50);
    assert!(items(&r)
        .iter()
        .all(|p| p["content"]["rendered"].as_str().unwrap().contains(word)));
    // The include list an incremental build reads changed posts with.
    let r = app
        .get("/wp-json/wp/v2/posts?include=100,101,999&per_page=100&_fields=id")
        .await;
    assert_eq!(total(&r), 3);
}

#[tokio::test]
async fn a_small_or_empty_generated_site() {
    let app = generated(0);
    let r = app.get("/wp-json/wp/v2/posts").await;
    assert_eq!((r.status.as_u16(), total(&r)), (200, 0));
    assert_eq!(total(&app.get("/wp-json/wp/v2/pages").await), 7);
    let app = generated(1);
    let r = app.get("/wp-json/wp/v2/posts?sticky=true").await;
    assert_eq!(total(&r), 1);
    let r = app.get("/wp-json/wp/v2/comments?post=100").await;
    assert_eq!(total(&r), 240);
}

#[tokio::test]
async fn posted_comments_on_generated_posts() {
    let app = TestApp::with(|c| {
        c.generate = Some(50);
        c.flood_seconds = 0;
    });
    let r = app
        .post_json(
            "/wp-json/wp/v2/comments",
            &serde_json::json!({"post": 120, "author_name": "Nia", "author_email": "nia@example.org", "content": "Thank you."}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["status"], "hold");
}
