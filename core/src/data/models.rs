//! WordPress REST API v2 resources, as the app reads them.
//!
//! Every field has a default: real WordPress varies (no `_embedded` without
//! `_embed`, no featured media, plugins adding or hiding fields), and a missing
//! field must degrade the page, never fail the whole response.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::data::entities::decode_entities;

/// `{"rendered": "..."}`, the shape of every rendered field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    #[serde(default)]
    pub rendered: String,
    /// Behind a password (`content` and `excerpt` of a protected post, whose
    /// `rendered` WordPress leaves empty until the password comes with the
    /// request).
    #[serde(default, skip_serializing_if = "is_false")]
    pub protected: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// `GET /wp-json/`: the site's identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub url: String,
    /// The site icon's media item (`0`: none); read at build time for the
    /// head's icon tags (`data::site_icon`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub site_icon: u64,
}

impl SiteInfo {
    /// The site name as text (WordPress stores it entity-encoded).
    pub fn display_name(&self) -> String {
        decode_entities(&self.name)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    #[serde(default)]
    pub id: u64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub slug: String,
}

impl Author {
    pub fn display_name(&self) -> String {
        decode_entities(&self.name)
    }
}

/// A term from `_embedded["wp:term"]` or `/wp/v2/categories`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    #[serde(default)]
    pub id: u64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub slug: String,
    /// Its archive on WordPress: a child category's names its ancestors
    /// (`route::Archive::category`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
    /// A category's parent (`0`: none); only the categories route has it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub parent: u64,
    #[serde(default)]
    pub taxonomy: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub count: u64,
}

impl Term {
    pub fn display_name(&self) -> String {
        decode_entities(&self.name)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaDetails {
    #[serde(default)]
    pub width: u32,
    #[serde(default)]
    pub height: u32,
    /// The copies WordPress made on upload, by size name (`thumbnail`,
    /// `medium`, `large`, `full`…); read for `srcset`.
    #[serde(default)]
    pub sizes: BTreeMap<String, MediaSize>,
}

/// One entry of `media_details.sizes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaSize {
    #[serde(default)]
    pub source_url: String,
    #[serde(default)]
    pub width: u32,
    #[serde(default)]
    pub height: u32,
}

/// `_embedded["wp:featuredmedia"][0]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    #[serde(default)]
    pub source_url: String,
    #[serde(default)]
    pub alt_text: String,
    #[serde(default)]
    pub media_details: MediaDetails,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Embedded {
    #[serde(default)]
    pub author: Vec<Author>,
    /// One list per taxonomy (categories, tags, ...); WordPress may put error
    /// objects here for hidden taxonomies, so entries are decoded leniently.
    #[serde(default, rename = "wp:term")]
    pub terms: Vec<Vec<serde_json::Value>>,
    #[serde(default, rename = "wp:featuredmedia")]
    pub featured_media: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Post {
    #[serde(default)]
    pub id: u64,
    #[serde(default)]
    pub date: String,
    /// The same instant in UTC, without a zone suffix (as WordPress writes it).
    #[serde(default)]
    pub date_gmt: String,
    /// WordPress's permanent identifier (`https://…/?p=5`), for the feeds'
    /// `<guid>`. Read, never written: seeds (`slim_post`) do not carry it.
    #[serde(default, skip_serializing)]
    pub guid: Rendered,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub title: Rendered,
    #[serde(default)]
    pub content: Rendered,
    #[serde(default)]
    pub excerpt: Rendered,
    #[serde(default)]
    pub author: u64,
    #[serde(default)]
    pub featured_media: u64,
    #[serde(default)]
    pub comment_status: String,
    #[serde(default)]
    pub categories: Vec<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<u64>,
    /// Pages only: the parent page (0 at the top) and the menu position.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub parent: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub menu_order: u64,
    #[serde(default, skip_serializing_if = "is_false")]
    pub sticky: bool,
    /// When it last changed, UTC (for the sitemap's `lastmod`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified_gmt: String,
    #[serde(default, rename = "_embedded")]
    pub embedded: Option<Embedded>,
}

impl Post {
    /// The title as text: `&#8211;` becomes `–`, and inline markup that
    /// WordPress allows in titles (`<em>`) goes.
    pub fn display_title(&self) -> String {
        crate::data::entities::inline_text(&self.title.rendered)
    }

    /// Whether its content waits for a password.
    pub fn is_protected(&self) -> bool {
        self.content.protected
    }

    /// The excerpt as one line of plain text (for lists and meta descriptions).
    pub fn plain_excerpt(&self) -> String {
        crate::data::entities::html_to_text(&self.excerpt.rendered)
    }

    /// The embedded author's display name, if WordPress embedded it.
    pub fn author_name(&self) -> Option<String> {
        let embedded = self.embedded.as_ref()?;
        embedded
            .author
            .iter()
            .find(|a| a.id == self.author || self.author == 0)
            .or(embedded.author.first())
            .map(|a| decode_entities(&a.name))
            .filter(|n| !n.is_empty())
    }

    /// The embedded categories, in WordPress's order.
    pub fn categories(&self) -> Vec<Term> {
        self.terms("category")
    }

    /// The embedded tags, in WordPress's order.
    pub fn tags(&self) -> Vec<Term> {
        self.terms("post_tag")
    }

    fn terms(&self, taxonomy: &str) -> Vec<Term> {
        let Some(embedded) = self.embedded.as_ref() else {
            return Vec::new();
        };
        embedded
            .terms
            .iter()
            .flatten()
            .filter_map(|v| serde_json::from_value::<Term>(v.clone()).ok())
            .filter(|t| t.taxonomy == taxonomy && !t.slug.is_empty())
            .collect()
    }

    /// The embedded author's slug (for the author archive link).
    pub fn author_slug(&self) -> Option<String> {
        let embedded = self.embedded.as_ref()?;
        embedded
            .author
            .iter()
            .find(|a| a.id == self.author || self.author == 0)
            .map(|a| a.slug.clone())
            .filter(|s| !s.is_empty())
    }

    /// The embedded featured image, when there is one with a usable URL.
    pub fn featured_image(&self) -> Option<Media> {
        if self.featured_media == 0 {
            return None;
        }
        self.embedded
            .as_ref()?
            .featured_media
            .first()
            .and_then(|v| serde_json::from_value::<Media>(v.clone()).ok())
            .filter(|m| !m.source_url.is_empty())
    }

    pub fn comments_open(&self) -> bool {
        self.comment_status != "closed"
    }

    /// Whether its page shows a comments section: a page only where
    /// comments are open, as WordPress themes do; a post also shows those
    /// it had before they closed.
    pub fn shows_comments(&self, is_page: bool) -> bool {
        !is_page || self.comments_open()
    }
}
