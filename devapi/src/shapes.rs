//! The JSON objects, field for field and in WordPress's order (structs rather
//! than `serde_json::Value`, whose maps would sort the keys).

use serde::Serialize;

use crate::clock::format_datetime;
use crate::content::{
    avatar_urls, expand_home, AvatarUrls, Comment, Kind, Media, Post, Term, User,
};
use crate::html;
use crate::rest::Ctx;
use crate::state::Permalinks;

#[derive(Serialize)]
pub struct Href {
    pub href: String,
}

#[derive(Serialize)]
pub struct EmbeddableHref {
    pub embeddable: bool,
    pub href: String,
}

fn href(href: String) -> Vec<Href> {
    vec![Href { href }]
}

fn embeddable(href: String) -> Vec<EmbeddableHref> {
    vec![EmbeddableHref {
        embeddable: true,
        href,
    }]
}

#[derive(Serialize)]
pub struct Rendered {
    pub rendered: String,
}

#[derive(Serialize)]
pub struct RenderedProtected {
    pub rendered: String,
    pub protected: bool,
}

#[derive(Serialize)]
pub struct Curie {
    name: &'static str,
    href: &'static str,
    templated: bool,
}

fn curies() -> Vec<Curie> {
    vec![Curie {
        name: "wp",
        href: "https://api.w.org/{rel}",
        templated: true,
    }]
}

/// `"meta": []`.
type EmptyList = [u8; 0];

// ---------------------------------------------------------------- users

#[derive(Serialize)]
pub struct UserLinks {
    #[serde(rename = "self")]
    self_: Vec<Href>,
    collection: Vec<Href>,
}

#[derive(Serialize)]
pub struct UserOut {
    id: u64,
    name: String,
    url: String,
    description: String,
    link: String,
    slug: String,
    avatar_urls: AvatarUrls,
    /// Not in the `embed` context.
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<EmptyList>,
    _links: UserLinks,
}

pub fn user(ctx: &Ctx, u: &User, embed: bool) -> UserOut {
    UserOut {
        id: u.id,
        name: u.name.clone(),
        url: u.url.clone(),
        description: u.description.clone(),
        link: ctx.home_url(&format!("author/{}/", u.slug)),
        slug: u.slug.clone(),
        avatar_urls: avatar_urls(&u.email),
        meta: (!embed).then_some([]),
        _links: UserLinks {
            self_: href(ctx.api_url(&format!("wp/v2/users/{}", u.id))),
            collection: href(ctx.api_url("wp/v2/users")),
        },
    }
}

// ---------------------------------------------------------------- terms

#[derive(Serialize)]
pub struct TermLinks {
    #[serde(rename = "self")]
    self_: Vec<Href>,
    collection: Vec<Href>,
    about: Vec<Href>,
    /// A child category's parent.
    #[serde(skip_serializing_if = "Option::is_none")]
    up: Option<Vec<EmbeddableHref>>,
    #[serde(rename = "wp:post_type")]
    post_type: Vec<Href>,
    curies: Vec<Curie>,
}

#[derive(Serialize)]
pub struct TermOut {
    id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    link: String,
    name: String,
    slug: String,
    taxonomy: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<EmptyList>,
    _links: TermLinks,
}

/// REST base (`categories`/`tags`) → (taxonomy, permalink base).
pub fn taxonomy(rest_base: &str) -> (&'static str, &'static str) {
    if rest_base == "tags" {
        ("post_tag", "tag")
    } else {
        ("category", "category")
    }
}

/// A term; `count` is `Some` in the view context, `None` when embedded.
pub fn term(ctx: &Ctx, rest_base: &str, t: &Term, count: Option<usize>) -> TermOut {
    let (taxonomy, base) = taxonomy(rest_base);
    let view = count.is_some();
    TermOut {
        id: t.id,
        count,
        description: view.then(|| t.description.clone()),
        // A child category's address names its ancestors.
        link: ctx.home_url(&format!(
            "{base}/{}/",
            if taxonomy == "category" {
                ctx.site.category_path(t)
            } else {
                t.slug.clone()
            }
        )),
        name: t.name.clone(),
        slug: t.slug.clone(),
        taxonomy,
        parent: (view && taxonomy == "category").then_some(t.parent),
        meta: view.then_some([]),
        _links: TermLinks {
            self_: href(ctx.api_url(&format!("wp/v2/{rest_base}/{}", t.id))),
            collection: href(ctx.api_url(&format!("wp/v2/{rest_base}"))),
            about: href(ctx.api_url(&format!("wp/v2/taxonomies/{taxonomy}"))),
            up: (t.parent != 0)
                .then(|| embeddable(ctx.api_url(&format!("wp/v2/{rest_base}/{}", t.parent)))),
            post_type: href(ctx.api_url(&format!("wp/v2/posts?{rest_base}={}", t.id))),
            curies: curies(),
        },
    }
}

