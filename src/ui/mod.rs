//! Components and pages.

pub mod app;
pub mod app_context;
pub mod carry_over;
pub mod chat;
// The chat's part of prerendered pages (browser only).
#[cfg(not(feature = "ssr"))]
pub mod chat_part;
pub mod comments;
pub mod components;
// The comments' part of prerendered pages (browser only).
#[cfg(not(feature = "ssr"))]
pub mod conversation;
pub mod crash_notice;
// The part's executor (browser only).
#[cfg(not(feature = "ssr"))]
pub mod own_tasks;
pub mod page_data;
pub mod pages;
// How the parts of prerendered pages attach (browser only).
#[cfg(not(feature = "ssr"))]
pub mod part_attach;
// At build time the same component sanitises natively (no DOM).
#[cfg(not(feature = "ssr"))]
pub mod safe_html;
#[cfg(feature = "ssr")]
#[path = "safe_html_prerendered.rs"]
pub mod safe_html;
pub mod takeover;
