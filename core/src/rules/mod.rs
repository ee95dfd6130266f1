//! Policies the app enforces on untrusted input.

pub mod comment_validation;
pub mod defuse_handlers;
/// The sanitiser's native walk (html5ever), for the prerenderer.
#[cfg(feature = "native-html")]
pub mod sanitize_native;
pub mod sanitize_policy;
pub mod sanitize_walk;