// ---------------------------------------------------------------- comments

#[derive(Serialize)]
pub struct UpLink {
    embeddable: bool,
    post_type: &'static str,
    href: String,
}

#[derive(Serialize)]
pub struct CommentLinks {
    #[serde(rename = "self")]
    self_: Vec<Href>,
    collection: Vec<Href>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Vec<EmbeddableHref>>,
    up: Vec<UpLink>,
    #[serde(rename = "in-reply-to", skip_serializing_if = "Option::is_none")]
    in_reply_to: Option<Vec<EmbeddableHref>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    children: Option<Vec<EmbeddableHref>>,
}

#[derive(Serialize)]
pub struct CommentOut {
    id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    post: Option<u64>,
    parent: u64,
    author: u64,
    author_name: String,
    author_url: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_gmt: Option<String>,
    content: Rendered,
    link: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(rename = "type")]
    kind: &'static str,
    author_avatar_urls: AvatarUrls,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<EmptyList>,
    _links: CommentLinks,
}

/// A comment in the `view` context, or the `embed` one (no post, date_gmt,
/// status, meta). `has_children`: a non-spam reply exists.
pub fn comment(ctx: &Ctx, c: &Comment, embed: bool, has_children: bool) -> CommentOut {
    let site = &ctx.site;
    let entry = site.entry(c.post);
    let post_link = entry
        .map(|p| post_link(ctx, p))
        .unwrap_or_else(|| ctx.home_url(&format!("?p={}", c.post)));
    let kind = entry.map_or(Kind::Post, |p| p.kind);
    // A registered user's avatar comes from the account's email.
    let email = site
        .user(c.user_id)
        .map(|u| u.email.as_str())
        .unwrap_or(&c.author_email);
    let view = !embed;
    CommentOut {
        id: c.id,
        post: view.then_some(c.post),
        parent: c.parent,
        author: c.user_id,
        author_name: c.author_name.clone(),
        author_url: c.author_url.clone(),
        date: format_datetime(c.date),
        date_gmt: view.then(|| format_datetime(c.date)),
        content: Rendered {
            rendered: html::autop(&c.content),
        },
        link: format!("{post_link}#comment-{}", c.id),
        status: view.then_some(c.status.as_str()),
        kind: "comment",
        author_avatar_urls: avatar_urls(email),
        meta: view.then_some([]),
        _links: CommentLinks {
            self_: href(ctx.api_url(&format!("wp/v2/comments/{}", c.id))),
            collection: href(ctx.api_url("wp/v2/comments")),
            author: (c.user_id != 0)
                .then(|| embeddable(ctx.api_url(&format!("wp/v2/users/{}", c.user_id)))),
            up: vec![UpLink {
                embeddable: true,
                post_type: kind.name(),
                href: ctx.api_url(&format!("wp/v2/{}/{}", kind.rest_base(), c.post)),
            }],
            in_reply_to: (c.parent != 0)
                .then(|| embeddable(ctx.api_url(&format!("wp/v2/comments/{}", c.parent)))),
            children: has_children
                .then(|| embeddable(ctx.api_url(&format!("wp/v2/comments?parent={}", c.id)))),
        },
    }
}

// ---------------------------------------------------------------- media

#[derive(Serialize)]
pub struct MediaSize {
    file: String,
    width: u32,
    height: u32,
    mime_type: String,
    source_url: String,
}

/// `media_details.sizes`: an object keyed by size name, in WordPress's
/// order (the intermediate sizes, smallest first, then `full`).
pub struct MediaSizes(Vec<(String, MediaSize)>);

