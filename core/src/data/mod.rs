//! Models and pure transforms of WordPress data.

pub mod categories;
pub mod comment;
pub mod comment_feed;
pub mod comment_outcome;
pub mod comment_query;
pub mod config;
pub mod dates;
pub mod entities;
pub mod error;
pub mod feed;
pub mod feed_links;
pub mod models;
pub mod pagination;
pub mod query;
pub mod query_address;
pub mod responsive_image;
pub mod route;
pub mod seed;
pub mod share_meta;
pub mod singular;
pub mod site_icon;
pub mod sitemap;
pub mod thread;
