//! What the visitor sees for every recorded answer to POST /comments, and for
//! failures that never reach WordPress.

use std::path::Path;

use blog_core::data::comment_outcome::{
    outcome_from_success, problem_from_error, problem_from_response, FormProblem, PostOutcome,
    ProblemKind,
};
use blog_core::data::error::ApiError;
use blog_core::rules::comment_validation::Field;

struct Recorded {
    status: u16,
    body: String,
}

fn recorded(name: &str) -> Recorded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    Recorded {
        status: v["status"].as_u64().unwrap() as u16,
        body: serde_json::to_string(&v["body"]).unwrap(),
    }
}

/// Human words only: no entities, no codes, no empty message.
fn assert_readable(p: &FormProblem) {
    assert!(!p.message.trim().is_empty());
    for bad in ["&#", "&amp;", "&lt;", "rest_", "comment_", "<"] {
        assert!(!p.message.contains(bad), "{bad:?} in {:?}", p.message);
    }
    assert!(!p.detail.is_empty(), "{p:?}");
}

#[derive(Debug)]
enum Expect {
    Approved(u64),
    Held(u64),
    Problem(ProblemKind, Option<Field>, bool),
}

const ALL_POST_FIXTURES: &[(&str, Expect)] = {
    use Expect::*;
    use ProblemKind::*;
    &[
        ("post-comment-valid.json", Held(129)),
        ("post-comment-valid-reply-with-parent.json", Held(130)),
        ("post-comment-nonexistent-parent.json", Held(131)),
        ("post-comment-form-urlencoded.json", Held(132)),
        (
            "post-comment-previously-approved-author.json",
            Approved(133),
        ),
        ("post-comment-xss-via-rest.json", Held(134)),
        (
            "post-comment-duplicate.json",
            Problem(Duplicate, None, false),
        ),
        ("post-comment-flood.json", Problem(Flood, None, true)),
        (
            "post-comment-missing-author-email.json",
            Problem(AuthorDataRequired, None, false),
        ),
        (
            "post-comment-missing-author-name.json",
            Problem(AuthorDataRequired, None, false),
        ),
        (
            "post-comment-empty-content.json",
            Problem(ContentInvalid, Some(Field::Content), false),
        ),
        (
            "post-comment-empty-content-with-origin.json",
            Problem(ContentInvalid, Some(Field::Content), false),
        ),
        (
            "post-comment-invalid-email.json",
            Problem(InvalidEmail, Some(Field::Email), false),
        ),
        (
            "post-comment-author-name-246-chars.json",
            Problem(TooLong, Some(Field::Name), false),
        ),
        (
            "post-comment-content-65526-chars.json",
            Problem(TooLong, Some(Field::Content), false),
        ),
        (
            "post-comment-nonexistent-post.json",
            Problem(NoSuchPost, None, false),
        ),
        (
            "post-comment-malformed-json.json",
            Problem(Unexpected, None, false),
        ),
    ]
};

#[test]
fn every_recorded_post_comment_fixture_is_covered() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("post-comment-") && n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut covered: Vec<String> = ALL_POST_FIXTURES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    covered.sort();
    assert_eq!(on_disk, covered);
}

#[test]
fn every_recorded_post_comment_answer_maps_as_expected() {
    for (file, expect) in ALL_POST_FIXTURES {
        let r = recorded(file);
        let via_body = outcome_from_success(r.status, &r.body);
        match expect {
            Expect::Approved(id) => {
                assert_eq!(r.status, 201, "{file}");
                match &via_body {
                    PostOutcome::Approved(c) => assert_eq!(c.id, *id, "{file}"),
                    other => panic!("{file}: {other:?}"),
                }
            }
            Expect::Held(id) => {
                assert_eq!(r.status, 201, "{file}");
                match &via_body {
                    PostOutcome::Held(c) => {
                        assert_eq!(c.id, *id, "{file}");
                        assert_eq!(c.status, "hold");
                        assert!(!c.content.rendered.is_empty());
                    }
                    other => panic!("{file}: {other:?}"),
                }
            }
            Expect::Problem(kind, field, retry) => {
                assert!(r.status >= 400, "{file}");
                let from_error = problem_from_error(&ApiError::from_response(r.status, &r.body));
                let from_response = problem_from_response(r.status, &r.body);
                for p in [&from_error, &from_response] {
                    assert_eq!(p.kind, *kind, "{file}: {p:?}");
                    assert_eq!(p.field, *field, "{file}: {p:?}");
                    assert_eq!(p.retry, *retry, "{file}: {p:?}");
                    assert_readable(p);
                    assert!(p.detail.contains(&r.status.to_string()), "{file}: {p:?}");
                }
                assert_eq!(from_error, from_response, "{file}");
                // What the visitor reads (`cargo test -- --nocapture` shows the table).
                println!("{file:<48} {} → {}", r.status, from_response.message);
                // A non-success status handed to outcome_from_success is a problem too.
                assert_eq!(via_body, PostOutcome::Rejected(from_response), "{file}");
            }
        }
    }
}

