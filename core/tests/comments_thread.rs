//! Threads from flat comment lists: order, depth cap, orphans, duplicates,
//! and size (a 10,000-long reply chain, 5,000 comments).

use std::path::Path;
use std::time::{Duration, Instant};

use blog_core::data::comment::{Comment, CommentLinks, LinkHref};
use blog_core::data::thread::{
    build_threads, build_threads_with, can_reply, count, flatten, ids_needing_replies,
    OrphanPolicy, ThreadNode, ThreadOptions, DEFAULT_MAX_DEPTH, MAX_DEPTH_LIMIT,
};

fn c(id: u64, parent: u64, date: &str) -> Comment {
    Comment {
        id,
        parent,
        date: date.to_string(),
        status: "approved".into(),
        ..Comment::default()
    }
}

/// A date that sorts by `n`.
fn d(n: u64) -> String {
    format!(
        "2024-01-01T{:02}:{:02}:{:02}",
        n / 3600 % 24,
        n / 60 % 60,
        n % 60
    )
}

fn shape(nodes: &[ThreadNode]) -> Vec<(usize, u64)> {
    flatten(nodes).into_iter().map(|(d, c)| (d, c.id)).collect()
}

fn fixture_comments(name: &str) -> Vec<Comment> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::from_value(v["body"].clone()).unwrap()
}

/// Every node's depth is its parent's + 1, never above the cap, and nodes at
/// the cap have no children.
fn check_invariants(nodes: &[ThreadNode], max_depth: usize) {
    let mut stack: Vec<(&ThreadNode, usize)> = nodes.iter().map(|n| (n, 1)).collect();
    while let Some((n, expected)) = stack.pop() {
        assert_eq!(n.depth, expected, "comment {}", n.comment.id);
        assert!(n.depth <= max_depth);
        if n.depth == max_depth {
            assert!(n.children.is_empty());
        }
        stack.extend(n.children.iter().map(|c| (c, expected + 1)));
    }
}

#[test]
fn main_post_fixture_builds_the_recorded_threads() {
    // Newest first from the API; oldest first in the thread.
    let comments = fixture_comments("comments-main-post-default.json");
    let t = build_threads(&comments, DEFAULT_MAX_DEPTH);
    assert_eq!(
        shape(&t),
        vec![(1, 2), (2, 3), (3, 4), (1, 5), (1, 6), (1, 7)]
    );
    assert_eq!(t[0].comment.display_author(), "Priya Sharma");
    assert_eq!(t[0].children[0].comment.display_author(), "Nidhi");
    assert_eq!(count(&t), 6);
    check_invariants(&t, DEFAULT_MAX_DEPTH);
}

#[test]
fn ordering_is_by_date_then_id_at_every_level() {
    let list = vec![
        c(10, 0, "2024-01-02T00:00:00"),
        c(3, 0, "2024-01-01T00:00:00"),
        c(2, 0, "2024-01-02T00:00:00"), // same date as 10: lower id first
        c(20, 3, "2024-01-05T00:00:00"),
        c(21, 3, "2024-01-04T00:00:00"),
        c(22, 3, "2024-01-04T00:00:00"),
    ];
    let t = build_threads(&list, 5);
    assert_eq!(
        shape(&t),
        vec![(1, 3), (2, 21), (2, 22), (2, 20), (1, 2), (1, 10)]
    );
}

