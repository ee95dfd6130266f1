//! Typed API failures and the words a reader sees for each.

use serde::Deserialize;

use crate::data::entities::decode_entities;

/// WordPress's error body: `{"code", "message", "data": {"status"}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct WpErrorBody {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub data: Option<serde_json::Value>,
}

impl WpErrorBody {
    /// Parses an error body; `None` when it is not WordPress's JSON (for
    /// example a proxy's HTML error page).
    pub fn parse(body: &str) -> Option<Self> {
        serde_json::from_str::<WpErrorBody>(body)
            .ok()
            .filter(|b| !b.code.is_empty())
    }
}

/// Every way a request to the API can fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No response at all: offline, DNS, connection refused, CORS refusal.
    Network(String),
    /// No response within the bound; the request was aborted.
    Timeout { seconds: u32 },
    /// A response with a non-success status. `code` and `message` come from
    /// WordPress's error body when it sent one (message entity-decoded).
    Http {
        status: u16,
        code: Option<String>,
        message: Option<String>,
    },
    /// A success status whose body is not the JSON we expect.
    Malformed(String),
}

impl ApiError {
    /// Builds the error for a non-success response from its status and body.
    pub fn from_response(status: u16, body: &str) -> Self {
        let parsed = WpErrorBody::parse(body);
        ApiError::Http {
            status,
            code: parsed.as_ref().map(|b| b.code.clone()),
            message: parsed
                .map(|b| decode_entities(&b.message))
                .filter(|m| !m.is_empty()),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Http { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// Whether trying again may help (everything but a client error).
    pub fn is_retryable(&self) -> bool {
        !matches!(self, ApiError::Http { status, .. } if (400..500).contains(status) && *status != 408 && *status != 429)
    }

    /// One sentence a reader understands, for pages that load content.
    pub fn reader_message(&self) -> String {
        match self {
            ApiError::Network(_) => {
                "We couldn’t reach the blog’s server. Check your connection and try again."
                    .to_string()
            }
            ApiError::Timeout { seconds } => format!(
                "The blog’s server didn’t answer within {seconds} seconds. Try again in a moment."
            ),
            ApiError::Http { status, .. } if *status >= 500 => {
                "The blog’s server had a problem. Try again in a moment.".to_string()
            }
            ApiError::Http { status: 404, .. } => "This page could not be found.".to_string(),
            ApiError::Http { status: 429, .. } => {
                "The blog’s server is busy. Wait a moment and try again.".to_string()
            }
            ApiError::Http {
                message: Some(m), ..
            } => m.clone(),
            ApiError::Http { status, .. } => {
                format!("The blog’s server refused the request (error {status}).")
            }
            ApiError::Malformed(_) => {
                "The blog’s server sent something we couldn’t read. Try again in a moment."
                    .to_string()
            }
        }
    }

    /// Detail for the console and bug reports (never shown as the headline).
    pub fn detail(&self) -> String {
        match self {
            ApiError::Network(d) => format!("network error: {d}"),
            ApiError::Timeout { seconds } => format!("timed out after {seconds} s"),
            ApiError::Http {
                status,
                code,
                message,
            } => format!(
                "HTTP {status} {} {}",
                code.as_deref().unwrap_or("-"),
                message.as_deref().unwrap_or("")
            ),
            ApiError::Malformed(d) => format!("malformed response: {d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_error_body_is_read_and_decoded() {
        let body = r#"{"code":"comment_duplicate","message":"Duplicate comment detected; it looks as though you&#8217;ve already said that!","data":{"status":409}}"#;
        let err = ApiError::from_response(409, body);
        assert_eq!(err.code(), Some("comment_duplicate"));
        assert_eq!(
            err.reader_message(),
            "Duplicate comment detected; it looks as though you’ve already said that!"
        );
        assert!(!err.is_retryable());
    }

    #[test]
    fn html_error_page_is_an_http_error_without_code() {
        let err = ApiError::from_response(502, "<html><body>Bad Gateway</body></html>");
        assert_eq!(
            err,
            ApiError::Http {
                status: 502,
                code: None,
                message: None
            }
        );
        assert!(err.is_retryable());
        assert!(err.reader_message().contains("had a problem"));
    }

    #[test]
    fn every_kind_has_a_message() {
        for err in [
            ApiError::Network("refused".into()),
            ApiError::Timeout { seconds: 10 },
            ApiError::Malformed("eof".into()),
            ApiError::Http {
                status: 403,
                code: None,
                message: None,
            },
        ] {
            assert!(!err.reader_message().is_empty());
            assert!(!err.detail().is_empty());
        }
    }
}
