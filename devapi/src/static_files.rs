//! Files: `/wp-content/uploads/…` from `data/uploads/`, and with `--static`
//! the built frontend, where unknown paths fall back to `index.html` (deep
//! links of a single-page app) and HTML gets the `--api-base` rewrite.

use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, Response, StatusCode};
use serde_json::{Map, Value};

use crate::state::Shared;

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

fn not_found() -> Response<Body> {
    let mut resp = Response::new(Body::from("Not Found\n"));
    *resp.status_mut() = StatusCode::NOT_FOUND;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// Percent-decodes a URL path; `None` if it is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let b = path.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// `root` + the URL path, refusing anything that could leave `root`.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(root.join(rel))
}

async fn file_response(state: &Shared, path: &Path) -> Option<Response<Body>> {
    let bytes = tokio::fs::read(path).await.ok()?;
    let ctype = content_type(path);
    let mut overrides = state.config.site_config.clone();
    if let Some(api_base) = &state.config.api_base {
        overrides.insert("apiBase".to_string(), Value::String(api_base.clone()));
    }
    let body = if ctype.starts_with("text/html") && !overrides.is_empty() {
        let html = String::from_utf8_lossy(&bytes);
        rewrite_blog_config(&html, &overrides).into_bytes()
    } else {
        bytes
    };
    let mut resp = Response::new(Body::from(body));
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    // A dev server: always revalidate, so a rebuilt frontend shows at once.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Some(resp)
}

async fn is_file(path: &Path) -> bool {
    tokio::fs::metadata(path)
        .await
        .map(|m| m.is_file())
        .unwrap_or(false)
}

/// `GET /wp-content/uploads/<file>`.
pub async fn uploads(state: Shared, req: Request) -> Response<Body> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return not_found();
    }
    let rest = req
        .uri()
        .path()
        .trim_start_matches("/wp-content/uploads/")
        .to_string();
    match resolve(&state.uploads_dir, &rest) {
        Some(path) if is_file(&path).await => {
            file_response(&state, &path).await.unwrap_or_else(not_found)
        }
        _ => not_found(),
    }
}

/// Everything else: the static site when `--static` is given, with the
/// bundle's `_headers` applied.
pub async fn site(state: Shared, req: Request) -> Response<Body> {
    let path = req.uri().path().to_string();
    let mut resp = site_file(state.clone(), req).await;
    if let Some(root) = &state.config.static_dir {
        let api_origin = state.config.api_base.as_deref().and_then(origin_of);
        let embed_hosts: Vec<String> = state
            .config
            .site_config
            .get("embedHosts")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        crate::site_headers::apply(root, &path, api_origin, &embed_hosts, &mut resp);
    }
    resp
}

/// `http://127.0.0.1:9/wp-json` → `http://127.0.0.1:9`; a path has none.
fn origin_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let end = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    Some(&url[..end])
}

async fn site_file(state: Shared, req: Request) -> Response<Body> {
    let Some(root) = state.config.static_dir.clone() else {
        return not_found();
    };
    let path = req.uri().path();
    if (req.method() != Method::GET && req.method() != Method::HEAD)
        || path == "/wp-json"
        || path.starts_with("/wp-json/")
    {
        return not_found();
    }
    if let Some(mut file) = resolve(&root, path) {
        if tokio::fs::metadata(&file)
            .await
            .map(|m| m.is_dir())
            .unwrap_or(false)
        {
            file = file.join("index.html");
        }
        if is_file(&file).await {
            if let Some(resp) = file_response(&state, &file).await {
                return resp;
            }
        }
    }
    // A path with no file of its own: the bundle's `_redirects`, as
    // Netlify and Cloudflare Pages apply them: rewrites (status 200), such
    // as a feed's address to its `index.xml`, and redirects, such as
    // `/favicon.ico` to the site icon.
    if let Ok(rules) = tokio::fs::read_to_string(root.join("_redirects")).await {
        match first_rule(&rules, path) {
            Some((200, to)) => {
                if let Some(file) = resolve(&root, &to) {
                    if is_file(&file).await {
                        if let Some(resp) = file_response(&state, &file).await {
                            return resp;
                        }
                    }
                }
            }
            Some((status @ (301 | 302 | 307 | 308), to)) => return redirect(status, &to),
            _ => {}
        }
    }
    // Single-page-app deep link: the app's shell, with 200. A prerendered
    // bundle keeps it as shell.html (index.html is then the home page).
    let shell = root.join("shell.html");
    let shell = if is_file(&shell).await {
        shell
    } else {
        root.join("index.html")
    };
    file_response(&state, &shell)
        .await
        .unwrap_or_else(not_found)
}

/// The first rule of a `_redirects` file (Netlify / Cloudflare Pages
/// format) that matches `path`: its status and where it sends `path`.
/// `:name` placeholders match one segment, a last `*` the rest (`:splat`
/// in the target).
pub fn first_rule(rules: &str, path: &str) -> Option<(u16, String)> {
    rules.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields[..] {
            [from, to, status, ..] if !from.starts_with('#') => {
                let status = status.parse().ok()?;
                rewrite_rule(from, to, path).map(|to| (status, to))
            }
            _ => None,
        }
    })
}

