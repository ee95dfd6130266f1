//! The demo content: the data file (`data/site.json`) and the model the
//! handlers read. Posts, terms, users and media are read-only; comments go
//! to the [`crate::store`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::clock::{format_datetime, parse_datetime};
use crate::generated_text::Text;
use crate::html;

/// Dates are `YYYY-MM-DDTHH:MM:SS` strings in files and Unix seconds in memory.
pub mod wp_date {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_datetime(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        let s = String::deserialize(d)?;
        parse_datetime(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct SiteInfo {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// WordPress's `rest_allow_anonymous_comments` filter.
    #[serde(default = "yes")]
    pub allow_anonymous_comments: bool,
    /// The site icon (Settings → Site Identity): a media id, `0` for none.
    #[serde(default)]
    pub site_icon: u64,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
pub struct User {
    pub id: u64,
    pub name: String,
    pub slug: String,
    /// Never sent by the API; used for avatars and `comment_previously_approved`.
    pub email: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Term {
    pub id: u64,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub parent: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Media {
    pub id: u64,
    pub slug: String,
    pub title: String,
    #[serde(with = "wp_date")]
    pub date: i64,
    pub author: u64,
    /// File name under `uploads/`.
    pub file: String,
    pub mime_type: String,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub alt_text: String,
    #[serde(default)]
    pub caption: String,
    /// The post the file was uploaded to.
    #[serde(default)]
    pub post: u64,
    /// The smaller copies WordPress made on upload (thumbnail, medium,
    /// large…), smallest first; the full size is `file` itself.
    #[serde(default)]
    pub sizes: Vec<MediaSizeData>,
}

/// One intermediate size of an upload, as in its attachment metadata.
#[derive(Debug, Clone, Deserialize)]
pub struct MediaSizeData {
    pub name: String,
    /// Path under `uploads/`.
    pub file: String,
    pub width: u32,
    pub height: u32,
}

/// The home URL's token in stored content (kept in `html`, below the
/// generated text, which writes it too).
pub use crate::html::HOME_TOKEN;

/// `content` with [`HOME_TOKEN`] replaced by `origin`.
pub fn expand_home(content: &str, origin: &str) -> String {
    content.replace(HOME_TOKEN, origin)
}

#[derive(Debug, Clone, Deserialize)]
struct PostData {
    id: u64,
    slug: String,
    /// As WordPress renders it (entities and all).
    title: String,
    #[serde(with = "wp_date")]
    date: i64,
    #[serde(default, with = "opt_date")]
    modified: Option<i64>,
    author: u64,
    #[serde(default)]
    categories: Vec<u64>,
    #[serde(default)]
    tags: Vec<u64>,
    #[serde(default)]
    featured_media: u64,
    /// Default: `open` for a post, `closed` for a page
    /// (`get_default_comment_status`).
    #[serde(default)]
    comment_status: Option<String>,
    #[serde(default)]
    ping_status: Option<String>,
    #[serde(default)]
    sticky: bool,
    /// A password-protected post's password (`post_password`).
    #[serde(default)]
    password: String,
    /// Pages only: the parent page (0 for a top-level page) and the menu order.
    #[serde(default)]
    parent: u64,
    #[serde(default)]
    menu_order: i64,
    /// Block-editor paragraphs (inner HTML of each `<p>`)…
    #[serde(default)]
    paragraphs: Vec<String>,
    /// …or the rendered HTML verbatim ([`HOME_TOKEN`] for the site's URL).
    /// A corpus post also has `blocks`, its block-editor source, which only
    /// `scripts/wordpress/seed.sh` reads: this server serves what WordPress
    /// rendered from it, it renders no blocks itself.
    #[serde(default)]
    content: Option<String>,
    /// Rendered excerpt; default: WordPress's automatic 55-word excerpt.
    #[serde(default)]
    excerpt: Option<String>,
    /// The block-editor source (raw `post_content`) of a corpus post.
    #[serde(default)]
    blocks: Option<String>,
}

mod opt_date {
    use super::*;
    use serde::Deserializer;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        wp_date::deserialize(d).map(Some)
    }
}

fn default_status(kind: Kind) -> String {
    match kind {
        Kind::Post => "open",
        Kind::Page => "closed",
    }
    .to_string()
}

/// The post type of a [`Post`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Post,
    Page,
}

impl Kind {
    /// `post` / `page`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Post => "post",
            Kind::Page => "page",
        }
    }

    /// The REST base: `posts` / `pages`.
    pub fn rest_base(self) -> &'static str {
        match self {
            Kind::Post => "posts",
            Kind::Page => "pages",
        }
    }
}

/// A published post or page, ready to serialise.
#[derive(Debug, Clone, Default)]
pub struct Post {
    pub kind: Kind,
    pub id: u64,
    pub slug: String,
    pub title: String,
    pub date: i64,
    pub modified: i64,
    pub author: u64,
    pub categories: Vec<u64>,
    pub tags: Vec<u64>,
    pub featured_media: u64,
    pub comment_status: String,
    pub ping_status: String,
    pub sticky: bool,
    /// Empty when the post is not password-protected.
    pub password: String,
    pub parent: u64,
    pub menu_order: i64,
    pub body: Body,
}

/// A post's text: stored (the data file's, or set at run time), or
/// generated again whenever it is read (`--generate`), so that a big
/// generated site keeps only its metadata in memory.
#[derive(Debug, Clone)]
pub enum Body {
    Stored {
        /// `content.rendered` ([`HOME_TOKEN`] for the home URL).
        content: String,
        /// `excerpt.rendered`.
        excerpt: String,
        /// `post_content` as WordPress stores it (what a search reads): the
        /// block markup `scripts/wordpress/seed.sh` writes, [`HOME_TOKEN`]
        /// for the home URL.
        raw: String,
    },
    Generated(Text),
}

impl Default for Body {
    fn default() -> Body {
        Body::stored(String::new(), None, String::new())
    }
}

impl Body {
    /// Stored text; the excerpt defaults to WordPress's automatic one.
    pub fn stored(content: String, excerpt: Option<String>, raw: String) -> Body {
        let excerpt = excerpt.unwrap_or_else(|| html::auto_excerpt(&content));
        Body::Stored {
            content,
            excerpt,
            raw,
        }
    }
}

impl Post {
    /// `content.rendered`, with [`HOME_TOKEN`] for the home URL.
    pub fn content(&self) -> Cow<'_, str> {
        match &self.body {
            Body::Stored { content, .. } => Cow::Borrowed(content),
            Body::Generated(text) => Cow::Owned(text.rendered()),
        }
    }

