//! The comment requests a post's conversation is read with, written once:
//! the app sends them (`transport::comments`), and the prerenderer answers
//! them from the comments it read site-wide, as WordPress would, to put the
//! conversation into the article's HTML (and its seed) at build time.
//!
//! The first screen of a post's comments is its first page of top-level
//! comments and every reply (one page of 100), asked for together; when the
//! post has more than 100 replies, the direct replies of the shown comments
//! follow, 100 parents a request ([`CommentQuery::children_of`]).

use crate::data::comment::Comment;
use crate::data::pagination::Paging;
use crate::data::thread::ids_needing_replies;

/// WordPress's largest page.
pub const MAX_PER_PAGE: u32 = 100;

/// One request for some of a post's comments, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentQuery {
    /// A page of the top-level comments.
    TopLevel { page: u32, per_page: u32 },
    /// Every reply, at any depth (the first page of 100).
    Replies,
    /// The direct replies of some comments, a page of 100.
    ChildrenOf { parents: Vec<u64>, page: u32 },
}

impl CommentQuery {
    /// The first screen's two requests.
    pub fn first_screen(per_page: u32) -> [CommentQuery; 2] {
        [
            CommentQuery::TopLevel { page: 1, per_page },
            CommentQuery::Replies,
        ]
    }

    /// The first page of the direct replies of those of `shown` that have
    /// replies, one request per 100 parents (none when no comment has any).
    pub fn children_of(shown: &[Comment], already_requested: &[u64]) -> Vec<CommentQuery> {
        ids_needing_replies(shown, already_requested)
            .chunks(MAX_PER_PAGE as usize)
            .map(|parents| CommentQuery::ChildrenOf {
                parents: parents.to_vec(),
                page: 1,
            })
            .collect()
    }

    /// The REST route (relative to the API base) for `post`'s comments.
    pub fn route(&self, post: u64) -> String {
        let base = format!("wp/v2/comments?post={post}");
        match self {
            CommentQuery::TopLevel { page, per_page } => {
                format!("{base}&parent=0&order=asc&per_page={per_page}&page={page}")
            }
            CommentQuery::Replies => {
                format!("{base}&parent_exclude=0&order=asc&per_page={MAX_PER_PAGE}")
            }
            CommentQuery::ChildrenOf { parents, page } => {
                let ids: Vec<String> = parents.iter().map(u64::to_string).collect();
                format!(
                    "{base}&parent={}&order=asc&per_page={MAX_PER_PAGE}&page={page}",
                    ids.join(",")
                )
            }
        }
    }

    /// What WordPress answers this request with, given every approved
    /// comment of the post (in any order): the page, oldest first (by
    /// `date_gmt`, then id, as `WP_Comment_Query` breaks ties), and the
    /// collection's totals.
    pub fn answer(&self, comments: &[Comment]) -> (Vec<Comment>, Paging) {
        let (page, per_page) = match self {
            CommentQuery::TopLevel { page, per_page } => (*page, *per_page),
            CommentQuery::Replies => (1, MAX_PER_PAGE),
            CommentQuery::ChildrenOf { page, .. } => (*page, MAX_PER_PAGE),
        };
        let per_page = per_page.clamp(1, MAX_PER_PAGE);
        let mut selected: Vec<&Comment> = comments
            .iter()
            .filter(|c| match self {
                CommentQuery::TopLevel { .. } => c.parent == 0,
                CommentQuery::Replies => c.parent != 0,
                CommentQuery::ChildrenOf { parents, .. } => parents.contains(&c.parent),
            })
            .collect();
        selected.sort_by(|a, b| (&a.date_gmt, a.id).cmp(&(&b.date_gmt, b.id)));
        let total = selected.len() as u32;
        let items = selected
            .into_iter()
            .skip((page.max(1) - 1) as usize * per_page as usize)
            .take(per_page as usize)
            .cloned()
            .collect();
        let paging = Paging {
            total,
            total_pages: total.div_ceil(per_page),
        };
        (items, paging)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::comment::{CommentLinks, LinkHref};

    fn c(id: u64, parent: u64, date_gmt: &str) -> Comment {
        Comment {
            id,
            parent,
            date_gmt: date_gmt.into(),
            ..Comment::default()
        }
    }

    fn ids(items: &[Comment]) -> Vec<u64> {
        items.iter().map(|c| c.id).collect()
    }

    #[test]
    fn routes_are_the_apps_requests() {
        let [top, replies] = CommentQuery::first_screen(20);
        assert_eq!(
            top.route(7),
            "wp/v2/comments?post=7&parent=0&order=asc&per_page=20&page=1"
        );
        assert_eq!(
            replies.route(7),
            "wp/v2/comments?post=7&parent_exclude=0&order=asc&per_page=100"
        );
        let children = CommentQuery::ChildrenOf {
            parents: vec![3, 9],
            page: 2,
        };
        assert_eq!(
            children.route(7),
            "wp/v2/comments?post=7&parent=3,9&order=asc&per_page=100&page=2"
        );
    }

    #[test]
    fn answers_as_wordpress_orders_and_pages() {
        // Ties on the date go by id; top-level and replies apart.
        let all = vec![
            c(5, 0, "2024-01-02T00:00:00"),
            c(2, 0, "2024-01-03T00:00:00"),
            c(4, 0, "2024-01-02T00:00:00"),
            c(6, 4, "2024-01-04T00:00:00"),
            c(7, 6, "2024-01-01T00:00:00"),
        ];
        let top = CommentQuery::TopLevel {
            page: 1,
            per_page: 2,
        };
        let (items, paging) = top.answer(&all);
        assert_eq!(ids(&items), vec![4, 5]);
        assert_eq!(
            paging,
            Paging {
                total: 3,
                total_pages: 2
            }
        );
        let second = CommentQuery::TopLevel {
            page: 2,
            per_page: 2,
        };
        assert_eq!(ids(&second.answer(&all).0), vec![2]);
        let past = CommentQuery::TopLevel {
            page: 3,
            per_page: 2,
        };
        assert!(past.answer(&all).0.is_empty());
        let (replies, paging) = CommentQuery::Replies.answer(&all);
        assert_eq!(ids(&replies), vec![7, 6]);
        assert_eq!(paging.total_pages, 1);
        let children = CommentQuery::ChildrenOf {
            parents: vec![4],
            page: 1,
        };
        assert_eq!(ids(&children.answer(&all).0), vec![6]);
        // An empty collection: no pages, as WordPress's headers say.
        assert_eq!(CommentQuery::Replies.answer(&[]).1, Paging::default());
    }

    #[test]
    fn children_are_asked_for_only_where_there_are_replies_100_parents_at_a_time() {
        let with_replies = |id: u64| Comment {
            links: CommentLinks {
                children: vec![LinkHref { href: "x".into() }],
            },
            ..c(id, 0, "")
        };
        let shown: Vec<Comment> = (1..=150).map(with_replies).chain([c(151, 0, "")]).collect();
        let queries = CommentQuery::children_of(&shown, &[]);
        assert_eq!(queries.len(), 2);
        let CommentQuery::ChildrenOf { parents, page } = &queries[1] else {
            panic!("{queries:?}")
        };
        assert_eq!((parents.len(), *page), (50, 1));
        assert!(CommentQuery::children_of(&[c(1, 0, "")], &[]).is_empty());
    }
}