fn redirect(status: u16, to: &str) -> Response<Body> {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::FOUND);
    if let Ok(location) = HeaderValue::from_str(to) {
        resp.headers_mut().insert(header::LOCATION, location);
    }
    resp
}

fn rewrite_rule(from: &str, to: &str, path: &str) -> Option<String> {
    let have: Vec<&str> = path.split('/').collect();
    let mut vars: Vec<(String, String)> = Vec::new();
    for (i, want) in from.split('/').enumerate() {
        if want == "*" {
            vars.push(("splat".into(), have.get(i..).unwrap_or_default().join("/")));
            return Some(substitute(to, &vars));
        }
        let seg = *have.get(i)?;
        match want.strip_prefix(':') {
            Some(name) if !seg.is_empty() => vars.push((name.to_string(), seg.to_string())),
            Some(_) => return None,
            None if want == seg => {}
            None => return None,
        }
    }
    (from.split('/').count() == have.len()).then(|| substitute(to, &vars))
}

fn substitute(to: &str, vars: &[(String, String)]) -> String {
    to.split('/')
        .map(|seg| {
            seg.strip_prefix(':')
                .and_then(|name| vars.iter().find(|(n, _)| n == name))
                .map_or(seg, |(_, v)| v.as_str())
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Merges `overrides` (such as `apiBase`) into the JSON of `<script
/// type="application/json" id="blog-config">…</script>`, keeping its other
/// keys. HTML without that element is returned unchanged.
pub fn rewrite_blog_config(html: &str, overrides: &Map<String, Value>) -> String {
    let lower = html.to_ascii_lowercase();
    let mut search_from = 0;
    while let Some(rel) = lower[search_from..].find("<script") {
        let tag_start = search_from + rel;
        let Some(tag_end) = lower[tag_start..].find('>').map(|e| tag_start + e + 1) else {
            break;
        };
        let open_tag = &lower[tag_start..tag_end];
        let is_config =
            open_tag.contains("id=\"blog-config\"") || open_tag.contains("id='blog-config'");
        let Some(close) = lower[tag_end..].find("</script").map(|c| tag_end + c) else {
            break;
        };
        if is_config {
            let mut config = match serde_json::from_str::<Value>(html[tag_end..close].trim()) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            };
            config.extend(overrides.clone());
            // `</` inside a script element would end it early.
            let json = Value::Object(config).to_string().replace("</", "<\\/");
            return format!("{}{json}{}", &html[..tag_end], &html[close..]);
        }
        search_from = close;
    }
    html.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_base(url: &str) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("apiBase".to_string(), Value::String(url.to_string()));
        map
    }

    #[test]
    fn rewrites_only_the_config_script() {
        let html = r#"<head><script>var a = 1;</script><script type="application/json" id="blog-config">{"title":"T","apiBase":"/old"}</script></head>"#;
        let out = rewrite_blog_config(html, &api_base("http://127.0.0.1:9/wp-json"));
        assert!(out.contains(r#"<script>var a = 1;</script>"#));
        let start = out.find("id=\"blog-config\">").unwrap() + "id=\"blog-config\">".len();
        let end = out[start..].find("</script>").unwrap() + start;
        let v: Value = serde_json::from_str(&out[start..end]).unwrap();
        assert_eq!(v["apiBase"], "http://127.0.0.1:9/wp-json");
        assert_eq!(v["title"], "T");
        assert_eq!(
            rewrite_blog_config("<p>no config</p>", &api_base("x")),
            "<p>no config</p>"
        );
    }

    #[test]
    fn rewrites_and_redirects_as_redirects_says() {
        let rules = "/feed/    /feed/index.xml    200\n/favicon.ico    https://cms.example/i-32.png    302\n/category/:slug/feed/    /category/:slug/feed/index.xml    200\n/*    /shell.html    200\n";
        let rule = |path| first_rule(rules, path);
        assert_eq!(rule("/feed/"), Some((200, "/feed/index.xml".into())));
        assert_eq!(
            rule("/category/caf%C3%A9/feed/"),
            Some((200, "/category/caf%C3%A9/feed/index.xml".into()))
        );
        assert_eq!(
            rule("/favicon.ico"),
            Some((302, "https://cms.example/i-32.png".into()))
        );
        assert_eq!(rule("/old"), Some((200, "/shell.html".into())));
        assert_eq!(rule("/category//feed/"), Some((200, "/shell.html".into())));
        assert_eq!(
            first_rule("/a/* /b/:splat 200", "/a/x/y"),
            Some((200, "/b/x/y".into()))
        );
        assert_eq!(first_rule("", "/feed/"), None);
    }

    #[test]
    fn paths_cannot_escape() {
        let root = Path::new("/srv");
        assert!(resolve(root, "/../etc/passwd").is_none());
        assert!(resolve(root, "/a/%2e%2e/%2e%2e/etc").is_none());
        assert_eq!(
            resolve(root, "/a%20b.js").unwrap(),
            Path::new("/srv/a b.js")
        );
    }
}