    /// `excerpt.rendered`.
    pub fn excerpt(&self) -> Cow<'_, str> {
        match &self.body {
            Body::Stored { excerpt, .. } => Cow::Borrowed(excerpt),
            Body::Generated(text) => Cow::Owned(text.excerpt()),
        }
    }

    /// `post_content`, with [`HOME_TOKEN`] for the home URL.
    pub fn raw_content(&self) -> Cow<'_, str> {
        match &self.body {
            Body::Stored { raw, .. } => Cow::Borrowed(raw),
            Body::Generated(text) => Cow::Owned(text.raw()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Approved,
    Hold,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Approved => "approved",
            CommentStatus::Hold => "hold",
        }
    }
}

/// A comment, as stored in the data file and in the store's JSON lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comment {
    pub id: u64,
    pub post: u64,
    #[serde(default)]
    pub parent: u64,
    /// The registered user who wrote it (0 = anonymous).
    #[serde(default)]
    pub user_id: u64,
    pub author_name: String,
    pub author_email: String,
    #[serde(default)]
    pub author_url: String,
    #[serde(default)]
    pub author_ip: String,
    /// GMT; the site's offset is 0 so `date` = `date_gmt`.
    #[serde(with = "wp_date")]
    pub date: i64,
    /// The stored (raw) content; `wpautop` is applied on output.
    pub content: String,
    pub status: CommentStatus,
}

