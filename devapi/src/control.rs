//! Changes at run time (`--test-control` only), as an editor or a moderator
//! makes them in WordPress's admin: what the end-to-end tests of
//! incremental builds change between two builds. Every route takes a JSON
//! body and answers JSON (`{"ok": true, …}`, or `{"error": "…"}` with 400
//! for a bad request and 404 for an unknown id).
//!
//! - `POST /__test/edit {"id", "title"?, "content"?, "append"?, "excerpt"?,
//!   "slug"?, "sticky"?, "modified_gmt"?}`: changes a published post or
//!   page. `content` replaces `content.rendered` (HTML, served as given),
//!   `append` adds a paragraph block at the end; the automatic excerpt
//!   follows the content. `modified`/`modified_gmt` move to now (the
//!   server's clock), at least one second past the old value, or to
//!   `modified_gmt` when given. Answers 200 with `id`, `type`, `slug`,
//!   `path` and `modified_gmt`.
//! - `POST /__test/trash {"id"}`: moves a published post or page to the
//!   trash. It disappears from every answer (lists, slug lookups, term
//!   counts, authors, search, `_embed`); `posts/<id>` answers 401
//!   `rest_forbidden` as WordPress does for a trashed post, and its comments
//!   are gone (WordPress marks them `post-trashed`). 200.
//! - `POST /__test/publish {"title", "type"?, "slug"?, "content"? |
//!   "paragraphs"?, "excerpt"?, "categories"?, "tags"?, "author"?,
//!   "sticky"?, "parent"?, "menu_order"?, "comment_status"?, "date_gmt"?}`:
//!   a new published post (`type` `post`, the default) or page, listed
//!   everywhere like the others (unlike `/__test/posts`). Its id is the next
//!   free one; the slug defaults to the title's, made unique with `-2`,
//!   `-3`… as WordPress does; categories default to `[1]`, the author to
//!   the newest post's, the date to now. `{"id"}` of a trashed post or page
//!   publishes it again instead (restored, modified now). 201 (200 for a
//!   restore) with `id`, `type`, `slug`, `path`, `modified_gmt`.
//! - `POST /__test/approve {"id"}`: approves a held comment (a new
//!   commenter's, or one of a generated site's held comments), which is
//!   then listed; persisted in the comment store like a new comment. 200
//!   with `id`, `post` and `changed` (false if it was approved already).
//! - `POST /__test/unapprove {"id"}`: sends an approved comment back to
//!   moderation, as "Unapprove" in the admin does: it is no longer listed.
//!   200 with `id`, `post` and `changed`.
//!
//! Edits, trashing and publishing live in memory only: a restart serves the
//! data file (or the generated site) again.

use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::clock::format_datetime;
use crate::clock::parse_rest_date;
use crate::content::{Body, CommentStatus, Kind, Post, Site};
use crate::html;
use crate::state::Shared;

type Answer = (StatusCode, Value);

fn bad(message: impl Into<String>) -> Answer {
    (StatusCode::BAD_REQUEST, json!({"error": message.into()}))
}

fn not_found(message: impl Into<String>) -> Answer {
    (StatusCode::NOT_FOUND, json!({"error": message.into()}))
}

/// `path` is `/__test/edit`, `/__test/trash`, `/__test/publish`,
/// `/__test/approve` or `/__test/unapprove`.
pub fn handle(state: &Shared, path: &str, body: &[u8]) -> Answer {
    let result = match path {
        "/__test/edit" => parse(body).and_then(|r| edit(state, r)),
        "/__test/trash" => parse(body).and_then(|r| trash(state, r)),
        "/__test/publish" => parse(body).and_then(|r| publish(state, r)),
        "/__test/approve" => parse(body).and_then(|r| moderate(state, r, CommentStatus::Approved)),
        "/__test/unapprove" => parse(body).and_then(|r| moderate(state, r, CommentStatus::Hold)),
        _ => Err(not_found("unknown test route")),
    };
    result.unwrap_or_else(|e| e)
}

fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, Answer> {
    serde_json::from_slice(body).map_err(|e| bad(e.to_string()))
}

