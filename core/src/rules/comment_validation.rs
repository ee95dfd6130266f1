//! What a valid comment is, checked before sending so the visitor learns
//! about a problem next to the field, in words they can act on, instead of
//! from a WordPress error after the round trip.
//!
//! The rules mirror what WordPress 6.1 enforces on `POST /wp/v2/comments`
//! with the site's settings (`require_name_email` on):
//!
//! | field | WordPress | here |
//! |---|---|---|
//! | comment | `trim()`med, must not be `''` (`rest_comment_content_invalid`); at most 65,525 bytes (`comment_content_column_length`) | the same, and a comment of only Unicode spaces counts as empty too |
//! | name | `sanitize_text_field()`, must not be PHP-`empty()` (`rest_comment_author_data_required`, so `"0"` is refused too); at most 245 bytes | trimmed, required, `"0"` refused, at most 245 bytes |
//! | email | [`is_email`] (`rest_invalid_param`), required; at most 100 bytes | trimmed, required, [`is_email`], at most 100 bytes |
//! | website | optional; at most 200 bytes | optional; when given, an `http://` or `https://` address with a host, at most 200 bytes |
//!
//! Lengths are UTF-8 bytes, as WordPress counts them (`mb_strlen($value,
//! '8bit')` against the column sizes: `tinytext` 255 − 10 for the name,
//! `varchar(100)`, `varchar(200)`, `text` 65,535 − 10), of the value WordPress
//! measures: trimmed with PHP's `trim()` (the comment too: WordPress trims it
//! before counting), which is what [`CommentDraft::to_new_comment`] sends for
//! name, email and website.
//!
//! The website rule is stricter than WordPress (which would prefix `http://`
//! to `example.com`), so that what is published is what the visitor typed.

use serde::Serialize;

use crate::data::comment::{php_trim, CommentDraft};

/// Longest name WordPress stores, in bytes.
pub const MAX_NAME_BYTES: usize = 245;
/// Longest email address WordPress stores, in bytes.
pub const MAX_EMAIL_BYTES: usize = 100;
/// Longest website address WordPress stores, in bytes.
pub const MAX_URL_BYTES: usize = 200;
/// Longest comment WordPress stores, in bytes.
pub const MAX_CONTENT_BYTES: usize = 65_525;

/// A field of the comment form, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Field {
    Content,
    Name,
    Email,
    Url,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 4] = [Field::Content, Field::Name, Field::Email, Field::Url];

    /// The DOM id of the input (WordPress's comment-form ids), for labels,
    /// `aria-describedby` and the error summary's links.
    pub fn id(self) -> &'static str {
        match self {
            Field::Content => "comment",
            Field::Name => "author",
            Field::Email => "email",
            Field::Url => "url",
        }
    }

    /// The visible label.
    pub fn label(self) -> &'static str {
        match self {
            Field::Content => "Comment",
            Field::Name => "Name",
            Field::Email => "Email",
            Field::Url => "Website",
        }
    }

    /// The REST API's name for the field (`author_name`, …).
    pub fn param(self) -> &'static str {
        match self {
            Field::Content => "content",
            Field::Name => "author_name",
            Field::Email => "author_email",
            Field::Url => "author_url",
        }
    }

    /// The field a REST parameter name belongs to.
    pub fn from_param(param: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.param() == param)
    }

    /// The most bytes WordPress stores for the field.
    pub fn max_bytes(self) -> usize {
        match self {
            Field::Content => MAX_CONTENT_BYTES,
            Field::Name => MAX_NAME_BYTES,
            Field::Email => MAX_EMAIL_BYTES,
            Field::Url => MAX_URL_BYTES,
        }
    }

    /// Whether the form requires the field.
    pub fn is_required(self) -> bool {
        !matches!(self, Field::Url)
    }
}

/// A problem with one field, worded for the visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Every problem with the draft, one per field at most, in form order
/// (comment, name, email, website). Empty when the draft can be sent.
pub fn validate(draft: &CommentDraft) -> Vec<FieldError> {
    Field::ALL
        .into_iter()
        .filter_map(|field| validate_field(draft, field))
        .collect()
}

