//! `/wp/v2/users`: anonymous visitors only see authors of published posts.

use crate::query::Invalid;
use crate::rest::Ctx;
use crate::rest::{items_json, pagination_link};
use crate::shapes;
use crate::wp::{Rest, RestResult, WpError};

pub fn list(ctx: &Ctx) -> RestResult {
    let mut invalid = Invalid::default();
    let coll = ctx.params.collection(&mut invalid);
    if let Some(e) = invalid.into_error() {
        return Err(e.allow("GET"));
    }
    let site = &ctx.site;
    let slugs = ctx.params.list("slug");
    let mut users: Vec<_> = site
        .users
        .iter()
        .filter(|u| site.has_published_posts(u.id))
        // Compared by MySQL, case-insensitively.
        .filter(|u| {
            slugs
                .as_ref()
                .is_none_or(|s| s.iter().any(|s| s.to_lowercase() == u.slug.to_lowercase()))
        })
        .collect();
    users.sort_by(|a, b| a.name.cmp(&b.name));
    let total = users.len();
    let max_pages = total.div_ceil(coll.per_page);
    let page: Vec<_> = users
        .iter()
        .skip((coll.page - 1) * coll.per_page)
        .take(coll.per_page)
        .map(|u| shapes::user(ctx, u, false))
        .collect();
    Ok(Rest {
        total: Some((total, max_pages)),
        link: pagination_link(ctx, "wp/v2/users", &["slug"], coll.page, max_pages),
        ..Rest::ok(items_json(ctx, &page))
    })
}

pub fn single(ctx: &Ctx, id: u64) -> RestResult {
    let site = &ctx.site;
    let user = site
        .user(id)
        .filter(|_| id > 0)
        .ok_or_else(|| WpError::new(404, "rest_user_invalid_id", "Invalid user ID."))?;
    if !site.has_published_posts(user.id) {
        return Err(WpError::new(
            401,
            "rest_user_cannot_view",
            "Sorry, you are not allowed to list users.",
        ));
    }
    Ok(Rest::json(&shapes::user(ctx, user, false)))
}