/// What the answers tell about a post.
fn described(site: &Site, p: &Post) -> Value {
    json!({
        "ok": true,
        "id": p.id,
        "type": p.kind.name(),
        "slug": p.slug,
        "path": format!("/{}/", site.path_of(p)),
        "modified_gmt": format_datetime(p.modified),
    })
}

fn date_field(raw: Option<&str>, name: &str) -> Result<Option<i64>, Answer> {
    raw.map(|s| parse_rest_date(s).ok_or_else(|| bad(format!("{name}: not a date: {s:?}"))))
        .transpose()
}

fn valid_slug(slug: &str) -> Result<(), Answer> {
    if slug.is_empty()
        || !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'%')
    {
        return Err(bad(format!(
            "slug {slug:?} must be lowercase letters, digits, '-' or %-escapes"
        )));
    }
    Ok(())
}

/// Whether a post or page other than `except` (published or trashed), or a
/// test post, has this slug.
fn slug_taken(state: &Shared, site: &Site, slug: &str, except: u64) -> bool {
    site.posts
        .iter()
        .chain(&site.pages)
        .chain(&site.trashed)
        .any(|p| p.slug == slug && p.id != except)
        || state.test_posts.has_slug(slug)
}

/// `wp_unique_post_slug`: the slug, or the first of `slug-2`, `slug-3`…
/// that is free.
fn unique_slug(state: &Shared, site: &Site, slug: &str) -> String {
    if !slug_taken(state, site, slug, 0) {
        return slug.to_string();
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|s| !slug_taken(state, site, s, 0))
        .unwrap_or_default()
}

/// The next modification time: now, but always past the previous one.
fn bumped(state: &Shared, previous: i64) -> i64 {
    state.now().max(previous + 1)
}

fn paragraph_block(text: &str) -> (String, String) {
    (
        format!("\n<p>{text}</p>\n"),
        format!("<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"),
    )
}

// ------------------------------------------------------------------- edit

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    id: u64,
    title: Option<String>,
    content: Option<String>,
    append: Option<String>,
    excerpt: Option<String>,
    slug: Option<String>,
    sticky: Option<bool>,
    modified_gmt: Option<String>,
}

fn edit(state: &Shared, e: Edit) -> Result<Answer, Answer> {
    let modified = date_field(e.modified_gmt.as_deref(), "modified_gmt")?;
    if let Some(slug) = &e.slug {
        valid_slug(slug)?;
    }
    state.change_site(|site| {
        let current = site
            .entry(e.id)
            .ok_or_else(|| not_found(format!("no published post or page {}", e.id)))?;
        if let Some(slug) = &e.slug {
            if slug_taken(state, site, slug, e.id) {
                return Err(bad(format!("slug {slug:?} is taken")));
            }
        }
        if e.sticky.is_some() && current.kind == Kind::Page {
            return Err(bad("pages cannot be sticky"));
        }
        let new_modified = modified.unwrap_or_else(|| bumped(state, current.modified));
        let post = site.entry_mut(e.id).expect("found above");
        if let Some(title) = e.title {
            post.title = title;
        }
        if let Some(slug) = e.slug {
            post.slug = slug;
        }
        if let Some(sticky) = e.sticky {
            post.sticky = sticky;
        }
        if e.content.is_some() || e.append.is_some() || e.excerpt.is_some() {
            let old_content = post.content().into_owned();
            let old_excerpt = post.excerpt().into_owned();
            // A hand-written excerpt stays; the automatic one follows.
            let custom_excerpt =
                (old_excerpt != html::auto_excerpt(&old_content)).then_some(old_excerpt);
            let (mut content, mut raw) = match e.content {
                Some(c) => (c.clone(), c),
                None => (old_content, post.raw_content().into_owned()),
            };
            if let Some(text) = e.append {
                let (rendered, block) = paragraph_block(&text);
                if !content.is_empty() {
                    content.push_str("\n\n");
                    raw.push_str("\n\n");
                }
                content.push_str(&rendered);
                raw.push_str(&block);
            }
            post.body = Body::stored(content, e.excerpt.or(custom_excerpt), raw);
        }
        post.modified = new_modified;
        let post = site.entry(e.id).expect("still there");
        Ok((StatusCode::OK, described(site, post)))
    })
}