/// The problem with one field, if any: for re-checking the field the visitor
/// is editing.
pub fn validate_field(draft: &CommentDraft, field: Field) -> Option<FieldError> {
    let message = match field {
        Field::Content => check_content(&draft.content),
        Field::Name => check_name(&draft.name),
        Field::Email => check_email(&draft.email),
        Field::Url => check_url(&draft.url),
    }?;
    Some(FieldError { field, message })
}

/// Empty, or nothing but whitespace (Unicode's, which includes PHP's).
fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

fn check_content(content: &str) -> Option<String> {
    if is_blank(content) {
        return Some("Enter your comment".to_string());
    }
    too_long(Field::Content, php_trim(content))
}

fn check_name(name: &str) -> Option<String> {
    let name = php_trim(name);
    if is_blank(name) {
        return Some("Enter your name".to_string());
    }
    if name == "0" {
        // PHP's empty("0") is true, so WordPress refuses it as a missing name.
        return Some("Enter a name other than 0".to_string());
    }
    too_long(Field::Name, name)
}

fn check_email(email: &str) -> Option<String> {
    let email = php_trim(email);
    if is_blank(email) {
        return Some("Enter your email address".to_string());
    }
    if !is_email(email) {
        return Some(
            "Enter an email address in the correct format, like name@example.com".to_string(),
        );
    }
    too_long(Field::Email, email)
}

fn check_url(url: &str) -> Option<String> {
    let url = php_trim(url);
    if is_blank(url) {
        return None; // optional
    }
    if let Some(problem) = url_problem(url) {
        return Some(problem);
    }
    too_long(Field::Url, url)
}

/// Why `url` is not an `http(s)://host…` address, worded for the visitor.
fn url_problem(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("http://") {
        &url[7..]
    } else if lower.starts_with("https://") {
        &url[8..]
    } else {
        return Some("Enter a website address starting with http:// or https://".to_string());
    };
    if url.chars().any(char::is_whitespace) {
        return Some(
            "Enter a website address without spaces, like https://example.com".to_string(),
        );
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    if !valid_host_port(host_port) {
        return Some(
            "Enter a website address in the correct format, like https://example.com".to_string(),
        );
    }
    None
}

/// `host[:port]`: a bracketed IPv6 address, or a name whose labels are
/// letters (any script), digits, `-` and `_`, separated by single dots.
fn valid_host_port(host_port: &str) -> bool {
    let port_ok = |port: &str| port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    if let Some(inner) = host_port.strip_prefix('[') {
        let Some((v6, after)) = inner.split_once(']') else {
            return false;
        };
        let v6_ok = v6.contains(':')
            && v6
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        return v6_ok && (after.is_empty() || after.strip_prefix(':').is_some_and(port_ok));
    }
    let (host, port) = host_port.rsplit_once(':').unwrap_or((host_port, ""));
    // A final dot is a valid fully qualified name: "example.com.".
    let host = host.strip_suffix('.').unwrap_or(host);
    port_ok(port)
        && !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
}

/// The length message when `value` is over the field's limit.
fn too_long(field: Field, value: &str) -> Option<String> {
    let max = field.max_bytes();
    let bytes = value.len();
    if bytes <= max {
        return None;
    }
    let what = field.label();
    if value.is_ascii() {
        return Some(format!(
            "{what} must be {} characters or fewer (yours is {})",
            thousands(max),
            thousands(bytes)
        ));
    }
    // Characters removed from the end until it fits: a concrete target.
    let mut over = bytes - max;
    let mut chars = 0;
    for c in value.chars().rev() {
        if over == 0 {
            break;
        }
        over = over.saturating_sub(c.len_utf8());
        chars += 1;
    }
    let unit = if chars == 1 {
        "character"
    } else {
        "characters"
    };
    Some(format!(
        "{what} is too long: it takes {} bytes and the limit is {}. Accented letters, \
         emoji and many other characters take 2 to 4 bytes each, so shorten it by about {} {unit}",
        thousands(bytes),
        thousands(max),
        thousands(chars)
    ))
}

/// `65525` → `65,525`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let first = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    out.push_str(&digits[..first.min(digits.len())]);
    for group in digits.as_bytes()[first.min(digits.len())..].chunks(3) {
        out.push(',');
        out.push_str(std::str::from_utf8(group).unwrap_or_default());
    }
    out
}