/// Many similar comments (pagination material), generated at start-up the
/// way the real seed script creates them.
#[derive(Debug, Clone, Deserialize)]
struct GeneratedComments {
    post: u64,
    first_id: u64,
    count: usize,
    #[serde(with = "wp_date")]
    start: i64,
    step_minutes: i64,
    /// Templates with `{n}` (zero-padded to 3), `{count}` and `{opener}`.
    author_name: String,
    author_email: String,
    content: String,
    openers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct SiteFile {
    site: SiteInfo,
    users: Vec<User>,
    categories: Vec<Term>,
    #[serde(default)]
    tags: Vec<Term>,
    #[serde(default)]
    media: Vec<Media>,
    posts: Vec<PostData>,
    #[serde(default)]
    pages: Vec<PostData>,
    #[serde(default)]
    comments: Vec<Comment>,
    #[serde(default)]
    generated_comments: Vec<GeneratedComments>,
}

/// Everything but the comments: what an anonymous visitor can see, plus
/// the posts trashed at run time (`/__test/trash`), which WordPress still
/// knows (and refuses to show).
#[derive(Debug, Clone)]
pub struct Site {
    pub info: SiteInfo,
    pub users: Vec<User>,
    pub categories: Vec<Term>,
    pub tags: Vec<Term>,
    pub media: Vec<Media>,
    /// Published posts and pages, in no particular order.
    pub posts: Vec<Post>,
    pub pages: Vec<Post>,
    /// Trashed posts and pages.
    pub trashed: Vec<Post>,
    /// Id → where the post is: ten thousand posts are looked up by id
    /// without a scan. Rebuilt by every change ([`Site::reindex`]).
    index: HashMap<u64, (Kind, usize)>,
}

impl Site {
    pub fn new(
        info: SiteInfo,
        users: Vec<User>,
        categories: Vec<Term>,
        tags: Vec<Term>,
        media: Vec<Media>,
        posts: Vec<Post>,
        pages: Vec<Post>,
    ) -> Site {
        let mut site = Site {
            info,
            users,
            categories,
            tags,
            media,
            posts,
            pages,
            trashed: Vec::new(),
            index: HashMap::new(),
        };
        site.reindex();
        site
    }

