//! Chat config defaults, deserialisation and resolution.

use blog_core::chat::{AutoOpen, ChatConfig, ChatDisabled, PhoneError, Position, ResolvedChat};

fn parse(json: &str) -> ChatConfig {
    serde_json::from_str(json).expect("config parses")
}

#[test]
fn empty_object_gives_defaults() {
    let c = parse("{}");
    assert_eq!(c, ChatConfig::default());
    assert!(c.enabled);
    assert_eq!(c.phone, "");
    assert_eq!(c.name, "");
    assert_eq!(
        c.greeting,
        ["Hello! Thank you for reaching out.", "How can we help you?"]
    );
    assert_eq!(c.button_text, "Open chat");
    assert_eq!(c.tooltip, "Chat with us");
    assert_eq!(c.qr_caption, "Scan the code");
    assert!(c.message.contains("{title}") && c.message.contains("{url}"));
    assert_eq!(c.position, Position::Right);
    assert_eq!(c.show_delay_ms, 3000);
    assert_eq!(c.auto_open_delay_ms, None);
    assert_eq!(c.auto_open_after_views, 1);
    assert!(!c.cookieless);
    assert!(!c.badge);
}

#[test]
fn camel_case_fields_and_unknown_keys() {
    let c = parse(
        r#"{"enabled":true,"phone":"+91 98765 43210","name":"Asha","greeting":["Hi"],
            "buttonText":"Talk","tooltip":"Ask","qrCaption":"Scan me","message":"{url}",
            "position":"left","showDelayMs":0,"autoOpenDelayMs":5000,"autoOpenAfterViews":3,
            "cookieless":true,"badge":true,"somethingNew":[1,2]}"#,
    );
    assert_eq!(c.phone, "+91 98765 43210");
    assert_eq!(c.name, "Asha");
    assert_eq!(c.greeting, ["Hi"]);
    assert_eq!(c.button_text, "Talk");
    assert_eq!(c.tooltip, "Ask");
    assert_eq!(c.qr_caption, "Scan me");
    assert_eq!(c.message, "{url}");
    assert_eq!(c.position, Position::Left);
    assert_eq!(c.show_delay_ms, 0);
    assert_eq!(c.auto_open_delay_ms, Some(5000));
    assert_eq!(c.auto_open_after_views, 3);
    assert!(c.cookieless && c.badge);
}

#[test]
fn phone_may_be_a_json_number_or_null() {
    assert_eq!(parse(r#"{"phone":919876543210}"#).phone, "919876543210");
    assert_eq!(parse(r#"{"phone":null}"#).phone, "");
    assert_eq!(
        parse(r#"{"autoOpenDelayMs":null}"#).auto_open_delay_ms,
        None
    );
}

#[test]
fn bad_position_is_an_error() {
    assert!(serde_json::from_str::<ChatConfig>(r#"{"position":"top"}"#).is_err());
}

#[test]
fn resolve_errors() {
    let off = ChatConfig {
        enabled: false,
        phone: "+919876543210".into(),
        ..Default::default()
    };
    assert_eq!(off.resolve(), Err(ChatDisabled::Disabled));
    assert_eq!(
        ChatConfig::default().resolve(),
        Err(ChatDisabled::MissingPhone)
    );
    let blank = ChatConfig {
        phone: "  ".into(),
        ..Default::default()
    };
    assert_eq!(blank.resolve(), Err(ChatDisabled::MissingPhone));
    let national = ChatConfig {
        phone: "098765 43210".into(),
        ..Default::default()
    };
    let err = national.resolve().unwrap_err();
    assert_eq!(err, ChatDisabled::InvalidPhone(PhoneError::LeadingZero));
    assert!(err.to_string().contains("country code"), "{err}");
    let junk = ChatConfig {
        phone: "call me".into(),
        ..Default::default()
    };
    assert_eq!(
        junk.resolve(),
        Err(ChatDisabled::InvalidPhone(PhoneError::InvalidChar('c')))
    );
    for e in [ChatDisabled::Disabled, ChatDisabled::MissingPhone, err] {
        assert!(!e.reason().is_empty());
        assert!(e.to_string().contains(e.reason()));
    }
}

fn resolved(json: &str) -> ResolvedChat {
    parse(json).resolve().expect("resolves")
}

#[test]
fn resolve_normalises_and_cleans() {
    let r =
        resolved(r#"{"phone":"+91 98765 43210","name":"  ","greeting":[" Hi ","", "  ","Bye"]}"#);
    assert_eq!(r.phone, "919876543210");
    assert_eq!(r.name, "");
    assert_eq!(r.header_name("My Blog"), "My Blog");
    assert_eq!(r.greeting, ["Hi", "Bye"]);
    assert_eq!(r.button_text, "Open chat");
    assert_eq!(r.auto_open, None);
    let named = resolved(r#"{"phone":"0091 98765 43210","name":" Asha "}"#);
    assert_eq!(named.header_name("My Blog"), "Asha");
}

#[test]
fn link_fills_the_template() {
    let r = resolved(r#"{"phone":"+1 555 123 4567","message":"About {title}: {url}"}"#);
    assert_eq!(
        r.link("A & B", "https://b.example/a-b"),
        "https://wa.me/15551234567?text=About%20A%20%26%20B%3A%20https%3A%2F%2Fb.example%2Fa-b"
    );
    let bare = resolved(r#"{"phone":"+1 555 123 4567","message":""}"#);
    assert_eq!(bare.link("t", "u"), "https://wa.me/15551234567");
}

#[test]
fn auto_open_rules() {
    let r = resolved(r#"{"phone":"15551234567"}"#);
    assert_eq!(r.auto_open_delay(1), None);

    let r = resolved(r#"{"phone":"15551234567","autoOpenDelayMs":4000}"#);
    assert_eq!(
        r.auto_open,
        Some(AutoOpen {
            delay_ms: 4000,
            after_views: 1
        })
    );
    assert_eq!(r.auto_open_delay(1), Some(4000));

    let r = resolved(r#"{"phone":"15551234567","autoOpenDelayMs":0,"autoOpenAfterViews":3}"#);
    assert_eq!(r.auto_open_delay(2), None);
    assert_eq!(r.auto_open_delay(3), Some(0));
    assert_eq!(r.auto_open_delay(9), Some(0));

    let r = resolved(r#"{"phone":"15551234567","autoOpenDelayMs":10,"autoOpenAfterViews":0}"#);
    assert_eq!(r.auto_open.unwrap().after_views, 1);

    let r = resolved(
        r#"{"phone":"15551234567","autoOpenDelayMs":10,"autoOpenAfterViews":2,"cookieless":true}"#,
    );
    assert_eq!(r.auto_open_delay(5), None, "cookieless cannot count views");
    let r = resolved(r#"{"phone":"15551234567","autoOpenDelayMs":10,"cookieless":true}"#);
    assert_eq!(r.auto_open_delay(0), Some(10));
}

/// The shared vectors (`tests/vectors/chat-shown.json`), which the page's
/// starter is held to as well (`tests/e2e/starter.test.mjs`): the app shows
/// the chat exactly where the starter keeps a prerendered launcher.
#[test]
fn shown_as_the_shared_vectors_say() {
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/vectors/chat-shown.json")).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        let config: ChatConfig = serde_json::from_value(case["chat"].clone()).unwrap();
        let shown = case["shown"].as_bool().unwrap();
        assert_eq!(config.resolve().is_ok(), shown, "{}", case["chat"]);
    }
}
