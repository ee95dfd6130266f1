//! The comments prerendered with their articles: every approved comment,
//! read site-wide in pages of 100 (tens of requests for thousands of
//! comments, not two per post), and each post's first screen answered from
//! them as WordPress answers the app's own requests
//! (`blog_core::data::comment_query`), so the article's HTML carries its
//! conversation and the app's first render is the same.

use std::collections::{BTreeMap, HashSet};

use blog_core::data::comment::{Comment, LinkHref};
use blog_core::data::comment_query::CommentQuery;
use blog_core::data::config::DEFAULT_API_BASE;
use blog_core::data::models::Post;
use blog_core::data::seed::{PageSeed, SeededResponse};

use crate::prerender::api::Api;

/// The route every approved comment is read from, in a stable order (so
/// pages asked for in parallel neither skip nor repeat one). WordPress
/// leaves out the comments of protected posts. Every field a comment is
/// rendered from but its `_links`: without them WordPress skips building
/// each comment's links (a query for its replies each), which halves its
/// answer's time (measured on the contract test's WordPress: 100 → 44 ms a
/// page of 100); which comments have replies is read from the comments
/// themselves instead (`with_reply_links`).
pub const ALL_COMMENTS_ROUTE: &str = "wp/v2/comments?orderby=id&order=asc&_fields=id,post,parent,author,author_name,author_url,date,date_gmt,content,status,link,author_avatar_urls";

/// Approved comments by post.
#[derive(Default)]
pub struct Conversations {
    by_post: BTreeMap<u64, Vec<Comment>>,
}

impl Conversations {
    /// `site`: the site's address as it names itself (`SiteInfo::url`),
    /// which the reply links are written on, as WordPress writes its own:
    /// not the address the build reads the API at, which can change from
    /// one build to the next (and would then render every page with
    /// replies again).
    pub fn read(api: &Api, site: &str) -> Result<Conversations, String> {
        // Read straight into comments: a comment that does not decode
        // fails the read, as an unreadable answer does.
        let comments: Vec<Comment> = api.all(ALL_COMMENTS_ROUTE)?;
        let mut conversations = Conversations::default();
        let root = format!("{}{DEFAULT_API_BASE}", site.trim_end_matches('/'));
        for comment in with_reply_links(comments, &root) {
            conversations.add(comment);
        }
        Ok(conversations)
    }

    pub fn add(&mut self, comment: Comment) {
        self.by_post.entry(comment.post).or_default().push(comment);
    }

    pub fn count(&self) -> usize {
        self.by_post.values().map(Vec::len).sum()
    }

