//! The handful of WordPress text filters the API needs, simplified:
//! block-paragraph rendering, `wpautop`, excerpts, `sanitize_text_field`,
//! `esc_url_raw`, `is_email`, and the kses filter WordPress runs on comments
//! from commenters without the `unfiltered_html` capability.
//!
//! They are deliberately conservative: this is a dev server, and the
//! frontend sanitises whatever it receives anyway.

/// The token in a post's stored `content` that stands for the site's home
/// URL (no trailing slash), so uploads embedded in posts point at whatever
/// origin serves them, as WordPress's absolute upload URLs do.
pub const HOME_TOKEN: &str = "{{home}}";

/// Elements (and their attributes) that kses allows in an anonymous comment:
/// WordPress's global `$allowedtags`.
const ALLOWED_TAGS: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("abbr", &["title"]),
    ("acronym", &["title"]),
    ("b", &[]),
    ("blockquote", &["cite"]),
    ("cite", &[]),
    ("code", &[]),
    ("del", &["datetime"]),
    ("em", &[]),
    ("i", &[]),
    ("q", &["cite"]),
    ("s", &[]),
    ("strike", &[]),
    ("strong", &[]),
];

/// URL schemes kses and `esc_url` let through (`wp_allowed_protocols()`).
const ALLOWED_PROTOCOLS: &[&str] = &[
    "http", "https", "ftp", "ftps", "mailto", "news", "irc", "irc6", "ircs", "gopher", "nntp",
    "feed", "telnet", "mms", "rtsp", "sms", "svn", "tel", "fax", "xmpp", "webcal", "urn",
];

/// Paragraphs as the block editor stores them, rendered the way the REST API
/// returns `content.rendered`: `\n<p>…</p>\n` blocks joined by `\n\n\n`.
pub fn render_block_paragraphs(paragraphs: &[String]) -> String {
    paragraphs
        .iter()
        .map(|p| format!("\n<p>{p}</p>\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A small `wpautop`: blank lines separate paragraphs, single newlines become
/// `<br />`, each paragraph is wrapped in `<p>…</p>\n`.
pub fn autop(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if !para.is_empty() {
            out.push_str("<p>");
            out.push_str(&para.join("<br />\n"));
            out.push_str("</p>\n");
            para.clear();
        }
    };
    for line in text.split('\n') {
        if line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(line.trim_end());
        }
    }
    flush(&mut para, &mut out);
    out
}

/// The text of markup without script or style (or with them already
/// removed): every tag dropped, appended to `out`.
pub fn strip_tags_into(s: &str, out: &mut String) {
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
}

/// Removes `<script>`/`<style>` elements with their content, then every
/// other tag (`wp_strip_all_tags`).
pub fn strip_all_tags(html: &str) -> String {
    let mut s = html.to_string();
    for element in ["script", "style"] {
        loop {
            let lower = s.to_ascii_lowercase();
            let Some(start) = lower.find(&format!("<{element}")) else {
                break;
            };
            let close = format!("</{element}");
            let end = match lower[start..].find(&close) {
                Some(rel) => {
                    let close_at = start + rel;
                    lower[close_at..]
                        .find('>')
                        .map(|g| close_at + g + 1)
                        .unwrap_or(s.len())
                }
                None => s.len(),
            };
            s.replace_range(start..end, "");
        }
    }
    let mut out = String::with_capacity(s.len());
    strip_tags_into(&s, &mut out);
    out
}

/// The automatic excerpt: the first 55 words of the text, then ` [&hellip;]`
/// when there were more, wrapped in a paragraph (`wp_trim_excerpt`).
pub fn auto_excerpt(content_html: &str) -> String {
    let text = strip_all_tags(content_html);
    let words: Vec<&str> = text
        .split(['\n', '\r', '\t', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    excerpt_of(&words)
}

/// How many words an automatic excerpt keeps (`excerpt_length`).
pub const EXCERPT_WORDS: usize = 55;

/// `wp_trim_words` with `[&hellip;]`, in a paragraph: the excerpt of a text
/// already split into words.
pub fn excerpt_of(words: &[&str]) -> String {
    if words.is_empty() {
        return String::new();
    }
    let mut excerpt = words[..words.len().min(EXCERPT_WORDS)].join(" ");
    if words.len() > EXCERPT_WORDS {
        excerpt.push_str(" [&hellip;]");
    }
    format!("<p>{excerpt}</p>\n")
}

fn is_entity_at(s: &str) -> bool {
    // `s` starts right after an `&`: a named (`amp;`), decimal (`#8217;`) or
    // hex (`#x2019;`) entity?
    let bytes = s.as_bytes();
    let end = match s.find(';') {
        Some(e) if e > 0 && e <= 32 => e,
        _ => return false,
    };
    let body = &bytes[..end];
    if body[0] == b'#' {
        let digits = &body[1..];
        if let Some(hex) = digits.strip_prefix(b"x").or(digits.strip_prefix(b"X")) {
            !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit)
        } else {
            !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
        }
    } else {
        body[0].is_ascii_alphabetic() && body.iter().all(u8::is_ascii_alphanumeric)
    }
}

/// `&` that does not start an entity becomes `&amp;` (kses's entity
/// normalisation).
fn normalize_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '&' && !is_entity_at(&text[i + 1..]) {
            out.push_str("&amp;");
        } else {
            out.push(c);
        }
    }
    out
}

