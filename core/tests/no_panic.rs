//! No panic on any input: property tests over everything in `blog-core` that
//! reads untrusted text (API bodies and headers, the config block, the
//! location, the visitor's form input, HTML attribute values), plus the
//! properties that are cheap to state.
//!
//! One `#[test]` runs every property in turn with a fixed number of cases
//! (256 each; `NO_PANIC_CASES=N` to change it), so the run is bounded and its
//! total is printed at the end. Inputs are random on every run; a failure
//! prints the shrunk input that breaks.

use std::fmt::Debug;
use std::time::Instant;

use blog_core::chat::{fill_message, normalize_phone, qr_svg, wa_me_link, ChatConfig};
use blog_core::data::comment::{Comment, CommentDraft};
use blog_core::data::comment_outcome::{
    outcome_from_success, problem_from_error, problem_from_response,
};
use blog_core::data::config::SiteConfig;
use blog_core::data::dates::{datetime_attr, format_date};
use blog_core::data::entities::{decode_entities, html_to_text};
use blog_core::data::error::ApiError;
use blog_core::data::models::{Post, SiteInfo, Term};
use blog_core::data::pagination::Paging;
use blog_core::data::route::Route;
use blog_core::data::thread::{
    build_threads, build_threads_with, count, effective_max_depth, flatten, ids_needing_replies,
    OrphanPolicy, ThreadNode, ThreadOptions,
};
use blog_core::rules::comment_validation::{is_email, validate, validate_field, Field};
use blog_core::rules::sanitize_policy::{
    attr_kind, clean_attr, clean_srcset, clean_url, element_rule, link_rel, AttrKind, Source,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

const DEFAULT_CASES: u32 = 256;

fn cases() -> u32 {
    std::env::var("NO_PANIC_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// Runs one property for `cases()` cases; panics with the shrunk input on
/// failure. Returns the number of cases run.
fn check<S>(name: &str, strategy: S, test: impl Fn(S::Value)) -> u64
where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, |v| {
        test(v);
        Ok(())
    }) {
        panic!("{name}: {e}");
    }
    u64::from(cases())
}

// ---------------------------------------------------------------- inputs

/// Text that hits the interesting parts of the parsers: entities, tags,
/// URL punctuation, digits, controls, and any Unicode.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        3 => prop::sample::select(vec![
            "&", "&amp;", "&#", "&#x", "&#8211;", "&#x2019;", "&#0;", "&#1114112;", "&#xD800;",
            "&#99999999999999999999;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&hellip;", ";",
            "<", ">", "</", "<p>", "</p>", "<br />", "<script>", "<!--", "-->", "\"", "'",
            "javascript:", "data:", "http://", "https://", "//", "/", "?", "#", ":", ",", " ",
            "\t", "\n", "\r", "\0", "\u{1}", "\u{b}", "\u{a0}", "\u{2028}", "\u{feff}", "+",
            "-", ".", "(", ")", "00", "0", "9", "{title}", "{url}", "{", "}", "@", "T", "Z",
            "2023-03-14T10:00:00", "9999-99-99", "page", "category", "é", "日本", "👍🏽",
        ])
        .prop_map(str::to_string),
        2 => "[a-z0-9-]{0,6}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Keys the decoders look for, mixed with arbitrary ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "id", "date", "slug", "link", "title", "content", "excerpt", "rendered", "author",
            "featured_media", "comment_status", "categories", "_embedded", "wp:term",
            "wp:featuredmedia", "name", "description", "url", "taxonomy", "count", "parent",
            "post", "author_name", "author_url", "status", "author_avatar_urls", "_links",
            "code", "message", "data", "params", "details", "apiBase", "timeoutMs",
            "postsPerPage", "commentsPerPage", "lang", "chat", "phone", "enabled", "message",
            "position", "autoOpen", "24", "48", "96", "source_url", "alt_text", "media_details",
            "sizes", "protected", "up", "href", "children", "in-reply-to",
        ])
        .prop_map(str::to_string),
        1 => text(),
    ]
}

/// Arbitrary JSON trees, biased towards the shapes the decoders expect.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![0u64, 1, 2, 5, 100, 101, u32::MAX as u64, u64::MAX])
            .prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// JSON text: serialised trees (valid), and the same cut or spliced (mostly
/// invalid), and raw text.
fn json_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => json().prop_map(|v| v.to_string()),
        2 => (json(), any::<prop::sample::Index>()).prop_map(|(v, cut)| {
            let s = v.to_string();
            let at = cut.index(s.len() + 1);
            let at = (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            s[..at].to_string()
        }),
        1 => (json(), text()).prop_map(|(v, t)| format!("{v}{t}")),
        1 => text(),
    ]
}

