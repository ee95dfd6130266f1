//! The blog frontend: a Leptos single-page app over the WordPress REST API.
//!
//! Layers (see ARCHITECTURE.md):
//! - `blog_core` (crate `core/`): models, pure transforms and rules, DOM-free.
//! - [`transport`]: the API client, its cache and the deployment config.
//! - [`ui`]: components and pages.

pub mod transport;
pub mod ui;