// ------------------------------------------------------------------ trash

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ById {
    id: u64,
}

fn trash(state: &Shared, r: ById) -> Result<Answer, Answer> {
    state.change_site(|site| {
        if !site.trash(r.id) {
            return Err(not_found(format!("no published post or page {}", r.id)));
        }
        // WordPress saves the post with its new status: modified moves too.
        let post = site
            .trashed
            .iter_mut()
            .find(|p| p.id == r.id)
            .expect("just trashed");
        post.modified = bumped(state, post.modified);
        let post = site.trashed_entry(r.id).expect("just trashed");
        Ok((StatusCode::OK, described(site, post)))
    })
}

// ---------------------------------------------------------------- publish

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Publish {
    /// A trashed post's id: publish it again.
    id: Option<u64>,
    title: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    slug: Option<String>,
    content: Option<String>,
    paragraphs: Option<Vec<String>>,
    excerpt: Option<String>,
    categories: Option<Vec<u64>>,
    tags: Option<Vec<u64>>,
    author: Option<u64>,
    sticky: Option<bool>,
    parent: Option<u64>,
    menu_order: Option<i64>,
    comment_status: Option<String>,
    date_gmt: Option<String>,
}

fn publish(state: &Shared, mut r: Publish) -> Result<Answer, Answer> {
    if let Some(id) = r.id {
        return restore(state, id, r.title.is_some() || r.content.is_some());
    }
    let title = r
        .title
        .take()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| bad("title is required"))?;
    let kind = match r.kind.as_deref().unwrap_or("post") {
        "post" => Kind::Post,
        "page" => Kind::Page,
        other => return Err(bad(format!("type must be post or page, not {other:?}"))),
    };
    if let Some(slug) = &r.slug {
        valid_slug(slug)?;
    }
    let date = date_field(r.date_gmt.as_deref(), "date_gmt")?.unwrap_or_else(|| state.now());
    let comment_status = match r.comment_status.as_deref() {
        None => if kind == Kind::Post { "open" } else { "closed" }.to_string(),
        Some(s @ ("open" | "closed")) => s.to_string(),
        Some(other) => return Err(bad(format!("comment_status {other:?}"))),
    };
    let (content, raw) = body_of(r.content.take(), r.paragraphs.take())?;
    let test_max = state.test_posts.max_id();
    let slug_asked = r.slug.take();
    state.change_site(|site| {
        let slug = match slug_asked {
            Some(slug) if slug_taken(state, site, &slug, 0) => {
                return Err(bad(format!("slug {slug:?} is taken")))
            }
            Some(slug) => slug,
            None => {
                let slug = html::sanitize_title(&title);
                if slug.is_empty() {
                    return Err(bad("the title makes no slug; give one"));
                }
                unique_slug(state, site, &slug)
            }
        };
        let author = author_of(site, r.author)?;
        let Place {
            categories,
            tags,
            sticky,
            parent,
            menu_order,
        } = place(site, kind, &r)?;
        let id = site.max_id().max(test_max) + 1;
        site.publish(Post {
            kind,
            id,
            slug,
            title,
            date,
            modified: date,
            author,
            categories,
            tags,
            featured_media: 0,
            ping_status: comment_status.clone(),
            comment_status,
            sticky,
            password: String::new(),
            parent,
            menu_order,
            body: Body::stored(content, r.excerpt, raw),
        });
        let post = site.entry(id).expect("just published");
        Ok((StatusCode::CREATED, described(site, post)))
    })
}

/// A published entry's text: given as HTML, or as paragraphs made into
/// paragraph blocks (rendered, and raw with their block comments).
fn body_of(
    content: Option<String>,
    paragraphs: Option<Vec<String>>,
) -> Result<(String, String), Answer> {
    Ok(match (content, paragraphs) {
        (Some(_), Some(_)) => return Err(bad("give content or paragraphs, not both")),
        (Some(c), None) => (c.clone(), c),
        (None, Some(ps)) => {
            let blocks: Vec<(String, String)> = ps.iter().map(|p| paragraph_block(p)).collect();
            let join = |pick: fn(&(String, String)) -> &str| {
                blocks.iter().map(pick).collect::<Vec<_>>().join("\n\n")
            };
            (join(|b| b.0.as_str()), join(|b| b.1.as_str()))
        }
        (None, None) => (String::new(), String::new()),
    })
}

