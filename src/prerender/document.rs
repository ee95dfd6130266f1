//! Puts a rendered page into the app's HTML shell (Trunk's `index.html`):
//! its `<head>` tags and seed go right after the config block (so the early
//! loader, which follows, sees the seed and stays idle) with the block naming
//! the app's bundle (the app starts on demand: `app_on_demand`), its body
//! into `<div id="prerendered">`, which the app replaces when it starts.

use std::path::{Path, PathBuf};

use blog_core::data::query::percent_decode;
use blog_core::data::seed::{seed_script_json, PageSeed, SEED_ELEMENT_ID};
use blog_core::data::share_meta::escape_attr;

use crate::prerender::app_on_demand::{app_block, defer_app, part_serves, Bundle, Parts};
use crate::transport::config::CONFIG_ELEMENT_ID;
use crate::transport::wordpress::BOOT_RULES_ID;
use crate::ui::carry_over::PRERENDERED_ID;

/// A shell made ready once per build: its placeholder title gone, Trunk's
/// loader deferred (`app_on_demand`), its language set, and where each
/// page's head and body go found. Thousands of pages are then one copy and
/// two insertions each.
pub struct Template {
    page: String,
    /// Right after the config block: the head tags, seed and app block go
    /// here, before the early loader, which then sees the seed and stays idle.
    head_at: usize,
    /// Right after `<body ...>`.
    body_at: usize,
    app: Bundle,
    parts: Option<Parts>,
}

impl Template {
    /// `lang`: `<html lang>`; `parts`: the comments' and the chat's
    /// bundles, when the build made them.
    pub fn new(shell: &str, lang: &str, parts: Option<Parts>) -> Result<Self, String> {
        let (shell, app) = defer_app(shell)?;
        let page = set_lang(&without_boot_rules(&without_title(&shell)), lang);
        let config_at = page
            .find(&format!("id=\"{CONFIG_ELEMENT_ID}\""))
            .ok_or("the shell has no blog-config block")?;
        let head_at = page[config_at..]
            .find("</script>")
            .map(|i| config_at + i + "</script>".len())
            .ok_or("the blog-config block is not closed")?;
        let body_start = page.find("<body").ok_or("the shell has no <body>")?;
        let body_at = page[body_start..]
            .find('>')
            .map(|i| body_start + i + 1)
            .ok_or("the shell's <body> is not closed")?;
        Ok(Self {
            page,
            head_at,
            body_at,
            app,
            parts,
        })
    }

    /// The page for one path. `head`: tags from the page's components
    /// (title, description); `share`: link-preview tags.
    pub fn assemble(&self, head: &str, share: &str, seed: &PageSeed, body: &str) -> String {
        let app_block = app_block(&self.app, self.parts.as_ref().filter(|_| part_serves(body)));
        let seed = seed_script_json(seed);
        let page = &self.page;
        let mut out = String::with_capacity(
            page.len() + head.len() + share.len() + seed.len() + body.len() + app_block.len() + 200,
        );
        out.push_str(&page[..self.head_at]);
        out.push_str(&format!(
            "\n    {head}\n{share}    <script type=\"application/json\" id=\"{SEED_ELEMENT_ID}\">{seed}</script>\n    {app_block}"
        ));
        out.push_str(&page[self.head_at..self.body_at]);
        out.push_str(&format!(
            "<div id=\"{PRERENDERED_ID}\" class=\"prerendered\">{body}</div>"
        ));
        out.push_str(&page[self.body_at..]);
        out
    }
}

/// The shell's placeholder `<title>` goes: the page's own comes with `head`.
fn without_title(shell: &str) -> String {
    match (shell.find("<title>"), shell.find("</title>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &shell[..start], &shell[end + "</title>".len()..])
        }
        _ => shell.to_string(),
    }
}

/// The early loader's rules go too: a page with a seed starts no early
/// request, so it never reads them.
fn without_boot_rules(shell: &str) -> String {
    let open = format!("<script type=\"application/json\" id=\"{BOOT_RULES_ID}\">");
    let Some(start) = shell.find(&open) else {
        return shell.to_string();
    };
    match shell[start..].find("</script>") {
        Some(len) => format!(
            "{}{}",
            &shell[..start],
            &shell[start + len + "</script>".len()..]
        ),
        None => shell.to_string(),
    }
}