impl Serialize for MediaSizes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, size) in &self.0 {
            map.serialize_entry(name, size)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
pub struct MediaDetails {
    width: u32,
    height: u32,
    file: String,
    sizes: MediaSizes,
}

#[derive(Serialize)]
pub struct MediaLinks {
    #[serde(rename = "self")]
    self_: Vec<Href>,
    collection: Vec<Href>,
    about: Vec<Href>,
    author: Vec<EmbeddableHref>,
}

#[derive(Serialize)]
pub struct MediaOut {
    id: u64,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_gmt: Option<String>,
    slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(rename = "type")]
    kind: &'static str,
    link: String,
    title: Rendered,
    author: u64,
    caption: Rendered,
    alt_text: String,
    media_type: &'static str,
    mime_type: String,
    media_details: MediaDetails,
    #[serde(skip_serializing_if = "Option::is_none")]
    post: Option<u64>,
    pub source_url: String,
    _links: MediaLinks,
}

/// WordPress names a size by its file's base name (`harbour-300x200.jpg`),
/// while `media_details.file` keeps the full upload path (`2022/06/…`).
fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

pub fn media(ctx: &Ctx, m: &Media, embed: bool) -> MediaOut {
    let source_url = ctx.home_url(&format!("wp-content/uploads/{}", m.file));
    let view = !embed;
    MediaOut {
        id: m.id,
        date: format_datetime(m.date),
        date_gmt: view.then(|| format_datetime(m.date)),
        slug: m.slug.clone(),
        status: view.then_some("inherit"),
        kind: "attachment",
        link: ctx.home_url(&format!("?attachment_id={}", m.id)),
        title: Rendered {
            rendered: m.title.clone(),
        },
        author: m.author,
        caption: Rendered {
            rendered: if m.caption.is_empty() {
                String::new()
            } else {
                html::autop(&m.caption)
            },
        },
        alt_text: m.alt_text.clone(),
        media_type: if m.mime_type.starts_with("image/") {
            "image"
        } else {
            "file"
        },
        mime_type: m.mime_type.clone(),
        media_details: MediaDetails {
            width: m.width,
            height: m.height,
            file: m.file.clone(),
            sizes: MediaSizes(
                m.sizes
                    .iter()
                    .map(|s| {
                        let size = MediaSize {
                            file: file_name(&s.file),
                            width: s.width,
                            height: s.height,
                            mime_type: m.mime_type.clone(),
                            source_url: ctx.home_url(&format!("wp-content/uploads/{}", s.file)),
                        };
                        (s.name.clone(), size)
                    })
                    .chain(std::iter::once((
                        "full".to_string(),
                        MediaSize {
                            file: file_name(&m.file),
                            width: m.width,
                            height: m.height,
                            mime_type: m.mime_type.clone(),
                            source_url: source_url.clone(),
                        },
                    )))
                    .collect(),
            ),
        },
        post: view.then_some(m.post),
        source_url,
        _links: MediaLinks {
            self_: href(ctx.api_url(&format!("wp/v2/media/{}", m.id))),
            collection: href(ctx.api_url("wp/v2/media")),
            about: href(ctx.api_url("wp/v2/types/attachment")),
            author: embeddable(ctx.api_url(&format!("wp/v2/users/{}", m.author))),
        },
    }
}

// ---------------------------------------------------------------- posts

#[derive(Serialize)]
pub struct CountHref {
    count: u32,
    href: String,
}

#[derive(Serialize)]
pub struct TermLink {
    taxonomy: &'static str,
    embeddable: bool,
    href: String,
}

/// A post's or a page's `_links`, in WordPress's order (`prepare_links`).
#[derive(Serialize)]
pub struct PostLinks {
    #[serde(rename = "self")]
    self_: Vec<Href>,
    collection: Vec<Href>,
    about: Vec<Href>,
    author: Vec<EmbeddableHref>,
    replies: Vec<EmbeddableHref>,
    #[serde(rename = "version-history")]
    version_history: Vec<CountHref>,
    /// A child page's parent.
    #[serde(skip_serializing_if = "Option::is_none")]
    up: Option<Vec<EmbeddableHref>>,
    #[serde(rename = "wp:featuredmedia", skip_serializing_if = "Option::is_none")]
    featured_media: Option<Vec<EmbeddableHref>>,
    #[serde(rename = "wp:attachment")]
    attachment: Vec<Href>,
    /// Posts only (pages have no taxonomies).
    #[serde(rename = "wp:term", skip_serializing_if = "Option::is_none")]
    term: Option<Vec<TermLink>>,
    curies: Vec<Curie>,
}

/// What `_embedded.replies` holds: the comments, or the error their request
/// got (a password-protected post's).
#[derive(Serialize)]
#[serde(untagged)]
pub enum EmbeddedReplies {
    List(Vec<CommentOut>),
    Error(crate::fields::OVal),
}

