//! What the visitor sees after sending a comment: the answer to
//! `POST /wp-json/wp/v2/comments`, mapped to published, awaiting approval, or
//! a problem worded for them (what happened and what to do), pointing at the
//! form field to fix when there is one.
//!
//! This layer never touches the visitor's text: on every problem the form
//! keeps what they typed.
//!
//! Observed WordPress 6.1 answers (anonymous, `require_name_email` on):
//!
//! | status | code | [`ProblemKind`] |
//! |---|---|---|
//! | 201 | — (`"status": "approved"` / `"hold"`) | [`PostOutcome::Approved`] / [`PostOutcome::Held`] |
//! | 400 | `rest_comment_author_data_required` | `AuthorDataRequired` |
//! | 400 | `rest_comment_content_invalid` | `ContentInvalid` → comment |
//! | 400 | `rest_invalid_param` (`author_email`) | `InvalidEmail` → email |
//! | 400 | `rest_invalid_param` (other) | `InvalidParams` |
//! | 400 | `comment_{author,author_email,author_url,content}_column_length` | `TooLong` → that field |
//! | 409 | `comment_duplicate` | `Duplicate` |
//! | 400 (REST), 429 (elsewhere) | `comment_flood` | `Flood` (retry later) |
//! | 403 | `rest_comment_closed` | `Closed` |
//! | 403 | `rest_comment_invalid_post_id`, `rest_comment_draft_post`, `rest_comment_trash_post` | `NoSuchPost` |
//! | 401 | `rest_comment_login_required` | `LoginRequired` (see [`FormProblem::owner_hint`]) |
//! | 5xx, or an HTML error page | — | `Server` |
//! | anything else (e.g. 400 `rest_invalid_json`) | | `Unexpected` |

use serde::Deserialize;

use crate::data::comment::Comment;
use crate::data::error::{ApiError, WpErrorBody};
use crate::rules::comment_validation::{thousands, Field};

/// The result of sending a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostOutcome {
    /// Published: it can be shown in the thread at once.
    Approved(Comment),
    /// Saved but awaiting moderation (`"hold"`, or any status other than
    /// `"approved"`, such as `"spam"`, which is never said to the visitor).
    /// Only the visitor can see it, and only from this answer: WordPress will
    /// not return it to anonymous requests until it is approved.
    Held(Comment),
    /// Not saved.
    Rejected(FormProblem),
}

impl PostOutcome {
    /// The saved comment, when there is one.
    pub fn comment(&self) -> Option<&Comment> {
        match self {
            PostOutcome::Approved(c) | PostOutcome::Held(c) => Some(c),
            PostOutcome::Rejected(_) => None,
        }
    }

    /// The problem, when the comment was not saved.
    pub fn problem(&self) -> Option<&FormProblem> {
        match self {
            PostOutcome::Rejected(p) => Some(p),
            _ => None,
        }
    }
}

/// Why a comment was not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// 400 `rest_comment_author_data_required`: name or email missing.
    AuthorDataRequired,
    /// 400 `rest_comment_content_invalid`: empty comment.
    ContentInvalid,
    /// 400 `rest_invalid_param` for `author_email`.
    InvalidEmail,
    /// 400 `rest_invalid_param` for other parameters.
    InvalidParams,
    /// 400 `comment_*_column_length`.
    TooLong,
    /// 409 `comment_duplicate`: the same comment was already saved (it may be
    /// held for moderation).
    Duplicate,
    /// `comment_flood`: too soon after the previous comment.
    Flood,
    /// 403 `rest_comment_closed`.
    Closed,
    /// 403 `rest_comment_invalid_post_id` (also a draft or trashed post).
    NoSuchPost,
    /// 401 `rest_comment_login_required`: the site does not take anonymous
    /// comments over the REST API.
    LoginRequired,
    /// No answer.
    Network,
    /// No answer in time.
    Timeout,
    /// A server failure (5xx, or an HTML error page from a proxy).
    Server,
    /// Anything else.
    Unexpected,
}