/// `_wp_specialchars( $s, ENT_QUOTES )` without double encoding.
pub fn specialchars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '&' if is_entity_at(&s[i + 1..]) => out.push('&'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#039;"),
            _ => out.push(c),
        }
    }
    out
}

/// `sanitize_text_field`: no tags, no line breaks, collapsed spaces, trimmed,
/// no percent-encoded octets.
pub fn sanitize_text_field(s: &str) -> String {
    let mut text = s.to_string();
    if text.contains('<') {
        // A `<` that cannot start a tag is kept, escaped (wp_pre_kses_less_than).
        let mut escaped = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(pos) = rest.find('<') {
            escaped.push_str(&rest[..pos]);
            let after = &rest[pos + 1..];
            let next_lt = after.find('<').unwrap_or(after.len());
            if after[..next_lt].contains('>') {
                escaped.push('<');
            } else {
                escaped.push_str("&lt;");
            }
            rest = after;
        }
        escaped.push_str(rest);
        text = strip_all_tags(&escaped);
    }
    let mut collapsed = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        if matches!(c, '\r' | '\n' | '\t' | ' ') {
            if !last_space {
                collapsed.push(' ');
            }
            last_space = true;
        } else {
            collapsed.push(c);
            last_space = false;
        }
    }
    let mut text = collapsed.trim().to_string();
    let mut found = false;
    while let Some(pos) = find_percent_octet(&text) {
        text.replace_range(pos..pos + 3, "");
        found = true;
    }
    if found {
        while text.contains("  ") {
            text = text.replace("  ", " ");
        }
        text = text.trim().to_string();
    }
    text
}

fn find_percent_octet(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(2))
        .find(|&i| b[i] == b'%' && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit())
}

