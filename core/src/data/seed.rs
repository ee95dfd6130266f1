//! The responses a prerendered page was rendered from, carried in the page
//! as an inert JSON block (`<script type="application/json" id="blog-seed">`)
//! so the app's first render is the same page and needs no request.
//!
//! Keys are API routes relative to the API base (`wp/v2/posts?slug=…`), not
//! URLs: a bundle re-pointed at another API base keeps its seeds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::data::pagination::Paging;

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
    fn garbage_is_no_seed() {
        assert!(parse_seed("not json").is_empty());
        assert!(parse_seed(r#"{"a": 1}"#).is_empty());
    }
}