/// The characters PHP's `trim()` removes by default.
const PHP_WHITESPACE: &[u8] = b" \t\n\r\0\x0B";

/// WordPress's `is_email()` (wp-includes/formatting.php as in 6.1 to 6.8; older
/// copies had a 3-byte minimum), step by step. It "does not grok
/// i18n domains" and is "not RFC compliant"; this copies it, quirks included,
/// so the form accepts exactly what the server accepts. WordPress runs it on
/// the `author_email` as received (the app sends it trimmed).
///
/// 1. `strlen($email) < 6` → invalid (`email_too_short`). Bytes, so
///    `a@b.co` is the shortest that can pass.
/// 2. `strpos($email, '@', 1) === false` → invalid (`email_no_at`): there
///    must be an `@` at byte 1 or later.
/// 3. `list($local, $domain) = explode('@', $email, 2)`: split at the
///    *first* `@` (which may be at byte 0: `@a@b.com` passes step 2 and fails
///    step 4 with an empty local part).
/// 4. Local part: `` /^[a-zA-Z0-9!#$%&'*+\/=?^_`{|}~.-]+$/ `` must match
///    (`local_invalid_chars`): one or more of those ASCII characters, with
///    dots anywhere (`.a..b.` passes). PCRE's `$` also matches before a final
///    newline, so one trailing `\n` in the local part gets through.
/// 5. Domain: `/\.{2,}/` must not match (`domain_period_sequence`): no `..`.
/// 6. `trim($domain, " \t\n\r\0\x0B.") !== $domain` → invalid
///    (`domain_period_limits`): no leading or trailing dot or PHP whitespace.
/// 7. `explode('.', $domain)` must give at least 2 labels
///    (`domain_no_periods`): `user@localhost` is invalid.
/// 8. Each label: `trim($sub, " \t\n\r\0\x0B-") !== $sub` → invalid
///    (`sub_hyphen_limits`): no leading or trailing `-` or whitespace; then
///    `/^[a-z0-9-]+$/i` must match (`sub_invalid_chars`): ASCII letters of
///    either case, digits and inner hyphens only (so no IDN but punycode
///    `xn--…` labels, no `_`; a one-letter or all-digit TLD is fine).
/// 9. Otherwise valid.
pub fn is_email(email: &str) -> bool {
    let bytes = email.as_bytes();
    // 1. email_too_short
    if bytes.len() < 6 {
        return false;
    }
    // 2. email_no_at
    if !bytes[1..].contains(&b'@') {
        return false;
    }
    // 3. split at the first '@'
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    // 4. local_invalid_chars ('$' tolerates one final "\n")
    let local = local.strip_suffix('\n').unwrap_or(local);
    if local.is_empty() || !local.bytes().all(is_local_char) {
        return false;
    }
    // 5. domain_period_sequence
    if domain.contains("..") {
        return false;
    }
    // 6. domain_period_limits
    let edge =
        |b: Option<&u8>, extra: u8| b.is_some_and(|b| *b == extra || PHP_WHITESPACE.contains(b));
    let d = domain.as_bytes();
    if edge(d.first(), b'.') || edge(d.last(), b'.') {
        return false;
    }
    // 7. domain_no_periods
    let subs: Vec<&str> = domain.split('.').collect();
    if subs.len() < 2 {
        return false;
    }
    // 8. sub_hyphen_limits, then sub_invalid_chars
    subs.iter().all(|sub| {
        let s = sub.as_bytes();
        !edge(s.first(), b'-')
            && !edge(s.last(), b'-')
            && !s.is_empty()
            && s.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    })
}

/// `` [a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-] ``
fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_order_as_the_form_does() {
        // The form's error list is kept in `Field`'s order (form_state.rs).
        assert!(Field::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(245), "245");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(65525), "65,525");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn field_ids_and_params() {
        let ids: Vec<_> = Field::ALL.iter().map(|f| f.id()).collect();
        assert_eq!(ids, ["comment", "author", "email", "url"]);
        for f in Field::ALL {
            assert_eq!(Field::from_param(f.param()), Some(f));
        }
        assert_eq!(Field::from_param("post"), None);
    }
}