/// A problem to show above (and, with `field`, next to) the comment form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    /// For the visitor: what happened and what to do. Plain text, decoded.
    pub message: String,
    /// The field to fix, when one is to blame.
    pub field: Option<Field>,
    /// Whether sending the same comment again later may work (as opposed to
    /// changing it, or not at all). Retrying after a lost answer is safe:
    /// WordPress refuses a duplicate with 409, which reads "already sent".
    pub retry: bool,
    pub kind: ProblemKind,
    /// For the console and bug reports: status, code and WordPress's message.
    pub detail: String,
}

impl FormProblem {
    fn new(
        kind: ProblemKind,
        field: Option<Field>,
        retry: bool,
        message: impl Into<String>,
    ) -> Self {
        FormProblem {
            message: message.into(),
            field,
            retry,
            kind,
            detail: String::new(),
        }
    }

    fn with_detail(mut self, detail: String) -> Self {
        self.detail = detail;
        self
    }

    /// What the site's owner can do about it, for the console (never shown
    /// to the visitor).
    pub fn owner_hint(&self) -> Option<&'static str> {
        match self.kind {
            ProblemKind::LoginRequired => Some(
                "WordPress refused an anonymous comment (401 rest_comment_login_required): the \
                 REST API only takes comments from logged-in users unless the \
                 `rest_allow_anonymous_comments` filter allows them. Add \
                 `add_filter( 'rest_allow_anonymous_comments', '__return_true' );` to a \
                 (must-use) plugin.",
            ),
            ProblemKind::Closed => Some(
                "WordPress answered 403 rest_comment_closed: the post's comment_status is \
                 closed, or \"Automatically close comments on posts older than N days\" is on. \
                 The app should hide the form when the post says comments are closed.",
            ),
            ProblemKind::NoSuchPost => Some(
                "WordPress could not find a published post with the ID the form sent \
                 (rest_comment_invalid_post_id / draft / trash): the post was removed or \
                 unpublished after the page loaded, or the app sent the wrong ID.",
            ),
            _ => None,
        }
    }
}

const KEEP_A_COPY: &str = "Your text is still in the box if you want to keep a copy.";

/// The answer to a POST that reached WordPress with a success status.
///
/// A `201` body is the saved comment: `"status": "approved"` → `Approved`,
/// anything else → `Held`. A body that is not a comment (no `id`) is a
/// `Rejected` `Unexpected` problem (the comment may still have been saved, so
/// it says that sending again is safe). A JSON object after leading noise (a
/// PHP notice printed before the JSON when `display_errors` is on) is still
/// read. A non-success `status` is mapped as [`problem_from_response`] does.
pub fn outcome_from_success(status: u16, body: &str) -> PostOutcome {
    if !(200..300).contains(&status) {
        return PostOutcome::Rejected(problem_from_response(status, body));
    }
    match parse_comment(body) {
        Some(comment) if comment.is_approved() => PostOutcome::Approved(comment),
        Some(comment) => PostOutcome::Held(comment),
        None => PostOutcome::Rejected(
            FormProblem::new(
                ProblemKind::Unexpected,
                None,
                true,
                "The blog’s reply couldn’t be read, so it’s not clear whether your comment was \
                 saved. Send it again: if it arrived, you’ll be told it was already sent.",
            )
            .with_detail(format!(
                "HTTP {status}: the body is not a comment: {}",
                excerpt(body)
            )),
        ),
    }
}

/// The comment in a 201 body, tolerating noise before the JSON object.
fn parse_comment(body: &str) -> Option<Comment> {
    let valid = |c: &Comment| c.id != 0;
    if let Ok(c) = serde_json::from_str::<Comment>(body) {
        return Some(c).filter(valid);
    }
    // A notice or two, not a page: a bounded number of attempts.
    body.match_indices('{').take(32).find_map(|(start, _)| {
        serde_json::Deserializer::from_str(&body[start..])
            .into_iter::<Comment>()
            .next()
            .and_then(Result::ok)
            .filter(valid)
    })
}