#[derive(Serialize, Default)]
pub struct PostEmbedded {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Vec<UserOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replies: Option<Vec<EmbeddedReplies>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub up: Option<Vec<PageEmbedOut>>,
    #[serde(rename = "wp:featuredmedia", skip_serializing_if = "Option::is_none")]
    pub featured_media: Option<Vec<MediaOut>>,
    #[serde(rename = "wp:term", skip_serializing_if = "Option::is_none")]
    pub term: Option<Vec<Vec<TermOut>>>,
}

/// The fields posts and pages share, first in both, in WordPress's order.
#[derive(Serialize)]
pub struct SingularHead {
    id: u64,
    date: String,
    date_gmt: String,
    guid: Rendered,
    modified: String,
    modified_gmt: String,
    slug: String,
    status: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    link: String,
    title: Rendered,
    content: RenderedProtected,
    excerpt: RenderedProtected,
    author: u64,
    featured_media: u64,
}

#[derive(Serialize)]
pub struct PostOut {
    #[serde(flatten)]
    head: SingularHead,
    comment_status: String,
    ping_status: String,
    sticky: bool,
    template: &'static str,
    format: &'static str,
    meta: EmptyList,
    categories: Vec<u64>,
    tags: Vec<u64>,
    _links: PostLinks,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub _embedded: Option<PostEmbedded>,
}

/// A page: no sticky, format or terms; parent and menu order instead.
#[derive(Serialize)]
pub struct PageOut {
    #[serde(flatten)]
    head: SingularHead,
    parent: u64,
    menu_order: i64,
    comment_status: String,
    ping_status: String,
    template: &'static str,
    meta: EmptyList,
    _links: PostLinks,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub _embedded: Option<PostEmbedded>,
}

/// A page in the `embed` context (a child page's `_embedded.up`).
#[derive(Serialize)]
pub struct PageEmbedOut {
    id: u64,
    date: String,
    slug: String,
    #[serde(rename = "type")]
    kind: &'static str,
    link: String,
    title: Rendered,
    excerpt: RenderedProtected,
    author: u64,
    featured_media: u64,
    _links: PostLinks,
}

/// A post or a page, serialised as its own shape.
#[derive(Serialize)]
#[serde(untagged)]
pub enum EntryOut {
    Post(PostOut),
    Page(PageOut),
}

impl EntryOut {
    pub fn set_embedded(&mut self, embedded: PostEmbedded) {
        match self {
            EntryOut::Post(p) => p._embedded = Some(embedded),
            EntryOut::Page(p) => p._embedded = Some(embedded),
        }
    }
}

/// The permalink: `http://host/slug/`, or `http://host/parent/child/` for a
/// page under another; a post's is dated under the "day" and "month"
/// structures (`--permalinks`), from its local date.
pub fn post_link(ctx: &Ctx, p: &Post) -> String {
    let date = crate::clock::format_datetime(p.date);
    let prefix = match (p.kind, ctx.state.config.permalinks) {
        (Kind::Post, Permalinks::Day) => {
            format!("{}/{}/{}/", &date[..4], &date[5..7], &date[8..10])
        }
        (Kind::Post, Permalinks::Month) => format!("{}/{}/", &date[..4], &date[5..7]),
        _ => String::new(),
    };
    ctx.home_url(&format!("{prefix}{}/", ctx.site.path_of(p)))
}

/// Whether the request unlocks a password-protected post: its `password`
/// parameter (query, or JSON body) is the post's (`can_access_password_content`;
/// PHP's `empty()` makes "0" no password). An unprotected post is open.
pub fn unlocked(ctx: &Ctx, p: &Post) -> bool {
    if p.password.is_empty() {
        return true;
    }
    ctx.params
        .get("password")
        .is_some_and(|given| !given.is_empty() && given != "0" && given == p.password)
}

/// `content` and `excerpt`: empty while the post is locked, with
/// `protected` telling that it has a password.
fn body_fields(ctx: &Ctx, p: &Post, top_level: bool) -> (RenderedProtected, RenderedProtected) {
    // A `_fields` without them drops them from a top-level item: not worth
    // rendering (a generated post's text is made again on every read).
    let wanted = |name: &str| {
        let Some(fields) = ctx.params.get("_fields").filter(|_| top_level) else {
            return true;
        };
        let mut listed = fields
            .split([',', ' ', '\t', '\n', '\r', '\x0B', '\x0C'])
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .peekable();
        listed.peek().is_none() || listed.any(|f| f.split('.').next() == Some(name))
    };
    let open = unlocked(ctx, p);
    let protected = !p.password.is_empty();
    (
        RenderedProtected {
            rendered: if open && wanted("content") {
                expand_home(&p.content(), &ctx.origin)
            } else {
                String::new()
            },
            protected,
        },
        RenderedProtected {
            rendered: if open && wanted("excerpt") {
                p.excerpt().into_owned()
            } else {
                String::new()
            },
            protected,
        },
    )
}

