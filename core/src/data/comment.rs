//! Comments as WordPress's REST API returns them, and the one the visitor is
//! writing.
//!
//! - [`Comment`]: an item of `GET /wp-json/wp/v2/comments` or the `201` body of
//!   `POST /wp-json/wp/v2/comments`. Every field has a default (and `null`
//!   reads as the default), so plugins hiding fields or avatars being switched
//!   off degrade the display instead of failing the whole list.
//! - [`NewComment`]: the JSON body the app POSTs.
//! - [`CommentDraft`]: what the visitor typed, exactly as typed; the form keeps
//!   it, [`crate::rules::comment_validation`] checks it and
//!   [`CommentDraft::to_new_comment`] turns it into the request body.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::data::entities::decode_entities;
use crate::data::models::Rendered;

/// What [`Comment::display_author`] shows when WordPress has no name, as
/// WordPress's own `get_comment_author()` does.
pub const ANONYMOUS: &str = "Anonymous";

/// The avatar size WordPress's comment lists use (`avatar_size` 48 in the
/// REST defaults 24/48/96).
pub const DEFAULT_AVATAR_SIZE: u32 = 48;

/// Reads `null` as the type's default (serde's `default` only covers a
/// missing key).
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// One `{"href": ...}` entry of a `_links` relation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkHref {
    #[serde(default, deserialize_with = "null_as_default")]
    pub href: String,
}

/// The part of a comment's `_links` the app uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentLinks {
    /// Present when the comment has at least one reply. WordPress counts
    /// replies of every status here, so a comment whose only reply is still
    /// held for moderation has it too (and `?parent=id` then returns `[]` to
    /// an anonymous visitor).
    #[serde(default, deserialize_with = "null_as_default")]
    pub children: Vec<LinkHref>,
}

/// A comment from `/wp-json/wp/v2/comments` (view context).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: u64,
    /// The post the comment belongs to.
    #[serde(default, deserialize_with = "null_as_default")]
    pub post: u64,
    /// The comment this one replies to; `0` for a top-level comment. WordPress
    /// accepts a parent that does not exist (observed: `parent: 999999` → 201).
    #[serde(default, deserialize_with = "null_as_default")]
    pub parent: u64,
    /// The WordPress user who wrote it; `0` for a visitor.
    #[serde(default, deserialize_with = "null_as_default")]
    pub author: u64,
    /// As stored: HTML special characters are entity-encoded
    /// (see [`Comment::display_author`]).
    #[serde(default, deserialize_with = "null_as_default")]
    pub author_name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub author_url: String,
    /// Site-local time, `YYYY-MM-DDTHH:MM:SS` (sorts as text).
    #[serde(default, deserialize_with = "null_as_default")]
    pub date: String,
    /// The same in UTC: what WordPress orders comments by.
    #[serde(default, deserialize_with = "null_as_default")]
    pub date_gmt: String,
    /// Rendered HTML. Untrusted: comments inserted outside REST are returned
    /// unsanitised, so it must go through the sanitise policy before display.
    #[serde(default, deserialize_with = "null_as_default")]
    pub content: Rendered,
    /// `"approved"`, or `"hold"` for one awaiting moderation (only ever seen
    /// in the 201 answer to the visitor's own POST; lists hold approved ones).
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: String,
    /// The comment's permalink, `…/post-slug/#comment-ID`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub link: String,
    /// Avatar URLs by size in pixels (`"24"`, `"48"`, `"96"`); missing when
    /// the site has avatars switched off.
    #[serde(default, deserialize_with = "null_as_default")]
    pub author_avatar_urls: BTreeMap<String, String>,
    #[serde(default, rename = "_links", deserialize_with = "null_as_default")]
    pub links: CommentLinks,
}

impl Comment {
    /// The author's name as text (`&amp;` becomes `&`, `&#8217;` becomes `’`),
    /// or "Anonymous" when WordPress has none.
    pub fn display_author(&self) -> String {
        let name = decode_entities(&self.author_name);
        let name = name.trim();
        if name.is_empty() {
            ANONYMOUS.to_string()
        } else {
            name.to_string()
        }
    }

    /// The avatar URL for `size` pixels: that entry when WordPress sent it,
    /// otherwise the nearest size (the larger one on a tie, as scaling down
    /// stays sharp). `None` when there are no avatars.
    pub fn avatar_url(&self, size: u32) -> Option<&str> {
        self.author_avatar_urls
            .iter()
            .filter(|(_, url)| !url.trim().is_empty())
            .filter_map(|(key, url)| key.trim().parse::<u32>().ok().map(|px| (px, url)))
            .min_by_key(|(px, _)| (px.abs_diff(size), std::cmp::Reverse(*px)))
            .map(|(_, url)| url.as_str())
    }

    /// [`Comment::avatar_url`] at the size comment lists use (48).
    pub fn default_avatar_url(&self) -> Option<&str> {
        self.avatar_url(DEFAULT_AVATAR_SIZE)
    }

    /// Whether the comment is published (as opposed to held for moderation).
    pub fn is_approved(&self) -> bool {
        self.status == "approved"
    }

    /// Whether WordPress says it has replies (`_links.children`).
    pub fn has_replies(&self) -> bool {
        !self.links.children.is_empty()
    }

