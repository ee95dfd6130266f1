//! What HTML from the API may reach the page: an allowlist.
//!
//! The browser's inert parser builds the tree (see `ui::safe_html`); this file
//! decides, element by element and attribute by attribute, what survives. It
//! is pure so every rule is tested natively. Anything not named here is not
//! allowed: unknown elements are unwrapped (their text stays), dangerous ones
//! are dropped with everything inside them.

/// What happens to an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementRule {
    /// Kept, with its allowed attributes.
    Keep,
    /// Removed, its children kept in its place.
    Unwrap,
    /// Removed with all its content.
    Drop,
}

/// Elements kept as they are (lowercase HTML names).
const KEEP: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];

/// Elements whose content must never show or run. Raw-text and foreign
/// elements are here because their content parses differently elsewhere
/// (the root of mutation XSS); form controls because they can submit or
/// clobber; embeds because they load active content.
const DROP: &[&str] = &[
    "applet",
    "audio",
    "base",
    "basefont",
    "button",
    "canvas",
    "datalist",
    "dialog",
    "embed",
    "fieldset",
    "form",
    "frame",
    "frameset",
    "head",
    "iframe",
    "input",
    "keygen",
    "label",
    "link",
    "math",
    "meta",
    "meter",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "optgroup",
    "option",
    "output",
    "param",
    "plaintext",
    "portal",
    "progress",
    "script",
    "select",
    "slot",
    "source",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "track",
    "video",
    "xmp",
];

/// Decides an element's fate from its lowercase local name. Names with a
/// namespace prefix or any odd character are dropped.
pub fn element_rule(tag: &str) -> ElementRule {
    if KEEP.contains(&tag) {
        ElementRule::Keep
    } else if DROP.contains(&tag) || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        ElementRule::Drop
    } else {
        ElementRule::Unwrap
    }
}

/// How an attribute's value is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrKind {
    /// Plain text (the DOM escapes it).
    Text,
    /// One URL, scheme-checked.
    Url,
    /// A `srcset` list: each candidate's URL is scheme-checked.
    SrcSet,
    /// A small non-negative number.
    Number,
}

/// Whether `attr` is allowed on `tag`, and how its value is checked.
/// `id`, `name`, `style`, `on*`, `target`, `srcdoc`, `formaction` and the
/// rest are not allowed anywhere: ids and names clobber DOM globals, styles
/// can hide or overlay, `target` opens windows.
pub fn attr_kind(tag: &str, attr: &str) -> Option<AttrKind> {
    use AttrKind::*;
    let kind = match (tag, attr) {
        (_, "class") | (_, "title") | (_, "lang") | (_, "dir") => Text,
        ("a", "href") => Url,
        ("a", "hreflang") => Text,
        ("img", "src") => Url,
        ("img", "srcset") => SrcSet,
        ("img", "alt") | ("img", "sizes") => Text,
        ("img", "width") | ("img", "height") => Number,
        ("blockquote" | "q" | "del" | "ins", "cite") => Url,
        ("del" | "ins" | "time", "datetime") => Text,
        ("td" | "th", "colspan") | ("td" | "th", "rowspan") => Number,
        ("th", "scope") => Text,
        ("col" | "colgroup", "span") => Number,
        ("ol", "start") => Number,
        ("ol", "reversed") | ("ol", "type") | ("details", "open") => Text,
        ("li", "value") => Number,
        _ => return None,
    };
    Some(kind)
}

/// Schemes a URL may have. Everything else (`javascript:`, `data:`,
/// `vbscript:`, `blob:`, `file:` ...) is refused.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Returns the URL to keep, or `None` when it must go.
///
/// Browsers ignore ASCII tabs and newlines anywhere in a URL and leading
/// control characters and spaces (`java\tscript:`, `\x01javascript:`), so they
/// are removed before the scheme is read. The value arrives already
/// entity-decoded by the parser, so `&#106;avascript:` is `javascript:` here.
pub fn clean_url(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    match scheme_of(&cleaned) {
        None => Some(cleaned),
        Some(scheme) if SAFE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) => {
            Some(cleaned)
        }
        Some(_) => None,
    }
}

/// The scheme of an absolute URL; `None` for a relative one. A colon after
/// the first `/`, `?` or `#` belongs to the path, not to a scheme.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    Some(&url[..end])
}