#[test]
fn recorded_messages() {
    let msg = |file: &str| {
        let r = recorded(file);
        problem_from_response(r.status, &r.body).message
    };
    assert_eq!(
        msg("post-comment-duplicate.json"),
        "You’ve already sent this comment. If you can’t see it yet, it’s waiting for approval."
    );
    assert_eq!(
        msg("post-comment-flood.json"),
        "You’re sending comments too quickly. Wait a minute, then send your comment again."
    );
    assert_eq!(msg("post-comment-empty-content.json"), "Enter your comment");
    assert_eq!(
        msg("post-comment-invalid-email.json"),
        "Enter an email address in the correct format, like name@example.com"
    );
    assert_eq!(
        msg("post-comment-author-name-246-chars.json"),
        "Name must be 245 characters or fewer (accented letters and emoji count as 2 to 4). \
         Shorten it and send your comment again."
    );
    assert!(msg("post-comment-content-65526-chars.json")
        .starts_with("Comment must be 65,525 characters"));
    assert!(msg("post-comment-nonexistent-post.json").contains("Your text is still in the box"));
    // WordPress's own words, decoded, for what has no better wording.
    assert!(msg("post-comment-malformed-json.json").contains("“Invalid JSON body passed.”"));
}

fn http(status: u16, code: Option<&str>, message: Option<&str>) -> ApiError {
    ApiError::Http {
        status,
        code: code.map(str::to_string),
        message: message.map(str::to_string),
    }
}

#[test]
fn codes_not_recorded_here() {
    use ProblemKind::*;
    let cases: Vec<(ApiError, ProblemKind, Option<Field>, bool)> = vec![
        (
            http(
                401,
                Some("rest_comment_login_required"),
                Some("Sorry, you must be logged in to comment."),
            ),
            LoginRequired,
            None,
            false,
        ),
        (
            http(
                403,
                Some("rest_comment_closed"),
                Some("Sorry, comments are closed for this item."),
            ),
            Closed,
            None,
            false,
        ),
        (
            http(403, Some("rest_comment_draft_post"), None),
            NoSuchPost,
            None,
            false,
        ),
        (
            http(403, Some("rest_comment_trash_post"), None),
            NoSuchPost,
            None,
            false,
        ),
        // wp-comments-post.php answers a flood with 429; a bare 429 too.
        (http(429, Some("comment_flood"), None), Flood, None, true),
        (http(429, None, None), Flood, None, true),
        (
            http(400, Some("comment_author_email_column_length"), None),
            TooLong,
            Some(Field::Email),
            false,
        ),
        (
            http(400, Some("comment_author_url_column_length"), None),
            TooLong,
            Some(Field::Url),
            false,
        ),
        (
            http(400, Some("comment_agent_column_length"), None),
            TooLong,
            None,
            false,
        ),
        (
            http(
                400,
                Some("rest_invalid_param"),
                Some("Invalid parameter(s): author_url"),
            ),
            InvalidParams,
            Some(Field::Url),
            false,
        ),
        (
            http(
                400,
                Some("rest_invalid_param"),
                Some("Invalid parameter(s): post, parent"),
            ),
            InvalidParams,
            None,
            false,
        ),
        (
            http(
                400,
                Some("rest_invalid_param"),
                Some("Invalid parameter(s): author_url, author_email"),
            ),
            InvalidEmail,
            Some(Field::Email),
            false,
        ),
        (
            http(
                500,
                Some("rest_comment_failed_create"),
                Some("Creating comment failed."),
            ),
            Server,
            None,
            true,
        ),
        (http(502, None, None), Server, None, true),
        (http(503, None, None), Server, None, true),
        (http(403, None, None), Unexpected, None, false),
        (
            http(
                404,
                Some("rest_no_route"),
                Some("No route was found matching the URL and request method."),
            ),
            Unexpected,
            None,
            false,
        ),
        (http(408, None, None), Unexpected, None, true),
        (
            ApiError::Network("connection refused".into()),
            Network,
            None,
            true,
        ),
        (ApiError::Timeout { seconds: 15 }, Timeout, None, true),
        (ApiError::Malformed("eof".into()), Unexpected, None, true),
    ];
    for (err, kind, field, retry) in cases {
        let p = problem_from_error(&err);
        assert_eq!(
            (p.kind, p.field, p.retry),
            (kind, field, retry),
            "{err:?}: {p:?}"
        );
        assert_readable(&p);
    }
}

