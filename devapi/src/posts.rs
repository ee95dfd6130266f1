//! `/wp/v2/posts`, `/wp/v2/pages` (and `/<id>`), and `/wp/v2/media/<id>`,
//! as `WP_REST_Posts_Controller` answers an anonymous visitor.

use crate::clock::parse_rest_date;
use crate::comments;
use crate::content::{Kind, Post};
use crate::html::sanitize_title;
use crate::query::{bool_arg, Collection, Invalid, Params};
use crate::rest::{items_json, pagination_link, Ctx};
use crate::search::Search;
use crate::shapes::{self, EmbeddedReplies, EntryOut, PostEmbedded};
use crate::wp::{Rest, RestResult, WpError};

/// Parameters that WordPress sanitises into arrays (and so spells
/// `name%5B0%5D=` in pagination links).
pub const LIST_PARAMS: &[&str] = &[
    "slug",
    "categories",
    "tags",
    "author",
    "author_exclude",
    "include",
    "exclude",
    "categories_exclude",
    "tags_exclude",
    "status",
    "parent",
    "parent_exclude",
];

/// Which `_links` relations to embed: `_embed` (any value) means all, a
/// comma list (`_embed=author,wp:term`) only those.
pub struct Embed(Option<Vec<String>>);

impl Embed {
    pub fn from_ctx(ctx: &Ctx) -> Option<Embed> {
        let raw = ctx.params.get("_embed")?;
        let rels: Vec<String> = raw
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let all = rels.is_empty() || rels.iter().any(|r| r == "1" || r == "true");
        Some(Embed(if all { None } else { Some(rels) }))
    }

    fn wants(&self, rel: &str) -> bool {
        self.0
            .as_ref()
            .is_none_or(|rels| rels.iter().any(|r| r == rel))
    }
}

fn embedded(ctx: &Ctx, p: &Post, embed: &Embed) -> PostEmbedded {
    let site = &ctx.site;
    let mut out = PostEmbedded::default();
    if embed.wants("author") {
        out.author = site
            .user(p.author)
            .map(|u| vec![shapes::user(ctx, u, true)]);
    }
    if embed.wants("replies") {
        // The embedded request is `comments?post=ID`: refused while the post
        // is locked, like any such request.
        out.replies = if shapes::unlocked(ctx, p) {
            comments::embedded_replies(ctx, p.id).map(|r| vec![EmbeddedReplies::List(r)])
        } else {
            serde_json::from_slice(&comments::cannot_read_post().to_json())
                .ok()
                .map(|e| vec![EmbeddedReplies::Error(e)])
        };
    }
    if embed.wants("up") && p.kind == Kind::Page && p.parent != 0 {
        out.up = site
            .page(p.parent)
            .map(|up| vec![shapes::page_embed(ctx, up)]);
    }
    if embed.wants("wp:featuredmedia") && p.featured_media != 0 {
        out.featured_media = site
            .media_item(p.featured_media)
            .map(|m| vec![shapes::media(ctx, m, true)]);
    }
    if embed.wants("wp:term") && p.kind == Kind::Post {
        let terms = |base: &str, ids: &[u64], all: &[crate::content::Term]| {
            let mut list: Vec<_> = all.iter().filter(|t| ids.contains(&t.id)).collect();
            list.sort_by(|a, b| a.name.cmp(&b.name));
            list.into_iter()
                .map(|t| shapes::term(ctx, base, t, None))
                .collect::<Vec<_>>()
        };
        out.term = Some(vec![
            terms("categories", &p.categories, &site.categories),
            terms("tags", &p.tags, &site.tags),
        ]);
    }
    out
}

pub fn render(ctx: &Ctx, p: &Post) -> EntryOut {
    let mut out = shapes::entry(ctx, p);
    if let Some(embed) = Embed::from_ctx(ctx) {
        out.set_embedded(embedded(ctx, p, &embed));
    }
    out
}

/// A `date-time` argument, or its validation error.
fn date_arg(p: &Params, name: &str, invalid: &mut Invalid) -> Option<i64> {
    let raw = p.get(name)?;
    let parsed = parse_rest_date(raw);
    if parsed.is_none() {
        invalid.add(
            name,
            "rest_invalid_date",
            "Invalid date.".to_string(),
            serde_json::Value::Null,
        );
    }
    parsed
}

fn has(list: &Option<Vec<i64>>, v: u64) -> Option<bool> {
    list.as_ref()
        .map(|l| l.iter().any(|&x| x >= 0 && x as u64 == v))
}

