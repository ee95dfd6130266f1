//! Talking to the WordPress REST API: configuration, HTTP with timeouts and
//! typed errors, the response cache, one function per endpoint; and the
//! visitor's own data kept on the device.

pub mod cache;
pub mod client;
pub mod comments;
pub mod config;
pub mod device_store;
pub mod early;
pub mod seed;
pub mod wordpress;
