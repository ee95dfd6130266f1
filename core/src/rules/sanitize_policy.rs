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
    "audio",
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
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "source",
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
    "track",
    "u",
    "ul",
    "var",
    "video",
];

/// Elements whose content must never show or run. Raw-text and foreign
/// elements are here because their content parses differently elsewhere
/// (the root of mutation XSS); form controls because they can submit or
/// clobber; embeds because they load active content. (`<audio>` and
/// `<video>` are kept: they only play media, with the reader's controls.)
const DROP: &[&str] = &[
    "applet",
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
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// What a title keeps of its markup: WordPress allows inline formatting in
/// titles (`Why <em>slow</em> reading helps`); a title sits in a heading or
/// a link, so no block, no link, no media.
const TITLE_KEEP: &[&str] = &[
    "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Decides an element's fate from its lowercase local name and where the
/// HTML comes from. Names with a namespace prefix or any odd character are
/// dropped.
pub fn element_rule(tag: &str, source: Source) -> ElementRule {
    let keep = match source {
        Source::Title => TITLE_KEEP,
        Source::Post | Source::Comment => KEEP,
    };
    if keep.contains(&tag) {
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
    /// One of a few keywords (lowercase), anything else dropped.
    OneOf(&'static [&'static str]),
    /// A boolean attribute: kept, written empty.
    Flag,
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
        ("a", "download") => Text,
        ("img", "src") => Url,
        ("img" | "source", "srcset") => SrcSet,
        ("img", "alt") | ("img" | "source", "sizes") => Text,
        ("img" | "video" | "source", "width") | ("img" | "video" | "source", "height") => Number,
        ("img", "loading") => OneOf(&["lazy", "eager"]),
        ("img", "decoding") => OneOf(&["async", "sync", "auto"]),
        ("audio" | "video" | "source" | "track", "src") | ("video", "poster") => Url,
        ("audio" | "video", "preload") => OneOf(&["none", "metadata"]),
        ("audio" | "video", "loop") | ("video", "muted" | "playsinline") => Flag,
        ("source", "type") | ("source", "media") => Text,
        ("track", "kind") => OneOf(&["subtitles", "captions", "descriptions", "chapters"]),
        ("track", "srclang") | ("track", "label") => Text,
        ("track", "default") => Flag,
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
        AttrKind::OneOf(words) => {
            let v = value.trim().to_ascii_lowercase();
            words.contains(&v.as_str()).then_some(v)
        }
        AttrKind::Flag => Some(String::new()),
    }
}

/// An element's attributes while a walk builds them: the browser's
/// `Element` or the native walk's list. Lets the rules below be written once
/// for both walks.
pub trait AttrSet {
    fn attr(&self, name: &str) -> Option<String>;
    fn set_attr(&mut self, name: &str, value: &str);
}

/// What the policy adds to a kept element once its allowed attributes are
/// copied: `rel` on links, never-blocking images, player controls, keyboard
/// access to what may scroll. `own_host` is the site's host (`location.host`).
///
/// `style` is the source element's inline style ([`inline_style`]), read
/// only for the layout classes of [`style_classes`].
pub fn finish_attributes(
    tag: &str,
    to: &mut impl AttrSet,
    own_host: &str,
    source: Source,
    style: Option<&str>,
) {
    if source == Source::Post {
        let extra = style_classes(to.attr("class").as_deref(), style);
        if !extra.is_empty() {
            let class = to.attr("class").unwrap_or_default();
            to.set_attr("class", &format!("{class} {}", extra.join(" ")));
        }
    }
    match tag {
        "a" => {
            if let Some(rel) = to
                .attr("href")
                .and_then(|href| link_rel(&href, own_host, source))
            {
                to.set_attr("rel", rel);
            }
        }
        "img" => {
            // Content images sit below the title: never block the first
            // paint (the featured image is the page's one eager image).
            set_default(to, "loading", "lazy");
            set_default(to, "decoding", "async");
            // No text alternative given: decorative to assistive technology
            // (as WordPress writes it), not its file name.
            set_default(to, "alt", "");
        }
        "audio" | "video" => {
            // The reader starts and stops media; nothing plays by itself
            // (`autoplay` is not allowed) and nothing big loads unasked.
            to.set_attr("controls", "");
            set_default(to, "preload", "metadata");
        }
        // Code and tables may be wider than the screen and scroll inside
        // themselves (or their figure); a tab stop lets a keyboard reach
        // and scroll them.
        "pre" | "table" => set_default(to, "tabindex", "0"),
        _ => {}
    }
}

fn set_default(to: &mut impl AttrSet, name: &str, value: &str) {
    if to.attr(name).is_none() {
        to.set_attr(name, value);
    }
}

/// An element's inline `style` as the walk sees it: renamed by
/// `defuse_handlers` before parsing (usually), or as written.
pub fn inline_style(get: impl Fn(&str) -> Option<String>) -> Option<String> {
    get(&format!("{}style", crate::rules::defuse_handlers::PREFIX)).or_else(|| get("style"))
}

/// Percentages a column or a media & text split is rounded to.
pub const WIDTH_STEPS: &[u32] = &[10, 20, 25, 30, 33, 40, 50, 60, 66, 70, 75, 80, 90];
/// Pixel heights a cover's `min-height` is rounded to.
pub const COVER_HEIGHT_STEPS: &[u32] = &[100, 200, 300, 400, 500, 600, 700, 800, 900];
/// Pixel heights a spacer is rounded to.
pub const SPACER_HEIGHT_STEPS: &[u32] = &[
    10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 120, 150, 200, 250, 300, 400,
];

/// The layout WordPress writes only as an inline `style` (which never
/// reaches the page: the allowlist and the CSP refuse styles), as classes
/// `style/blocks.css` knows, rounded to the nearest step it has: a column's
/// width, the media & text split, a cover's minimum height, a spacer's
/// height. Anything else in the style is ignored.
pub fn style_classes(class: Option<&str>, style: Option<&str>) -> Vec<String> {
    let (Some(style), Some(_)) = (style, class) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let property = property.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let number = |unit: &str| value.strip_suffix(unit).and_then(|n| decimal(n.trim()));
        let made = match property.as_str() {
            "flex-basis" if has_class(class, "wp-block-column") => {
                number("%").map(|n| format!("blog-basis-{}", nearest(WIDTH_STEPS, n)))
            }
            "grid-template-columns" if has_class(class, "wp-block-media-text") => value
                .split_whitespace()
                .find_map(|part| decimal(part.strip_suffix('%')?))
                .map(|n| format!("blog-media-{}", nearest(WIDTH_STEPS, n))),
            "min-height" if has_class(class, "wp-block-cover") => match number("vh") {
                Some(vh) if vh >= 90 => Some("blog-min-height-screen".to_string()),
                _ => number("px")
                    .map(|n| format!("blog-min-height-{}", nearest(COVER_HEIGHT_STEPS, n))),
            },
            "height" if has_class(class, "wp-block-spacer") => {
                number("px").map(|n| format!("blog-height-{}", nearest(SPACER_HEIGHT_STEPS, n)))
            }
            _ => None,
        };
        out.extend(made);
    }
    out
}