    /// Rebuilds the id index after `posts` or `pages` changed.
    pub fn reindex(&mut self) {
        self.index = self
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, (Kind::Post, i)))
            .chain(
                self.pages
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id, (Kind::Page, i))),
            )
            .collect();
    }

    pub fn post(&self, id: u64) -> Option<&Post> {
        match self.index.get(&id) {
            Some(&(Kind::Post, i)) => self.posts.get(i),
            _ => None,
        }
    }
    pub fn page(&self, id: u64) -> Option<&Post> {
        match self.index.get(&id) {
            Some(&(Kind::Page, i)) => self.pages.get(i),
            _ => None,
        }
    }
    /// A published post or page.
    pub fn entry(&self, id: u64) -> Option<&Post> {
        self.post(id).or_else(|| self.page(id))
    }
    /// A published post or page, to change in place (call
    /// [`Site::reindex`] only when ids move: this does not move them).
    pub fn entry_mut(&mut self, id: u64) -> Option<&mut Post> {
        match self.index.get(&id) {
            Some(&(Kind::Post, i)) => self.posts.get_mut(i),
            Some(&(Kind::Page, i)) => self.pages.get_mut(i),
            None => None,
        }
    }
    /// A trashed post or page.
    pub fn trashed_entry(&self, id: u64) -> Option<&Post> {
        self.trashed.iter().find(|p| p.id == id)
    }
    pub fn is_trashed(&self, id: u64) -> bool {
        !self.trashed.is_empty() && self.trashed_entry(id).is_some()
    }
    /// Moves a published post or page to the trash (false: there is none).
    pub fn trash(&mut self, id: u64) -> bool {
        let Some(&(kind, i)) = self.index.get(&id) else {
            return false;
        };
        let post = match kind {
            Kind::Post => self.posts.remove(i),
            Kind::Page => self.pages.remove(i),
        };
        self.trashed.push(post);
        self.reindex();
        true
    }
    /// Takes a trashed post or page out of the trash (unpublished).
    pub fn untrash(&mut self, id: u64) -> Option<Post> {
        let i = self.trashed.iter().position(|p| p.id == id)?;
        Some(self.trashed.remove(i))
    }
    /// Publishes a post or page (its id must be new).
    pub fn publish(&mut self, post: Post) {
        match post.kind {
            Kind::Post => self.posts.push(post),
            Kind::Page => self.pages.push(post),
        }
        self.reindex();
    }
    /// The highest post, page or media id in use (published or not).
    pub fn max_id(&self) -> u64 {
        self.posts
            .iter()
            .chain(&self.pages)
            .chain(&self.trashed)
            .map(|p| p.id)
            .chain(self.media.iter().map(|m| m.id))
            .max()
            .unwrap_or(0)
    }
    pub fn of_kind(&self, kind: Kind) -> &[Post] {
        match kind {
            Kind::Post => &self.posts,
            Kind::Page => &self.pages,
        }
    }
    /// The permalink path without slashes around it: the slug, under its
    /// ancestors' slugs for a page (`about/team/founders`).
    pub fn path_of(&self, p: &Post) -> String {
        let mut parts = vec![p.slug.as_str()];
        let mut parent = p.parent;
        // A cycle in the data cannot loop forever.
        while parent != 0 && parts.len() <= self.pages.len() + self.trashed.len() {
            match self.page(parent).or_else(|| self.trashed_entry(parent)) {
                Some(up) => {
                    parts.push(&up.slug);
                    parent = up.parent;
                }
                None => break,
            }
        }
        parts.reverse();
        parts.join("/")
    }
    pub fn user(&self, id: u64) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }
    /// A category's path: its ancestors' slugs and its own (`a/b`), as
    /// `get_category_link` writes a child category's address.
    pub fn category_path(&self, category: &Term) -> String {
        let mut slugs = vec![category.slug.as_str()];
        let mut parent = category.parent;
        while parent != 0 && slugs.len() < 32 {
            let Some(up) = self.categories.iter().find(|c| c.id == parent) else {
                break;
            };
            slugs.push(&up.slug);
            parent = up.parent;
        }
        slugs.reverse();
        slugs.join("/")
    }

    /// A category and its descendants (`include_children`).
    pub fn category_family(&self, id: u64) -> Vec<u64> {
        let mut family = vec![id];
        let mut next = 0;
        while next < family.len() {
            let children: Vec<u64> = self
                .categories
                .iter()
                .filter(|c| c.parent == family[next] && !family.contains(&c.id))
                .map(|c| c.id)
                .collect();
            family.extend(children);
            next += 1;
        }
        family
    }

    pub fn media_item(&self, id: u64) -> Option<&Media> {
        self.media.iter().find(|m| m.id == id)
    }
    /// Anonymous visitors see the users with published posts of any type
    /// shown in REST (posts and pages), as `has_published_posts` does.
    pub fn has_published_posts(&self, user: u64) -> bool {
        self.posts
            .iter()
            .chain(&self.pages)
            .any(|p| p.author == user)
    }
}