    /// The fragment WordPress uses for the comment: `comment-ID`.
    pub fn anchor(&self) -> String {
        anchor_of(self.id)
    }
}

const ANCHOR_PREFIX: &str = "comment-";

/// The fragment of the comment `id`: `comment-12`.
pub fn anchor_of(id: u64) -> String {
    format!("{ANCHOR_PREFIX}{id}")
}

/// The comment a link's fragment names (`#comment-12`, as WordPress's
/// feeds and comment links end), if it names one.
pub fn anchored(fragment: &str) -> Option<u64> {
    let digits = fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .strip_prefix(ANCHOR_PREFIX)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&id| id > 0)
}

/// The JSON body of `POST /wp-json/wp/v2/comments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NewComment {
    pub post: u64,
    /// `0` for a top-level comment.
    pub parent: u64,
    pub author_name: String,
    pub author_email: String,
    /// May be empty.
    pub author_url: String,
    pub content: String,
}

/// What the visitor typed into the comment form, untouched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentDraft {
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub url: String,
}

/// The characters PHP's `trim()` removes by default: `" \t\n\r\0\x0B"`.
/// WordPress trims with exactly these (no other Unicode spaces).
pub(crate) const PHP_TRIM_CHARS: [char; 6] = [' ', '\t', '\n', '\r', '\0', '\u{0B}'];

/// PHP's `trim($s)` with its default character list.
pub(crate) fn php_trim(s: &str) -> &str {
    s.trim_matches(&PHP_TRIM_CHARS[..])
}

impl CommentDraft {
    /// The request body for this draft on `post`, replying to `parent` (`0`
    /// for a top-level comment).
    ///
    /// Name, email and website are trimmed as WordPress trims them (PHP's
    /// `trim()`: space, tab, newline, carriage return, NUL, vertical tab), so
    /// the lengths [`crate::rules::comment_validation`] checks are the ones
    /// WordPress will count. The comment is sent exactly as typed; WordPress
    /// trims it itself.
    pub fn to_new_comment(&self, post: u64, parent: u64) -> NewComment {
        NewComment {
            post,
            parent,
            author_name: php_trim(&self.name).to_string(),
            author_email: php_trim(&self.email).to_string(),
            author_url: php_trim(&self.url).to_string(),
            content: self.content.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn avatars(pairs: &[(&str, &str)]) -> Comment {
        Comment {
            author_avatar_urls: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Comment::default()
        }
    }

    #[test]
    fn a_fragment_names_a_comment_as_its_anchor_does() {
        assert_eq!(anchored("#comment-12"), Some(12));
        assert_eq!(anchored(&anchor_of(7)), Some(7));
        for not in [
            "",
            "#",
            "#comment-",
            "#comment-+1",
            "#comment-1a",
            "#comments",
            "#comment-0",
            "#respond",
            "comment-99999999999999999999",
        ] {
            assert_eq!(anchored(not), None, "{not}");
        }
    }

    #[test]
    fn avatar_prefers_exact_then_nearest_then_larger() {
        let c = avatars(&[("24", "a24"), ("48", "a48"), ("96", "a96")]);
        assert_eq!(c.avatar_url(48), Some("a48"));
        assert_eq!(c.default_avatar_url(), Some("a48"));
        assert_eq!(c.avatar_url(40), Some("a48"));
        assert_eq!(c.avatar_url(36), Some("a48")); // tie 24/48 → larger
        assert_eq!(c.avatar_url(1000), Some("a96"));
        assert_eq!(c.avatar_url(0), Some("a24"));
        let c = avatars(&[("24", "a24"), ("96", "a96"), ("big", "x"), ("48", " ")]);
        assert_eq!(c.avatar_url(48), Some("a24"));
        assert_eq!(Comment::default().avatar_url(48), None);
    }

    #[test]
    fn author_is_decoded_or_anonymous() {
        let mut c = Comment {
            author_name: "Tom &amp; Jerry&#8217;s".into(),
            ..Comment::default()
        };
        assert_eq!(c.display_author(), "Tom & Jerry’s");
        c.author_name = "  ".into();
        assert_eq!(c.display_author(), "Anonymous");
    }

    #[test]
    fn nulls_read_as_defaults() {
        let c: Comment = serde_json::from_str(
            r#"{"id":5,"author_name":null,"author_avatar_urls":null,"content":null,"_links":null}"#,
        )
        .unwrap();
        assert_eq!(c.id, 5);
        assert_eq!(c.author_name, "");
        assert!(c.author_avatar_urls.is_empty());
        assert!(!c.has_replies());
    }

    #[test]
    fn draft_trims_like_php() {
        let draft = CommentDraft {
            content: "  Hello\n".into(),
            name: " \tAsha\r\n".into(),
            email: " asha@example.com\u{0B}".into(),
            url: "\0https://asha.example/ ".into(),
        };
        let body = draft.to_new_comment(6, 2);
        assert_eq!(body.author_name, "Asha");
        assert_eq!(body.author_email, "asha@example.com");
        assert_eq!(body.author_url, "https://asha.example/");
        assert_eq!(body.content, "  Hello\n");
        // A no-break space is not PHP whitespace: WordPress keeps it.
        assert_eq!(php_trim("\u{a0}x "), "\u{a0}x");
    }
}
