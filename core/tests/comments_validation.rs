//! The comment form's rules: WordPress's `is_email()` both ways, byte
//! lengths at and over the limits, whitespace, and agreement with what the
//! recorded WordPress did with each POSTed body.

use std::path::Path;

use blog_core::data::comment::CommentDraft;
use blog_core::rules::comment_validation::{
    is_email, validate, validate_field, Field, FieldError, MAX_CONTENT_BYTES, MAX_EMAIL_BYTES,
    MAX_NAME_BYTES, MAX_URL_BYTES,
};

fn good() -> CommentDraft {
    CommentDraft {
        content: "Thank you for writing this.".into(),
        name: "Asha".into(),
        email: "asha@example.com".into(),
        url: String::new(),
    }
}

fn with(field: Field, value: &str) -> CommentDraft {
    let mut d = good();
    match field {
        Field::Content => d.content = value.into(),
        Field::Name => d.name = value.into(),
        Field::Email => d.email = value.into(),
        Field::Url => d.url = value.into(),
    }
    d
}

fn message(field: Field, value: &str) -> Option<String> {
    validate_field(&with(field, value), field).map(|e| {
        assert_eq!(e.field, field);
        e.message
    })
}

#[test]
fn a_good_draft_has_no_errors() {
    assert_eq!(validate(&good()), vec![]);
    let mut d = good();
    d.url = "https://asha.example.com/".into();
    assert_eq!(validate(&d), vec![]);
}

#[test]
fn empty_draft_lists_required_fields_in_form_order() {
    let errors = validate(&CommentDraft::default());
    assert_eq!(
        errors,
        vec![
            FieldError {
                field: Field::Content,
                message: "Enter your comment".into()
            },
            FieldError {
                field: Field::Name,
                message: "Enter your name".into()
            },
            FieldError {
                field: Field::Email,
                message: "Enter your email address".into()
            },
        ]
    );
    let ids: Vec<_> = errors.iter().map(|e| e.field.id()).collect();
    assert_eq!(ids, ["comment", "author", "email"]);
}

#[test]
fn whitespace_only_counts_as_empty() {
    for blank in [
        "",
        " ",
        "   ",
        "\t\n",
        "\r\n\r\n",
        "\u{a0}",
        "\u{3000}",
        " \u{2003}\n",
    ] {
        assert_eq!(
            message(Field::Content, blank).as_deref(),
            Some("Enter your comment"),
            "{blank:?}"
        );
        assert_eq!(
            message(Field::Name, blank).as_deref(),
            Some("Enter your name")
        );
        assert_eq!(
            message(Field::Email, blank).as_deref(),
            Some("Enter your email address")
        );
        assert_eq!(message(Field::Url, blank), None, "website is optional");
    }
}

#[test]
fn surrounding_whitespace_is_ignored() {
    assert_eq!(message(Field::Name, "  Asha \n"), None);
    assert_eq!(message(Field::Email, " asha@example.com\t"), None);
    assert_eq!(message(Field::Url, " https://asha.example.com "), None);
    assert_eq!(message(Field::Content, "\n  Hi  \n"), None);
}

#[test]
fn a_name_of_0_is_refused_as_wordpress_does() {
    // PHP's empty("0") is true: WordPress answers rest_comment_author_data_required.
    assert_eq!(
        message(Field::Name, " 0 ").as_deref(),
        Some("Enter a name other than 0")
    );
    assert_eq!(message(Field::Name, "00"), None);
    // The comment "0" is fine: WordPress compares it with '' strictly.
    assert_eq!(message(Field::Content, "0"), None);
}

