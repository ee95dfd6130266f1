//! The conversation under an article: threads, paging, the form.

pub mod comment_item;
pub mod form;
pub mod form_state;
pub mod section;