fn comment_with(id: u64, parent: u64, date: String) -> Comment {
    Comment {
        id,
        parent,
        date,
        ..Comment::default()
    }
}

/// Comment lists with small ids (so parents, cycles and duplicates are
/// common), some approved, some held.
fn comment_list() -> impl Strategy<Value = Vec<Comment>> {
    let date = prop_oneof![
        3 => (0u8..4, 0u8..60).prop_map(|(d, s)| format!("2024-01-0{}T10:00:{s:02}", d + 1)),
        1 => text(),
    ];
    prop::collection::vec((0u64..24, 0u64..26, date, any::<bool>()), 0..48).prop_map(|v| {
        v.into_iter()
            .map(|(id, parent, date, held)| Comment {
                status: if held { "hold" } else { "approved" }.to_string(),
                ..comment_with(id, parent, date)
            })
            .collect()
    })
}

fn walk_depths(nodes: &[ThreadNode], max: usize) {
    for n in nodes {
        assert!(n.depth >= 1 && n.depth <= max, "depth {} of {max}", n.depth);
        if n.depth == max {
            assert!(n.children.is_empty(), "a node at max depth has children");
        }
        walk_depths(&n.children, max);
    }
}

fn draft() -> impl Strategy<Value = CommentDraft> {
    (text(), text(), text(), text()).prop_map(|(content, name, email, url)| CommentDraft {
        content,
        name,
        email,
        url,
    })
}

/// Attribute values for the sanitiser: URL-ish text.
fn url_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => text(),
        1 => (
            prop::sample::select(vec![
                "", " ", "\t", "\u{1}", "java", "JaVa", "javascript", "vbscript", "data", "http",
                "https", "mailto", "tel", "blob", "file", "HTTPS", "ftp",
            ]),
            prop::sample::select(vec!["", "\t", "\n", "\r", "\u{0}", " ", "&#9;"]),
            prop::sample::select(vec!["", "script", "s"]),
            prop::sample::select(vec![":", "&colon;", "/", "?", "#", ""]),
            text(),
        )
            .prop_map(|(a, b, c, d, e)| format!("{a}{b}{c}{d}{e}")),
    ]
}

/// The scheme a browser would read from an attribute value: C0 controls and
/// spaces trimmed, tabs and newlines removed, up to the first `:` (none when
/// `/`, `?` or `#` comes first).
fn browser_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    (cleaned.as_bytes()[end] == b':').then(|| cleaned[..end].to_ascii_lowercase())
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "a", "img", "p", "script", "svg", "math", "iframe", "td", "th", "ol", "li", "col",
            "blockquote", "q", "del", "ins", "time", "details", "svg:script", "x-y", "",
        ])
        .prop_map(str::to_string),
        1 => text(),
    ]
}

fn attr() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "href", "src", "srcset", "cite", "class", "title", "width", "onerror", "style", "id",
            "name", "xlink:href", "formaction", "srcdoc", "colspan", "start", "value", "",
        ])
        .prop_map(str::to_string),
        1 => text(),
    ]
}

// ---------------------------------------------------------------- the test

