//! What the test kit (`--test-control`) keeps in the server's state: the
//! faults to inject and the posts added behind the REST API's back. Below
//! the state; the routes that fill them are `faults.rs` and `control.rs`.

use std::sync::Mutex;

use axum::http::Method;
use serde::Deserialize;

use crate::content::Post;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    ServerError,
    BadGatewayHtml,
    UnavailableHtml,
    Slow,
    Malformed,
    WrongShape,
    Empty,
    NotFound,
    Reset,
}

pub(crate) const KINDS: &[(&str, FaultKind)] = &[
    ("500", FaultKind::ServerError),
    ("502html", FaultKind::BadGatewayHtml),
    ("503html", FaultKind::UnavailableHtml),
    ("slow", FaultKind::Slow),
    ("malformed", FaultKind::Malformed),
    ("wrongshape", FaultKind::WrongShape),
    ("empty", FaultKind::Empty),
    ("404", FaultKind::NotFound),
    ("reset", FaultKind::Reset),
];

/// The request body; `kind` may be a string or a number (`500`, `404`).
#[derive(Deserialize)]
pub(crate) struct FaultRequest {
    path_prefix: String,
    kind: serde_json::Value,
    #[serde(default)]
    times: Option<u32>,
    /// Only requests with this method (`GET`, `POST`); any when absent.
    #[serde(default)]
    method: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Fault {
    path_prefix: String,
    method: Option<String>,
    kind: FaultKind,
    /// Remaining uses; `None` = until cleared.
    times: Option<u32>,
}

impl FaultRequest {
    pub(crate) fn into_fault(self) -> Result<Fault, String> {
        let name = match &self.kind {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let kind = KINDS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k)
            .ok_or_else(|| format!("unknown kind {name:?}"))?;
        if self.times == Some(0) {
            return Err("times must be at least 1".to_string());
        }
        Ok(Fault {
            path_prefix: self.path_prefix,
            method: self.method.map(|m| m.to_ascii_uppercase()),
            kind,
            times: self.times,
        })
    }
}

#[derive(Default)]
pub struct Faults(Mutex<Vec<Fault>>);

impl Faults {
    /// The fault for this path, if any, using one of its `times`. The most
    /// recently added matching fault wins.
    pub(crate) fn take(&self, method: &Method, path: &str) -> Option<FaultKind> {
        let mut faults = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let idx = faults.iter().rposition(|f| {
            path.starts_with(&f.path_prefix)
                && f.method.as_deref().is_none_or(|m| m == method.as_str())
        })?;
        let kind = faults[idx].kind;
        if let Some(n) = faults[idx].times.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                faults.remove(idx);
            }
        }
        Some(kind)
    }

    pub(crate) fn add(&self, fault: Fault) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(fault);
    }

    pub(crate) fn clear(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// Posts created through `/__test/posts`. Their content is stored and served
/// raw (no kses), like a post written to the database directly; they are
/// answered by [`answer_test_post`] and never listed with the demo posts.
#[derive(Default)]
pub struct TestPosts(Mutex<Vec<Post>>);

impl TestPosts {
    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Post>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn by_slug(&self, slug: &str) -> Option<Post> {
        self.lock().iter().find(|p| p.slug == slug).cloned()
    }

    pub(crate) fn by_id(&self, id: u64) -> Option<Post> {
        self.lock().iter().find(|p| p.id == id).cloned()
    }

    /// Whether a test post has this slug.
    pub fn has_slug(&self, slug: &str) -> bool {
        self.lock().iter().any(|p| p.slug == slug)
    }

    /// The highest test post id (0 without any).
    pub fn max_id(&self) -> u64 {
        self.lock().iter().map(|p| p.id).max().unwrap_or(0)
    }
}

/// Marks a response the server must not send: the accept loop closes the
/// connection instead (see `server.rs`).
#[derive(Debug, Clone, Copy)]
pub struct AbortConnection;

impl std::fmt::Display for AbortConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset by fault injection")
    }
}

impl std::error::Error for AbortConnection {}