    /// A post's or page's approved comments.
    pub fn of(&self, post: u64) -> &[Comment] {
        self.by_post
            .get(&post)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The seed of `item`'s first screen of comments, with `per_page`
    /// top-level comments: nothing for a page that shows no comments or a
    /// protected post (its comments are read with its password).
    pub fn seed(&self, item: &Post, is_page: bool, per_page: u32) -> PageSeed {
        let mut seed = PageSeed::new();
        if !item.shows_comments(is_page) || item.is_protected() {
            return seed;
        }
        let comments = self
            .by_post
            .get(&item.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut answer = |query: &CommentQuery| {
            let (items, paging) = query.answer(comments);
            let body = serde_json::to_string(&items).unwrap_or_else(|_| "[]".into());
            seed.insert(query.route(item.id), SeededResponse { body, paging });
            (items, paging)
        };
        let [top, replies] = CommentQuery::first_screen(per_page);
        let (top, _) = answer(&top);
        let (_, replies) = answer(&replies);
        // As the app does: past one page of replies, the shown comments' own.
        if replies.total_pages > 1 {
            for query in CommentQuery::children_of(&top, &[]) {
                answer(&query);
            }
        }
        seed
    }
}

/// Marks the comments that have replies as WordPress's `_links.children`
/// does, from the comments read (approved ones: WordPress also counts
/// replies held for moderation, which an anonymous reader's request for
/// them answers with nothing, so the page shows the same).
fn with_reply_links(mut comments: Vec<Comment>, root: &str) -> Vec<Comment> {
    let parents: HashSet<u64> = comments.iter().map(|c| c.parent).collect();
    for comment in &mut comments {
        if parents.contains(&comment.id) {
            comment.links.children = vec![LinkHref {
                href: format!("{root}/wp/v2/comments?parent={}", comment.id),
            }];
        }
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_core::data::comment::CommentLinks;

    fn post(id: u64, status: &str) -> Post {
        Post {
            id,
            comment_status: status.into(),
            ..Post::default()
        }
    }

    fn comment(id: u64, post: u64, parent: u64) -> Comment {
        Comment {
            id,
            post,
            parent,
            date_gmt: format!("2024-01-01T00:00:{:02}", id % 60),
            status: "approved".into(),
            ..Comment::default()
        }
    }

    fn ids(seed: &PageSeed, route: &str) -> Vec<u64> {
        let items: Vec<Comment> = serde_json::from_str(&seed[route].body).unwrap();
        items.iter().map(|c| c.id).collect()
    }

    #[test]
    fn a_posts_first_screen_is_seeded_as_the_app_asks_for_it() {
        let mut all = Conversations::default();
        for c in [
            comment(3, 1, 0),
            comment(1, 1, 0),
            comment(2, 1, 1),
            comment(9, 2, 0),
        ] {
            all.add(c);
        }
        let seed = all.seed(&post(1, "open"), false, 20);
        assert_eq!(seed.len(), 2);
        let [top, replies] = CommentQuery::first_screen(20).map(|q| q.route(1));
        assert_eq!(ids(&seed, &top), vec![1, 3]);
        assert_eq!(seed[&top].paging.total, 2);
        assert_eq!(ids(&seed, &replies), vec![2]);
        // Closed comments still show on a post; no comments is an answer too.
        let none = all.seed(&post(5, "closed"), false, 20);
        assert_eq!(none[&CommentQuery::first_screen(20)[0].route(5)].body, "[]");
        // A page with closed comments shows none; a protected post's are never seeded.
        assert!(all.seed(&post(1, "closed"), true, 20).is_empty());
        let mut protected = post(1, "open");
        protected.content.protected = true;
        assert!(all.seed(&protected, false, 20).is_empty());
    }

    #[test]
    fn comments_with_replies_link_them_and_every_other_field_is_asked_for() {
        let marked = with_reply_links(
            vec![
                comment(1, 1, 0),
                comment(2, 1, 1),
                comment(3, 1, 2),
                comment(4, 1, 0),
            ],
            "https://cms.example/wp-json",
        );
        let replied: Vec<u64> = marked
            .iter()
            .filter(|c| c.has_replies())
            .map(|c| c.id)
            .collect();
        assert_eq!(replied, [1, 2]);
        assert_eq!(
            marked[0].links.children[0].href,
            "https://cms.example/wp-json/wp/v2/comments?parent=1"
        );
        // The route names every field of a comment but its links.
        let fields = ALL_COMMENTS_ROUTE.split("_fields=").nth(1).unwrap();
        let mut asked: Vec<&str> = fields.split(',').collect();
        asked.sort();
        let whole = serde_json::to_value(Comment::default()).unwrap();
        let mut known: Vec<&str> = whole
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "_links")
            .collect();
        known.sort();
        assert_eq!(asked, known);
    }

    #[test]
    fn past_100_replies_the_direct_replies_of_the_shown_comments_are_seeded() {
        let mut all = Conversations::default();
        let mut top = comment(1, 1, 0);
        top.links = CommentLinks {
            children: vec![LinkHref { href: "x".into() }],
        };
        all.add(top);
        for id in 2..=120 {
            all.add(comment(id, 1, if id < 60 { 1 } else { id - 1 }));
        }
        let seed = all.seed(&post(1, "open"), false, 20);
        assert_eq!(seed.len(), 3);
        let children = CommentQuery::ChildrenOf {
            parents: vec![1],
            page: 1,
        };
        assert_eq!(ids(&seed, &children.route(1)).len(), 58);
    }
}