#[test]
fn depth_cap_table() {
    // A chain 1 → 2 → 3 → 4 → 5 → 6 → 7, plus 8 replying to 3.
    let mut list: Vec<Comment> = (1..=7).map(|i| c(i, i - 1, &d(i))).collect();
    list.push(c(8, 3, &d(8)));
    let cases: &[(usize, &[(usize, u64)])] = &[
        (
            1,
            &[
                (1, 1),
                (1, 2),
                (1, 3),
                (1, 4),
                (1, 5),
                (1, 6),
                (1, 7),
                (1, 8),
            ],
        ),
        (
            2,
            &[
                (1, 1),
                (2, 2),
                (2, 3),
                (2, 4),
                (2, 5),
                (2, 6),
                (2, 7),
                (2, 8),
            ],
        ),
        (
            3,
            &[
                (1, 1),
                (2, 2),
                (3, 3),
                (3, 4),
                (3, 5),
                (3, 6),
                (3, 7),
                (3, 8),
            ],
        ),
        (
            5,
            &[
                (1, 1),
                (2, 2),
                (3, 3),
                (4, 4),
                (5, 5),
                (5, 6),
                (5, 7),
                (4, 8),
            ],
        ),
        (
            10,
            &[
                (1, 1),
                (2, 2),
                (3, 3),
                (4, 4),
                (5, 5),
                (6, 6),
                (7, 7),
                (4, 8),
            ],
        ),
        (
            0,
            &[
                (1, 1),
                (1, 2),
                (1, 3),
                (1, 4),
                (1, 5),
                (1, 6),
                (1, 7),
                (1, 8),
            ],
        ),
    ];
    for (max_depth, expected) in cases {
        let t = build_threads(&list, *max_depth);
        assert_eq!(shape(&t), expected.to_vec(), "max_depth {max_depth}");
        check_invariants(&t, (*max_depth).max(1));
    }
}

#[test]
fn capped_replies_follow_their_parent_like_wordpress() {
    // Cap 2. 1 has replies 2 (old) and 9 (new); 2 has replies 3 and 5; 3 has 4.
    // WordPress shows 3's thread right after 3, then 5, then 9.
    let list = vec![
        c(1, 0, &d(1)),
        c(2, 1, &d(2)),
        c(9, 1, &d(3)),
        c(3, 2, &d(4)),
        c(5, 2, &d(5)),
        c(4, 3, &d(6)),
    ];
    let t = build_threads(&list, 2);
    assert_eq!(
        shape(&t),
        vec![(1, 1), (2, 2), (2, 3), (2, 4), (2, 5), (2, 9)]
    );
}

#[test]
fn orphans_are_top_level_by_default_and_can_be_hidden() {
    let list = vec![
        c(1, 0, &d(1)),
        c(2, 999_999, &d(2)), // parent not loaded / does not exist
        c(3, 2, &d(3)),       // reply to the orphan
        c(4, 0, &d(4)),
    ];
    let t = build_threads(&list, 5);
    assert_eq!(shape(&t), vec![(1, 1), (1, 2), (2, 3), (1, 4)]);

    let hidden = build_threads_with(
        &list,
        ThreadOptions {
            max_depth: 5,
            orphans: OrphanPolicy::Hide,
        },
    );
    assert_eq!(shape(&hidden), vec![(1, 1), (1, 4)]);
    assert_eq!(ThreadOptions::default().orphans, OrphanPolicy::TopLevel);
    assert_eq!(ThreadOptions::default().max_depth, 5);
}

#[test]
fn orphan_threads_are_kept_together_at_depth_one() {
    // With max_depth 1 a thread spans several top-level nodes: the orphan's
    // reply stays right after it even though a root comes between them in time.
    let list = vec![c(1, 0, &d(2)), c(2, 77, &d(1)), c(3, 2, &d(3))];
    let t = build_threads(&list, 1);
    assert_eq!(shape(&t), vec![(1, 2), (1, 3), (1, 1)]);
}

#[test]
fn parent_loops_do_not_lose_comments_or_hang() {
    let list = vec![
        c(1, 3, &d(5)),
        c(2, 1, &d(1)),
        c(3, 2, &d(3)), // 1 → 3 → 2 → 1
        c(4, 2, &d(4)), // hangs below the loop
        c(5, 5, &d(2)), // its own parent
        c(6, 0, &d(6)),
    ];
    let t = build_threads(&list, 5);
    // The loop is entered at its oldest comment (2).
    assert_eq!(
        shape(&t),
        vec![(1, 2), (2, 3), (3, 1), (2, 4), (1, 5), (1, 6)]
    );
    assert_eq!(count(&t), list.len());
}