/// Valid for WordPress 6.1's is_email().
const VALID_EMAILS: &[&str] = &[
    "asha@example.com",
    "a@b.co",                          // exactly 6 bytes
    "UPPER@EXAMPLE.COM",               // labels are case-insensitive
    "name+tag@example.co.uk",          // plus addressing, several labels
    "o'brien@example.ie",              // apostrophe
    "first.last@example.com",          //
    ".dot@example.com",                // leading dot in the local part: not RFC, but WP allows it
    "dot.@example.com",                // trailing dot in the local part
    "a..b@example.com",                // dots in a row in the local part
    "#!$%&'*+/=?^_`{|}~-@example.com", // every allowed symbol
    "x@example.c",                     // one-letter TLD
    "xy@1.2",                          // all-digit labels
    "user@123.45.67.89",               // an IP-looking domain is just labels
    "user@ex--ample.com",              // inner double hyphen
    "user@xn--bcher-kva.ch",           // punycode IDN
    "user@a-b.c-d.example",            // inner hyphens
    "abc\n@example.com",               // PCRE's `$` lets one final newline through the local part
];

/// Invalid for WordPress 6.1's is_email(), with the failing step.
const INVALID_EMAILS: &[(&str, &str)] = &[
    ("a@b.c", "email_too_short (5 bytes)"),
    ("@b.co", "email_too_short"),
    ("not-an-email", "email_no_at"),
    ("@example.com", "email_no_at (only at byte 0)"),
    ("@a@example.com", "local_invalid_chars (empty local part)"),
    ("user name@example.com", "local_invalid_chars (space)"),
    ("user\"q@example.com", "local_invalid_chars (quote)"),
    (
        "user(comment)@example.com",
        "local_invalid_chars (parenthesis)",
    ),
    ("user,x@example.com", "local_invalid_chars (comma)"),
    ("jösé@example.com", "local_invalid_chars (non-ASCII)"),
    ("abc\n\n@example.com", "local_invalid_chars (two newlines)"),
    ("\n@example.com", "local_invalid_chars (a newline alone)"),
    ("user@example..com", "domain_period_sequence"),
    ("user@.example.com", "domain_period_limits (leading dot)"),
    ("user@example.com.", "domain_period_limits (trailing dot)"),
    ("user@example.com ", "domain_period_limits (trailing space)"),
    ("user@ example.com", "domain_period_limits (leading space)"),
    ("user@localhost", "domain_no_periods"),
    ("user@", "domain_no_periods"),
    ("user@-example.com", "sub_hyphen_limits (leading)"),
    ("user@example-.com", "sub_hyphen_limits (trailing)"),
    ("user@example.-com", "sub_hyphen_limits"),
    ("user@exa_mple.com", "sub_invalid_chars (underscore)"),
    ("user@exam ple.com", "sub_invalid_chars (space)"),
    (
        "user@exämple.com",
        "sub_invalid_chars (IDN not in punycode)",
    ),
    ("user@b@example.com", "sub_invalid_chars (second @)"),
    ("user@[127.0.0.1]", "sub_invalid_chars (brackets)"),
    (
        "user@example.com\n",
        "domain_period_limits (trailing newline)",
    ),
];

#[test]
fn is_email_accepts_what_wordpress_accepts() {
    for email in VALID_EMAILS {
        assert!(is_email(email), "{email:?} should be valid");
    }
}

#[test]
fn is_email_refuses_what_wordpress_refuses() {
    for (email, why) in INVALID_EMAILS {
        assert!(!is_email(email), "{email:?} should be invalid: {why}");
    }
}

#[test]
fn email_format_message() {
    let expected = "Enter an email address in the correct format, like name@example.com";
    for (email, _) in INVALID_EMAILS {
        if email.trim().is_empty() {
            continue;
        }
        let got = message(Field::Email, email);
        // Trimming may repair a trailing/leading space or newline.
        if is_email(email.trim_matches([' ', '\n'])) {
            assert_eq!(got, None, "{email:?}");
        } else {
            assert_eq!(got.as_deref(), Some(expected), "{email:?}");
        }
    }
}

/// `n` bytes of ASCII.
fn ascii(n: usize) -> String {
    "n".repeat(n)
}

