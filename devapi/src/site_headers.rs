//! Applies the bundle's own `_headers` file (Netlify / Cloudflare Pages
//! format) when serving `--static`, so tests run the app under the exact
//! Content-Security-Policy a CDN would send.

use std::path::Path;

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Response};

/// `(path pattern, [(name, value)])` rules, in file order.
pub fn parse(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            rules.push((line.trim().to_string(), Vec::new()));
        } else if let (Some(rule), Some((name, value))) = (rules.last_mut(), line.split_once(':')) {
            rule.1
                .push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    rules
}

/// Whether a `_headers` path pattern covers `path` (`*` is a splat).
pub fn matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((prefix, suffix)) => {
            path.len() >= prefix.len() + suffix.len()
                && path.starts_with(prefix)
                && path.ends_with(suffix)
        }
    }
}

/// Adds `origin` to the CSP's `connect-src`, `img-src` and `media-src`: what
/// `scripts/configure-dist.mjs` does when a deployment points `apiBase` at
/// another origin (the dev server's `--api-base`).
pub fn allow_api_origin(csp: &str, origin: &str) -> String {
    csp.split(';')
        .map(|d| {
            let d = d.trim();
            let name = d.split_whitespace().next().unwrap_or("");
            if matches!(name, "connect-src" | "img-src" | "media-src")
                && !d.split_whitespace().any(|s| s == origin)
            {
                format!("{d} {origin}")
            } else {
                d.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Adds `https://<host>` to `frame-src` for each embed host a test
/// configured with `--site-config` (what `configure-dist.mjs` would write).
pub fn allow_frames(csp: &str, hosts: &[String]) -> String {
    if hosts.is_empty() {
        return csp.to_string();
    }
    let sources: Vec<String> = hosts.iter().map(|h| format!("https://{h}")).collect();
    let mut found = false;
    let mut directives: Vec<String> = csp
        .split(';')
        .map(|d| {
            let d = d.trim();
            if d.split_whitespace().next() == Some("frame-src") {
                found = true;
                format!("{d} {}", sources.join(" "))
            } else {
                d.to_string()
            }
        })
        .collect();
    if !found {
        directives.push(format!("frame-src {}", sources.join(" ")));
    }
    directives.join("; ")
}

/// Sets the headers of every rule matching `url_path` (later rules win).
pub fn apply(
    root: &Path,
    url_path: &str,
    api_origin: Option<&str>,
    embed_hosts: &[String],
    resp: &mut Response<Body>,
) {
    let Ok(text) = std::fs::read_to_string(root.join("_headers")) else {
        return;
    };
    for (pattern, headers) in parse(&text) {
        if !matches(&pattern, url_path) {
            continue;
        }
        for (name, value) in headers {
            let value = match (
                name.eq_ignore_ascii_case("content-security-policy"),
                api_origin,
            ) {
                (true, Some(origin)) => {
                    allow_frames(&allow_api_origin(&value, origin), embed_hosts)
                }
                (true, None) => allow_frames(&value, embed_hosts),
                _ => value,
            };
            if let (Ok(name), Ok(value)) =
                (HeaderName::try_from(name), HeaderValue::try_from(value))
            {
                resp.headers_mut().insert(name, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches_rules() {
        let rules = parse("/*\n  A: 1\n  B: x: y\n\n/index.html\n  Cache-Control: no-cache\n");
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].1[1], ("B".to_string(), "x: y".to_string()));
        assert!(matches("/*", "/a/b/"));
        assert!(matches("/index.html", "/index.html"));
        assert!(!matches("/index.html", "/"));
        assert!(matches("/*.js", "/app.js"));
        assert!(!matches("/*.js", "/app.css"));
    }

    #[test]
    fn adds_the_api_origin_once() {
        let csp =
            "default-src 'none'; connect-src 'self'; img-src 'self' https://x; media-src 'self'";
        let out = allow_api_origin(csp, "http://127.0.0.1:9");
        assert_eq!(
            out,
            "default-src 'none'; connect-src 'self' http://127.0.0.1:9; img-src 'self' https://x http://127.0.0.1:9; media-src 'self' http://127.0.0.1:9"
        );
        assert_eq!(allow_api_origin(&out, "http://127.0.0.1:9"), out);
        assert_eq!(
            allow_frames("default-src 'none'", &["v.example".to_string()]),
            "default-src 'none'; frame-src https://v.example"
        );
        assert_eq!(allow_frames("a; frame-src x", &[]), "a; frame-src x");
    }
}