/// `33.33` → 33, `66.7` → 67: a positive decimal, rounded to a whole
/// number (no float parsing: its code would weigh on the WASM).
fn decimal(text: &str) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 6 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let n: u32 = whole.parse().ok()?;
    let up = fraction.bytes().next().is_some_and(|b| b >= b'5');
    Some(n + u32::from(up)).filter(|n| *n > 0)
}

fn nearest(steps: &[u32], n: u32) -> u32 {
    steps
        .iter()
        .copied()
        .min_by_key(|s| s.abs_diff(n))
        .unwrap_or(0)
}

/// Every class [`style_classes`] can write (for the test that the
/// stylesheet has each one).
pub fn all_style_classes() -> Vec<String> {
    let mut all = Vec::new();
    all.extend(WIDTH_STEPS.iter().map(|n| format!("blog-basis-{n}")));
    all.extend(WIDTH_STEPS.iter().map(|n| format!("blog-media-{n}")));
    all.extend(
        COVER_HEIGHT_STEPS
            .iter()
            .map(|n| format!("blog-min-height-{n}")),
    );
    all.push("blog-min-height-screen".into());
    all.extend(
        SPACER_HEIGHT_STEPS
            .iter()
            .map(|n| format!("blog-height-{n}")),
    );
    all
}