/// Exactly `n` bytes made of multibyte characters (é is 2 bytes, 😀 is 4,
/// 中 is 3), padded with ASCII.
fn multibyte(n: usize) -> String {
    let mut s = String::new();
    let pattern = ['é', '中', '😀'];
    let mut i = 0;
    while s.len() + 4 <= n {
        s.push(pattern[i % 3]);
        i += 1;
    }
    while s.len() < n {
        s.push('x');
    }
    assert_eq!(s.len(), n);
    s
}

#[test]
fn byte_limits_at_and_over() {
    let email_at = |n: usize| format!("{}@example.com", "a".repeat(n - "@example.com".len()));
    let url_at = |n: usize| format!("https://example.com/{}", "p".repeat(n - 20));
    assert_eq!(url_at(200).len(), 200);

    let cases: Vec<(Field, String, Option<&str>)> = vec![
        (Field::Name, ascii(MAX_NAME_BYTES), None),
        (
            Field::Name,
            ascii(MAX_NAME_BYTES + 1),
            Some("Name must be 245 characters or fewer (yours is 246)"),
        ),
        (Field::Name, multibyte(MAX_NAME_BYTES), None),
        (Field::Email, email_at(MAX_EMAIL_BYTES), None),
        (
            Field::Email,
            email_at(MAX_EMAIL_BYTES + 1),
            Some("Email must be 100 characters or fewer (yours is 101)"),
        ),
        (Field::Url, url_at(MAX_URL_BYTES), None),
        (
            Field::Url,
            url_at(MAX_URL_BYTES + 1),
            Some("Website must be 200 characters or fewer (yours is 201)"),
        ),
        (Field::Content, ascii(MAX_CONTENT_BYTES), None),
        (
            Field::Content,
            ascii(MAX_CONTENT_BYTES + 1),
            Some("Comment must be 65,525 characters or fewer (yours is 65,526)"),
        ),
        (Field::Content, multibyte(MAX_CONTENT_BYTES), None),
    ];
    for (field, value, expected) in cases {
        assert_eq!(
            message(field, &value).as_deref(),
            expected,
            "{field:?} of {} bytes",
            value.len()
        );
    }
}

#[test]
fn multibyte_over_the_limit_explains_bytes() {
    // 123 × "é" = 246 bytes but only 123 characters.
    let name = "é".repeat(123);
    let m = message(Field::Name, &name).unwrap();
    assert_eq!(
        m,
        "Name is too long: it takes 246 bytes and the limit is 245. Accented letters, emoji \
         and many other characters take 2 to 4 bytes each, so shorten it by about 1 character"
    );
    // 244 ASCII + one emoji = 248 bytes: removing the emoji fits.
    let m = message(Field::Name, &format!("{}😀", ascii(244))).unwrap();
    assert!(m.contains("248 bytes"), "{m}");
    assert!(m.ends_with("by about 1 character"), "{m}");
    // 65,526 bytes of text with 3-byte characters.
    let content = "中".repeat(21_842); // 65,526 bytes
    let m = message(Field::Content, &content).unwrap();
    assert!(m.starts_with("Comment is too long: it takes 65,526 bytes and the limit is 65,525."));
    assert!(m.ends_with("about 1 character"), "{m}");
    let content = "中".repeat(30_000); // 90,000 bytes: 24,475 over → 8,159 characters
    let m = message(Field::Content, &content).unwrap();
    assert!(m.ends_with("about 8,159 characters"), "{m}");
}

#[test]
fn lengths_are_measured_after_php_trim() {
    // Trailing spaces are not counted (WordPress trims before counting).
    assert_eq!(message(Field::Name, &format!("  {}  ", ascii(245))), None);
    assert_eq!(
        message(Field::Content, &format!("{}\n\n", ascii(65_525))),
        None
    );
    // A no-break space is not PHP whitespace, so it counts.
    assert!(message(Field::Name, &format!("{}\u{a0}", ascii(244))).is_some());
}

