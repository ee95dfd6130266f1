//! `/wp/v2/posts` and `/wp/v2/media/<id>`.

use serde::Serialize;
use serde_json::Value;

use crate::api::Ctx;
use crate::comments;
use crate::content::Post;
use crate::query::Invalid;
use crate::shapes::{self, PostEmbedded, PostOut};
use crate::wp::{Rest, RestResult, WpError};

/// Parameters that WordPress sanitises into arrays (and so spells
/// `name%5B0%5D=` in pagination links).
const LIST_PARAMS: &[&str] = &[
    "slug",
    "categories",
    "tags",
    "author",
    "include",
    "exclude",
    "categories_exclude",
    "tags_exclude",
    "status",
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
    let site = &ctx.state.site;
    let mut out = PostEmbedded::default();
    if embed.wants("author") {
        out.author = site
            .user(p.author)
            .map(|u| vec![shapes::user(ctx, u, true)]);
    }
    if embed.wants("replies") {
        out.replies = comments::embedded_replies(ctx, p.id).map(|r| vec![r]);
    }
    if embed.wants("wp:featuredmedia") && p.featured_media != 0 {
        out.featured_media = site
            .media_item(p.featured_media)
            .map(|m| vec![shapes::media(ctx, m, true)]);
    }
    if embed.wants("wp:term") {
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

fn render(ctx: &Ctx, p: &Post, embed: Option<&Embed>) -> PostOut {
    let mut out = shapes::post(ctx, p);
    if let Some(embed) = embed {
        out._embedded = Some(embedded(ctx, p, embed));
    }
    out
}

/// `_fields=id,title.rendered`: keeps only the named members (one level of
/// nesting), like `rest_filter_response_fields`.
pub fn filter_fields(value: Value, fields: &str) -> Value {
    let wanted: Vec<&str> = fields
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    let Value::Object(map) = value else {
        return value;
    };
    let mut out = serde_json::Map::new();
    for (key, v) in map {
        if wanted.contains(&key.as_str()) {
            out.insert(key, v);
            continue;
        }
        let prefix = format!("{key}.");
        let subs: Vec<&str> = wanted
            .iter()
            .filter_map(|f| f.strip_prefix(prefix.as_str()))
            .collect();
        if !subs.is_empty() {
            if let Value::Object(inner) = v {
                let kept = inner
                    .into_iter()
                    .filter(|(k, _)| subs.contains(&k.as_str()))
                    .collect();
                out.insert(key, Value::Object(kept));
            }
        }
    }
    Value::Object(out)
}

/// Serialises items, honouring `_fields`.
pub fn items_json<T: Serialize>(ctx: &Ctx, items: &[T]) -> Vec<u8> {
    match ctx.params.get("_fields") {
        Some(fields) => {
            let values: Vec<Value> = items
                .iter()
                .map(|i| filter_fields(serde_json::to_value(i).unwrap_or(Value::Null), fields))
                .collect();
            serde_json::to_vec(&values).unwrap_or_default()
        }
        None => serde_json::to_vec(items).unwrap_or_default(),
    }
}

fn item_json<T: Serialize>(ctx: &Ctx, item: &T) -> Vec<u8> {
    match ctx.params.get("_fields") {
        Some(fields) => serde_json::to_vec(&filter_fields(
            serde_json::to_value(item).unwrap_or(Value::Null),
            fields,
        ))
        .unwrap_or_default(),
        None => serde_json::to_vec(item).unwrap_or_default(),
    }
}

/// `prev`/`next` links for a collection page.
pub fn pagination_link(
    ctx: &Ctx,
    route: &str,
    list_params: &[&str],
    page: usize,
    max_pages: usize,
) -> Option<String> {
    let base = ctx.api_url(route);
    let mut links = Vec::new();
    if page > 1 {
        let prev = (page - 1).min(max_pages.max(1));
        links.push(format!(
            "<{}>; rel=\"prev\"",
            ctx.params.page_url(&base, list_params, prev)
        ));
    }
    if max_pages > page {
        links.push(format!(
            "<{}>; rel=\"next\"",
            ctx.params.page_url(&base, list_params, page + 1)
        ));
    }
    (!links.is_empty()).then(|| links.join(", "))
}

fn matches_search(p: &Post, search: &str) -> bool {
    let haystack = format!(
        "{} {} {}",
        p.title,
        crate::html::strip_all_tags(&p.content),
        crate::html::strip_all_tags(&p.excerpt)
    )
    .to_lowercase();
    search
        .to_lowercase()
        .split_whitespace()
        .all(|term| haystack.contains(term))
}

pub fn list(ctx: &Ctx) -> RestResult {
    let p = &ctx.params;
    let mut invalid = Invalid::default();
    let coll = p.collection(&mut invalid);
    let order = p.enum_arg("order", "desc", &["asc", "desc"], &mut invalid);
    let orderby = p.enum_arg(
        "orderby",
        "date",
        &[
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
        ],
        &mut invalid,
    );
    let authors = p.int_list("author", &mut invalid);
    let categories = p.int_list("categories", &mut invalid);
    let tags = p.int_list("tags", &mut invalid);
    let include = p.int_list("include", &mut invalid);
    let exclude = p.int_list("exclude", &mut invalid);
    if let Some(e) = invalid.into_error() {
        return Err(e.allow("GET"));
    }
    let slugs = p.list("slug");
    let search = p.get("search").filter(|s| !s.trim().is_empty());
    let in_list = |list: &Option<Vec<i64>>, v: u64| {
        list.as_ref()
            .is_none_or(|l| l.iter().any(|&x| x >= 0 && x as u64 == v))
    };

    let mut posts: Vec<&Post> = ctx
        .state
        .site
        .posts
        .iter()
        .filter(|post| slugs.as_ref().is_none_or(|s| s.contains(&post.slug)))
        .filter(|post| in_list(&authors, post.author))
        .filter(|post| {
            categories.as_ref().is_none_or(|c| {
                post.categories
                    .iter()
                    .any(|&id| c.iter().any(|&x| x >= 0 && x as u64 == id))
            })
        })
        .filter(|post| {
            tags.as_ref().is_none_or(|t| {
                post.tags
                    .iter()
                    .any(|&id| t.iter().any(|&x| x >= 0 && x as u64 == id))
            })
        })
        .filter(|post| in_list(&include, post.id))
        .filter(|post| {
            exclude
                .as_ref()
                .is_none_or(|e| !e.iter().any(|&x| x >= 0 && x as u64 == post.id))
        })
        .filter(|post| search.is_none_or(|s| matches_search(post, s)))
        .collect();
    match orderby {
        "id" => posts.sort_by_key(|p| p.id),
        "title" => posts.sort_by(|a, b| a.title.cmp(&b.title)),
        "slug" => posts.sort_by(|a, b| a.slug.cmp(&b.slug)),
        "modified" => posts.sort_by_key(|p| (p.modified, p.id)),
        "author" => posts.sort_by_key(|p| (p.author, p.date, p.id)),
        _ => posts.sort_by_key(|p| (p.date, p.id)),
    }
    if order == "desc" {
        posts.reverse();
    }

    let total = posts.len();
    let max_pages = total.div_ceil(coll.per_page);
    if coll.page > max_pages && total > 0 {
        return Err(WpError::new(
            400,
            "rest_post_invalid_page_number",
            "The page number requested is larger than the number of pages available.",
        )
        .allow("GET"));
    }
    let embed = Embed::from_ctx(ctx);
    let page: Vec<PostOut> = posts
        .iter()
        .skip((coll.page - 1) * coll.per_page)
        .take(coll.per_page)
        .map(|post| render(ctx, post, embed.as_ref()))
        .collect();
    Ok(Rest {
        total: Some((total, max_pages)),
        link: pagination_link(ctx, "wp/v2/posts", LIST_PARAMS, coll.page, max_pages),
        ..Rest::ok(items_json(ctx, &page))
    })
}

pub fn single(ctx: &Ctx, id: u64) -> RestResult {
    let post = ctx
        .state
        .site
        .post(id)
        .ok_or_else(|| WpError::new(404, "rest_post_invalid_id", "Invalid post ID."))?;
    let embed = Embed::from_ctx(ctx);
    let out = render(ctx, post, embed.as_ref());
    Ok(Rest {
        link: Some(format!(
            "<{}>; rel=\"alternate\"; type=text/html",
            shapes::post_link(ctx, post)
        )),
        ..Rest::ok(item_json(ctx, &out))
    })
}

pub fn media(ctx: &Ctx, id: u64) -> RestResult {
    let m = ctx
        .state
        .site
        .media_item(id)
        .ok_or_else(|| WpError::new(404, "rest_post_invalid_id", "Invalid post ID."))?;
    Ok(Rest::ok(item_json(ctx, &shapes::media(ctx, m, false))))
}