fn any_of(list: &Option<Vec<i64>>, ids: &[u64]) -> Option<bool> {
    list.as_ref().map(|l| {
        ids.iter()
            .any(|&id| l.iter().any(|&x| x >= 0 && x as u64 == id))
    })
}

/// `GET /wp/v2/posts` and `GET /wp/v2/pages`: the query read and checked,
/// the posts it selects, sorted, one page of them.
pub fn list(ctx: &Ctx, kind: Kind) -> RestResult {
    let query = ListQuery::read(ctx, kind).map_err(|e| e.allow("GET"))?;
    let mut found: Vec<&Post> = ctx
        .site
        .of_kind(kind)
        .iter()
        .filter(|post| query.selects(ctx, post))
        .collect();
    query.sort(ctx, &mut found);

    let coll = query.coll;
    let total = found.len();
    let max_pages = total.div_ceil(coll.per_page);
    if coll.page > max_pages && total > 0 {
        return Err(WpError::new(
            400,
            "rest_post_invalid_page_number",
            "The page number requested is larger than the number of pages available.",
        )
        .allow("GET"));
    }
    let page: Vec<EntryOut> = found
        .iter()
        .skip((coll.page - 1) * coll.per_page)
        .take(coll.per_page)
        .map(|post| render(ctx, post))
        .collect();
    Ok(Rest {
        total: Some((total, max_pages)),
        link: pagination_link(
            ctx,
            &format!("wp/v2/{}", kind.rest_base()),
            LIST_PARAMS,
            coll.page,
            max_pages,
        ),
        ..Rest::ok(items_json(ctx, &page))
    })
}

/// A list request's arguments, checked as WordPress checks them.
struct ListQuery {
    coll: Collection,
    desc: bool,
    orderby: String,
    slugs: Option<Vec<String>>,
    search: Option<Search>,
    authors: Option<Vec<i64>>,
    authors_exclude: Option<Vec<i64>>,
    include: Option<Vec<i64>>,
    exclude: Option<Vec<i64>>,
    categories: Option<Vec<i64>>,
    /// `categories` as an object (`categories[terms]`) with
    /// `include_children`: the categories' descendants count too.
    categories_with_children: bool,
    categories_exclude: Option<Vec<i64>>,
    tags: Option<Vec<i64>>,
    tags_exclude: Option<Vec<i64>>,
    sticky: Option<bool>,
    parents: Option<Vec<i64>>,
    parents_exclude: Option<Vec<i64>>,
    menu_order: Option<i64>,
    after: Option<i64>,
    before: Option<i64>,
    modified_after: Option<i64>,
    modified_before: Option<i64>,
}

impl ListQuery {
    fn read(ctx: &Ctx, kind: Kind) -> Result<ListQuery, WpError> {
        let p = &ctx.params;
        let mut invalid = Invalid::default();
        let coll = p.collection(&mut invalid);
        let order = p.enum_arg("order", "desc", &["asc", "desc"], &mut invalid);
        let mut orderbys = vec![
            "author",
            "date",
            "id",
            "include",
            "modified",
            "parent",
            "relevance",
            "slug",
            "include_slugs",
            "title",
        ];
        if kind == Kind::Page {
            orderbys.push("menu_order");
        }
        let orderby = p.enum_arg("orderby", "date", &orderbys, &mut invalid);
        let is_post = kind == Kind::Post;
        let is_page = kind == Kind::Page;
        let post_list = |name: &str, invalid: &mut Invalid| {
            if is_post {
                p.int_list(name, invalid)
            } else {
                None
            }
        };
        let page_list = |name: &str, invalid: &mut Invalid| {
            if is_page {
                p.int_list(name, invalid)
            } else {
                None
            }
        };
        let query = ListQuery {
            coll,
            desc: order == "desc",
            orderby: orderby.to_string(),
            after: date_arg(p, "after", &mut invalid),
            before: date_arg(p, "before", &mut invalid),
            modified_after: date_arg(p, "modified_after", &mut invalid),
            modified_before: date_arg(p, "modified_before", &mut invalid),
            authors: p.int_list("author", &mut invalid),
            authors_exclude: p.int_list("author_exclude", &mut invalid),
            include: p.int_list("include", &mut invalid),
            exclude: p.int_list("exclude", &mut invalid),
            categories: post_list("categories", &mut invalid)
                .or_else(|| post_list("categories[terms]", &mut invalid)),
            categories_with_children: is_post
                && bool_arg(p, "categories[include_children]", &mut invalid).unwrap_or(false),
            categories_exclude: post_list("categories_exclude", &mut invalid),
            tags: post_list("tags", &mut invalid),
            tags_exclude: post_list("tags_exclude", &mut invalid),
            sticky: if is_post {
                bool_arg(p, "sticky", &mut invalid)
            } else {
                None
            },
            parents: page_list("parent", &mut invalid),
            parents_exclude: page_list("parent_exclude", &mut invalid),
            menu_order: (is_page && p.has("menu_order"))
                .then(|| p.int_arg("menu_order", 0, i64::MIN, None, &mut invalid)),
            search: p.get("search").and_then(Search::parse),
            // wp_parse_slug_list: every slug through sanitize_title, so a
            // UTF-8 slug finds its percent-encoded post_name.
            slugs: p
                .list("slug")
                .map(|l| l.iter().map(|s| sanitize_title(s)).collect()),
        };
        if p.is_list("search") {
            invalid.not_string("search");
        }
        if let Some(e) = invalid.into_error() {
            return Err(e);
        }
        if query.orderby == "relevance" && query.search.is_none() {
            return Err(WpError::new(
                400,
                "rest_no_search_term_defined",
                "You need to define a search term to order by relevance.",
            ));
        }
        if query.orderby == "include" && query.include.is_none() {
            return Err(WpError::new(
                400,
                "rest_orderby_include_missing_include",
                "You need to define an include parameter to order by include.",
            ));
        }
        Ok(query)
    }

