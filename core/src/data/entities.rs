//! HTML entities in WordPress's rendered fields (`&#8211;`, `&#8217;`,
//! `&hellip;`) become the characters they name.
//!
//! Only what WordPress's `wptexturize` and `esc_html` emit needs a name here;
//! numeric references cover the rest. Unknown or malformed references are kept
//! as written, as a browser would show them.

/// Named entities WordPress output uses, sorted by name for binary search.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("apos", '\''),
    ("bull", '•'),
    ("copy", '©'),
    ("deg", '°'),
    ("euro", '€'),
    ("gt", '>'),
    ("hellip", '…'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("pound", '£'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsquo", '’'),
    ("times", '×'),
    ("trade", '™'),
];

/// Decodes entity references in `input`.
pub fn decode_entities(input: &str) -> String {
    if !input.contains('&') {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after.find(';').filter(|&end| end > 0 && end <= 10) {
            Some(end) => match decode_reference(&after[..end]) {
                Some(c) => {
                    out.push(c);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            },
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // NUL and surrogates are not characters: show the replacement char.
        return Some(
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{FFFD}'),
        );
    }
    NAMED
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// Rendered HTML as one line of plain text: tags dropped, entities decoded,
/// white space folded, WordPress's ` [&hellip;]` excerpt marker turned into `…`.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                text.push(' ');
            }
            (true, '>') => in_tag = false,
            (false, c) => text.push(c),
            (true, _) => {}
        }
    }
    let decoded = decode_entities(&text);
    let folded = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.strip_suffix(" […]") {
        Some(s) => format!("{s}…"),
        None => folded,
    }
}

/// Inline markup as text: tags go without leaving a space (a title's
/// `<em>S</em>low` reads "Slow"), entities are decoded.
pub fn inline_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => in_tag = false,
            (false, c) => text.push(c),
            (true, _) => {}
        }
    }
    decode_entities(&text).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_table_is_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn decodes_what_wordpress_emits() {
        let cases = [
            ("The Therapist &#8211; Client", "The Therapist – Client"),
            ("you&#8217;ve", "you’ve"),
            ("&#x2019;", "’"),
            ("Tom &amp; Jerry", "Tom & Jerry"),
            ("a &hellip;", "a …"),
            ("&lt;script&gt;", "<script>"),
            ("plain", "plain"),
        ];
        for (input, want) in cases {
            assert_eq!(decode_entities(input), want, "{input}");
        }
    }

    #[test]
    fn keeps_what_is_not_a_reference() {
        let cases = [
            ("AT&T", "AT&T"),
            ("&unknown;", "&unknown;"),
            ("&#;", "&#;"),
            ("&#xZZ;", "&#xZZ;"),
            ("a & b; c", "a & b; c"),
            ("&", "&"),
            ("&&amp;", "&&"),
            ("&#0;", "\u{FFFD}"),
            ("&#xD800;", "\u{FFFD}"),
            ("&#99999999999;", "&#99999999999;"),
        ];
        for (input, want) in cases {
            assert_eq!(decode_entities(input), want, "{input}");
        }
    }

    #[test]
    fn excerpt_becomes_one_line_of_text() {
        let html = "<p>I&#8217;ve been working\n as a therapist [&hellip;]</p>\n";
        assert_eq!(html_to_text(html), "I’ve been working as a therapist…");
        assert_eq!(html_to_text("<p>a</p><p>b</p>"), "a b");
        assert_eq!(html_to_text(""), "");
    }
}