#[test]
fn websites() {
    let start = "Enter a website address starting with http:// or https://";
    let format = "Enter a website address in the correct format, like https://example.com";
    let spaces = "Enter a website address without spaces, like https://example.com";
    let cases: &[(&str, Option<&str>)] = &[
        ("https://priya-writes.example.com/", None),
        ("http://example.com", None),
        ("HTTPS://EXAMPLE.COM/Path?q=1#top", None),
        ("https://example.com:8080/x", None),
        ("https://user@example.com", None),
        ("https://localhost", None),
        ("https://[::1]:8080/", None),
        ("https://bücher.example/", None),
        ("https://example.com./", None),
        ("example.com", Some(start)),
        ("www.example.com", Some(start)),
        ("ftp://example.com", Some(start)),
        ("javascript:alert(1)", Some(start)),
        ("mailto:asha@example.com", Some(start)),
        ("//example.com", Some(start)),
        ("https:example.com", Some(start)),
        ("https://", Some(format)),
        ("https:///path", Some(format)),
        ("https://?q", Some(format)),
        ("https://exa..mple.com", Some(format)),
        ("https://-example.com", Some(format)),
        ("https://example.com:port", Some(format)),
        ("https://example.com:123456", Some(format)),
        ("https://[::1", Some(format)),
        ("https://exa<mple.com", Some(format)),
        ("https://example .com", Some(spaces)),
        ("https://example.com/my page", Some(spaces)),
    ];
    for (url, expected) in cases {
        assert_eq!(message(Field::Url, url).as_deref(), *expected, "{url:?}");
    }
}

#[test]
fn validate_field_agrees_with_validate() {
    let drafts = [
        CommentDraft::default(),
        good(),
        with(Field::Email, "nope"),
        with(Field::Url, "example.com"),
        with(Field::Name, &ascii(300)),
    ];
    for d in drafts {
        let one_by_one: Vec<_> = Field::ALL
            .into_iter()
            .filter_map(|f| validate_field(&d, f))
            .collect();
        assert_eq!(validate(&d), one_by_one);
    }
}

#[test]
fn labels_and_ids() {
    let labels: Vec<_> = Field::ALL.iter().map(|f| f.label()).collect();
    assert_eq!(labels, ["Comment", "Name", "Email", "Website"]);
    let ids: Vec<_> = Field::ALL.iter().map(|f| f.id()).collect();
    assert_eq!(ids, ["comment", "author", "email", "url"]);
    assert!(Field::ALL
        .iter()
        .all(|f| f.is_required() != (*f == Field::Url)));
}

/// The recorded POSTs: what our rules say about each JSON body WordPress saw.
#[test]
fn agrees_with_recorded_wordpress_answers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // fixture → the field our rules flag (None: WordPress's verdict was not
    // about the form, or it accepted the body).
    let expected: &[(&str, Option<Field>)] = &[
        ("post-comment-valid.json", None),
        ("post-comment-duplicate.json", None),
        ("post-comment-flood.json", None),
        ("post-comment-missing-author-email.json", Some(Field::Email)),
        ("post-comment-missing-author-name.json", Some(Field::Name)),
        ("post-comment-empty-content.json", Some(Field::Content)),
        (
            "post-comment-empty-content-with-origin.json",
            Some(Field::Content),
        ),
        ("post-comment-invalid-email.json", Some(Field::Email)),
        ("post-comment-author-name-246-chars.json", Some(Field::Name)),
        (
            "post-comment-content-65526-chars.json",
            Some(Field::Content),
        ),
        ("post-comment-nonexistent-post.json", None),
        ("post-comment-valid-reply-with-parent.json", None),
        ("post-comment-nonexistent-parent.json", None),
        ("post-comment-previously-approved-author.json", None),
        ("post-comment-xss-via-rest.json", None),
    ];
    for (file, flagged) in expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let body = &v["request"]["body"];
        let s = |k: &str| body[k].as_str().unwrap_or("").to_string();
        let draft = CommentDraft {
            content: s("content"),
            name: s("author_name"),
            email: s("author_email"),
            url: s("author_url"),
        };
        let fields: Vec<Field> = validate(&draft).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            flagged.iter().copied().collect::<Vec<_>>(),
            "{file}"
        );
    }
}
