//! Policies the app enforces on untrusted input.

pub mod comment_validation;
pub mod sanitize_policy;