/// A `srcset` kept only when every candidate URL is safe.
pub fn clean_srcset(value: &str) -> Option<String> {
    let mut kept = Vec::new();
    for candidate in value.split(',') {
        let candidate = candidate.trim();
        if candidate.is_empty() {
            continue;
        }
        let mut parts = candidate.split_whitespace();
        let url = clean_url(parts.next()?)?;
        let descriptor: Vec<&str> = parts.collect();
        kept.push(if descriptor.is_empty() {
            url
        } else {
            format!("{url} {}", descriptor.join(" "))
        });
    }
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// A number attribute kept only when it is digits (a `width` of
/// `100" onload="...` cannot happen through the DOM, but a huge or garbled
/// one is noise).
pub fn clean_number(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty() && v.len() <= 5 && v.bytes().all(|b| b.is_ascii_digit())).then(|| v.to_string())
}

/// Cleans one attribute value according to its kind.
pub fn clean_attr(kind: AttrKind, value: &str) -> Option<String> {
    match kind {
        AttrKind::Text => Some(value.to_string()),
        AttrKind::Url => clean_url(value),
        AttrKind::SrcSet => clean_srcset(value),
        AttrKind::Number => clean_number(value),
    }
}

/// Avatars from Gravatar over `https`, whatever scheme the API used: a
/// WordPress served over plain http hands out `http://N.gravatar.com/...`,
/// which an https page would block as mixed content (and the CSP allows
/// only https images from Gravatar).
pub fn secure_avatar_url(url: &str) -> Option<String> {
    let clean = clean_url(url)?;
    match clean.strip_prefix("http://") {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            (host == "gravatar.com" || host.ends_with(".gravatar.com"))
                .then(|| format!("https://{rest}"))
                .or(Some(clean))
        }
        None => Some(clean),
    }
}

/// An embed (`<iframe>`) is kept only when its `src` is `https` on one of the
/// configured hosts (exactly, e.g. `www.youtube-nocookie.com`), and only in
/// posts. It is then sandboxed: the embed may run its player, never the
/// page around it.
pub fn embed_src(src: &str, hosts: &[String]) -> Option<String> {
    let clean = clean_url(src)?;
    let rest = clean.strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    // A user-info part (`https://allowed@evil/`) or a port is never an embed.
    if host.contains(['@', ':']) || !hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return None;
    }
    Some(clean)
}

/// The sandbox an allowed embed runs in: its own scripts and origin (video
/// players need both), full screen, nothing that reaches this page (no
/// `allow-top-navigation`, no `allow-popups-to-escape-sandbox`, no forms).
pub const EMBED_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation allow-popups";

/// Attributes an allowed embed keeps besides `src`.
pub fn embed_attr_kind(attr: &str) -> Option<AttrKind> {
    match attr {
        "width" | "height" => Some(AttrKind::Number),
        "title" => Some(AttrKind::Text),
        _ => None,
    }
}

/// Where the HTML comes from: comments get `nofollow ugc` on their links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Post,
    Comment,
}

