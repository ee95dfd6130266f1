//! Query-string components: what a reader typed into the search box, read
//! from the address and written into an API request.

/// Percent-decodes one component (`+` is a space, as forms send it). Bytes
/// that are not UTF-8 become U+FFFD; a stray `%` stays as it is.
pub fn decode_component(s: &str) -> String {
    decode(s, true)
}

/// Percent-decodes a path segment (`+` is itself there), as static hosts do
/// when they map a URL to a file.
pub fn percent_decode(s: &str) -> String {
    decode(s, false)
}

fn decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so the
/// component cannot end the parameter or the URL whatever it holds.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_browsers_send() {
        assert_eq!(decode_component("a+b%20c"), "a b c");
        assert_eq!(decode_component("%E2%9C%93%e2%9c%93"), "✓✓");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%ff"), "\u{fffd}");
        assert_eq!(percent_decode("a+b%20c%CF%83"), "a+b cσ");
    }

    #[test]
    fn encoding_round_trips_anything() {
        for s in [
            "",
            "calm",
            "a b&c=d#e?f/g",
            "“quoted” <script>",
            "שלום 👋",
            "%+",
        ] {
            let e = encode_component(s);
            assert!(
                e.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
                "{e}"
            );
            assert_eq!(decode_component(&e), s);
        }
    }
}