#[test]
fn no_panic_on_any_input() {
    let started = Instant::now();
    let mut total = 0u64;
    let mut run = |name: &str, n: u64| {
        eprintln!("no_panic: {name}: {n} cases");
        total += n;
    };

    // JSON decoding: models from arbitrary text and arbitrary trees.
    run(
        "models from text",
        check("models from text", json_text(), |s| {
            if let Ok(p) = serde_json::from_str::<Post>(&s) {
                let _ = (p.display_title(), p.plain_excerpt(), p.author_name());
                let _ = (p.categories(), p.featured_image(), p.comments_open());
            }
            if let Ok(posts) = serde_json::from_str::<Vec<Post>>(&s) {
                for p in posts {
                    let _ = (p.display_title(), p.categories(), p.featured_image());
                }
            }
            if let Ok(info) = serde_json::from_str::<SiteInfo>(&s) {
                let _ = info.display_name();
            }
            if let Ok(t) = serde_json::from_str::<Term>(&s) {
                let _ = t.display_name();
            }
            let _ = serde_json::from_str::<Vec<Term>>(&s);
            if let Ok(c) = serde_json::from_str::<Comment>(&s) {
                let _ = (c.display_author(), c.avatar_url(48), c.default_avatar_url());
                let _ = (c.is_approved(), c.has_replies(), c.anchor());
            }
            let _ = serde_json::from_str::<Vec<Comment>>(&s);
        }),
    );
    run(
        "models from JSON trees",
        check("models from JSON trees", json(), |v| {
            if let Ok(p) = serde_json::from_value::<Post>(v.clone()) {
                let _ = (p.display_title(), p.plain_excerpt(), p.author_name());
                let _ = (p.categories(), p.featured_image(), p.comments_open());
            }
            if let Ok(posts) = serde_json::from_value::<Vec<Post>>(v.clone()) {
                for p in posts {
                    let _ = (p.display_title(), p.categories(), p.featured_image());
                }
            }
            let _ = serde_json::from_value::<SiteInfo>(v.clone()).map(|i| i.display_name());
            let _ = serde_json::from_value::<Term>(v.clone()).map(|t| t.display_name());
            if let Ok(c) = serde_json::from_value::<Comment>(v.clone()) {
                let _ = (c.display_author(), c.avatar_url(24), c.default_avatar_url());
                let _ = (c.is_approved(), c.has_replies(), c.anchor());
            }
            let _ = serde_json::from_value::<Vec<Comment>>(v.clone());
            // A post whose `_embedded` is whatever the tree is.
            let mut post = serde_json::json!({"id": 1, "title": {"rendered": "t"}});
            post["_embedded"] = v.clone();
            if let Ok(p) = serde_json::from_value::<Post>(post) {
                let _ = (p.author_name(), p.categories(), p.featured_image());
            }
            let _ = serde_json::from_value::<ChatConfig>(v).map(|c| {
                if let Ok(r) = c.resolve() {
                    let _ = (r.header_name("Site"), r.link("T", "https://x/"));
                    let _ = (r.auto_open_delay(0), r.auto_open_delay(u32::MAX));
                }
            });
        }),
    );

    // Errors and comment POST answers from any status and body.
    run(
        "errors and comment outcomes",
        check(
            "errors and comment outcomes",
            (any::<u16>(), json_text()),
            |(status, body)| {
                let e = ApiError::from_response(status, &body);
                let _ = (e.status(), e.code(), e.is_retryable());
                let _ = (e.reader_message(), e.detail());
                let _ = problem_from_error(&e);
                let o = outcome_from_success(status, &body);
                let _ = (o.comment(), o.problem().map(|p| p.owner_hint()));
                let p = problem_from_response(status, &body);
                let _ = p.owner_hint();
            },
        ),
    );

    // Entities and text.
    run(
        "entities",
        check("entities", text(), |s| {
            let decoded = decode_entities(&s);
            if !s.contains('&') {
                assert_eq!(decoded, s, "text without '&' is left alone");
            }
            let _ = html_to_text(&s);
        }),
    );

    // Dates.
    run(
        "dates",
        check("dates", text(), |s| {
            let _ = format_date(&s);
            let _ = datetime_attr(&s);
        }),
    );

    // Routes, and parse(path()) round trips.
    let path = prop_oneof![
        1 => text(),
        2 => prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec!["page", "category", "tag", "wp-json", "0", "1", "2",
                    "4294967295", "4294967296", "", "%E6%97%A5", "a_b", "A"])
                    .prop_map(str::to_string),
                "[a-z0-9_-]{1,8}",
                text(),
            ],
            0..6,
        )
        .prop_map(|s| format!("/{}", s.join("/"))),
    ];
    run(
        "routes",
        check("routes", path, |p| {
            let route = Route::parse(&p);
            if route != Route::NotFound {
                assert_eq!(Route::parse(&route.path()), route, "from {p:?}");
            }
        }),
    );

    // Paging headers.
    run(
        "paging",
        check(
            "paging",
            (
                proptest::option::of(text()),
                proptest::option::of(text()),
                any::<u32>(),
            ),
            |(total, pages, page)| {
                let paging = Paging::from_headers(total.as_deref(), pages.as_deref());
                let _ = (paging.has_next(page), paging.has_prev(page));
            },
        ),
    );

    // The deployment config block.
    run(
        "site config",
        check("site config", proptest::option::of(json_text()), |text| {
            let (config, _warning) = SiteConfig::from_json(text.as_deref());
            assert!((1..=100).contains(&config.posts_per_page));
            assert!((1..=100).contains(&config.comments_per_page));
            assert!(config.timeout_ms > 0);
            let _ = config.endpoint("wp/v2/posts?slug=x");
        }),
    );

    // Comment validation over arbitrary Unicode.
    run(
        "comment validation",
        check("comment validation", draft(), |d| {
            let errors = validate(&d);
            assert!(errors.len() <= Field::ALL.len());
            for field in Field::ALL {
                let one = validate_field(&d, field);
                assert_eq!(
                    one.as_ref(),
                    errors.iter().find(|e| e.field == field),
                    "validate and validate_field agree on {field:?}"
                );
            }
            let _ = is_email(&d.email);
            let _ = is_email(&d.content);
            let _ = d.to_new_comment(1, 0);
        }),
    );

    // Threads over lists with cycles, duplicates and orphans.
    run(
        "threads",
        check(
            "threads",
            (comment_list(), 0usize..130, any::<bool>()),
            |(comments, max_depth, hide)| {
                let unique: std::collections::BTreeSet<u64> =
                    comments.iter().map(|c| c.id).collect();
                let max = effective_max_depth(max_depth);
                let shown = build_threads(&comments, max_depth);
                assert_eq!(
                    count(&shown),
                    unique.len(),
                    "orphans at the top level: every comment shown once"
                );
                walk_depths(&shown, max);
                let flat = flatten(&shown);
                assert_eq!(flat.len(), unique.len());
                let ids: std::collections::BTreeSet<u64> = flat.iter().map(|(_, c)| c.id).collect();
                assert_eq!(ids, unique, "each comment once");
                let options = ThreadOptions {
                    max_depth,
                    orphans: if hide {
                        OrphanPolicy::Hide
                    } else {
                        OrphanPolicy::TopLevel
                    },
                };
                let with = build_threads_with(&comments, options);
                assert!(count(&with) <= unique.len());
                walk_depths(&with, max);
                let asked: Vec<u64> = comments.iter().take(3).map(|c| c.id).collect();
                let _ = ids_needing_replies(&comments, &asked);
            },
        ),
    );

    // Chat: phone numbers, message templates, wa.me links, QR codes.
    run(
        "chat",
        check(
            "chat",
            (text(), text(), text(), text()),
            |(phone, template, title, url)| {
                if let Ok(digits) = normalize_phone(&phone) {
                    assert!(digits.bytes().all(|b| b.is_ascii_digit()));
                }
                let message = fill_message(&template, &title, &url);
                let link = wa_me_link("15551234567", &message);
                assert!(
                    link.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~%/:?=".contains(&b)),
                    "not URL-safe ASCII: {link:?}"
                );
                let _ = wa_me_link(&phone, &message);
            },
        ),
    );
    run(
        "qr",
        check("qr", (text(), text()), |(text, label)| {
            if let Some(qr) = qr_svg(&text, &label) {
                assert!(qr.svg.starts_with("<svg") && qr.svg.ends_with("</svg>"));
                assert!(!qr.svg.contains("<script"));
            }
        }),
    );

    // The sanitiser's pure policy.
    run(
        "sanitize policy",
        check(
            "sanitize policy",
            (tag(), attr(), url_text(), text(), any::<bool>()),
            |(tag, attr, value, host, comment)| {
                for source in [Source::Post, Source::Comment, Source::Title] {
                    let _ = element_rule(&tag, source);
                }
                if let Some(kind) = attr_kind(&tag, &attr) {
                    let _ = clean_attr(kind, &value);
                }
                for kind in [
                    AttrKind::Text,
                    AttrKind::Url,
                    AttrKind::SrcSet,
                    AttrKind::Number,
                ] {
                    let _ = clean_attr(kind, &value);
                }
                if let Some(url) = clean_url(&value) {
                    if let Some(scheme) = browser_scheme(&url) {
                        assert!(
                            ["http", "https", "mailto", "tel"].contains(&scheme.as_str()),
                            "{value:?} kept as {url:?} (scheme {scheme:?})"
                        );
                    }
                    assert_eq!(clean_url(&url).as_deref(), Some(url.as_str()), "idempotent");
                }
                if let Some(set) = clean_srcset(&value) {
                    for candidate in set.split(", ") {
                        let url = candidate.split(' ').next().unwrap_or("");
                        if let Some(scheme) = browser_scheme(url) {
                            assert!(
                                ["http", "https", "mailto", "tel"].contains(&scheme.as_str()),
                                "srcset {value:?} kept {url:?}"
                            );
                        }
                    }
                }
                let source = if comment {
                    Source::Comment
                } else {
                    Source::Post
                };
                let _ = link_rel(&value, &host, source);
            },
        ),
    );

    eprintln!(
        "no_panic: {total} cases in total, {} per property, {:.1} s",
        cases(),
        started.elapsed().as_secs_f64()
    );
}
