//! A prerendered page paints from one request: the bundle's stylesheets go
//! into it as `<style>` elements, each the file's bytes exactly, so the CSP
//! allows them by the sha256 of the same files (`scripts/lib/headers.mjs`,
//! `inlineStyleHashes`) and a new stylesheet needs no other change. Only
//! articles (posts and pages) get them inline, where a reader arrives from
//! a link; list pages and the shell keep the links (cached by then), so
//! thousands of archive pages stay small to write and compress.

/// `shell` with every `<link rel="stylesheet" href="/file.css" …>` whose
/// file `read` finds replaced by that file in a `<style>`; a link whose file
/// is missing, or whose text could end the element early, stays a link.
pub fn inline_styles(shell: &str, read: impl Fn(&str) -> Option<String>) -> String {
    const LINK: &str = "<link rel=\"stylesheet\" href=\"";
    let mut out = String::with_capacity(shell.len());
    let mut rest = shell;
    while let Some(at) = rest.find(LINK) {
        let Some(end) = rest[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        let tag = &rest[at..end];
        let href = &tag[LINK.len()..];
        let href = &href[..href.find('"').unwrap_or(0)];
        out.push_str(&rest[..at]);
        match local_file(href).and_then(&read) {
            Some(css) if !css.to_ascii_lowercase().contains("</style") => {
                out.push_str("<style>");
                out.push_str(&css);
                out.push_str("</style>");
            }
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A stylesheet of the bundle itself: `/name.css`, no folders, no query.
fn local_file(href: &str) -> Option<&str> {
    let name = href.strip_prefix('/')?;
    let plain = name.ends_with(".css")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.');
    plain.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> Option<String> {
        match name {
            "main-1f.css" => Some("body{color:#222}".into()),
            "evil.css" => Some("a{}</STYLE><script>x()</script>".into()),
            _ => None,
        }
    }

    #[test]
    fn the_bundles_stylesheets_become_style_elements() {
        let shell = r#"<head><link rel="stylesheet" href="/main-1f.css" integrity="sha384-x"/><link rel="stylesheet" href="/gone.css"/><link rel="stylesheet" href="/evil.css"/><link rel="stylesheet" href="https://cdn.example/x.css"/></head>"#;
        assert_eq!(
            inline_styles(shell, read),
            r#"<head><style>body{color:#222}</style><link rel="stylesheet" href="/gone.css"/><link rel="stylesheet" href="/evil.css"/><link rel="stylesheet" href="https://cdn.example/x.css"/></head>"#
        );
        assert_eq!(inline_styles("<p>no links</p>", read), "<p>no links</p>");
    }

    #[test]
    fn only_files_at_the_bundles_root_are_read() {
        assert_eq!(local_file("/main-1f.css"), Some("main-1f.css"));
        for href in [
            "/../etc/x.css",
            "/a/b.css",
            "/x.css?v=1",
            "main.css",
            "/.x.css",
            "/x.js",
        ] {
            assert_eq!(local_file(href), None, "{href}");
        }
    }
}