/// The author asked for (who must exist), else the newest post's, else the
/// first user.
fn author_of(site: &Site, asked: Option<u64>) -> Result<u64, Answer> {
    match asked {
        Some(a) if site.user(a).is_none() => Err(bad(format!("no user {a}"))),
        Some(a) => Ok(a),
        None => Ok(site
            .posts
            .iter()
            .max_by_key(|p| (p.date, p.id))
            .map(|p| p.author)
            .or_else(|| site.users.first().map(|u| u.id))
            .unwrap_or(1)),
    }
}

/// Where an entry sits: a post's terms and stickiness, a page's parent
/// and order (each refused for the other kind).
struct Place {
    categories: Vec<u64>,
    tags: Vec<u64>,
    sticky: bool,
    parent: u64,
    menu_order: i64,
}

fn place(site: &Site, kind: Kind, r: &Publish) -> Result<Place, Answer> {
    if kind == Kind::Post {
        let categories = r.categories.clone().unwrap_or_else(|| vec![1]);
        let tags = r.tags.clone().unwrap_or_default();
        if let Some(c) = categories
            .iter()
            .find(|c| !site.categories.iter().any(|t| t.id == **c))
        {
            return Err(bad(format!("no category {c}")));
        }
        if let Some(t) = tags.iter().find(|t| !site.tags.iter().any(|x| x.id == **t)) {
            return Err(bad(format!("no tag {t}")));
        }
        if r.parent.is_some() || r.menu_order.is_some() {
            return Err(bad("parent and menu_order are for pages"));
        }
        Ok(Place {
            categories,
            tags,
            sticky: r.sticky.unwrap_or(false),
            parent: 0,
            menu_order: 0,
        })
    } else {
        if r.categories.is_some() || r.tags.is_some() || r.sticky.is_some() {
            return Err(bad("pages have no categories, tags or sticky"));
        }
        let parent = r.parent.unwrap_or(0);
        if parent != 0 && site.page(parent).is_none() {
            return Err(bad(format!("no published page {parent}")));
        }
        Ok(Place {
            categories: Vec::new(),
            tags: Vec::new(),
            sticky: false,
            parent,
            menu_order: r.menu_order.unwrap_or(0),
        })
    }
}

/// `/__test/publish {"id"}`: a trashed post or page published again.
fn restore(state: &Shared, id: u64, more: bool) -> Result<Answer, Answer> {
    if more {
        return Err(bad(
            "to publish a trashed post again give only its id (then edit it)",
        ));
    }
    state.change_site(|site| {
        let trashed = site
            .trashed_entry(id)
            .ok_or_else(|| not_found(format!("no trashed post or page {id}")))?;
        if slug_taken(state, site, &trashed.slug, id) {
            return Err(bad(format!("slug {:?} is taken", trashed.slug)));
        }
        let mut post = site.untrash(id).expect("found above");
        post.modified = bumped(state, post.modified);
        site.publish(post);
        let post = site.entry(id).expect("just published");
        Ok((StatusCode::OK, described(site, post)))
    })
}

// ---------------------------------------------------------------- approve, unapprove

fn moderate(state: &Shared, r: ById, status: CommentStatus) -> Result<Answer, Answer> {
    let mut store = state.comments.lock().unwrap_or_else(|p| p.into_inner());
    let mut comment = store
        .get(r.id)
        .cloned()
        .ok_or_else(|| not_found(format!("no comment {}", r.id)))?;
    let changed = comment.status != status;
    if changed {
        comment.status = status;
        store
            .update(comment.clone())
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, json!({"error": e})))?;
    }
    Ok((
        StatusCode::OK,
        json!({"ok": true, "id": comment.id, "post": comment.post, "changed": changed}),
    ))
}
