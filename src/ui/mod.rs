//! Components and pages.

pub mod app;
pub mod chat;
pub mod comments;
pub mod components;
pub mod crash_notice;
pub mod pages;
pub mod safe_html;
