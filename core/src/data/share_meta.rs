//! What a shared link shows: the `<head>` tags that WhatsApp, Facebook,
//! X and search engines read (canonical link, Open Graph, Twitter card),
//! written into each prerendered page, because those crawlers run no WASM.

use crate::data::models::Post;
use crate::rules::sanitize_policy::clean_url;

/// One page's preview.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShareMeta {
    pub title: String,
    pub description: String,
    /// Absolute URL of the page (canonical).
    pub url: String,
    pub site_name: String,
    pub image: Option<ShareImage>,
    /// `Some(ISO 8601 UTC)` for an article; `None` for a list page.
    pub published_time: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// Previews say one or two sentences; crawlers cut longer ones anyway.
const MAX_DESCRIPTION_CHARS: usize = 200;

impl ShareMeta {
    /// An article's preview; `url` is where the page is published.
    pub fn for_post(post: &Post, url: &str, site_name: &str) -> Self {
        let image = post.featured_image().and_then(|m| {
            Some(ShareImage {
                url: clean_url(&m.source_url).filter(|u| u.starts_with("http"))?,
                width: m.media_details.width,
                height: m.media_details.height,
                alt: m.alt_text,
            })
        });
        let published_time = (!post.date_gmt.is_empty()).then(|| {
            let t = post.date_gmt.trim_end_matches('Z');
            format!("{t}Z")
        });
        ShareMeta {
            title: post.display_title(),
            description: shorten(&post.plain_excerpt()),
            url: url.to_string(),
            site_name: site_name.to_string(),
            image,
            published_time,
        }
    }

    /// A list page's preview (home, category).
    pub fn for_listing(title: &str, description: &str, url: &str, site_name: &str) -> Self {
        ShareMeta {
            title: title.to_string(),
            description: shorten(description),
            url: url.to_string(),
            site_name: site_name.to_string(),
            image: None,
            published_time: None,
        }
    }

    /// The tags, one per line, values escaped for a double-quoted attribute.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let mut tag = |attr: &str, key: &str, value: &str| {
            if !value.is_empty() {
                out.push_str(&format!(
                    "<meta {attr}=\"{key}\" content=\"{}\">\n",
                    escape_attr(value)
                ));
            }
        };
        let kind = if self.published_time.is_some() {
            "article"
        } else {
            "website"
        };
        tag("property", "og:type", kind);
        tag("property", "og:title", &self.title);
        tag("property", "og:description", &self.description);
        tag("property", "og:url", &self.url);
        tag("property", "og:site_name", &self.site_name);
        if let Some(image) = &self.image {
            tag("property", "og:image", &image.url);
            if image.width > 0 && image.height > 0 {
                tag("property", "og:image:width", &image.width.to_string());
                tag("property", "og:image:height", &image.height.to_string());
            }
            tag("property", "og:image:alt", &image.alt);
        }
        if let Some(time) = &self.published_time {
            tag("property", "article:published_time", time);
        }
        let card = if self.image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        tag("name", "twitter:card", card);
        tag("name", "twitter:title", &self.title);
        tag("name", "twitter:description", &self.description);
        if let Some(image) = &self.image {
            tag("name", "twitter:image", &image.url);
        }
        if !self.url.is_empty() {
            out.insert_str(
                0,
                &format!(
                    "<link rel=\"canonical\" href=\"{}\">\n",
                    escape_attr(&self.url)
                ),
            );
        }
        out
    }
}

/// At most `MAX_DESCRIPTION_CHARS`, cut at a word, with an ellipsis.
fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_DESCRIPTION_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// Escapes text for a double-quoted HTML attribute value.
pub fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post() -> Post {
        serde_json::from_value(serde_json::json!({
            "id": 7, "slug": "a-post", "date_gmt": "2023-03-14T04:30:00",
            "title": {"rendered": "Tom &amp; &#8220;Jerry&#8221;"},
            "excerpt": {"rendered": "<p>Short \"quoted\" <b>summary</b> &hellip;</p>"},
            "featured_media": 3,
            "_embedded": {"wp:featuredmedia": [{"source_url": "https://cdn.example.org/a.jpg",
                "alt_text": "A cat", "media_details": {"width": 1200, "height": 630}}]}
        }))
        .unwrap()
    }

    #[test]
    fn an_article_has_every_tag_escaped() {
        let html =
            ShareMeta::for_post(&post(), "https://blog.example.org/a-post/", "Site").to_html();
        for expected in [
            "<link rel=\"canonical\" href=\"https://blog.example.org/a-post/\">",
            "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:title\" content=\"Tom &amp; “Jerry”\">",
            "<meta property=\"og:url\" content=\"https://blog.example.org/a-post/\">",
            "<meta property=\"og:site_name\" content=\"Site\">",
            "<meta property=\"og:image\" content=\"https://cdn.example.org/a.jpg\">",
            "<meta property=\"og:image:width\" content=\"1200\">",
            "<meta property=\"og:image:alt\" content=\"A cat\">",
            "<meta property=\"article:published_time\" content=\"2023-03-14T04:30:00Z\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        ] {
            assert!(html.contains(expected), "missing {expected} in\n{html}");
        }
        assert!(
            html.contains("og:description\" content=\"Short &quot;quoted&quot; summary"),
            "{html}"
        );
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn a_listing_is_a_website_without_image() {
        let html = ShareMeta::for_listing("Site", "About", "https://x.org/", "Site").to_html();
        assert!(html.contains("og:type\" content=\"website\""));
        assert!(html.contains("twitter:card\" content=\"summary\""));
        assert!(!html.contains("og:image"));
        assert!(!html.contains("published_time"));
    }

    #[test]
    fn an_unsafe_image_url_is_left_out() {
        let mut p = post();
        p.embedded.as_mut().unwrap().featured_media[0]["source_url"] = "javascript:alert(1)".into();
        let html = ShareMeta::for_post(&p, "https://x.org/a/", "S").to_html();
        assert!(!html.contains("og:image"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let short = shorten(&long);
        assert!(short.chars().count() <= MAX_DESCRIPTION_CHARS + 1);
        assert!(short.ends_with("word…"), "{short}");
    }
}
