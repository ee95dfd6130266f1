//! One file per page; each owns its data request and its loading, error and
//! not-found states.

pub mod archive;
pub mod home;
pub mod not_found;
pub mod post_list;
pub mod search;
pub mod singular;