fn set_lang(page: &str, lang: &str) -> String {
    match page.find("<html lang=\"") {
        Some(at) => {
            let value_start = at + "<html lang=\"".len();
            let value_end = page[value_start..]
                .find('"')
                .map_or(value_start, |i| value_start + i);
            format!(
                "{}{}{}",
                &page[..value_start],
                escape_attr(lang),
                &page[value_end..]
            )
        }
        None => page.to_string(),
    }
}

/// Where a page's file goes: `/` → `dist/index.html`, `/a/` →
/// `dist/a/index.html`. Percent-escapes are decoded, as static hosts do
/// when they map a URL to a file.
pub fn file_for(dist: &Path, path: &str) -> PathBuf {
    dist.join(relative_file(path))
}

/// The same, relative to `dist/` and `/`-separated: `/a/b/` → `a/b/index.html`.
pub fn relative_file(path: &str) -> String {
    let mut file = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        file.push_str(&percent_decode(segment));
        file.push('/');
    }
    file + "index.html"
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_core::data::seed::SeededResponse;

    const SHELL: &str = "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <title>Blog</title>\n    <script type=\"application/json\" id=\"blog-config\">{}</script>\n    <script type=\"application/json\" id=\"blog-boot\">{\"reserved\":[]}</script>\n    <script>loader()</script>\n<script type=\"module\">import init from '/b.js'; await init({ module_or_path: '/b_bg.wasm' });</script>\n<link rel=\"modulepreload\" href=\"/b.js\" integrity=\"sha384-j\"><link rel=\"preload\" href=\"/b_bg.wasm\" integrity=\"sha384-w\" as=\"fetch\" type=\"application/wasm\">  </head>\n  <body></body>\n</html>\n";

    #[test]
    fn the_page_goes_where_the_app_and_loader_expect_it() {
        let mut seed = PageSeed::new();
        seed.insert(
            "r".into(),
            SeededResponse {
                body: "[\"</script>\"]".into(),
                paging: Default::default(),
            },
        );
        let page = Template::new(SHELL, "de", None).unwrap().assemble(
            "<title>Post – Site</title>",
            "<meta property=\"og:title\" content=\"Post\">\n",
            &seed,
            "<main>text</main>",
        );
        assert!(!page.contains("<title>Blog</title>"));
        assert!(page.contains("<html lang=\"de\">"));
        let config = page.find("id=\"blog-config\"").unwrap();
        let seed_at = page.find("id=\"blog-seed\"").unwrap();
        let loader = page.find("loader()").unwrap();
        let bundle = page.find("id=\"blog-app\"").unwrap();
        assert!(
            config < seed_at && seed_at < bundle && bundle < loader,
            "{page}"
        );
        // The app starts on demand: no loader of Trunk's, no preloads.
        assert!(
            !page.contains("import init") && !page.contains("preload"),
            "{page}"
        );
        assert!(page.contains("<title>Post – Site</title>"));
        // A seeded page starts no early request: no rules for it.
        assert!(!page.contains("blog-boot"), "{page}");
        assert!(page.contains("og:title"));
        assert!(page.contains(
            "<body><div id=\"prerendered\" class=\"prerendered\"><main>text</main></div></body>"
        ));
        // The seed cannot close its own script element.
        assert_eq!(page.matches("</script>").count(), 4, "{page}");
    }

    #[test]
    fn a_shell_without_config_is_refused() {
        assert!(Template::new(&SHELL.replace("blog-config", "other"), "en", None).is_err());
    }

    #[test]
    fn paths_map_to_index_files() {
        let dist = Path::new("/d");
        assert_eq!(file_for(dist, "/"), Path::new("/d/index.html"));
        assert_eq!(file_for(dist, "/a-b/"), Path::new("/d/a-b/index.html"));
        assert_eq!(
            file_for(dist, "/category/x/page/2/"),
            Path::new("/d/category/x/page/2/index.html")
        );
        assert_eq!(
            file_for(dist, "/caf%C3%A9/"),
            Path::new("/d/café/index.html")
        );
    }
}
