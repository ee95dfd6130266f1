//! `/wp/v2/categories` and `/wp/v2/tags`.

use crate::content::Term;
use crate::html::sanitize_title;
use crate::query::{bool_arg, Invalid};
use crate::rest::Ctx;
use crate::rest::{items_json, pagination_link};
use crate::shapes;
use crate::wp::{Rest, RestResult, WpError};

const LIST_PARAMS: &[&str] = &["slug", "include", "exclude"];

fn all<'a>(ctx: &'a Ctx, base: &str) -> &'a [Term] {
    if base == "tags" {
        &ctx.site.tags
    } else {
        &ctx.site.categories
    }
}

/// Published posts in the term.
fn count(ctx: &Ctx, base: &str, id: u64) -> usize {
    ctx.site
        .posts
        .iter()
        .filter(|p| {
            if base == "tags" {
                p.tags.contains(&id)
            } else {
                p.categories.contains(&id)
            }
        })
        .count()
}

pub fn list(ctx: &Ctx, base: &str) -> RestResult {
    let p = &ctx.params;
    let mut invalid = Invalid::default();
    let coll = p.collection(&mut invalid);
    let order = p.enum_arg("order", "asc", &["asc", "desc"], &mut invalid);
    let orderby = p.enum_arg(
        "orderby",
        "name",
        &[
            "id",
            "include",
            "name",
            "slug",
            "include_slugs",
            "term_group",
            "description",
            "count",
        ],
        &mut invalid,
    );
    let post = p.int_arg("post", 0, i64::MIN, None, &mut invalid);
    let include = p.int_list("include", &mut invalid);
    let exclude = p.int_list("exclude", &mut invalid);
    let hide_empty = bool_arg(p, "hide_empty", &mut invalid).unwrap_or(false);
    if let Some(e) = invalid.into_error() {
        return Err(e.allow("GET"));
    }
    // WP_Term_Query runs every slug through sanitize_title.
    let slugs: Option<Vec<String>> = p
        .list("slug")
        .map(|l| l.iter().map(|s| sanitize_title(s)).collect());
    let has = |list: &Option<Vec<i64>>, id: u64| {
        list.as_ref()
            .map(|l| l.iter().any(|&x| x >= 0 && x as u64 == id))
    };
    let post_terms: Option<Vec<u64>> = p.has("post").then(|| {
        let site = &ctx.site;
        u64::try_from(post)
            .ok()
            .and_then(|id| site.post(id))
            .map(|p| {
                if base == "tags" {
                    p.tags.clone()
                } else {
                    p.categories.clone()
                }
            })
            .unwrap_or_default()
    });

    let mut terms: Vec<(&Term, usize)> = all(ctx, base)
        .iter()
        .filter(|t| slugs.as_ref().is_none_or(|s| s.contains(&t.slug)))
        .filter(|t| has(&include, t.id).unwrap_or(true))
        .filter(|t| !has(&exclude, t.id).unwrap_or(false))
        .filter(|t| post_terms.as_ref().is_none_or(|ids| ids.contains(&t.id)))
        .map(|t| (t, count(ctx, base, t.id)))
        // An empty category with a descendant that has posts is kept
        // (`get_terms` with `hierarchical`), its own count shown.
        .filter(|(t, n)| {
            !hide_empty
                || *n > 0
                || (base != "tags"
                    && ctx
                        .site
                        .category_family(t.id)
                        .iter()
                        .any(|id| count(ctx, base, *id) > 0))
        })
        .collect();
    match orderby {
        "id" | "include" => terms.sort_by_key(|(t, _)| t.id),
        "slug" | "include_slugs" => terms.sort_by(|a, b| a.0.slug.cmp(&b.0.slug)),
        "count" => terms.sort_by_key(|(t, n)| (*n, t.id)),
        "description" => terms.sort_by(|a, b| a.0.description.cmp(&b.0.description)),
        _ => terms.sort_by(|a, b| a.0.name.cmp(&b.0.name)),
    }
    if order == "desc" {
        terms.reverse();
    }
    let total = terms.len();
    let max_pages = total.div_ceil(coll.per_page);
    let page: Vec<_> = terms
        .iter()
        .skip((coll.page - 1) * coll.per_page)
        .take(coll.per_page)
        .map(|(t, n)| shapes::term(ctx, base, t, Some(*n)))
        .collect();
    Ok(Rest {
        total: Some((total, max_pages)),
        link: pagination_link(
            ctx,
            &format!("wp/v2/{base}"),
            LIST_PARAMS,
            coll.page,
            max_pages,
        ),
        ..Rest::ok(items_json(ctx, &page))
    })
}

pub fn single(ctx: &Ctx, base: &str, id: u64) -> RestResult {
    let term = all(ctx, base)
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| WpError::new(404, "rest_term_invalid", "Term does not exist."))?;
    Ok(Rest::json(&shapes::term(
        ctx,
        base,
        term,
        Some(count(ctx, base, id)),
    )))
}
