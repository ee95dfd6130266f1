//! Loading a post's comments without loading them all.
//!
//! A page of top-level comments and the post's replies are asked for at the
//! same time (two requests, one round trip). When the post has at most 100
//! replies, that is every reply and the threads are complete. Past that, the
//! first screen adds one request, the direct replies of the shown comments
//! (`parent=id,id,...`), and the deeper levels follow after it is shown, one
//! batched request per level, never one per comment.

use blog_core::data::comment::{Comment, NewComment};
use blog_core::data::comment_query::{CommentQuery, MAX_PER_PAGE};
use blog_core::data::error::ApiError;
use blog_core::data::pagination::Paging;
use blog_core::data::query::encode_component;
use blog_core::data::thread::ids_needing_replies;
use futures::future::join;

use crate::transport::client::{get_fresh, peek, post_json, Page};

/// Whose conversation: a post, and the password a protected post was
/// unlocked with (WordPress answers for its comments only with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentsOf {
    pub post: u64,
    pub password: Option<String>,
}

impl CommentsOf {
    /// A protected post's comments are read with its password as a query
    /// parameter, the one way WordPress answers such a read across origins:
    /// a POST read (`_method=GET`, as the unlocking request is sent) fails
    /// its CORS preflight there, because WordPress answers the preflight as
    /// the GET itself, which without the password is a 401. The password is
    /// still never in the page's address, storage or the cache.
    async fn get(&self, route: &str) -> Result<Page<Vec<Comment>>, ApiError> {
        match &self.password {
            None => get_fresh(route).await,
            Some(password) => {
                let route = format!("{route}&password={}", encode_component(password));
                get_fresh(&route).await
            }
        }
    }
}

/// A loaded slice of the conversation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommentBatch {
    pub comments: Vec<Comment>,
    /// Paging of the top-level comments.
    pub top_paging: Paging,
    /// Replies on the post, all levels (from `X-WP-Total`).
    pub reply_total: u32,
    /// Whether every reply of the post is already in hand.
    pub replies_complete: bool,
    /// Replies whose own replies are still to fetch (see [`load_deeper`]).
    pub frontier: Vec<Comment>,
}

/// The first screen: top-level page 1 and the post's replies, in parallel.
pub async fn load_first(of: &CommentsOf, per_page: u32) -> Result<CommentBatch, ApiError> {
    let post = of.post;
    let [top, replies] = CommentQuery::first_screen(per_page).map(|q| q.route(post));
    let (top, replies) = join(of.get(&top), of.get(&replies)).await;
    let (top, replies) = (top?, replies?);
    let frontier = if complete(&replies) {
        Vec::new()
    } else {
        // The third and last request of the first screen.
        one_level(of, &ids_needing_replies(&top.items, &[])).await?
    };
    Ok(CommentBatch::first_screen(top, replies, frontier))
}

/// The first screen as a prerendered page carries it (the same requests,
/// answered at build time), for the first render; `None` when the page
/// has no such seed (the app then loads it). Only ever for a post read
/// without a password: a protected post's comments are never seeded.
pub fn seeded_first(of: &CommentsOf, per_page: u32) -> Option<CommentBatch> {
    if of.password.is_some() {
        return None;
    }
    let post = of.post;
    let [top, replies] = CommentQuery::first_screen(per_page);
    let top: Page<Vec<Comment>> = peek(&top.route(post))?;
    let replies: Page<Vec<Comment>> = peek(&replies.route(post))?;
    let mut frontier = Vec::new();
    if !complete(&replies) {
        for query in CommentQuery::children_of(&top.items, &[]) {
            let level: Page<Vec<Comment>> = peek(&query.route(post))?;
            if level.paging.total_pages > 1 {
                return None;
            }
            frontier.extend(level.items);
        }
    }
    Some(CommentBatch::first_screen(top, replies, frontier))
}

