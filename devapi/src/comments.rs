//! `/wp/v2/comments`: listing, reading and anonymous creation, following
//! `WP_REST_Comments_Controller` and `wp_allow_comment()` of WordPress 6.1
//! check by check (see `create`).

use std::collections::HashSet;

use axum::http::{header, StatusCode};
use serde_json::{Map, Value};

use crate::content::{Comment, CommentStatus};
use crate::html;
use crate::query::{parse_integer, Invalid, Params};
use crate::rest::Ctx;
use crate::rest::{items_json, pagination_link};
use crate::shapes::{self, CommentOut};
use crate::store::Store;
use crate::wp::{Rest, RestResult, WpError};

const LIST_PARAMS: &[&str] = &[
    "post",
    "parent",
    "author",
    "author_exclude",
    "include",
    "exclude",
    "parent_exclude",
];

/// Column sizes of `wp_comments` (`wp_get_comment_fields_max_lengths`), in bytes.
const MAX_AUTHOR: usize = 245;
const MAX_EMAIL: usize = 100;
const MAX_URL: usize = 200;
const MAX_CONTENT: usize = 65525;
/// `comment_max_links`: with this many links a comment is held.
const MAX_LINKS: usize = 2;

fn lock(ctx: &Ctx) -> std::sync::MutexGuard<'_, Store> {
    // A panic while holding the lock leaves the data consistent (inserts are
    // a single push), so a poisoned lock is still usable.
    ctx.state
        .comments
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Ids of comments that have a reply (approved or held): they get a
/// `children` link.
fn parents_with_children(store: &Store) -> HashSet<u64> {
    store
        .all()
        .iter()
        .map(|c| c.parent)
        .filter(|&p| p != 0)
        .collect()
}

/// `_embedded.replies` of a post: the default comments query (10 newest
/// approved), or nothing when the post has none.
pub fn embedded_replies(ctx: &Ctx, post: u64) -> Option<Vec<CommentOut>> {
    let store = lock(ctx);
    let parents = parents_with_children(&store);
    let mut list: Vec<&Comment> = store
        .all()
        .iter()
        .filter(|c| c.post == post && c.status == CommentStatus::Approved)
        .collect();
    if list.is_empty() {
        return None;
    }
    list.sort_by_key(|c| std::cmp::Reverse((c.date, c.id)));
    Some(
        list.iter()
            .take(10)
            .map(|c| shapes::comment(ctx, c, true, parents.contains(&c.id)))
            .collect(),
    )
}

/// Refused: the comments of a password-protected post, without its password.
pub fn cannot_read_post() -> WpError {
    WpError::new(
        401,
        "rest_cannot_read_post",
        "Sorry, you are not allowed to read the post for this comment.",
    )
}

/// Whether the comments of `post` are hidden from this request
/// (`check_read_post_permission`): the post has a password, and the request
/// does not give it for this one post (`post=ID&password=…`, or a single
/// comment's `comments/<id>?password=…`).
fn post_locked(ctx: &Ctx, post: u64, password_applies: bool) -> bool {
    ctx.site.entry(post).is_some_and(|p| {
        let open = p.password.is_empty() || (password_applies && shapes::unlocked(ctx, p));
        !open
    })
}

/// Whether a comment is shown at all: approved, and not on a trashed post
/// (trashing a post marks its comments `post-trashed`).
fn listed(ctx: &Ctx, c: &Comment) -> bool {
    c.status == CommentStatus::Approved && !ctx.site.is_trashed(c.post)
}

