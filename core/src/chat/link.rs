//! WhatsApp click-to-chat links: phone normalisation, message templates and
//! `https://wa.me/<digits>?text=<message>` building.

use std::fmt;

/// Fewest digits accepted in a phone number (country code included).
pub const MIN_DIGITS: usize = 7;
/// Most digits an E.164 number can have (country code included).
pub const MAX_DIGITS: usize = 15;

/// Why a configured phone number cannot be used in a wa.me link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// No digits at all (empty, or separators only).
    Empty,
    /// A character that is neither a digit nor an allowed separator; `+` counts
    /// here too when it is not the first character.
    InvalidChar(char),
    /// Starts with 0 once normalised: a national number without country code.
    LeadingZero,
    /// Fewer than [`MIN_DIGITS`] digits.
    TooShort,
    /// More than [`MAX_DIGITS`] digits.
    TooLong,
}

impl PhoneError {
    /// A sentence for logs, naming the rule that was broken.
    pub fn message(&self) -> &'static str {
        match self {
            PhoneError::Empty => "phone number is empty",
            PhoneError::InvalidChar(_) => {
                "phone number may only contain digits, a leading +, spaces, dashes, dots and parentheses"
            }
            PhoneError::LeadingZero => {
                "phone number must start with the country code (e.g. +91 or 0091), not 0"
            }
            PhoneError::TooShort => "phone number has fewer than 7 digits",
            PhoneError::TooLong => "phone number has more than 15 digits (E.164 limit)",
        }
    }
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for PhoneError {}

/// Normalises a phone number written by a person into the digits wa.me wants
/// (international format, country code first, no `+`).
///
/// The rule:
/// 1. Surrounding whitespace is ignored; one `+` may open the number.
/// 2. Whitespace, `-`, `.`, `(` and `)` anywhere are separators and dropped.
/// 3. Anything else (letters, `/`, `#`, a second or inner `+`, non-ASCII digits)
///    is rejected with [`PhoneError::InvalidChar`].
/// 4. Without a `+`, a leading `00` (the international call prefix) is dropped:
///    `0091 98765 43210` == `+91 98765 43210`.
/// 5. What is left must not start with `0` (a national number: wa.me needs the
///    country code) and must have [`MIN_DIGITS`]`..=`[`MAX_DIGITS`] digits.
///
/// ```
/// use blog_core::chat::link::normalize_phone;
/// assert_eq!(normalize_phone("+91 98765-43210").unwrap(), "919876543210");
/// assert_eq!(normalize_phone("0091 (98765) 43210").unwrap(), "919876543210");
/// assert!(normalize_phone("098765 43210").is_err());
/// ```
pub fn normalize_phone(input: &str) -> Result<String, PhoneError> {
    let trimmed = input.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '-' | '.' | '(' | ')' => {}
            c if c.is_whitespace() => {}
            c => return Err(PhoneError::InvalidChar(c)),
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    if !plus && digits.starts_with("00") {
        digits.drain(..2);
    }
    if digits.starts_with('0') {
        return Err(PhoneError::LeadingZero);
    }
    if digits.len() < MIN_DIGITS {
        return Err(PhoneError::TooShort);
    }
    if digits.len() > MAX_DIGITS {
        return Err(PhoneError::TooLong);
    }
    Ok(digits)
}

/// Fills a message template: every `{title}` becomes `title` and every `{url}`
/// becomes `url`. Other braces are kept as written. Substitution is one pass,
/// so a title that itself contains `{url}` is not expanded again.
pub fn fill_message(template: &str, title: &str, url: &str) -> String {
    let mut out = String::with_capacity(template.len() + title.len() + url.len());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{title}") {
            out.push_str(title);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{url}") {
            out.push_str(url);
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Percent-encodes `s` (as UTF-8) for a URL query value: everything except the
/// RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX`
/// (upper-case hex); a space is `%20`, never `+`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_percent_encoded(&mut out, s);
    out
}

fn push_percent_encoded(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// `https://wa.me/<digits>`, plus `?text=<percent-encoded message>` unless the
/// message is empty or whitespace only. `digits` must already be normalised
/// (see [`normalize_phone`]).
pub fn wa_me_link(digits: &str, message: &str) -> String {
    let mut out = String::with_capacity(14 + digits.len() + 6 + message.len() * 3);
    out.push_str("https://wa.me/");
    out.push_str(digits);
    if !message.trim().is_empty() {
        out.push_str("?text=");
        push_percent_encoded(&mut out, message);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_and_double_zero_are_the_same_number() {
        assert_eq!(
            normalize_phone("+44 20 7946 0958"),
            Ok("442079460958".into())
        );
        assert_eq!(
            normalize_phone("0044 20 7946 0958"),
            Ok("442079460958".into())
        );
    }

    #[test]
    fn plus_then_zero_is_not_an_international_prefix() {
        assert_eq!(
            normalize_phone("+0044 20 7946 0958"),
            Err(PhoneError::LeadingZero)
        );
    }

    #[test]
    fn encoder_keeps_unreserved_only() {
        assert_eq!(
            percent_encode("aZ09-._~ !*'()"),
            "aZ09-._~%20%21%2A%27%28%29"
        );
    }
}
