//! The blog's pure core: everything that can be decided without a browser.
//!
//! - [`data`]: WordPress models, decoding and pure transforms (entities, dates,
//!   pagination, routes, errors).
//! - [`rules`]: policies: what HTML survives sanitising, what a valid comment is.
//!
//! Nothing here touches the DOM, the network or a clock, so `cargo test` runs it
//! natively and the dev API and the (future) prerenderer can share it.

pub mod chat;
pub mod data;
pub mod rules;