pub fn list(ctx: &Ctx) -> RestResult {
    let p = &ctx.params;
    // Anonymous visitors may not filter on these (get_items_permissions_check).
    let forbidden: Vec<&str> = ["author", "author_exclude", "author_email", "type", "status"]
        .into_iter()
        .filter(|&name| match (name, p.get(name)) {
            (_, None) | (_, Some("")) => false,
            ("status", Some(v)) => v != "approve",
            ("type", Some(v)) => v != "comment",
            _ => true,
        })
        .collect();
    if !forbidden.is_empty() {
        return Err(WpError::new(
            401,
            "rest_forbidden_param",
            &format!("Query parameter not permitted: {}", forbidden.join(", ")),
        ));
    }

    let mut invalid = Invalid::default();
    let coll = p.collection(&mut invalid);
    let order = p.enum_arg("order", "desc", &["asc", "desc"], &mut invalid);
    let orderby = p.enum_arg(
        "orderby",
        "date_gmt",
        &[
            "date", "date_gmt", "id", "include", "post", "parent", "type",
        ],
        &mut invalid,
    );
    let parents = p.int_list("parent", &mut invalid);
    let parent_exclude = p.int_list("parent_exclude", &mut invalid);
    let posts = p.int_list("post", &mut invalid);
    let include = p.int_list("include", &mut invalid);
    let exclude = p.int_list("exclude", &mut invalid);
    if let Some(e) = invalid.into_error() {
        return Err(e.allow("GET"));
    }
    // get_items_permissions_check: every post asked for must be readable.
    let single_post = posts.as_ref().is_some_and(|l| l.len() == 1);
    for &id in posts.as_deref().unwrap_or_default() {
        if id == 0 {
            return Err(WpError::new(
                401,
                "rest_cannot_read",
                "Sorry, you are not allowed to read comments without a post.",
            ));
        }
        if id > 0 && (post_locked(ctx, id as u64, single_post) || ctx.site.is_trashed(id as u64)) {
            return Err(cannot_read_post());
        }
    }
    let contains = |list: &Option<Vec<i64>>, v: u64| {
        list.as_ref()
            .map(|l| l.iter().any(|&x| x >= 0 && x as u64 == v))
    };
    let search = p
        .get("search")
        .map(str::to_lowercase)
        .filter(|s| !s.trim().is_empty());

    let store = lock(ctx);
    let with_children = parents_with_children(&store);
    let mut list: Vec<&Comment> = store
        .all()
        .iter()
        .filter(|c| listed(ctx, c))
        .filter(|c| contains(&posts, c.post).unwrap_or(true))
        .filter(|c| contains(&parents, c.parent).unwrap_or(true))
        .filter(|c| !contains(&parent_exclude, c.parent).unwrap_or(false))
        .filter(|c| contains(&include, c.id).unwrap_or(true))
        .filter(|c| !contains(&exclude, c.id).unwrap_or(false))
        .filter(|c| {
            search.as_ref().is_none_or(|s| {
                format!("{} {} {}", c.author_name, c.author_url, c.content)
                    .to_lowercase()
                    .contains(s.as_str())
            })
        })
        .collect();
    // WP_Comment_Query adds comment_ID in the same direction as a tie-breaker.
    match orderby {
        "id" | "include" | "type" => list.sort_by_key(|c| c.id),
        "post" => list.sort_by_key(|c| (c.post, c.id)),
        "parent" => list.sort_by_key(|c| (c.parent, c.id)),
        _ => list.sort_by_key(|c| (c.date, c.id)),
    }
    if order == "desc" {
        list.reverse();
    }
    let total = list.len();
    let max_pages = total.div_ceil(coll.per_page);
    // Unlike posts, a page past the end is an empty 200. Comments of a
    // locked post are counted but left out of the page (WordPress checks
    // each comment after the query).
    let page: Vec<CommentOut> = list
        .iter()
        .skip((coll.page - 1) * coll.per_page)
        .take(coll.per_page)
        .filter(|c| !post_locked(ctx, c.post, single_post))
        .map(|c| shapes::comment(ctx, c, false, with_children.contains(&c.id)))
        .collect();
    drop(store);
    Ok(Rest {
        total: Some((total, max_pages)),
        link: pagination_link(ctx, "wp/v2/comments", LIST_PARAMS, coll.page, max_pages),
        ..Rest::ok(items_json(ctx, &page))
    })
}

pub fn single(ctx: &Ctx, id: u64) -> RestResult {
    let store = lock(ctx);
    let c = store
        .get(id)
        .ok_or_else(|| WpError::new(404, "rest_comment_invalid_id", "Invalid comment ID."))?;
    if !listed(ctx, c) || post_locked(ctx, c.post, true) {
        return Err(WpError::new(
            401,
            "rest_cannot_read",
            "Sorry, you are not allowed to read this comment.",
        ));
    }
    let has_children = parents_with_children(&store).contains(&id);
    Ok(Rest::json(&shapes::comment(ctx, c, false, has_children)))
}

// ---------------------------------------------------------------- create

/// The request's parameters, looked up like `WP_REST_Request::get_param`:
/// JSON body, then form body, then query string; `null` counts as absent.
struct Input<'a> {
    json: Option<Map<String, Value>>,
    form: Option<Params>,
    query: &'a Params,
}