/// The `rel` an `<a href>` gets. Links leaving the site never get a handle on
/// this window (`noopener`), and commenters' links carry no endorsement.
pub fn link_rel(href: &str, own_host: &str, source: Source) -> Option<&'static str> {
    let external = match href.split_once("//") {
        Some((scheme, rest)) if scheme.is_empty() || scheme.ends_with(':') => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.eq_ignore_ascii_case(own_host)
        }
        _ => false,
    };
    match (external, source) {
        (_, Source::Comment) if external || href.contains(':') => Some("nofollow ugc noopener"),
        (true, Source::Post) => Some("noopener"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_disjoint() {
        for tag in KEEP {
            assert!(!DROP.contains(tag), "{tag}");
        }
    }

    #[test]
    fn elements() {
        assert_eq!(element_rule("p"), ElementRule::Keep);
        assert_eq!(element_rule("img"), ElementRule::Keep);
        for tag in [
            "script", "style", "iframe", "svg", "math", "form", "textarea", "noscript", "template",
            "base", "meta", "object",
        ] {
            assert_eq!(element_rule(tag), ElementRule::Drop, "{tag}");
        }
        assert_eq!(element_rule("font"), ElementRule::Unwrap);
        assert_eq!(element_rule("custom-el"), ElementRule::Unwrap);
        assert_eq!(element_rule("svg:script"), ElementRule::Drop);
    }

    #[test]
    fn attributes() {
        assert_eq!(attr_kind("a", "href"), Some(AttrKind::Url));
        assert_eq!(attr_kind("img", "srcset"), Some(AttrKind::SrcSet));
        for (tag, attr) in [
            ("img", "onerror"),
            ("a", "onclick"),
            ("p", "style"),
            ("p", "id"),
            ("img", "name"),
            ("a", "target"),
            ("iframe", "srcdoc"),
            ("button", "formaction"),
            ("a", "xlink:href"),
        ] {
            assert_eq!(attr_kind(tag, attr), None, "{tag} {attr}");
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "https://example.org/a",
            "http://x",
            "/relative",
            "page#frag",
            "?q=1",
            "mailto:a@b.c",
            "tel:+123",
            "HTTPS://EXAMPLE.ORG",
            "a/b:c",
            "#top",
        ] {
            assert!(clean_url(ok).is_some(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "blob:https://x/y",
            "javascript&colon;x:y",
            "file:///etc/passwd",
            "jav\u{0}ascript:x",
        ] {
            assert_eq!(clean_url(bad), None, "{bad:?}");
        }
        assert_eq!(clean_url("  https://x/ ").as_deref(), Some("https://x/"));
    }

    #[test]
    fn srcsets_and_numbers() {
        assert_eq!(
            clean_srcset("a.jpg 1x, b.jpg 2x").as_deref(),
            Some("a.jpg 1x, b.jpg 2x")
        );
        assert_eq!(clean_srcset("a.jpg 1x, javascript:x 2x"), None);
        assert_eq!(clean_srcset(""), None);
        assert_eq!(clean_number("640").as_deref(), Some("640"));
        assert_eq!(clean_number("640px"), None);
        assert_eq!(clean_number("9999999"), None);
    }

    #[test]
    fn embeds_only_from_configured_https_hosts() {
        let hosts = vec![
            "www.youtube-nocookie.com".to_string(),
            "player.vimeo.com".to_string(),
        ];
        assert!(embed_src("https://www.youtube-nocookie.com/embed/abc", &hosts).is_some());
        assert!(embed_src("https://PLAYER.vimeo.com/video/1", &hosts).is_some());
        for bad in [
            "http://www.youtube-nocookie.com/embed/abc",
            "https://evil.example/embed",
            "https://www.youtube-nocookie.com.evil.example/",
            "https://www.youtube-nocookie.com@evil.example/",
            "https://www.youtube-nocookie.com:444/",
            "javascript:alert(1)",
            "//www.youtube-nocookie.com/embed/abc",
            "data:text/html,x",
        ] {
            assert_eq!(embed_src(bad, &hosts), None, "{bad}");
        }
        assert_eq!(
            embed_src("https://www.youtube-nocookie.com/embed/abc", &[]),
            None
        );
        assert_eq!(embed_attr_kind("srcdoc"), None);
        assert_eq!(embed_attr_kind("width"), Some(AttrKind::Number));
    }

    #[test]
    fn avatars_use_https() {
        assert_eq!(
            secure_avatar_url("http://1.gravatar.com/avatar/ab?s=48").as_deref(),
            Some("https://1.gravatar.com/avatar/ab?s=48")
        );
        assert_eq!(
            secure_avatar_url("http://example.org/a.png").as_deref(),
            Some("http://example.org/a.png")
        );
        assert_eq!(
            secure_avatar_url("http://evilgravatar.com/a").as_deref(),
            Some("http://evilgravatar.com/a")
        );
        assert_eq!(secure_avatar_url("javascript:alert(1)"), None);
    }

    #[test]
    fn rels() {
        assert_eq!(
            link_rel("https://other.org/", "blog.org", Source::Post),
            Some("noopener")
        );
        assert_eq!(
            link_rel("//other.org/", "blog.org", Source::Post),
            Some("noopener")
        );
        assert_eq!(
            link_rel("https://blog.org/a/", "blog.org", Source::Post),
            None
        );
        assert_eq!(link_rel("/a/", "blog.org", Source::Post), None);
        assert_eq!(
            link_rel("https://other.org/", "blog.org", Source::Comment),
            Some("nofollow ugc noopener")
        );
        assert_eq!(
            link_rel("mailto:x@y.z", "blog.org", Source::Comment),
            Some("nofollow ugc noopener")
        );
    }
}
