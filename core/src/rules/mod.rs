//! Policies the app enforces on untrusted input.

pub mod comment_validation;
pub mod defuse_handlers;
pub mod sanitize_policy;