enum Raw<'a> {
    Json(&'a Value),
    Text(&'a str),
}

impl Input<'_> {
    fn get(&self, name: &str) -> Option<Raw<'_>> {
        if let Some(v) = self.json.as_ref().and_then(|j| j.get(name)) {
            if !v.is_null() {
                return Some(Raw::Json(v));
            }
        }
        if let Some(v) = self.form.as_ref().and_then(|f| f.get(name)) {
            return Some(Raw::Text(v));
        }
        self.query.get(name).map(Raw::Text)
    }

    /// `(string) $value` in PHP.
    fn string(&self, name: &str) -> Option<String> {
        self.get(name).map(|raw| match raw {
            Raw::Text(s) => s.to_string(),
            Raw::Json(Value::String(s)) => s.clone(),
            Raw::Json(Value::Bool(true)) => "1".to_string(),
            Raw::Json(Value::Bool(false)) => String::new(),
            Raw::Json(Value::Number(n)) => n.to_string(),
            Raw::Json(Value::Array(_)) => "Array".to_string(),
            Raw::Json(_) => String::new(),
        })
    }

    /// An `integer` argument: `Some(Err(()))` when present but not integral.
    fn integer(&self, name: &str) -> Option<Result<i64, ()>> {
        self.get(name).map(|raw| match raw {
            Raw::Text(s) => parse_integer(s).ok_or(()),
            Raw::Json(Value::Number(n)) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
                .ok_or(()),
            Raw::Json(Value::String(s)) => parse_integer(s).ok_or(()),
            Raw::Json(_) => Err(()),
        })
    }

    /// Whether a `string` argument is present with another type.
    fn not_a_string(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Raw::Json(v)) if !v.is_string())
    }

    /// `content` may be a string or `{"raw": string}`; anything else is
    /// treated as missing. Trimmed like PHP's `trim`.
    fn content(&self) -> String {
        let raw = match self.get("content") {
            Some(Raw::Text(s)) => Some(s.to_string()),
            Some(Raw::Json(Value::String(s))) => Some(s.clone()),
            Some(Raw::Json(Value::Object(o))) => {
                o.get("raw").and_then(Value::as_str).map(str::to_string)
            }
            _ => None,
        };
        raw.unwrap_or_default()
            .trim_matches([' ', '\t', '\n', '\r', '\0', '\x0B'])
            .to_string()
    }
}

/// PHP's `empty()` on a string.
fn php_empty(s: &str) -> bool {
    s.is_empty() || s == "0"
}

fn media_type(ctx: &Ctx) -> String {
    ctx.headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// `WP_REST_Request::parse_json_params`.
fn parse_body<'a>(ctx: &'a Ctx, body: &[u8]) -> Result<Input<'a>, WpError> {
    let mut input = Input {
        json: None,
        form: None,
        query: &ctx.params,
    };
    match media_type(ctx).as_str() {
        "application/json" if !body.is_empty() => {
            let (code, message) = if std::str::from_utf8(body).is_err() {
                (
                    5,
                    "Malformed UTF-8 characters, possibly incorrectly encoded",
                )
            } else {
                (4, "Syntax error")
            };
            match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(map)) => input.json = Some(map),
                // A JSON scalar or list carries no named parameters.
                Ok(_) => input.json = Some(Map::new()),
                Err(_) => {
                    return Err(
                        WpError::new(400, "rest_invalid_json", "Invalid JSON body passed.")
                            .with_data("json_error_code", Value::from(code))
                            .with_data("json_error_message", Value::from(message)),
                    )
                }
            }
        }
        "application/x-www-form-urlencoded" => {
            input.form = Some(Params::parse(&String::from_utf8_lossy(body)));
        }
        _ => {}
    }
    Ok(input)
}

/// `create_item_permissions_check` for an anonymous visitor.
fn permission(ctx: &Ctx, input: &Input, post: Option<i64>) -> Result<(), WpError> {
    let site = &ctx.site;
    if !site.info.allow_anonymous_comments {
        return Err(WpError::new(
            401,
            "rest_comment_login_required",
            "Sorry, you must be logged in to comment.",
        ));
    }
    let not_allowed = |field: &str| {
        WpError::new(
            401,
            &format!("rest_comment_invalid_{field}"),
            &format!("Sorry, you are not allowed to edit '{field}' for comments."),
        )
    };
    if matches!(input.integer("author"), Some(v) if v != Ok(0)) {
        return Err(not_allowed("author"));
    }
    if input
        .string("author_ip")
        .is_some_and(|ip| ip != ctx.client_ip)
    {
        return Err(not_allowed("author_ip"));
    }
    if input.get("status").is_some() {
        return Err(not_allowed("status"));
    }
    let no_post = || {
        WpError::new(
            403,
            "rest_comment_invalid_post_id",
            "Sorry, you are not allowed to create this comment without a post.",
        )
    };
    let post = post.filter(|&p| p != 0).ok_or_else(no_post)?;
    if u64::try_from(post).is_ok_and(|id| site.is_trashed(id)) {
        return Err(WpError::new(
            403,
            "rest_comment_trash_post",
            "Sorry, you are not allowed to create a comment on this post.",
        ));
    }
    let post = u64::try_from(post)
        .ok()
        .and_then(|id| site.entry(id))
        .ok_or_else(no_post)?;
    // A password-protected post takes comments only with its password
    // (`password` in the body or the query).
    if !post.password.is_empty() && input.string("password").as_deref() != Some(&post.password) {
        return Err(cannot_read_post());
    }
    if post.comment_status != "open" {
        return Err(WpError::new(
            403,
            "rest_comment_closed",
            "Sorry, comments are closed for this item.",
        ));
    }
    Ok(())
}