/// Whether one page of replies holds every reply of the post.
fn complete(replies: &Page<Vec<Comment>>) -> bool {
    replies.paging.total_pages <= 1
}

impl CommentBatch {
    /// The first screen from its answers: the top-level page, the post's
    /// replies and, when those are more than one page, the direct replies
    /// of the shown comments (`frontier`, whose own replies follow later).
    fn first_screen(
        top: Page<Vec<Comment>>,
        replies: Page<Vec<Comment>>,
        frontier: Vec<Comment>,
    ) -> CommentBatch {
        let replies_complete = complete(&replies);
        let mut comments = top.items;
        if replies_complete {
            comments.extend(replies.items);
        } else {
            comments.extend(frontier.iter().cloned());
        }
        CommentBatch {
            comments,
            top_paging: top.paging,
            reply_total: replies.paging.total,
            replies_complete,
            frontier,
        }
    }
}

/// The replies below `frontier`, all levels, after the first screen.
pub async fn load_deeper(
    of: &CommentsOf,
    frontier: Vec<Comment>,
) -> Result<Vec<Comment>, ApiError> {
    replies_of(of, &frontier).await
}

/// A further page of top-level comments (and, unless every reply is already
/// known, their replies).
pub async fn load_page(
    of: &CommentsOf,
    page: u32,
    per_page: u32,
    replies_complete: bool,
) -> Result<CommentBatch, ApiError> {
    let top = of
        .get(&CommentQuery::TopLevel { page, per_page }.route(of.post))
        .await?;
    let mut comments = top.items;
    if !replies_complete {
        let shown = comments.clone();
        comments.extend(replies_of(of, &shown).await?);
    }
    Ok(CommentBatch {
        comments,
        top_paging: top.paging,
        reply_total: 0,
        replies_complete,
        frontier: Vec::new(),
    })
}

/// Every reply below `shown`, one batched request per level (and per 100
/// parents). WordPress marks comments that have replies in `_links.children`,
/// so levels without replies cost nothing.
async fn replies_of(of: &CommentsOf, shown: &[Comment]) -> Result<Vec<Comment>, ApiError> {
    let mut found = Vec::new();
    let mut requested: Vec<u64> = Vec::new();
    let mut level: Vec<Comment> = shown.to_vec();
    // The depth cap bounds the loop even if the data loops.
    for _ in 0..blog_core::data::thread::DEFAULT_MAX_DEPTH * 2 {
        let parents = ids_needing_replies(&level, &requested);
        if parents.is_empty() {
            break;
        }
        requested.extend(&parents);
        let next = one_level(of, &parents).await?;
        found.extend(next.iter().cloned());
        level = next;
    }
    Ok(found)
}

/// The direct replies of `parents`: one request per 100 parents (and per
/// 100 replies).
async fn one_level(of: &CommentsOf, parents: &[u64]) -> Result<Vec<Comment>, ApiError> {
    let mut next = Vec::new();
    for chunk in parents.chunks(MAX_PER_PAGE as usize) {
        let mut page = 1;
        loop {
            let query = CommentQuery::ChildrenOf {
                parents: chunk.to_vec(),
                page,
            };
            let batch = of.get(&query.route(of.post)).await?;
            let done = batch.items.is_empty() || page >= batch.paging.total_pages;
            next.extend(batch.items);
            if done {
                break;
            }
            page += 1;
        }
    }
    Ok(next)
}

/// `POST /wp/v2/comments`; the 201 body on success. A protected post's
/// password goes along in the body, as WordPress asks.
pub async fn send(comment: &NewComment, password: Option<&str>) -> Result<String, ApiError> {
    match password {
        None => post_json("wp/v2/comments", comment).await,
        Some(password) => {
            let mut body =
                serde_json::to_value(comment).map_err(|e| ApiError::Malformed(e.to_string()))?;
            body["password"] = password.into();
            post_json("wp/v2/comments", &body).await
        }
    }
}