    fn in_categories(&self, ctx: &Ctx, post: &Post) -> Option<bool> {
        if !self.categories_with_children {
            return any_of(&self.categories, &post.categories);
        }
        let wanted: Vec<i64> = self
            .categories
            .as_ref()?
            .iter()
            .filter(|&&id| id >= 0)
            .flat_map(|&id| ctx.site.category_family(id as u64))
            .map(|id| id as i64)
            .collect();
        any_of(&Some(wanted), &post.categories)
    }

    fn selects(&self, ctx: &Ctx, post: &Post) -> bool {
        self.slugs.as_ref().is_none_or(|s| s.contains(&post.slug))
            && has(&self.authors, post.author).unwrap_or(true)
            && !has(&self.authors_exclude, post.author).unwrap_or(false)
            && has(&self.include, post.id).unwrap_or(true)
            && !has(&self.exclude, post.id).unwrap_or(false)
            && self.in_categories(ctx, post).unwrap_or(true)
            && !any_of(&self.categories_exclude, &post.categories).unwrap_or(false)
            && any_of(&self.tags, &post.tags).unwrap_or(true)
            && !any_of(&self.tags_exclude, &post.tags).unwrap_or(false)
            && self.sticky.is_none_or(|s| post.sticky == s)
            && has(&self.parents, post.parent).unwrap_or(true)
            && !has(&self.parents_exclude, post.parent).unwrap_or(false)
            && self.menu_order.is_none_or(|m| post.menu_order == m)
            // Date queries compare the local post_date, both ends exclusive.
            && self.after.is_none_or(|t| post.date > t)
            && self.before.is_none_or(|t| post.date < t)
            && self.modified_after.is_none_or(|t| post.modified > t)
            && self.modified_before.is_none_or(|t| post.modified < t)
            && self.search.as_ref().is_none_or(|s| {
                // Anonymous searches never find password-protected posts.
                post.password.is_empty()
                    && s.matches(
                        &post.title,
                        "",
                        &crate::content::expand_home(&post.raw_content(), &ctx.origin),
                    )
            })
    }