/// `POST /wp/v2/comments`, in WordPress's order:
/// 1. body parsing (`rest_invalid_json`);
/// 2. argument types, then the author email (`rest_invalid_param`);
/// 3. permission: anonymous comments allowed, no `author`/`author_ip`/
///    `status`, an existing post (403), comments open (403);
/// 4. `create_item`: non-empty content, name and email required, column
///    lengths in bytes;
/// 5. `wp_allow_comment`: duplicate (409), then flood (400), then moderation
///    (held unless the name+email — or the user owning the email — already
///    has an approved comment, and fewer than 2 links);
/// 6. `wp_filter_comment` (kses etc.), insert, 201 with `Location`.
pub fn create(ctx: &Ctx, body: &[u8]) -> RestResult {
    let input = parse_body(ctx, body)?;
    let (post, parent) = check_arguments(ctx, &input)?;
    let written = check_written(&input)?;
    insert(ctx, post, parent, written)
}

/// The error a check after the permission's answers with (the route's
/// Allow header says POST is open).
fn refused(status: u16, code: &str, message: &str) -> WpError {
    WpError::new(status, code, message).allow("POST")
}

/// Steps 2 and 3: the arguments' types (`has_valid_params`, in the schema's
/// order) and the email's form (`sanitize_params`), then the permission
/// check. The post and the parent.
fn check_arguments(ctx: &Ctx, input: &Input) -> Result<(u64, i64), WpError> {
    let mut invalid = Invalid::default();
    let int_arg = |name: &str, invalid: &mut Invalid| -> Option<i64> {
        match input.integer(name) {
            Some(Err(())) => {
                invalid.not_integer(name);
                None
            }
            Some(Ok(v)) => Some(v),
            None => None,
        }
    };
    int_arg("author", &mut invalid);
    for name in ["author_name", "author_url"] {
        if input.not_a_string(name) {
            invalid.not_string(name);
        }
    }
    let parent = int_arg("parent", &mut invalid).unwrap_or(0);
    let post = match input.integer("post") {
        None => Some(0),
        Some(v) => v.ok(),
    };
    if post.is_none() {
        invalid.not_integer("post");
    }
    if input.not_a_string("status") {
        invalid.not_string("status");
    }

    // The Allow header reflects whether the permission check passes.
    let permitted = permission(ctx, input, post);
    let allow = permitted.is_ok().then_some("POST");
    let with_allow = |e: WpError| match allow {
        Some(a) => e.allow(a),
        None => e,
    };
    if let Some(e) = invalid.into_error() {
        return Err(with_allow(e));
    }
    // sanitize_params: check_comment_author_email (is_email unless empty).
    let email = input.string("author_email").unwrap_or_default();
    if !email.is_empty() && !html::is_email(&email) {
        let mut invalid = Invalid::default();
        invalid.add(
            "author_email",
            "rest_invalid_email",
            "Invalid email address.".to_string(),
            Value::Null,
        );
        return Err(with_allow(
            invalid.into_error().unwrap_or_else(WpError::no_route),
        ));
    }
    permitted?;
    Ok((post.unwrap_or(0) as u64, parent))
}

/// What a new comment says, as `prepare_item_for_database` leaves it.
struct Written {
    name: String,
    email: String,
    url: String,
    content: String,
}

