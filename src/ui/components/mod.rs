//! Reusable pieces of pages.

pub mod byline;
pub mod pager;
pub mod password_form;
pub mod post_summary;
pub mod problem;
pub mod site_footer;
pub mod site_header;
pub mod skeleton;
