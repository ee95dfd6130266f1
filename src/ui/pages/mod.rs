//! One file per page; each owns its data request and its loading, error and
//! not-found states.

pub mod category;
pub mod home;
pub mod not_found;
pub mod post;
pub mod post_list;
