//! Renames event-handler attributes (`onerror=`, `onload=` ...) and inline
//! `style` attributes in HTML text before the browser's inert parser sees it.
//!
//! Why: parsing is inert (nothing runs), and the allowlist walk drops every
//! `on*` attribute anyway, but Chromium still checks a parsed handler
//! attribute against the page's Content-Security-Policy and fires a
//! `securitypolicyviolation` report for it. Renaming `onerror` to
//! `data-defused-onerror` keeps the reports for real attacks only.
//!
//! This follows the HTML tokenizer's tag and attribute states. Where it could
//! disagree with the browser (raw-text elements, comments) it errs towards
//! renaming; a miss costs a report, never a script: safety comes from the
//! walk, not from this pass.

use std::borrow::Cow;

/// What a renamed attribute's name starts with (`style` → `data-defused-style`).
pub const PREFIX: &str = "data-defused-";

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Data,
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    DoubleQuoted,
    SingleQuoted,
    Unquoted,
    AfterQuoted,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Whether the attribute name starting at `rest` is an event handler or an
/// inline style (which the policy's `style-src` reports the same way).
fn starts_handler(rest: &[u8]) -> bool {
    let end = rest
        .iter()
        .position(|&b| is_space(b) || matches!(b, b'=' | b'>' | b'/'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    (name.len() > 2 && name[..2].eq_ignore_ascii_case(b"on") && name[2].is_ascii_alphabetic())
        || name.eq_ignore_ascii_case(b"style")
}

/// Returns `html` with every `on*` attribute name prefixed by `data-defused-`.
pub fn defuse_event_handlers(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    let mut state = State::Data;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        state = match state {
            State::Data => {
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                let after = bytes.get(i + 2).copied().unwrap_or(0);
                if b == b'<' && next.is_ascii_alphabetic() {
                    State::TagName
                } else if b == b'<' && next == b'/' && after.is_ascii_alphabetic() {
                    // An end tag: its `/` is not the attribute separator, or
                    // `</style>` would read as an attribute named `style`.
                    i += 1;
                    State::TagName
                } else {
                    State::Data
                }
            }
            State::TagName => match b {
                b'>' => State::Data,
                b'/' => State::BeforeAttrName,
                b if is_space(b) => State::BeforeAttrName,
                _ => State::TagName,
            },
            State::BeforeAttrName | State::AfterAttrName | State::AfterQuoted => match b {
                b'>' => State::Data,
                b'/' => State::BeforeAttrName,
                b if is_space(b) => {
                    if state == State::AfterAttrName {
                        State::AfterAttrName
                    } else {
                        State::BeforeAttrName
                    }
                }
                b'=' if state == State::AfterAttrName => State::BeforeAttrValue,
                _ => {
                    if starts_handler(&bytes[i..]) {
                        cuts.push(i);
                    }
                    State::AttrName
                }
            },
            State::AttrName => match b {
                b'>' => State::Data,
                b'/' => State::BeforeAttrName,
                b'=' => State::BeforeAttrValue,
                b if is_space(b) => State::AfterAttrName,
                _ => State::AttrName,
            },
            State::BeforeAttrValue => match b {
                b'"' => State::DoubleQuoted,
                b'\'' => State::SingleQuoted,
                b'>' => State::Data,
                b if is_space(b) => State::BeforeAttrValue,
                _ => State::Unquoted,
            },
            State::DoubleQuoted => {
                if b == b'"' {
                    State::AfterQuoted
                } else {
                    State::DoubleQuoted
                }
            }
            State::SingleQuoted => {
                if b == b'\'' {
                    State::AfterQuoted
                } else {
                    State::SingleQuoted
                }
            }
            State::Unquoted => match b {
                b'>' => State::Data,
                b if is_space(b) => State::BeforeAttrName,
                _ => State::Unquoted,
            },
        };
        i += 1;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + cuts.len() * PREFIX.len());
    let mut last = 0;
    for cut in cuts {
        // Cuts sit on ASCII bytes, so they are char boundaries.
        out.push_str(&html[last..cut]);
        out.push_str(PREFIX);
        last = cut;
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_tags_are_left_alone() {
        // `</style>` once became `</data-defused-style>`, so an inline style
        // block never closed and swallowed the rest of the post.
        let html = "<style>p{}</style><p>x</p></onion>";
        assert_eq!(defuse_event_handlers(html), html);
        assert_eq!(
            defuse_event_handlers("<p style=\"a\">x</p>"),
            format!("<p {PREFIX}style=\"a\">x</p>")
        );
    }

    #[test]
    fn renames_handlers_in_every_attribute_position() {
        let cases = [
            (
                "<img src=x onerror=alert(1)>",
                "<img src=x data-defused-onerror=alert(1)>",
            ),
            (
                "<img/onerror=alert(1)>",
                "<img/data-defused-onerror=alert(1)>",
            ),
            (
                r#"<img src="x"onerror="a">"#,
                r#"<img src="x"data-defused-onerror="a">"#,
            ),
            (
                "<IMG SRC=x ONERROR=a>",
                "<IMG SRC=x data-defused-ONERROR=a>",
            ),
            (
                "<svg><animate onbegin=a>",
                "<svg><animate data-defused-onbegin=a>",
            ),
            ("<a\nonclick\n=\nx>", "<a\ndata-defused-onclick\n=\nx>"),
            (
                "<body onload=a onpageshow=b>",
                "<body data-defused-onload=a data-defused-onpageshow=b>",
            ),
            (
                r#"<p style="color:red">x</p>"#,
                r#"<p data-defused-style="color:red">x</p>"#,
            ),
        ];
        for (input, want) in cases {
            assert_eq!(defuse_event_handlers(input), want, "{input}");
        }
    }

    #[test]
    fn leaves_everything_else_alone() {
        for html in [
            "<p>Going on and on = fine</p>",
            r#"<a title="onerror=x" href="/on">online</a>"#,
            "<p styles=x data-style=y>",
            "<p>a < b and c > d; one=1</p>",
            "<img alt='x onerror=y'>",
            "<p>日本語 onerror=x</p>",
            "",
        ] {
            assert!(
                matches!(defuse_event_handlers(html), Cow::Borrowed(_)),
                "{html}"
            );
        }
    }
}