/// WordPress's `is_email()` (wp-includes/formatting.php), rule by rule:
/// - at least 6 bytes long;
/// - an `@` after the first character; the local part is what precedes the
///   first `@`, the domain is everything after it;
/// - local part: only `a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-`;
/// - domain: no `..`, no leading/trailing `.` or whitespace, at least two
///   dot-separated labels;
/// - each label: no leading/trailing `-` or whitespace, only `[a-z0-9-]`
///   (case-insensitive). (No separate TLD rule: a label like `co` or `123`
///   passes, as in WordPress.)
pub fn is_email(email: &str) -> bool {
    if email.len() < 6 {
        return false;
    }
    let Some(at) = email.get(1..).and_then(|s| s.find('@')).map(|i| i + 1) else {
        return false;
    };
    let (local, domain) = (&email[..at], &email[at + 1..]);
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok || domain.contains("..") {
        return false;
    }
    if domain.trim_matches(|c: char| " \t\n\r\0\x0B.".contains(c)) != domain {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    labels.iter().all(|label| {
        label.trim_matches(|c: char| " \t\n\r\0\x0B-".contains(c)) == *label
            && !label.is_empty()
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// The scheme of a URL-ish value, if it has one before any `/?#`.
fn scheme_of(value: &str) -> Option<String> {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if cleaned.as_bytes()[end] == b':' {
        Some(cleaned[..end].to_string())
    } else {
        None
    }
}

fn protocol_allowed(value: &str) -> bool {
    match scheme_of(value) {
        None => true,
        Some(scheme) => ALLOWED_PROTOCOLS.contains(&scheme.as_str()),
    }
}

/// A simplified `esc_url_raw`: strips characters URLs cannot hold, adds
/// `http://` to scheme-less host names, and empties disallowed schemes
/// (`javascript:` and friends).
pub fn esc_url_raw(url: &str) -> String {
    let url = url.trim().replace(' ', "%20");
    if url.is_empty() {
        return url;
    }
    let url: String = url
        .chars()
        .filter(|&c| {
            c.is_ascii_alphanumeric() || "-~+_.?#=!&;,/:%@$|*'()[]".contains(c) || !c.is_ascii()
        })
        .collect();
    if url.is_empty() {
        return url;
    }
    let first = url.as_bytes()[0];
    let looks_like_php = {
        let lower = url.to_ascii_lowercase();
        lower.find(".php").is_some_and(|i| {
            i > 0
                && lower[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
    };
    if !url.contains(':') && !matches!(first, b'/' | b'#' | b'?') && !looks_like_php {
        return format!("http://{url}");
    }
    if protocol_allowed(&url) {
        url
    } else {
        String::new()
    }
}

/// Parses an attribute list (`wp_kses_hair`, simplified) into lowercase
/// names and unescaped-as-written values.
fn parse_attributes(list: &str) -> Vec<(String, Option<String>)> {
    let mut attrs = Vec::new();
    let chars: Vec<char> = list.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !(chars[i].is_ascii_alphabetic() || chars[i] == '_') {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '-' | '_' | ':' | '.'))
        {
            i += 1;
        }
        let name: String = chars[start..i]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        if j < chars.len() && chars[j] == '=' {
            j += 1;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let value = if j < chars.len() && (chars[j] == '"' || chars[j] == '\'') {
                let quote = chars[j];
                let vstart = j + 1;
                let mut k = vstart;
                while k < chars.len() && chars[k] != quote {
                    k += 1;
                }
                let v: String = chars[vstart..k].iter().collect();
                i = (k + 1).min(chars.len());
                v
            } else {
                let vstart = j;
                let mut k = vstart;
                while k < chars.len()
                    && !chars[k].is_whitespace()
                    && chars[k] != '"'
                    && chars[k] != '\''
                {
                    k += 1;
                }
                let v: String = chars[vstart..k].iter().collect();
                i = k;
                v
            };
            attrs.push((name, Some(value)));
        } else {
            attrs.push((name, None));
        }
    }
    attrs
}

fn escape_attr(v: &str) -> String {
    normalize_entities(v)
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One tag as kses would leave it: `None` drops it, `Some((name, closing,
/// html))` keeps it.
fn kses_tag(tag: &str) -> Option<(String, bool, String)> {
    // `^<\s*(/\s*)?([a-zA-Z0-9-]+)([^>]*)>?$`
    let inner = tag.strip_prefix('<')?;
    let inner = inner.strip_suffix('>').unwrap_or(inner);
    let inner = inner.trim_start();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(inner.len());
    if name_len == 0 {
        return None;
    }
    let (name, attr_list) = inner.split_at(name_len);
    let lower = name.to_ascii_lowercase();
    let allowed = ALLOWED_TAGS.iter().find(|(t, _)| *t == lower)?.1;
    if closing {
        return Some((lower.clone(), true, format!("</{lower}>")));
    }
    let mut html = format!("<{lower}");
    let mut kept = 0;
    for (attr, value) in parse_attributes(attr_list) {
        if !allowed.contains(&attr.as_str()) {
            continue;
        }
        let value = value.unwrap_or_default();
        if matches!(attr.as_str(), "href" | "cite") && !protocol_allowed(&value) {
            continue;
        }
        html.push_str(&format!(" {attr}=\"{}\"", escape_attr(&value)));
        kept += 1;
    }
    // wp_rel_ugc: every `<a …>` with attributes gets rel="nofollow ugc".
    if lower == "a" && kept > 0 {
        html.push_str(" rel=\"nofollow ugc\"");
    }
    html.push('>');
    Some((lower, false, html))
}

/// What WordPress stores for a comment POSTed by an anonymous commenter:
/// `wp_filter_kses` with the comment allow-list (disallowed tags are removed
/// but their text stays, so `<script>alert(1)</script>` leaves `alert(1)`),
/// `wp_rel_ugc`, then `balanceTags`.
pub fn kses_comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Vec<String> = Vec::new();
    let mut rest = text;
    loop {
        let next = rest.find(['<', '>']);
        let Some(pos) = next else {
            out.push_str(&normalize_entities(rest));
            break;
        };
        out.push_str(&normalize_entities(&rest[..pos]));
        let after = &rest[pos..];
        if let Some(stripped) = after.strip_prefix('>') {
            out.push_str("&gt;");
            rest = stripped;
            continue;
        }
        if after.starts_with("<!--") {
            // HTML comments are dropped whole.
            rest = after.find("-->").map(|e| &after[e + 3..]).unwrap_or("");
            continue;
        }
        let end = after.find('>').map(|e| e + 1).unwrap_or(after.len());
        let tag = &after[..end];
        rest = &after[end..];
        if tag == "<" {
            out.push_str("&lt;");
            continue;
        }
        let Some((name, closing, html)) = kses_tag(tag) else {
            continue;
        };
        if closing {
            // balanceTags: close what is open up to the match; drop strays.
            if let Some(idx) = open.iter().rposition(|t| *t == name) {
                while open.len() > idx {
                    let t = open.pop().unwrap_or_default();
                    out.push_str(&format!("</{t}>"));
                }
            }
        } else {
            out.push_str(&html);
            open.push(name);
        }
    }
    while let Some(t) = open.pop() {
        out.push_str(&format!("</{t}>"));
    }
    out
}

/// How many links `check_comment` would count (`<a …href` plus the bare URLs
/// that `make_clickable` would turn into links).
pub fn count_links(text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let anchors = lower
        .match_indices("<a ")
        .filter(|(i, _)| {
            lower[*i..]
                .split('>')
                .next()
                .is_some_and(|t| t.contains("href"))
        })
        .count();
    let bare = strip_all_tags(&lower)
        .split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www."))
        .count();
    anchors + bare
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kses_matches_the_recorded_rest_comment() {
        let input = "Nice!<script>alert(1)</script><img src=x onerror=alert(1)> <strong>bold</strong> <a href=\"https://example.org/\" onclick=\"alert(2)\">link</a>";
        assert_eq!(
            kses_comment(input),
            "Nice!alert(1) <strong>bold</strong> <a href=\"https://example.org/\" rel=\"nofollow ugc\">link</a>"
        );
    }

    #[test]
    fn kses_edge_cases() {
        assert_eq!(kses_comment("a & b"), "a &amp; b");
        assert_eq!(kses_comment("&amp; &#8217;"), "&amp; &#8217;");
        assert_eq!(kses_comment("<em>open"), "<em>open</em>");
        assert_eq!(kses_comment("stray</strong> end"), "stray end");
        assert_eq!(
            kses_comment("<a href=\"javascript:alert(1)\">x</a>"),
            "<a>x</a>"
        );
        assert_eq!(
            kses_comment("<A HREF='http://x.org/' TITLE=t>x</A>"),
            "<a href=\"http://x.org/\" title=\"t\" rel=\"nofollow ugc\">x</a>"
        );
        assert_eq!(kses_comment("1 > 0"), "1 &gt; 0");
        assert_eq!(kses_comment("<!-- hidden -->shown"), "shown");
        assert_eq!(kses_comment("<svg onload=alert(1)>"), "");
    }

    #[test]
    fn is_email_rules() {
        for ok in [
            "test.reader@example.com",
            "a+b@sub.example.co",
            "x@y.zz",
            "o'neil@example.org",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "not-an-email",
            "a@b.c",
            "@example.com",
            "me@localhost",
            "me@exa..mple.com",
            "me@.example.com",
            "me@example.com.",
            "me@-example.com",
            "me@exa_mple.com",
            "my name@example.com",
            "me@ex@ample.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn text_field_and_urls() {
        assert_eq!(sanitize_text_field("  Ann\n <b>Lee</b> "), "Ann Lee");
        assert_eq!(sanitize_text_field("a < b"), "a &lt; b");
        assert_eq!(sanitize_text_field("x%41y"), "xy");
        assert_eq!(specialchars("O'Brien & Co"), "O&#039;Brien &amp; Co");
        assert_eq!(specialchars("&amp;"), "&amp;");
        assert_eq!(esc_url_raw("example.com/x y"), "http://example.com/x%20y");
        assert_eq!(esc_url_raw("javascript:alert(1)"), "");
        assert_eq!(esc_url_raw("https://ok.example/"), "https://ok.example/");
    }

    #[test]
    fn autop_and_excerpt() {
        assert_eq!(autop("Hello"), "<p>Hello</p>\n");
        assert_eq!(autop("a\nb\n\nc"), "<p>a<br />\nb</p>\n<p>c</p>\n");
        assert_eq!(autop("   "), "");
        let long: Vec<String> = (1..=60).map(|i| format!("w{i}")).collect();
        let html = format!("<p>{}</p><script>x()</script>", long.join(" "));
        let excerpt = auto_excerpt(&html);
        assert!(excerpt.starts_with("<p>w1 w2 "));
        assert!(excerpt.ends_with("w55 [&hellip;]</p>\n"));
        assert_eq!(auto_excerpt("<p>short one</p>"), "<p>short one</p>\n");
    }

    #[test]
    fn links_are_counted() {
        assert_eq!(
            count_links("<a href=\"http://a\">a</a> and http://b.example"),
            2
        );
        assert_eq!(count_links("no links"), 0);
    }
}

/// Characters `sanitize_title_with_dashes` drops in the `save` context
/// (soft hyphen, ¡ ¿, angle and curly quotes, bullet, © ® ° … ™, acute and
/// grave accents, zero-width characters), as their encoded octets.
const TITLE_STRIPPED: &[&str] = &[
    "%c2%ad",
    "%c2%a1",
    "%c2%bf",
    "%c2%ab",
    "%c2%bb",
    "%e2%80%b9",
    "%e2%80%ba",
    "%e2%80%98",
    "%e2%80%99",
    "%e2%80%9c",
    "%e2%80%9d",
    "%e2%80%9a",
    "%e2%80%9b",
    "%e2%80%9e",
    "%e2%80%9f",
    "%e2%80%a2",
    "%c2%a9",
    "%c2%ae",
    "%c2%b0",
    "%e2%80%a6",
    "%e2%84%a2",
    "%c2%b4",
    "%cb%8a",
    "%cc%81",
    "%cd%81",
    "%cc%80",
    "%cc%84",
    "%cc%8c",
    "%e2%80%8b",
    "%e2%80%8c",
    "%e2%80%8d",
    "%e2%80%8e",
    "%e2%80%8f",
    "%e2%80%aa",
    "%e2%80%ab",
    "%e2%80%ac",
    "%e2%80%ad",
    "%e2%80%ae",
    "%ef%bb%bf",
];

/// `remove_accents`, for the Latin letters: é → e, ß → s, æ → ae…
fn remove_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' => out.push('s'),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'þ' => out.push_str("th"),
            'Þ' => out.push_str("TH"),
            c if ('\u{C0}'..='\u{24F}').contains(&c) => {
                out.push(crate::search::latin_base(c).unwrap_or(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// `sanitize_title` (context `save`, then `sanitize_title_with_dashes`):
/// how WordPress turns a title, or a slug given in a query, into a slug.
/// Non-Latin text becomes lowercase percent-encoded UTF-8
/// (`Σχετικά` → `%cf%83%cf%87…`), and octets already encoded stay.
pub fn sanitize_title(title: &str) -> String {
    let title = remove_accents(&strip_all_tags(title));
    // Keep escaped octets, drop other percent signs.
    let mut kept = String::with_capacity(title.len());
    let b = title.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit() {
                kept.push_str(&title[i..i + 3]);
                i += 3;
            } else {
                i += 1;
            }
            continue;
        }
        let c = title[i..].chars().next().unwrap_or(' ');
        kept.push(c);
        i += c.len_utf8();
    }
    // mb_strtolower, then utf8_uri_encode( $title, 200 ).
    let mut encoded = String::new();
    let mut length = 0;
    for c in kept.to_lowercase().chars() {
        let piece = if c.is_ascii() {
            c.to_string()
        } else {
            let mut buf = [0u8; 4];
            c.encode_utf8(&mut buf)
                .bytes()
                .map(|b| format!("%{b:02x}"))
                .collect()
        };
        // Each octet of a multibyte character counts three.
        let units = if c.is_ascii() { 1 } else { piece.len() };
        if length + units > 200 {
            break;
        }
        length += units;
        encoded.push_str(&piece);
    }
    let mut t = encoded.to_ascii_lowercase();
    for dash in ["%c2%a0", "%e2%80%93", "%e2%80%94"] {
        t = t.replace(dash, "-");
    }
    for dash in [
        "&nbsp;", "&#160;", "&ndash;", "&#8211;", "&mdash;", "&#8212;",
    ] {
        t = t.replace(dash, "-");
    }
    t = t.replace('/', "-");
    for gone in TITLE_STRIPPED {
        t = t.replace(gone, "");
    }
    t = t.replace("%c3%97", "x");
    // Entities out (`&.+?;`).
    let mut no_entities = String::with_capacity(t.len());
    let mut rest = t.as_str();
    while let Some(at) = rest.find('&') {
        no_entities.push_str(&rest[..at]);
        match rest[at + 1..].find(';') {
            Some(end) if end > 0 => rest = &rest[at + 1 + end + 1..],
            _ => {
                no_entities.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    no_entities.push_str(rest);
    let t = no_entities.replace('.', "-");
    let t: String = t
        .chars()
        .filter(|c| matches!(c, '%' | 'a'..='z' | '0'..='9' | ' ' | '_' | '-'))
        .collect();
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        let c = if c == ' ' { '-' } else { c };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod title_tests {
    use super::sanitize_title;

    #[test]
    fn slugs_like_wordpress() {
        assert_eq!(sanitize_title("About"), "about");
        assert_eq!(
            sanitize_title("Why <em>slow</em> reading helps"),
            "why-slow-reading-helps"
        );
        let greek = "%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac";
        assert_eq!(sanitize_title("Σχετικά"), greek);
        assert_eq!(sanitize_title("σχετικά"), greek);
        assert_eq!(sanitize_title(greek), greek);
        assert_eq!(sanitize_title(&greek.to_uppercase()), greek);
        assert_eq!(sanitize_title("Café au lait"), "cafe-au-lait");
        assert_eq!(sanitize_title("100% sure."), "100-sure");
        assert_eq!(sanitize_title("a – b"), "a-b");
    }
}