#[test]
fn duplicates_are_merged_approved_wins() {
    let held = Comment {
        status: "hold".into(),
        author_name: "Held copy".into(),
        ..c(129, 0, &d(5))
    };
    let approved = Comment {
        author_name: "Approved copy".into(),
        ..c(129, 0, &d(5))
    };
    for list in [
        vec![c(1, 0, &d(1)), held.clone(), approved.clone()],
        vec![c(1, 0, &d(1)), approved.clone(), held.clone()],
    ] {
        let t = build_threads(&list, 5);
        assert_eq!(shape(&t), vec![(1, 1), (1, 129)]);
        assert_eq!(t[1].comment.author_name, "Approved copy");
    }
    // Two copies of equal standing: the later one wins.
    let newer = Comment {
        author_name: "Newer".into(),
        ..held.clone()
    };
    let t = build_threads(&[held, newer], 5);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].comment.author_name, "Newer");
    // A whole page twice.
    let page = fixture_comments("comments-main-post-default.json");
    let twice: Vec<Comment> = page.iter().chain(page.iter()).cloned().collect();
    assert_eq!(build_threads(&twice, 5), build_threads(&page, 5));
}

#[test]
fn held_reply_from_the_store_joins_the_fetched_thread() {
    let mut list = fixture_comments("comments-main-post-default.json");
    let posted = fixture_comments_from_body("post-comment-valid-reply-with-parent.json");
    list.push(posted);
    let t = build_threads(&list, 5);
    // 130 replies to 2 and is newer than 3: last child of 2.
    assert_eq!(shape(&t)[..4], [(1, 2), (2, 3), (3, 4), (2, 130)]);
    assert_eq!(t[0].children[1].comment.status, "hold");
}

fn fixture_comments_from_body(name: &str) -> Comment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::from_value(v["body"].clone()).unwrap()
}

#[test]
fn a_10000_long_reply_chain_does_not_overflow() {
    let n = 10_000u64;
    let list: Vec<Comment> = (1..=n).map(|i| c(i, i - 1, &d(i))).collect();
    for max_depth in [DEFAULT_MAX_DEPTH, usize::MAX] {
        let t = build_threads(&list, max_depth);
        let flat = flatten(&t);
        assert_eq!(flat.len(), n as usize);
        let cap = max_depth.min(MAX_DEPTH_LIMIT);
        assert_eq!(flat.last().map(|(depth, c)| (*depth, c.id)), Some((cap, n)));
        assert!(
            flat.iter().map(|(_, c)| c.id).eq(1..=n),
            "display order is the chain"
        );
        check_invariants(&t, cap);
        drop(t);
    }
    // Reversed input order changes nothing.
    let reversed: Vec<Comment> = list.iter().rev().cloned().collect();
    assert_eq!(build_threads(&reversed, 5), build_threads(&list, 5));
}