/// Loads the data file: the site and its seed comments (sorted by id).
pub fn load(path: &Path) -> Result<(Site, Vec<Comment>), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read data file {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `post_content` as `scripts/wordpress/seed.sh` stores it: `blocks` as
/// they are (`{{media:N}}` as N), verbatim `content` in Custom HTML blocks,
/// `paragraphs` in paragraph blocks.
fn raw_content(p: &PostData) -> String {
    if let Some(blocks) = &p.blocks {
        let mut out = String::with_capacity(blocks.len());
        let mut rest = blocks.as_str();
        while let Some(at) = rest.find("{{media:") {
            out.push_str(&rest[..at]);
            let after = &rest[at + "{{media:".len()..];
            match after.find("}}") {
                Some(end) if after[..end].bytes().all(|b| b.is_ascii_digit()) => {
                    out.push_str(&after[..end]);
                    rest = &after[end + 2..];
                }
                _ => {
                    out.push_str("{{media:");
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        return out;
    }
    if let Some(content) = &p.content {
        return content
            .trim_matches('\n')
            .split("\n\n\n\n")
            .map(|chunk| format!("<!-- wp:html -->\n{chunk}\n<!-- /wp:html -->"))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    p.paragraphs
        .iter()
        .map(|para| format!("<!-- wp:paragraph -->\n<p>{para}</p>\n<!-- /wp:paragraph -->"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn entry(kind: Kind, p: PostData) -> Post {
    let raw_content = raw_content(&p);
    let content = p
        .content
        .unwrap_or_else(|| html::render_block_paragraphs(&p.paragraphs));
    let body = Body::stored(content, p.excerpt, raw_content);
    Post {
        kind,
        id: p.id,
        slug: p.slug,
        title: p.title,
        date: p.date,
        modified: p.modified.unwrap_or(p.date),
        author: p.author,
        categories: if kind == Kind::Post {
            p.categories
        } else {
            Vec::new()
        },
        tags: if kind == Kind::Post {
            p.tags
        } else {
            Vec::new()
        },
        featured_media: p.featured_media,
        comment_status: p.comment_status.unwrap_or_else(|| default_status(kind)),
        ping_status: p.ping_status.unwrap_or_else(|| default_status(kind)),
        sticky: p.sticky && kind == Kind::Post,
        password: p.password,
        parent: if kind == Kind::Page { p.parent } else { 0 },
        menu_order: if kind == Kind::Page { p.menu_order } else { 0 },
        body,
    }
}

pub fn parse(text: &str) -> Result<(Site, Vec<Comment>), String> {
    let file: SiteFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let posts: Vec<Post> = file
        .posts
        .into_iter()
        .map(|p| entry(Kind::Post, p))
        .collect();
    let pages: Vec<Post> = file
        .pages
        .into_iter()
        .map(|p| entry(Kind::Page, p))
        .collect();

    let mut comments = file.comments;
    for g in &file.generated_comments {
        for i in 1..=g.count {
            let n = format!("{i:03}");
            let opener = g
                .openers
                .get(i % g.openers.len().max(1))
                .map(String::as_str)
                .unwrap_or("");
            let fill = |t: &str| {
                t.replace("{n}", &n)
                    .replace("{count}", &g.count.to_string())
                    .replace("{opener}", opener)
            };
            comments.push(Comment {
                id: g.first_id + i as u64 - 1,
                post: g.post,
                parent: 0,
                user_id: 0,
                author_name: fill(&g.author_name),
                author_email: fill(&g.author_email),
                author_url: String::new(),
                author_ip: String::new(),
                date: g.start + i as i64 * g.step_minutes * 60,
                content: fill(&g.content),
                status: CommentStatus::Approved,
            });
        }
    }
    comments.sort_by_key(|c| c.id);
    if let Some(w) = comments.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(format!("duplicate comment id {}", w[0].id));
    }
    let mut ids: Vec<u64> = posts.iter().chain(&pages).map(|p| p.id).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("duplicate post id {}", w[0]));
    }
    if let Some(p) = pages
        .iter()
        .find(|p| p.parent != 0 && !pages.iter().any(|up| up.id == p.parent))
    {
        return Err(format!("page {} has no parent {}", p.id, p.parent));
    }
    if let Some(c) = file
        .categories
        .iter()
        .find(|c| c.parent != 0 && !file.categories.iter().any(|up| up.id == c.parent))
    {
        return Err(format!("category {} has no parent {}", c.id, c.parent));
    }
    let icon = file.site.site_icon;
    if icon != 0 && !file.media.iter().any(|m| m.id == icon) {
        return Err(format!("the site icon {icon} is not among the media"));
    }
    Ok((
        Site::new(
            file.site,
            file.users,
            file.categories,
            file.tags,
            file.media,
            posts,
            pages,
        ),
        comments,
    ))
}

/// Gravatar-style avatar URLs, as WordPress builds them: MD5 of the trimmed,
/// lowercased email, on the host `{0,1,2}.gravatar.com` picked by the first
/// hex digit.
pub fn avatar_urls(email: &str) -> AvatarUrls {
    let hash = crate::md5::md5_hex(email.trim().to_lowercase().as_bytes());
    let server = u32::from_str_radix(&hash[..1], 16).unwrap_or(0) % 3;
    let url = |s: u32| format!("http://{server}.gravatar.com/avatar/{hash}?s={s}&d=mm&r=g");
    AvatarUrls {
        s24: url(24),
        s48: url(48),
        s96: url(96),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AvatarUrls {
    #[serde(rename = "24")]
    pub s24: String,
    #[serde(rename = "48")]
    pub s48: String,
    #[serde(rename = "96")]
    pub s96: String,
}
