//! Components and pages.

pub mod app;
pub mod components;
pub mod pages;
pub mod safe_html;