#[test]
fn five_thousand_comments_are_quick() {
    // 1,000 top-level comments, each with a bushy subtree; input shuffled by a
    // fixed permutation.
    let n = 5_000u64;
    let mut list: Vec<Comment> = (1..=n)
        .map(|i| {
            let parent = if i <= 1_000 {
                0
            } else {
                (i * 7919) % (i - 1) + 1
            };
            c(i, parent, &d(i))
        })
        .collect();
    let len = list.len();
    for i in 0..len {
        list.swap(i, (i * 2_654_435_761) % len);
    }
    let start = Instant::now();
    let t = build_threads(&list, DEFAULT_MAX_DEPTH);
    let elapsed = start.elapsed();
    assert_eq!(count(&t), n as usize);
    assert_eq!(t.len(), 1_000);
    check_invariants(&t, DEFAULT_MAX_DEPTH);
    // Generous even for a debug build on a slow machine.
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    // Oldest first among the top level.
    let ids: Vec<u64> = t.iter().map(|n| n.comment.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn bulk_pages_build_flat_threads() {
    let mut all = fixture_comments("comments-bulk-post-per-page-100-page-1.json");
    all.extend(fixture_comments(
        "comments-bulk-post-per-page-100-page-2.json",
    ));
    all.extend(fixture_comments(
        "comments-bulk-post-per-page-100-page-3-out-of-range.json",
    ));
    let t = build_threads(&all, 5);
    assert_eq!(t.len(), 120);
    let ids: Vec<u64> = t.iter().map(|n| n.comment.id).collect();
    assert_eq!(ids, (9..=128).collect::<Vec<_>>());
}

#[test]
fn reply_links_stop_at_the_cap() {
    let cases = [
        (1, 5, true),
        (4, 5, true),
        (5, 5, false),
        (6, 5, false),
        (1, 1, false),
        (1, 0, false),
        (0, 5, false),
        (2, 3, true),
    ];
    for (depth, max, expected) in cases {
        assert_eq!(can_reply(depth, max), expected, "depth {depth}, max {max}");
    }
}

#[test]
fn which_replies_to_fetch_next() {
    let page = fixture_comments("comments-main-post-default.json");
    // 2 and 3 have `_links.children`.
    assert_eq!(ids_needing_replies(&page, &[]), vec![2, 3]);
    assert_eq!(ids_needing_replies(&page, &[2]), vec![3]);
    assert_eq!(ids_needing_replies(&page, &[2, 3]), Vec::<u64>::new());
    let with_children = Comment {
        links: CommentLinks {
            children: vec![LinkHref { href: "x".into() }],
        },
        ..c(9, 0, &d(1))
    };
    let twice = vec![with_children.clone(), with_children];
    assert_eq!(ids_needing_replies(&twice, &[]), vec![9]);
}

#[test]
fn empty_input() {
    assert!(build_threads(&[], 5).is_empty());
    assert!(flatten(&[]).is_empty());
    assert_eq!(count(&[]), 0);
}

/// The keys the comment list is rendered by: a page of more threads keeps
/// the keys of those shown; a new reply or an approval changes its own
/// thread's key and no other's.
#[test]
fn render_keys_change_only_for_the_thread_that_changed() {
    let keys = |comments: &[Comment]| -> Vec<(u64, u64)> {
        build_threads(comments, DEFAULT_MAX_DEPTH)
            .iter()
            .map(ThreadNode::render_key)
            .collect()
    };
    let first_page = vec![c(1, 0, &d(1)), c(2, 1, &d(2)), c(3, 0, &d(3))];
    let before = keys(&first_page);
    assert_eq!(before.iter().map(|k| k.0).collect::<Vec<_>>(), [1, 3]);

    // "Show more": a new top-level thread after the others.
    let mut more = first_page.clone();
    more.push(c(4, 0, &d(4)));
    let after = keys(&more);
    assert_eq!(&after[..2], &before[..]);
    assert_eq!(after[2].0, 4);

    // A reply deep in thread 1: thread 1's key changes, thread 3's does not.
    let mut replied = first_page.clone();
    replied.push(c(5, 2, &d(5)));
    let after = keys(&replied);
    assert_eq!(after[0].0, 1);
    assert_ne!(after[0], before[0]);
    assert_eq!(after[1], before[1]);

    // The visitor's held reply, then the same reply approved.
    let mut held = first_page.clone();
    held.push(Comment {
        status: "hold".into(),
        ..c(6, 3, &d(6))
    });
    let mut approved = first_page;
    approved.push(c(6, 3, &d(6)));
    let (held, approved) = (keys(&held), keys(&approved));
    assert_eq!(held[0], before[0]);
    assert_ne!(held[1], before[1]);
    assert_ne!(held[1], approved[1]);
    assert_eq!(approved[0], before[0]);
}