/// The accessible name of a link whose only content is an image without a
/// text alternative (a gallery's "link to media file"): the caption shown
/// with it, else the image's `title`, else its file name. `None` when the
/// link has a name already (text, or an image with `alt`).
pub fn image_link_label(
    caption: Option<&str>,
    image_title: Option<&str>,
    image_src: Option<&str>,
) -> Option<String> {
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    [caption, image_title]
        .into_iter()
        .flatten()
        .map(squash)
        .find(|t| !t.is_empty())
        .or_else(|| image_src.and_then(file_label))
}

/// How far up from an image-only link its figure may be: `figure > a`,
/// `.wp-caption > a`, `figure.gallery-item > .gallery-icon > a`.
pub const CAPTION_SEARCH_DEPTH: usize = 3;

/// Whether an ancestor of an image-only link is the figure whose caption
/// names it (`class` is its class attribute).
pub fn is_captioned_figure(tag: &str, class: Option<&str>) -> bool {
    tag == "figure" || has_class(class, "wp-caption")
}

/// Whether a child of that figure is its caption.
pub fn is_caption(tag: &str, class: Option<&str>) -> bool {
    tag == "figcaption" || has_class(class, "wp-caption-text")
}

fn has_class(class: Option<&str>, wanted: &str) -> bool {
    class.is_some_and(|c| c.split_ascii_whitespace().any(|c| c == wanted))
}

/// `https://x/wp-content/uploads/2022/06/harbour-at-dawn-1024x683.jpg` →
/// `harbour-at-dawn-1024x683`.
fn file_label(src: &str) -> Option<String> {
    let path = src.split(['?', '#']).next()?;
    let file = path.rsplit('/').next()?;
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    (!stem.is_empty()).then(|| stem.to_string())
}

/// The origin an allowed media URL loads from (`https://cdn.example.org`),
/// for the Content-Security-Policy; `None` for a relative URL. Only the
/// attributes that make the browser fetch an image or media file count.
pub fn media_origins(tag: &str, attr: &str, value: &str) -> Vec<String> {
    let loads = matches!(
        (tag, attr),
        ("img" | "source", "src" | "srcset")
            | ("audio" | "video" | "track", "src")
            | ("video", "poster")
    );
    if !loads {
        return Vec::new();
    }
    let urls: Vec<&str> = if attr == "srcset" {
        value
            .split(',')
            .filter_map(|c| c.split_whitespace().next())
            .collect()
    } else {
        vec![value]
    };
    urls.into_iter().filter_map(origin_of).collect()
}

/// `https://Host:port/path` → `https://host:port`; `None` unless http(s).
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    (!host.is_empty() && !host.contains(['\\', ' ']))
        .then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
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