#[test]
fn invalid_param_names_come_from_the_body_when_given() {
    let body = r#"{"code":"rest_invalid_param","message":"Paramètre(s) invalide(s)","data":{"status":400,"params":{"parent":"parent n’est pas de type integer."}}}"#;
    let p = problem_from_response(400, body);
    assert_eq!(p.kind, ProblemKind::InvalidParams);
    assert!(p.message.contains("(invalid: parent)"), "{}", p.message);
    let body = r#"{"code":"rest_invalid_param","message":"x","data":{"status":400,"params":{"author_email":"Invalid email address."}}}"#;
    assert_eq!(
        problem_from_response(400, body).kind,
        ProblemKind::InvalidEmail
    );
}

#[test]
fn special_messages() {
    let p = problem_from_error(&ApiError::Timeout { seconds: 15 });
    assert!(p.message.contains("15 seconds"));
    assert!(p.message.contains("already sent"));
    let p = problem_from_error(&http(403, None, None));
    assert!(p.message.contains("error 403"));
    assert!(p.message.contains("security filter"));
    let p = problem_from_error(&http(
        409,
        Some("comment_duplicate"),
        Some("Duplicate comment detected; it looks as though you’ve already said that!"),
    ));
    assert_eq!(p.kind, ProblemKind::Duplicate);
}

#[test]
fn owner_hints() {
    let p = problem_from_error(&http(401, Some("rest_comment_login_required"), None));
    let hint = p.owner_hint().unwrap();
    assert!(hint.contains("rest_allow_anonymous_comments"));
    assert!(!p.message.contains("rest_allow_anonymous_comments"));
    assert!(
        problem_from_error(&http(403, Some("rest_comment_closed"), None))
            .owner_hint()
            .is_some()
    );
    assert!(problem_from_error(&ApiError::Network("x".into()))
        .owner_hint()
        .is_none());
}

#[test]
fn success_bodies() {
    let r = recorded("post-comment-previously-approved-author.json");
    let PostOutcome::Approved(c) = outcome_from_success(201, &r.body) else {
        panic!("approved");
    };
    assert_eq!(c.display_author(), "Meera");
    assert_eq!(c.post, 6);
    assert_eq!(c.parent, 0);
    assert!(c.is_approved());

    // The XSS body comes back filtered by kses; it is still content to sanitise.
    let r = recorded("post-comment-xss-via-rest.json");
    let outcome = outcome_from_success(201, &r.body);
    let c = outcome.comment().unwrap();
    assert!(c.content.rendered.contains("rel=\"nofollow ugc\""));
    assert!(outcome.problem().is_none());

    // Spam or an unknown status is never shown as published.
    for status in ["spam", "trash", "", "unapproved"] {
        let body = format!(r#"{{"id":5,"status":"{status}"}}"#);
        assert!(
            matches!(outcome_from_success(201, &body), PostOutcome::Held(_)),
            "{status}"
        );
    }
}

#[test]
fn unreadable_success_bodies_are_unexpected() {
    for body in [
        "",
        "not json",
        "[]",
        "{}",
        r#"{"id":0}"#,
        "<html>OK</html>",
        "null",
    ] {
        match outcome_from_success(201, body) {
            PostOutcome::Rejected(p) => {
                assert_eq!(p.kind, ProblemKind::Unexpected, "{body:?}");
                assert!(p.retry);
                assert!(p.message.contains("already sent"));
                assert_readable(&p);
            }
            other => panic!("{body:?}: {other:?}"),
        }
    }
    // A PHP notice printed before the JSON does not hide the comment.
    let r = recorded("post-comment-valid.json");
    let noisy = format!(
        "<br />\n<b>Deprecated</b>:  Function x() is deprecated in <b>/var/www/a.php</b> on line <b>{{12}}</b><br />\n{}",
        r.body
    );
    assert!(matches!(outcome_from_success(201, &noisy), PostOutcome::Held(c) if c.id == 129));
}