fn excerpt(body: &str) -> String {
    let mut s: String = body.chars().take(200).collect();
    if s.len() < body.len() {
        s.push('…');
    }
    s
}

/// The problem for a failed POST, from its status and body: like
/// [`problem_from_error`], but reads the invalid parameters' names from
/// `data.params` when WordPress sent them.
pub fn problem_from_response(status: u16, body: &str) -> FormProblem {
    let err = ApiError::from_response(status, body);
    let params = WpErrorBody::parse(body)
        .and_then(|b| b.data)
        .and_then(|data| {
            #[derive(Deserialize)]
            struct Data {
                params: serde_json::Map<String, serde_json::Value>,
            }
            serde_json::from_value::<Data>(data).ok()
        })
        .map(|d| d.params.keys().cloned().collect::<Vec<_>>())
        .filter(|p| !p.is_empty());
    classify(&err, params)
}

/// The problem for a failed POST. For `rest_invalid_param` the parameter
/// names are read from WordPress's message (`Invalid parameter(s): a, b`).
pub fn problem_from_error(err: &ApiError) -> FormProblem {
    classify(err, None)
}

/// `Invalid parameter(s): author_email, author_url` → the names (also from
/// a translated message: whatever follows the last colon).
fn params_from_message(message: &str) -> Vec<String> {
    let list = message.rsplit(':').next().unwrap_or("");
    list.split(',')
        .map(|p| p.trim().trim_end_matches('.'))
        .filter(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
        .map(str::to_string)
        .collect()
}

fn classify(err: &ApiError, params: Option<Vec<String>>) -> FormProblem {
    let detail = err.detail();
    let problem = match err {
        ApiError::Network(_) => FormProblem::new(
            ProblemKind::Network,
            None,
            true,
            "Your comment wasn’t sent because the blog can’t be reached. Check your connection \
             and try again.",
        ),
        ApiError::Timeout { seconds } => FormProblem::new(
            ProblemKind::Timeout,
            None,
            true,
            format!(
                "The blog didn’t answer within {seconds} seconds. Send your comment again: if \
                 it did arrive, you’ll be told it was already sent."
            ),
        ),
        ApiError::Malformed(_) => FormProblem::new(
            ProblemKind::Unexpected,
            None,
            true,
            "The blog’s reply couldn’t be read, so it’s not clear whether your comment was \
             saved. Send it again: if it arrived, you’ll be told it was already sent.",
        ),
        ApiError::Http {
            status,
            code,
            message,
        } => classify_http(*status, code.as_deref(), message.as_deref(), params, err),
    };
    problem.with_detail(detail)
}

fn classify_http(
    status: u16,
    code: Option<&str>,
    message: Option<&str>,
    params: Option<Vec<String>>,
    err: &ApiError,
) -> FormProblem {
    use ProblemKind::*;
    match code.unwrap_or("") {
        "rest_comment_author_data_required" => FormProblem::new(
            AuthorDataRequired,
            None,
            false,
            "Enter your name and email address. The blog needs both to accept a comment.",
        ),
        "rest_comment_content_invalid" => FormProblem::new(
            ContentInvalid,
            Some(Field::Content),
            false,
            "Enter your comment",
        ),
        "rest_invalid_param" => {
            let params = params.unwrap_or_else(|| params_from_message(message.unwrap_or("")));
            invalid_params(&params)
        }
        "comment_author_column_length" => too_long(Some(Field::Name)),
        "comment_author_email_column_length" => too_long(Some(Field::Email)),
        "comment_author_url_column_length" => too_long(Some(Field::Url)),
        "comment_content_column_length" => too_long(Some(Field::Content)),
        c if c.ends_with("_column_length") => too_long(None),
        "comment_duplicate" => FormProblem::new(
            Duplicate,
            None,
            false,
            "You’ve already sent this comment. If you can’t see it yet, it’s waiting for \
             approval.",
        ),
        "comment_flood" => flood(),
        "rest_comment_closed" => FormProblem::new(
            Closed,
            None,
            false,
            format!("Comments are closed on this post, so yours can’t be added. {KEEP_A_COPY}"),
        ),
        "rest_comment_invalid_post_id" | "rest_comment_draft_post" | "rest_comment_trash_post" => {
            FormProblem::new(
                NoSuchPost,
                None,
                false,
                format!(
                    "This post is no longer available, so your comment can’t be added. \
                     {KEEP_A_COPY}"
                ),
            )
        }
        "rest_comment_login_required" => FormProblem::new(
            LoginRequired,
            None,
            false,
            format!("Commenting isn’t available on this blog at the moment. {KEEP_A_COPY}"),
        ),
        _ if status == 429 => flood(),
        _ if status >= 500 => FormProblem::new(
            Server,
            None,
            true,
            "The blog’s server had a problem. Wait a few minutes, then send your comment again: \
             if it was saved after all, you’ll be told it was already sent.",
        ),
        _ => unexpected(status, code, message, err.is_retryable()),
    }
}

fn flood() -> FormProblem {
    FormProblem::new(
        ProblemKind::Flood,
        None,
        true,
        "You’re sending comments too quickly. Wait a minute, then send your comment again.",
    )
}

fn too_long(field: Option<Field>) -> FormProblem {
    let message = match field {
        Some(f) => format!(
            "{} must be {} characters or fewer (accented letters and emoji count as 2 to 4). \
             Shorten it and send your comment again.",
            f.label(),
            thousands(f.max_bytes())
        ),
        None => "Part of your comment is too long for the blog. Shorten it and send it again."
            .to_string(),
    };
    FormProblem::new(ProblemKind::TooLong, field, false, message)
}

fn invalid_params(params: &[String]) -> FormProblem {
    if params.iter().any(|p| p == "author_email") {
        return FormProblem::new(
            ProblemKind::InvalidEmail,
            Some(Field::Email),
            false,
            "Enter an email address in the correct format, like name@example.com",
        );
    }
    let field = params.iter().find_map(|p| Field::from_param(p));
    let message = match field {
        Some(Field::Url) => {
            "Enter a website address in the correct format, like https://example.com".to_string()
        }
        Some(f) => format!(
            "The blog didn’t accept your {}. Check it and send your comment again.",
            f.label().to_lowercase()
        ),
        None if params.is_empty() => {
            "The blog didn’t accept this comment. Reload the page and try again.".to_string()
        }
        None => format!(
            "The blog didn’t accept this comment (invalid: {}). Reload the page and try again.",
            params.join(", ")
        ),
    };
    FormProblem::new(ProblemKind::InvalidParams, field, false, message)
}

fn unexpected(status: u16, code: Option<&str>, message: Option<&str>, retry: bool) -> FormProblem {
    let what_to_do = if retry {
        "Try again in a few minutes, and if it keeps happening, let the blog’s owner know."
    } else {
        "Keep a copy of your text and let the blog’s owner know."
    };
    let text = match (code, message) {
        (Some(_), Some(m)) => format!(
            "The blog didn’t accept your comment. It said: “{}” {what_to_do}",
            m.trim()
        ),
        (None, _) if status == 403 => format!(
            "The blog’s server refused your comment (error {status}). If it contains code or \
             many links, a security filter may have blocked it: remove them and send it again."
        ),
        _ => format!("The blog didn’t accept your comment (error {status}). {what_to_do}"),
    };
    FormProblem::new(ProblemKind::Unexpected, None, retry, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_read_from_messages() {
        assert_eq!(
            params_from_message("Invalid parameter(s): author_email, author_url"),
            ["author_email", "author_url"]
        );
        assert_eq!(
            params_from_message("Paramètre(s) non valide(s) : parent"),
            ["parent"]
        );
        assert!(params_from_message("").is_empty());
    }

    #[test]
    fn noise_before_json_is_skipped() {
        let body = "<br />\n<b>Deprecated</b>: x in {file} on line 3<br />\n{\"id\":9,\"status\":\"approved\"}";
        assert!(matches!(outcome_from_success(201, body), PostOutcome::Approved(c) if c.id == 9));
    }
}