/// What a post's `<iframe>` becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    /// From a configured host: rebuilt empty and sandboxed with these
    /// attributes, in this order.
    Frame(Vec<(&'static str, String)>),
    /// From any other web address: a link to it, named by the embed's title
    /// (else its host), so the reader still has what the author embedded.
    Card {
        href: String,
        title: String,
        host: String,
    },
    /// No usable address (or in a comment): nothing.
    Nothing,
}

/// Decides a post's `<iframe>` from its attributes (`get` reads one).
pub fn embed(get: impl Fn(&str) -> Option<String>, hosts: &[String], source: Source) -> Embed {
    let Some(raw) = get("src") else {
        return Embed::Nothing;
    };
    if source != Source::Post {
        return Embed::Nothing;
    }
    if let Some(src) = embed_src(&raw, hosts) {
        let mut attrs: Vec<(&'static str, String)> = Vec::new();
        for name in ["width", "height", "title"] {
            if let (Some(kind), Some(value)) = (embed_attr_kind(name), get(name)) {
                if let Some(clean) = clean_attr(kind, &value) {
                    attrs.push((name, clean));
                }
            }
        }
        attrs.push(("sandbox", EMBED_SANDBOX.into()));
        attrs.push(("loading", "lazy".into()));
        attrs.push(("referrerpolicy", "strict-origin-when-cross-origin".into()));
        attrs.push(("allow", "fullscreen; picture-in-picture".into()));
        attrs.push(("src", src));
        return Embed::Frame(attrs);
    }
    let Some(href) = clean_url(&raw).filter(|u| {
        let lower = u.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    }) else {
        return Embed::Nothing;
    };
    let host = href
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
        .map(|h| {
            h.rsplit_once('@')
                .map_or(h, |(_, h)| h)
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if host.is_empty() {
        return Embed::Nothing;
    }
    let title = get("title")
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| host.clone());
    Embed::Card { href, title, host }
}

/// The classes of a link card's parts (styled in `style/blocks.css`).
pub const EMBED_CARD_CLASS: &str = "embed-card";
pub const EMBED_CARD_TITLE_CLASS: &str = "embed-card-title";
pub const EMBED_CARD_HOST_CLASS: &str = "embed-card-host";

/// Attributes an allowed embed keeps besides `src`.
pub fn embed_attr_kind(attr: &str) -> Option<AttrKind> {
    match attr {
        "width" | "height" => Some(AttrKind::Number),
        "title" => Some(AttrKind::Text),
        _ => None,
    }
}

/// Where the HTML comes from: comments get `nofollow ugc` on their links;
/// titles keep only inline formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Post,
    Comment,
    Title,
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
        assert_eq!(element_rule("p", Source::Post), ElementRule::Keep);
        assert_eq!(element_rule("img", Source::Comment), ElementRule::Keep);
        // A title keeps inline formatting only.
        assert_eq!(element_rule("em", Source::Title), ElementRule::Keep);
        for tag in ["a", "img", "p", "h2", "div"] {
            assert_eq!(
                element_rule(tag, Source::Title),
                ElementRule::Unwrap,
                "{tag}"
            );
        }
        assert_eq!(element_rule("script", Source::Title), ElementRule::Drop);
        for tag in [
            "script", "style", "iframe", "svg", "math", "form", "textarea", "noscript", "template",
            "base", "meta", "object",
        ] {
            assert_eq!(element_rule(tag, Source::Post), ElementRule::Drop, "{tag}");
        }
        assert_eq!(element_rule("font", Source::Post), ElementRule::Unwrap);
        assert_eq!(element_rule("custom-el", Source::Post), ElementRule::Unwrap);
        assert_eq!(element_rule("svg:script", Source::Post), ElementRule::Drop);
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

    // The walk's attribute list, standing in for either tree's element.
    use crate::rules::sanitize_walk::Attrs as List;

    fn finished(tag: &str, given: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut list = List(
            given
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        );
        finish_attributes(tag, &mut list, "blog.org", Source::Post, None);
        list.0
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn images_media_and_scrollers_get_the_policy_additions() {
        assert_eq!(
            finished("img", &[("src", "a.jpg")]),
            pairs(&[
                ("src", "a.jpg"),
                ("loading", "lazy"),
                ("decoding", "async"),
                ("alt", "")
            ])
        );
        // What the author (or WordPress) chose is kept.
        assert_eq!(
            finished(
                "img",
                &[("alt", "A cat"), ("loading", "eager"), ("decoding", "sync")]
            ),
            pairs(&[("alt", "A cat"), ("loading", "eager"), ("decoding", "sync")])
        );
        assert_eq!(
            finished("video", &[("src", "v.mp4")]),
            pairs(&[("src", "v.mp4"), ("controls", ""), ("preload", "metadata")])
        );
        assert_eq!(finished("pre", &[]), pairs(&[("tabindex", "0")]));
        assert_eq!(
            finished("table", &[("class", "x")]),
            pairs(&[("class", "x"), ("tabindex", "0")])
        );
        assert_eq!(
            finished("a", &[("href", "https://other.org/")]),
            pairs(&[("href", "https://other.org/"), ("rel", "noopener")])
        );
        assert_eq!(finished("p", &[("class", "x")]), pairs(&[("class", "x")]));
    }

    #[test]
    fn media_attributes_are_checked() {
        assert_eq!(attr_kind("video", "autoplay"), None);
        assert_eq!(attr_kind("audio", "onplay"), None);
        assert_eq!(attr_kind("img", "fetchpriority"), None);
        let loading = attr_kind("img", "loading").unwrap();
        assert_eq!(clean_attr(loading, " LAZY ").as_deref(), Some("lazy"));
        assert_eq!(clean_attr(loading, "now"), None);
        assert_eq!(
            clean_attr(attr_kind("video", "muted").unwrap(), "muted").as_deref(),
            Some("")
        );
        assert_eq!(
            clean_attr(attr_kind("video", "poster").unwrap(), "javascript:x"),
            None
        );
        assert_eq!(
            clean_attr(
                attr_kind("source", "srcset").unwrap(),
                "a.webp 1x, data:x 2x"
            ),
            None
        );
        assert_eq!(element_rule("video", Source::Post), ElementRule::Keep);
        assert_eq!(element_rule("picture", Source::Post), ElementRule::Keep);
    }

    #[test]
    fn frames_from_other_hosts_become_link_cards() {
        let hosts = vec!["www.youtube.com".to_string()];
        let attrs = |pairs: &[(&str, &str)]| {
            let owned: Vec<(String, String)> = pairs
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            move |name: &str| {
                owned
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            }
        };
        match embed(
            attrs(&[
                ("src", "https://www.youtube.com/embed/x"),
                ("title", "Talk"),
                ("srcdoc", "<b>"),
            ]),
            &hosts,
            Source::Post,
        ) {
            Embed::Frame(a) => {
                assert_eq!(a.first(), Some(&("title", "Talk".to_string())));
                assert_eq!(
                    a.last(),
                    Some(&("src", "https://www.youtube.com/embed/x".to_string()))
                );
                assert!(a.iter().all(|(n, _)| *n != "srcdoc"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            embed(
                attrs(&[
                    ("src", "https://Maps.Example/embed?q=1"),
                    ("title", " The\n coast ")
                ]),
                &hosts,
                Source::Post
            ),
            Embed::Card {
                href: "https://Maps.Example/embed?q=1".into(),
                title: "The coast".into(),
                host: "maps.example".into()
            }
        );
        assert_eq!(
            embed(
                attrs(&[("src", "https://user@maps.example/")]),
                &hosts,
                Source::Post
            ),
            Embed::Card {
                href: "https://user@maps.example/".into(),
                title: "maps.example".into(),
                host: "maps.example".into()
            }
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "/relative",
            "//maps.example/x",
            "",
        ] {
            assert_eq!(
                embed(attrs(&[("src", bad)]), &hosts, Source::Post),
                Embed::Nothing,
                "{bad}"
            );
        }
        assert_eq!(embed(attrs(&[]), &hosts, Source::Post), Embed::Nothing);
        assert_eq!(
            embed(
                attrs(&[("src", "https://www.youtube.com/embed/x")]),
                &hosts,
                Source::Comment
            ),
            Embed::Nothing
        );
    }

    #[test]
    fn image_only_links_are_named() {
        assert_eq!(
            image_link_label(Some("  A  quiet\nharbour "), Some("t"), Some("a.jpg")).as_deref(),
            Some("A quiet harbour")
        );
        assert_eq!(
            image_link_label(Some(" "), Some("The title"), Some("a.jpg")).as_deref(),
            Some("The title")
        );
        assert_eq!(
            image_link_label(
                None,
                None,
                Some("https://x.org/wp-content/uploads/2022/06/harbour-1024x683.jpg?v=2")
            )
            .as_deref(),
            Some("harbour-1024x683")
        );
        assert_eq!(image_link_label(None, None, Some("https://x.org/")), None);
        assert_eq!(image_link_label(None, None, None), None);
        assert!(is_captioned_figure("figure", None));
        assert!(is_captioned_figure("div", Some("wp-caption alignleft")));
        assert!(!is_captioned_figure("div", Some("wp-captionx")));
        assert!(is_caption("p", Some("wp-caption-text")));
        assert!(is_caption("figcaption", None));
    }

    #[test]
    fn media_origins_are_what_loads() {
        assert_eq!(
            media_origins("img", "src", "https://CDN.example.org/a.jpg"),
            vec!["https://cdn.example.org"]
        );
        assert_eq!(
            media_origins(
                "img",
                "srcset",
                "https://a.org/1.jpg 1x, /2.jpg 2x, http://b.org:8080/3.jpg 3x"
            ),
            vec!["https://a.org", "http://b.org:8080"]
        );
        assert_eq!(
            media_origins("video", "poster", "https://v.org/p.jpg"),
            vec!["https://v.org"]
        );
        assert!(media_origins("img", "src", "/local.jpg").is_empty());
        assert!(media_origins("a", "href", "https://a.org/").is_empty());
        assert!(media_origins("img", "alt", "https://a.org/").is_empty());
        assert_eq!(
            origin_of("https://u:p@h.org/x").as_deref(),
            Some("https://h.org")
        );
        assert_eq!(origin_of("mailto:x@y.z"), None);
    }

    #[test]
    fn inline_layout_becomes_classes() {
        let col = Some("wp-block-column is-vertically-aligned-center");
        assert_eq!(
            style_classes(col, Some("flex-basis:33.33%")),
            ["blog-basis-33"]
        );
        assert_eq!(
            style_classes(col, Some("FLEX-BASIS: 66.66% ; color:red")),
            ["blog-basis-66"]
        );
        assert!(style_classes(col, Some("flex-basis:240px")).is_empty());
        assert!(style_classes(Some("wp-block-group"), Some("flex-basis:50%")).is_empty());
        assert_eq!(
            style_classes(
                Some("wp-block-media-text alignwide"),
                Some("grid-template-columns:30% auto")
            ),
            ["blog-media-30"]
        );
        assert_eq!(
            style_classes(
                Some("wp-block-media-text has-media-on-the-right"),
                Some("grid-template-columns:auto 40%")
            ),
            ["blog-media-40"]
        );
        assert_eq!(
            style_classes(Some("wp-block-cover"), Some("min-height:320px")),
            ["blog-min-height-300"]
        );
        assert_eq!(
            style_classes(Some("wp-block-cover"), Some("min-height:100vh")),
            ["blog-min-height-screen"]
        );
        assert_eq!(
            style_classes(Some("wp-block-spacer"), Some("height:48px")),
            ["blog-height-50"]
        );
        assert!(
            style_classes(Some("wp-block-spacer"), Some("height:-5px; height: NaNpx")).is_empty()
        );
        assert!(style_classes(None, Some("flex-basis:50%")).is_empty());
        assert_eq!(
            inline_style(|n| (n == "data-defused-style").then(|| "a:b".to_string())).as_deref(),
            Some("a:b")
        );
        let mut list = List(vec![("class".into(), "wp-block-column".into())]);
        finish_attributes(
            "div",
            &mut list,
            "blog.org",
            Source::Post,
            Some("flex-basis:25%"),
        );
        assert_eq!(
            list.attr("class").as_deref(),
            Some("wp-block-column blog-basis-25")
        );
        let mut list = List(vec![("class".into(), "wp-block-column".into())]);
        finish_attributes(
            "div",
            &mut list,
            "blog.org",
            Source::Comment,
            Some("flex-basis:25%"),
        );
        assert_eq!(list.attr("class").as_deref(), Some("wp-block-column"));
    }

    #[test]
    fn the_block_stylesheet_styles_every_layout_class() {
        let css =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../style/blocks.css"))
                .unwrap();
        for class in all_style_classes() {
            assert!(
                css.contains(&format!(".{class} ")) || css.contains(&format!(".{class},")),
                "style/blocks.css has no rule for .{class}"
            );
        }
    }
}
