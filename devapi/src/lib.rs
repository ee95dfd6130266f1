//! A WordPress-REST-API-v2-compatible dev server (WordPress 6.1 behaviour,
//! recorded in `tests/fixtures/`), with an optional static frontend and
//! fault injection for end-to-end tests.

pub mod api;
pub mod app;
pub mod clock;
pub mod comments;
pub mod content;
pub mod control;
pub mod cors;
pub mod faults;
pub mod fields;
pub mod generate;
pub mod generated_text;
pub mod html;
pub mod md5;
pub mod posts;
pub mod query;
pub mod rest;
pub mod search;
pub mod server;
pub mod shapes;
pub mod site_headers;
pub mod state;
pub mod static_files;
pub mod store;
pub mod terms;
pub mod test_kit_state;
pub mod users;
pub mod wp;

pub use app::{build_app, router};
pub use state::{build_state, AppState, Config, Permalinks};
