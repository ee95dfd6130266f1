//! The blog frontend: a Leptos single-page app over the WordPress REST API.
//!
//! Layers (see ARCHITECTURE.md):
//! - `blog_core` (crate `core/`): models, pure transforms and rules, DOM-free.
//! - [`transport`]: the API client, its cache and the deployment config.
//! - [`ui`]: components and pages.
//! - `prerender` (feature `ssr`, native only): those components rendered to
//!   HTML at build time.

// Server rendering nests view types deeper than the default limit allows.
#![recursion_limit = "512"]

#[cfg(feature = "ssr")]
pub mod prerender;
pub mod transport;
pub mod ui;
