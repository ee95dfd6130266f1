//! Phone normalisation, message templates and wa.me link encoding.

use blog_core::chat::link::{
    fill_message, normalize_phone, percent_encode, wa_me_link, PhoneError,
};

#[test]
fn phone_table() {
    use PhoneError::*;
    let cases: &[(&str, Result<&str, PhoneError>)] = &[
        ("+91 98765 43210", Ok("919876543210")),
        ("0091-98765-43210", Ok("919876543210")),
        ("  +1 (555) 123-4567  ", Ok("15551234567")),
        ("+1.555.123.4567", Ok("15551234567")),
        ("919876543210", Ok("919876543210")),
        ("+49\u{a0}30\t1234567", Ok("49301234567")),
        ("1234567", Ok("1234567")),
        ("123456789012345", Ok("123456789012345")),
        ("(555) 123", Err(TooShort)),
        ("123456", Err(TooShort)),
        ("00", Err(TooShort)),
        ("1234567890123456", Err(TooLong)),
        ("+91 98765 43210 12345", Err(TooLong)),
        ("abc", Err(InvalidChar('a'))),
        ("1-800-FLOWERS", Err(InvalidChar('F'))),
        ("+91 98765 43210 ext 5", Err(InvalidChar('e'))),
        ("91+9876543210", Err(InvalidChar('+'))),
        ("++919876543210", Err(InvalidChar('+'))),
        ("+91/98765/43210", Err(InvalidChar('/'))),
        ("+٩١٩٨٧٦٥٤٣٢١٠", Err(InvalidChar('٩'))),
        ("https://wa.me/919876543210", Err(InvalidChar('h'))),
        ("", Err(Empty)),
        ("   ", Err(Empty)),
        ("+", Err(Empty)),
        ("( - )", Err(Empty)),
        ("098765 43210", Err(LeadingZero)),
        ("0 20 7946 0958", Err(LeadingZero)),
        ("+0091 98765 43210", Err(LeadingZero)),
        ("000 91 98765 43210", Err(LeadingZero)),
    ];
    for (input, want) in cases {
        assert_eq!(normalize_phone(input), want.map(str::to_owned), "{input:?}");
    }
}

#[test]
fn phone_errors_explain_themselves() {
    for e in [
        PhoneError::Empty,
        PhoneError::InvalidChar('x'),
        PhoneError::LeadingZero,
        PhoneError::TooShort,
        PhoneError::TooLong,
    ] {
        assert!(e.to_string().starts_with("phone number"), "{e:?}");
    }
}

#[test]
fn placeholders_are_filled_everywhere() {
    assert_eq!(
        fill_message(
            "About “{title}” ({url}) — {title}!",
            "Rust & WASM",
            "https://b.example/p?id=1"
        ),
        "About “Rust & WASM” (https://b.example/p?id=1) — Rust & WASM!"
    );
    assert_eq!(fill_message("no placeholders", "t", "u"), "no placeholders");
    assert_eq!(fill_message("", "t", "u"), "");
    assert_eq!(fill_message("{title}{url}", "t", "u"), "tu");
}

#[test]
fn unknown_braces_are_left_alone() {
    assert_eq!(
        fill_message("{name} {TITLE} {title {url}} {{title}} { } {", "T", "U"),
        "{name} {TITLE} {title U} {T} { } {"
    );
}

#[test]
fn substituted_values_are_not_expanded_again() {
    assert_eq!(
        fill_message("{title} {url}", "{url}", "{title}"),
        "{url} {title}"
    );
}

#[test]
fn link_without_message() {
    assert_eq!(wa_me_link("919876543210", ""), "https://wa.me/919876543210");
    assert_eq!(
        wa_me_link("919876543210", " \n "),
        "https://wa.me/919876543210"
    );
}

#[test]
fn link_encodes_reserved_characters() {
    assert_eq!(
        wa_me_link("15551234567", "a b&c#d?e=f+g/h%i"),
        "https://wa.me/15551234567?text=a%20b%26c%23d%3Fe%3Df%2Bg%2Fh%25i"
    );
}

#[test]
fn link_encodes_newlines_and_utf8() {
    assert_eq!(
        wa_me_link("15551234567", "Hi 👋\r\nline 2 “é”"),
        "https://wa.me/15551234567?text=Hi%20%F0%9F%91%8B%0D%0Aline%202%20%E2%80%9C%C3%A9%E2%80%9D"
    );
}

#[test]
fn link_keeps_unreserved() {
    assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(
        percent_encode("!*'();:@&=+$,/?#[]"),
        "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D"
    );
}

#[test]
fn template_to_link() {
    let msg = fill_message(
        "Hi! I have a question about “{title}”: {url}",
        "Q&A #1",
        "https://blog.example/qa?x=1&y=2",
    );
    assert_eq!(
        wa_me_link("919876543210", &msg),
        "https://wa.me/919876543210?text=Hi%21%20I%20have%20a%20question%20about%20%E2%80%9CQ%26A%20%231%E2%80%9D%3A%20https%3A%2F%2Fblog.example%2Fqa%3Fx%3D1%26y%3D2"
    );
}
