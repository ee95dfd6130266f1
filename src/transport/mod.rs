//! Talking to the WordPress REST API: configuration, HTTP with timeouts and
//! typed errors, the response cache, and one function per endpoint.

pub mod cache;
pub mod client;
pub mod config;
pub mod wordpress;