fn links(ctx: &Ctx, p: &Post) -> PostLinks {
    let id = p.id;
    let base = p.kind.rest_base();
    PostLinks {
        self_: href(ctx.api_url(&format!("wp/v2/{base}/{id}"))),
        collection: href(ctx.api_url(&format!("wp/v2/{base}"))),
        about: href(ctx.api_url(&format!("wp/v2/types/{}", p.kind.name()))),
        author: embeddable(ctx.api_url(&format!("wp/v2/users/{}", p.author))),
        replies: embeddable(ctx.api_url(&format!("wp/v2/comments?post={id}"))),
        version_history: vec![CountHref {
            count: 0,
            href: ctx.api_url(&format!("wp/v2/{base}/{id}/revisions")),
        }],
        up: (p.kind == Kind::Page && p.parent != 0)
            .then(|| embeddable(ctx.api_url(&format!("wp/v2/pages/{}", p.parent)))),
        featured_media: (p.featured_media != 0)
            .then(|| embeddable(ctx.api_url(&format!("wp/v2/media/{}", p.featured_media)))),
        attachment: href(ctx.api_url(&format!("wp/v2/media?parent={id}"))),
        term: (p.kind == Kind::Post).then(|| {
            vec![
                TermLink {
                    taxonomy: "category",
                    embeddable: true,
                    href: ctx.api_url(&format!("wp/v2/categories?post={id}")),
                },
                TermLink {
                    taxonomy: "post_tag",
                    embeddable: true,
                    href: ctx.api_url(&format!("wp/v2/tags?post={id}")),
                },
            ]
        }),
        curies: curies(),
    }
}

/// What a post and a page both answer with, first.
fn singular_head(ctx: &Ctx, p: &Post, kind: &'static str) -> SingularHead {
    let link = post_link(ctx, p);
    let (content, excerpt) = body_fields(ctx, p, true);
    SingularHead {
        id: p.id,
        date: format_datetime(p.date),
        date_gmt: format_datetime(p.date),
        guid: Rendered {
            rendered: link.clone(),
        },
        modified: format_datetime(p.modified),
        modified_gmt: format_datetime(p.modified),
        slug: p.slug.clone(),
        status: "publish",
        kind,
        link,
        title: Rendered {
            rendered: p.title.clone(),
        },
        content,
        excerpt,
        author: p.author,
        featured_media: p.featured_media,
    }
}

pub fn post(ctx: &Ctx, p: &Post) -> PostOut {
    PostOut {
        head: singular_head(ctx, p, "post"),
        comment_status: p.comment_status.clone(),
        ping_status: p.ping_status.clone(),
        sticky: p.sticky,
        template: "",
        format: "standard",
        meta: [],
        categories: p.categories.clone(),
        tags: p.tags.clone(),
        _links: links(ctx, p),
        _embedded: None,
    }
}

pub fn page(ctx: &Ctx, p: &Post) -> PageOut {
    PageOut {
        head: singular_head(ctx, p, "page"),
        parent: p.parent,
        menu_order: p.menu_order,
        comment_status: p.comment_status.clone(),
        ping_status: p.ping_status.clone(),
        template: "",
        meta: [],
        _links: links(ctx, p),
        _embedded: None,
    }
}

pub fn page_embed(ctx: &Ctx, p: &Post) -> PageEmbedOut {
    let (_, excerpt) = body_fields(ctx, p, false);
    PageEmbedOut {
        id: p.id,
        date: format_datetime(p.date),
        slug: p.slug.clone(),
        kind: "page",
        link: post_link(ctx, p),
        title: Rendered {
            rendered: p.title.clone(),
        },
        excerpt,
        author: p.author,
        featured_media: p.featured_media,
        _links: links(ctx, p),
    }
}

/// A post or a page in its own shape.
pub fn entry(ctx: &Ctx, p: &Post) -> EntryOut {
    match p.kind {
        Kind::Post => EntryOut::Post(post(ctx, p)),
        Kind::Page => EntryOut::Page(page(ctx, p)),
    }
}