/// Step 4: no id or foreign type, some content, an author's name and email,
/// every field within its column.
fn check_written(input: &Input) -> Result<Written, WpError> {
    if input
        .get("id")
        .is_some_and(|_| input.integer("id") != Some(Ok(0)))
    {
        return Err(refused(
            400,
            "rest_comment_exists",
            "Cannot create existing comment.",
        ));
    }
    if input
        .string("type")
        .is_some_and(|t| !t.is_empty() && t != "comment")
    {
        return Err(refused(
            400,
            "rest_invalid_comment_type",
            "Cannot create a comment with that type.",
        ));
    }
    let content = input.content();
    if content.is_empty() {
        return Err(refused(
            400,
            "rest_comment_content_invalid",
            "Invalid comment content.",
        ));
    }
    let email = input.string("author_email").unwrap_or_default();
    let name = html::sanitize_text_field(&input.string("author_name").unwrap_or_default());
    let url = html::esc_url_raw(&html::strip_all_tags(
        &input.string("author_url").unwrap_or_default(),
    ));
    if php_empty(&name) || php_empty(&email) {
        return Err(refused(
            400,
            "rest_comment_author_data_required",
            "Creating a comment requires valid author name and email values.",
        ));
    }
    let too_long = [
        (name.len() > MAX_AUTHOR, "comment_author_column_length"),
        (
            email.len() > MAX_EMAIL,
            "comment_author_email_column_length",
        ),
        (url.len() > MAX_URL, "comment_author_url_column_length"),
        (content.len() > MAX_CONTENT, "comment_content_column_length"),
    ];
    if let Some((_, code)) = too_long.iter().find(|(over, _)| *over) {
        return Err(refused(
            400,
            code,
            "Comment field exceeds maximum length allowed.",
        ));
    }
    Ok(Written {
        name,
        email,
        url,
        content,
    })
}

/// Steps 5 and 6: checked and inserted under one lock, so two racing
/// requests cannot both pass the duplicate and flood checks.
fn insert(ctx: &Ctx, post: u64, parent: i64, written: Written) -> RestResult {
    let Written {
        name,
        email,
        url,
        content,
    } = written;
    let now = ctx.state.now();
    let mut store = lock(ctx);
    // MySQL's default collation compares case-insensitively.
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    let duplicate = store.all().iter().any(|c| {
        c.post == post
            && c.parent == parent.unsigned_abs()
            && (same(&c.author_name, &name) || same(&c.author_email, &email))
            && same(c.content.trim_end(), content.trim_end())
    });
    if duplicate {
        return Err(refused(
            409,
            "comment_duplicate",
            "Duplicate comment detected; it looks as though you&#8217;ve already said that!",
        ));
    }
    let window = ctx.state.config.flood_seconds;
    if window > 0 {
        let last = store
            .all()
            .iter()
            .filter(|c| c.date >= now - 3600)
            .filter(|c| {
                (!c.author_ip.is_empty() && c.author_ip == ctx.client_ip)
                    || same(&c.author_email, &email)
            })
            .map(|c| c.date)
            .max();
        if last.is_some_and(|last| now - last < window) {
            return Err(refused(
                400,
                "comment_flood",
                "You are posting comments too quickly. Slow down.",
            ));
        }
    }
    let site = &ctx.site;
    let previously_approved = match site.users.iter().find(|u| same(&u.email, &email)) {
        Some(user) => store
            .all()
            .iter()
            .any(|c| c.user_id == user.id && c.status == CommentStatus::Approved),
        None => store.all().iter().any(|c| {
            c.status == CommentStatus::Approved
                && same(&c.author_name, &name)
                && same(&c.author_email, &email)
        }),
    };
    let status = if previously_approved && html::count_links(&content) < MAX_LINKS {
        CommentStatus::Approved
    } else {
        CommentStatus::Hold
    };

    let comment = Comment {
        id: store.next_id(),
        post,
        parent: parent.unsigned_abs(),
        user_id: 0,
        author_name: html::specialchars(&name),
        author_email: email.trim().to_string(),
        author_url: url,
        author_ip: ctx.client_ip.clone(),
        date: now,
        content: html::kses_comment(&content),
        status,
    };
    if let Err(e) = store.insert(comment.clone()) {
        eprintln!("devapi: {e}");
        return Err(refused(
            500,
            "rest_comment_failed_create",
            "Creating comment failed.",
        ));
    }
    let has_children = parents_with_children(&store).contains(&comment.id);
    drop(store);
    let mut rest = Rest::json(&shapes::comment(ctx, &comment, false, has_children))
        .status(StatusCode::CREATED)
        .allow(Some("POST"));
    rest.location = Some(ctx.api_url(&format!("wp/v2/comments/{}", comment.id)));
    Ok(rest)
}