    fn sort(&self, ctx: &Ctx, found: &mut [&Post]) {
        let desc = self.desc;
        match self.orderby.as_str() {
            // MySQL leaves ties in the table's order (by id), whichever the
            // direction.
            "menu_order" => {
                found.sort_by_key(|p| p.id);
                found.sort_by(|a, b| {
                    let o = a.menu_order.cmp(&b.menu_order);
                    if desc {
                        o.reverse()
                    } else {
                        o
                    }
                });
            }
            "include" => {
                let order = self.include.clone().unwrap_or_default();
                found.sort_by_key(|p| order.iter().position(|&x| x >= 0 && x as u64 == p.id));
            }
            "include_slugs" => {
                let order = self.slugs.clone().unwrap_or_default();
                found.sort_by_key(|p| order.iter().position(|s| *s == p.slug));
            }
            "relevance" => {
                let s = self.search.as_ref().expect("checked when read");
                found.sort_by_key(|p| (p.date, p.id));
                found.reverse();
                found.sort_by_key(|p| {
                    s.rank(
                        &p.title,
                        "",
                        &crate::content::expand_home(&p.raw_content(), &ctx.origin),
                    )
                });
            }
            orderby => {
                match orderby {
                    "id" => found.sort_by_key(|p| p.id),
                    "title" => found.sort_by(|a, b| {
                        (a.title.to_lowercase(), a.id).cmp(&(b.title.to_lowercase(), b.id))
                    }),
                    "slug" => found.sort_by(|a, b| a.slug.cmp(&b.slug)),
                    "modified" => found.sort_by_key(|p| (p.modified, p.id)),
                    "author" => found.sort_by_key(|p| (p.author, p.date, p.id)),
                    "parent" => found.sort_by_key(|p| (p.parent, p.id)),
                    _ => found.sort_by_key(|p| (p.date, p.id)),
                }
                if desc {
                    found.reverse();
                }
            }
        }
    }
}

fn invalid_id() -> WpError {
    WpError::new(404, "rest_post_invalid_id", "Invalid post ID.")
}

/// The post of this type with this id: published, or `Err` as WordPress
/// answers an anonymous visitor (a trashed one exists but may not be read:
/// `rest_forbidden`, 401).
fn find(ctx: &Ctx, kind: Kind, id: u64) -> Result<&Post, WpError> {
    if let Some(post) = ctx.site.entry(id).filter(|p| p.kind == kind) {
        return Ok(post);
    }
    if ctx.site.trashed_entry(id).is_some_and(|p| p.kind == kind) {
        return Err(WpError::new(
            401,
            "rest_forbidden",
            "Sorry, you are not allowed to do that.",
        ));
    }
    Err(invalid_id())
}

/// `GET /wp/v2/posts/<id>` (or pages): a `password` parameter (query, or
/// JSON body of a `POST …?_method=GET`) must be the post's, whether it has
/// one or not (`get_item_permissions_check`), and unlocks its content.
pub fn single(ctx: &Ctx, kind: Kind, id: u64) -> RestResult {
    let post = find(ctx, kind, id)?;
    let given = ctx.params.get("password").unwrap_or("");
    if !given.is_empty() && given != "0" && given != post.password {
        return Err(WpError::new(
            403,
            "rest_post_incorrect_password",
            "Incorrect post password.",
        ));
    }
    let out = render(ctx, post);
    Ok(Rest {
        link: Some(format!(
            "<{}>; rel=\"alternate\"; type=text/html",
            shapes::post_link(ctx, post)
        )),
        ..Rest::json(&out)
    })
}

/// `POST /wp/v2/posts/<id>` (an update): an anonymous visitor may not.
pub fn update(ctx: &Ctx, kind: Kind, id: u64) -> RestResult {
    if find(ctx, kind, id).is_err_and(|e| e.code == "rest_post_invalid_id") {
        return Err(invalid_id());
    }
    Err(WpError::new(
        401,
        "rest_cannot_edit",
        "Sorry, you are not allowed to edit this post.",
    )
    .allow("GET"))
}

pub fn media(ctx: &Ctx, id: u64) -> RestResult {
    let m = ctx
        .site
        .media_item(id)
        .ok_or_else(|| WpError::new(404, "rest_post_invalid_id", "Invalid post ID."))?;
    Ok(Rest::json(&shapes::media(ctx, m, false)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rest_dates() {
        let t = parse_rest_date("2021-06-15T08:30:00").unwrap();
        assert_eq!(parse_rest_date("2021-06-15 08:30:00"), Some(t));
        assert_eq!(parse_rest_date("2021-06-15T08:30:00Z"), Some(t));
        assert_eq!(parse_rest_date("2021-06-15T08:30:00.25"), Some(t));
        assert_eq!(parse_rest_date("2021-06-15T10:30:00+02:00"), Some(t));
        assert_eq!(parse_rest_date("2021-06-15T07:30:00-01"), Some(t));
        for bad in [
            "2021-06-15",
            "2021-13-01T00:00:00",
            "2021-06-15T08:30:00+2",
            "x",
        ] {
            assert!(parse_rest_date(bad).is_none(), "{bad}");
        }
    }
}
