//! The deployment's configuration: an inert JSON block in `index.html`
//! (`<script type="application/json" id="blog-config">`), read at start-up.
//!
//! It lives in the page, not in the WASM, so a site points the app at its
//! WordPress without a rebuild, and reading it costs no request.

use serde::Deserialize;

/// Requests that take longer than this are aborted and reported as a timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SiteConfig {
    /// The REST API root: same-origin `/wp-json` or `https://cms.example.org/wp-json`.
    pub api_base: String,
    /// Bound for every API request, in milliseconds.
    pub timeout_ms: u32,
    /// Posts per list page (WordPress's default is 10; 1 to 100).
    pub posts_per_page: u32,
    /// Top-level comments per page (1 to 100).
    pub comments_per_page: u32,
    /// The page language (`<html lang>`).
    pub lang: String,
    /// Hosts whose `https` iframes a post may embed (sandboxed), such as
    /// `www.youtube-nocookie.com`; none by default.
    pub embed_hosts: Vec<String>,
    /// Chat launcher settings, read by the chat module.
    pub chat: serde_json::Value,
    /// The site menu; absent, it is the top-level pages in WordPress's
    /// menu order.
    pub menu: Option<Vec<MenuLink>>,
}

/// One entry of the configured site menu.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MenuLink {
    pub label: String,
    pub href: String,
}

impl MenuLink {
    /// A link a menu may carry: a path on this site or an http(s) address
    /// (no `javascript:`, no protocol-relative `//host`).
    pub fn is_safe(&self) -> bool {
        let h = self.href.trim();
        !self.label.trim().is_empty()
            && ((h.starts_with('/') && !h.starts_with("//"))
                || h.starts_with("https://")
                || h.starts_with("http://"))
    }
}

/// Posts a list page shows unless the config says otherwise.
pub const DEFAULT_POSTS_PER_PAGE: u32 = 10;
/// The most items WordPress serves in one page: `postsPerPage` and
/// `commentsPerPage` are held between 1 and this.
pub const PER_PAGE_LIMIT: u32 = 100;
/// Where the REST API is unless the config says otherwise.
pub const DEFAULT_API_BASE: &str = "/wp-json";

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            api_base: DEFAULT_API_BASE.to_string(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            posts_per_page: DEFAULT_POSTS_PER_PAGE,
            comments_per_page: 20,
            lang: "en".to_string(),
            embed_hosts: Vec::new(),
            chat: serde_json::Value::Null,
            menu: None,
        }
    }
}

impl SiteConfig {
    /// Parses the config block; a missing or broken block falls back to the
    /// defaults (and says why) rather than leaving a blank page.
    pub fn from_json(text: Option<&str>) -> (SiteConfig, Option<String>) {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return (SiteConfig::default(), None);
        };
        match serde_json::from_str::<SiteConfig>(text) {
            Ok(mut config) => {
                config.api_base = normalize_base(&config.api_base);
                config.posts_per_page = config.posts_per_page.clamp(1, PER_PAGE_LIMIT);
                config.comments_per_page = config.comments_per_page.clamp(1, PER_PAGE_LIMIT);
                if let Some(menu) = config.menu.as_mut() {
                    menu.retain(MenuLink::is_safe);
                }
                if config.timeout_ms == 0 {
                    config.timeout_ms = DEFAULT_TIMEOUT_MS;
                }
                (config, None)
            }
            Err(e) => (
                SiteConfig::default(),
                Some(format!(
                    "blog-config is not valid JSON ({e}); using defaults"
                )),
            ),
        }
    }

    /// An absolute URL for an API route such as `wp/v2/posts?slug=x`.
    pub fn endpoint(&self, route: &str) -> String {
        format!("{}/{}", self.api_base, route.trim_start_matches('/'))
    }
}

fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        DEFAULT_API_BASE.to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_menu_keeps_only_safe_links() {
        let (c, _) = SiteConfig::from_json(Some(
            r#"{"menu": [{"label": "About", "href": "/about/"}, {"label": "Shop", "href": "https://shop.example/"},
                {"label": "x", "href": "javascript:alert(1)"}, {"label": "y", "href": "//evil.example/"}, {"label": " ", "href": "/"}]}"#,
        ));
        let hrefs: Vec<_> = c.menu.unwrap().into_iter().map(|m| m.href).collect();
        assert_eq!(hrefs, ["/about/", "https://shop.example/"]);
        assert_eq!(SiteConfig::from_json(None).0.menu, None);
    }

    #[test]
    fn defaults_to_same_origin() {
        let (c, warning) = SiteConfig::from_json(None);
        assert_eq!(c.endpoint("wp/v2/posts"), "/wp-json/wp/v2/posts");
        assert!(warning.is_none());
    }

    #[test]
    fn reads_another_origin() {
        let (c, _) = SiteConfig::from_json(Some(
            r#"{"apiBase":"https://cms.example.org/wp-json/","timeoutMs":5000,"extra":1}"#,
        ));
        assert_eq!(
            c.endpoint("/wp/v2/posts"),
            "https://cms.example.org/wp-json/wp/v2/posts"
        );
        assert_eq!(c.timeout_ms, 5000);
    }

    #[test]
    fn broken_config_falls_back_and_says_why() {
        let (c, warning) = SiteConfig::from_json(Some("{apiBase:"));
        assert_eq!(c, SiteConfig::default());
        assert!(warning.unwrap().contains("not valid JSON"));
        let (c, _) = SiteConfig::from_json(Some(r#"{"apiBase":"  ","timeoutMs":0}"#));
        assert_eq!(c.api_base, "/wp-json");
        assert_eq!(c.timeout_ms, DEFAULT_TIMEOUT_MS);
        let (c, _) = SiteConfig::from_json(Some(r#"{"postsPerPage":1000}"#));
        assert_eq!(c.posts_per_page, 100);
    }
}
