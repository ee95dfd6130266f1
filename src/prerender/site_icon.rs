//! The site icon's tags (`blog_core::data::site_icon`) in the app's shell:
//! every page made from it, the shell itself (addresses not prerendered)
//! and the 404 page then show the blog's icon, and no browser asks for
//! `/favicon.ico`. The shell on disk keeps the last build's tags, so they
//! are taken out before a build reads it (its fingerprint stays Trunk's).

use blog_core::data::site_icon::icon_tag_len;

/// `shell` with `tags` (lines) at the end of its `<head>`, each on a line
/// of its own.
pub fn with_site_icon(shell: &str, tags: &str) -> String {
    let shell = without_site_icon(shell);
    let Some(end) = shell.find("</head>").filter(|_| !tags.is_empty()) else {
        return shell;
    };
    let at = shell[..end].trim_end().len();
    let block: String = tags.lines().map(|tag| format!("\n    {tag}")).collect();
    format!("{}{block}{}", &shell[..at], &shell[at..])
}

/// `shell` without the icon tags an earlier build put in: each with the
/// line break and indentation `with_site_icon` gave it, so the shell is
/// again exactly as Trunk made it.
pub fn without_site_icon(shell: &str) -> String {
    let mut out = String::with_capacity(shell.len());
    let mut rest = shell;
    while let Some(newline) = rest.find('\n') {
        out.push_str(&rest[..newline]);
        let line = &rest[newline + 1..];
        let indent = line.len() - line.trim_start_matches(' ').len();
        match icon_tag_len(&line[indent..]) {
            Some(len) => rest = &line[indent + len..],
            None => {
                out.push('\n');
                rest = line;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <title>Blog</title>\n  </head>\n  <body></body>\n</html>\n";
    /// Trunk's output ends the head on the line of its preloads.
    const TRUNK_SHELL: &str =
        "<html><head>\n<link rel=\"preload\" href=\"/b.wasm\">  </head><body></body></html>";
    const TAGS: &str = "<link rel=\"icon\" href=\"https://b.example/i-32.png\" sizes=\"32x32\">\n<link rel=\"apple-touch-icon\" href=\"https://b.example/i-180.png\">";

    #[test]
    fn the_tags_end_the_head_once_however_often_a_build_runs() {
        let once = with_site_icon(SHELL, TAGS);
        assert_eq!(
            once,
            "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <title>Blog</title>\n    <link rel=\"icon\" href=\"https://b.example/i-32.png\" sizes=\"32x32\">\n    <link rel=\"apple-touch-icon\" href=\"https://b.example/i-180.png\">\n  </head>\n  <body></body>\n</html>\n"
        );
        assert_eq!(with_site_icon(&once, TAGS), once);
        assert_eq!(without_site_icon(&once), SHELL);

        let trunk = with_site_icon(TRUNK_SHELL, TAGS);
        assert_eq!(
            trunk,
            "<html><head>\n<link rel=\"preload\" href=\"/b.wasm\">\n    <link rel=\"icon\" href=\"https://b.example/i-32.png\" sizes=\"32x32\">\n    <link rel=\"apple-touch-icon\" href=\"https://b.example/i-180.png\">  </head><body></body></html>"
        );
        assert_eq!(with_site_icon(&trunk, TAGS), trunk);
        assert_eq!(without_site_icon(&trunk), TRUNK_SHELL);
    }

    #[test]
    fn an_icon_taken_away_leaves_the_shell_as_trunk_made_it() {
        let once = with_site_icon(TRUNK_SHELL, TAGS);
        assert_eq!(with_site_icon(&once, ""), TRUNK_SHELL);
        assert_eq!(without_site_icon(TRUNK_SHELL), TRUNK_SHELL);
    }
}
