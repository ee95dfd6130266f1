//! The responses a prerendered page was rendered from, carried in the page
//! as an inert JSON block (`<script type="application/json" id="blog-seed">`)
//! so the app's first render is the same page and needs no request.
//!
//! Keys are API routes relative to the API base (`wp/v2/posts?slug=…`), not
//! URLs: a bundle re-pointed at another API base keeps its seeds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::data::models::{Embedded, Media, Post, Rendered, Term};
use crate::data::pagination::Paging;
use crate::data::route::Archive;

/// The id of the seed block in a prerendered page.
pub const SEED_ELEMENT_ID: &str = "blog-seed";

/// One successful response: its body as the API sent it, and its paging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeededResponse {
    pub body: String,
    #[serde(default)]
    pub paging: Paging,
}

/// Route → response, in a stable order (the same build gives the same bytes).
pub type PageSeed = BTreeMap<String, SeededResponse>;

/// Reads a seed block; anything unreadable is no seed (the app then fetches).
pub fn parse_seed(text: &str) -> PageSeed {
    serde_json::from_str(text).unwrap_or_default()
}

/// The seed as JSON that is safe inside a `<script>` element: `<` is written
/// `\u003c`, so no `</script>` or `<!--` in a post can end or alter the block.
pub fn seed_script_json(seed: &PageSeed) -> String {
    serde_json::to_string(seed)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
}

/// A post as a seed carries it: only what the app reads (WordPress adds
/// `_links`, `guid`, plugin fields such as `yoast_head`, and full term and
/// media objects), and no content for a list page, which shows excerpts.
pub fn slim_post(post: &Post, with_content: bool) -> Post {
    let embedded = post.embedded.as_ref().map(|e| Embedded {
        author: e.author.clone(),
        terms: vec![
            post.categories()
                .into_iter()
                .map(slim_term)
                .map(|t| typed_value(&t))
                .collect(),
            post.tags()
                .into_iter()
                .map(|t| typed_value(&without_link(t)))
                .collect(),
        ],
        featured_media: post
            .featured_image()
            .map(|m| vec![typed_value::<Media>(&m)])
            .unwrap_or_default(),
    });
    Post {
        // A protected post's content never travels in a page, whatever the
        // API answered the build.
        content: if with_content && !post.is_protected() {
            post.content.clone()
        } else {
            Rendered {
                rendered: String::new(),
                protected: post.is_protected(),
            }
        },
        embedded,
        ..post.clone()
    }
}

/// A category keeps its link only when it names ancestors (the app links
/// a child category by it); a tag's archive is found by its slug alone.
fn slim_term(t: Term) -> Term {
    let nested = Archive::category(&t.slug, &t.link) != Archive::Category(t.slug.clone());
    if nested {
        t
    } else {
        without_link(t)
    }
}

fn without_link(t: Term) -> Term {
    Term {
        link: String::new(),
        ..t
    }
}

fn typed_value<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_cannot_close_its_script() {
        let mut seed = PageSeed::new();
        seed.insert(
            "wp/v2/posts?slug=a".into(),
            SeededResponse {
                body: r#"[{"content":"</script><script>alert(1)</script><!--"}]"#.into(),
                paging: Paging {
                    total: 1,
                    total_pages: 1,
                },
            },
        );
        let json = seed_script_json(&seed);
        assert!(!json.contains('<'), "{json}");
        assert_eq!(parse_seed(&json), seed);
    }

    #[test]
    fn a_slim_post_reads_the_same() {
        let post: Post = serde_json::from_value(serde_json::json!({
            "id": 5, "slug": "s", "author": 2, "featured_media": 9, "categories": [3],
            "title": {"rendered": "T"}, "content": {"rendered": "<p>body</p>"},
            "excerpt": {"rendered": "<p>ex</p>"}, "guid": {"rendered": "x"},
            "_links": {"self": [{"href": "http://x"}]},
            "_embedded": {
                "author": [{"id": 2, "name": "Nidhi", "_links": {}}],
                "wp:term": [[{"id": 3, "name": "Therapy", "slug": "therapy", "taxonomy": "category", "_links": {}}],
                            [{"id": 4, "name": "tag", "slug": "tag", "taxonomy": "post_tag"}]],
                "wp:featuredmedia": [{"id": 9, "source_url": "https://x/a.jpg", "alt_text": "a",
                    "media_details": {"width": 10, "height": 5, "sizes": {"big": {"file": "a-big.jpg", "mime_type": "image/jpeg", "width": 8, "height": 4, "source_url": "https://x/a-big.jpg"}}}}]
            }
        }))
        .unwrap();
        let slim = slim_post(&post, true);
        let json = serde_json::to_string(&slim).unwrap();
        assert!(
            !json.contains("_links") && !json.contains("guid") && !json.contains("mime_type"),
            "{json}"
        );
        // The sizes stay, for the featured image's `srcset`.
        assert!(json.contains("https://x/a-big.jpg"), "{json}");
        let back: Post = serde_json::from_str(&json).unwrap();
        assert_eq!(back.display_title(), "T");
        assert_eq!(back.content.rendered, "<p>body</p>");
        assert_eq!(back.author_name().as_deref(), Some("Nidhi"));
        assert_eq!(back.categories(), post.categories());
        assert_eq!(back.featured_image(), post.featured_image());
        assert_eq!(back.plain_excerpt(), "ex");
        assert_eq!(slim_post(&post, false).content.rendered, "");
    }

    #[test]
    fn a_protected_post_travels_without_its_content_but_says_it_is_protected() {
        let post: Post = serde_json::from_value(serde_json::json!({
            "id": 5, "slug": "s", "content": {"rendered": "<p>secret</p>", "protected": true}
        }))
        .unwrap();
        let slim = slim_post(&post, true);
        assert!(slim.is_protected());
        let json = serde_json::to_string(&slim).unwrap();
        assert!(!json.contains("secret"), "{json}");
        let back: Post = serde_json::from_str(&json).unwrap();
        assert!(back.is_protected());
    }

    #[test]
    fn garbage_is_no_seed() {
        assert!(parse_seed("not json").is_empty());
        assert!(parse_seed(r#"{"a": 1}"#).is_empty());
    }
}
