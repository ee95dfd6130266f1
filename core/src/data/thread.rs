//! Threads of comments built from the flat lists the API returns.
//!
//! The UI loads a page of top-level comments, then the replies in batches
//! (`?parent=id1,id2`), and keeps the visitor's own held comments in a local
//! store; [`build_threads`] turns whatever it has into the tree it renders.
//!
//! Rules, after WordPress's `Walker_Comment`:
//!
//! - **Order**: oldest first within each level, by `date` then `id`.
//! - **Depth**: top-level comments are depth 1. A reply that would be deeper
//!   than `max_depth` (WordPress's default `thread_comments_depth` is 5) is
//!   shown at depth `max_depth`, as a sibling of its parent, right after it
//!   (WordPress's "display them at this level" rule: the capped comment's
//!   replies, each followed by its own, in that order), before the parent's
//!   next sibling. A node at `max_depth` therefore never has children.
//!   `max_depth` 0 is read as 1 (one flat level), and values above
//!   [`MAX_DEPTH_LIMIT`] as that limit, which bounds every recursive walk
//!   (`Drop`, `Clone`, `Debug`) of the result.
//! - **Orphans** (a `parent` that is neither `0` nor in the list, or a parent
//!   loop in corrupt data) are shown at the top level by default, so no
//!   comment silently disappears; [`OrphanPolicy::Hide`] drops them and their
//!   replies instead, for a caller that knows their parents are still loading.
//!   (WordPress's own walker hides orphans when threading is on; the
//!   observed API accepts a reply to a parent that does not exist.)
//! - **Duplicates** (the same `id` twice, e.g. from a page and from the held
//!   store) are merged into one: an approved copy wins over a held one,
//!   otherwise the later copy in the slice wins.
//!
//! Building is O(n log n) and iterative: a 10,000-long reply chain is fine.

use std::collections::{HashMap, HashSet};

use crate::data::comment::Comment;

/// WordPress's default `thread_comments_depth`.
pub const DEFAULT_MAX_DEPTH: usize = 5;

/// The deepest nesting [`build_threads`] produces, whatever it is asked
/// (WordPress's settings screen offers at most 10).
pub const MAX_DEPTH_LIMIT: usize = 100;

/// One comment with its replies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadNode {
    pub comment: Comment,
    /// 1 for a top-level comment.
    pub depth: usize,
    /// Replies, oldest first. Empty at `max_depth`.
    pub children: Vec<ThreadNode>,
}

impl ThreadNode {
    /// What the UI keys a rendered thread by: the top comment's id and a
    /// fingerprint of what is drawn inside it (every comment's id, status,
    /// depth and place). Loading more threads leaves the keys of the shown
    /// ones alone, so only the new ones are rendered; a reply arriving, or
    /// a held comment being approved, changes its thread's key alone.
    pub fn render_key(&self) -> (u64, u64) {
        // FNV-1a: small, stable, and no hasher code in the WASM.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut mix = |bytes: &[u8]| {
            for &b in bytes {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            mix(&node.comment.id.to_le_bytes());
            mix(node.comment.status.as_bytes());
            mix(&(node.depth as u64).to_le_bytes());
            mix(&(node.children.len() as u64).to_le_bytes());
            stack.extend(node.children.iter().rev());
        }
        (self.comment.id, hash)
    }
}

/// What to do with a comment whose parent is not in the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OrphanPolicy {
    /// Show it (and its replies) at the top level, in date order.
    #[default]
    TopLevel,
    /// Leave it and its replies out.
    Hide,
}

/// Options of [`build_threads_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadOptions {
    pub max_depth: usize,
    pub orphans: OrphanPolicy,
}

impl Default for ThreadOptions {
    fn default() -> Self {
        ThreadOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            orphans: OrphanPolicy::TopLevel,
        }
    }
}

/// The depth actually used for `max_depth`: at least 1, at most
/// [`MAX_DEPTH_LIMIT`].
pub fn effective_max_depth(max_depth: usize) -> usize {
    max_depth.clamp(1, MAX_DEPTH_LIMIT)
}

/// Builds the threads, orphans at the top level. See the module docs.
pub fn build_threads(comments: &[Comment], max_depth: usize) -> Vec<ThreadNode> {
    build_threads_with(
        comments,
        ThreadOptions {
            max_depth,
            orphans: OrphanPolicy::TopLevel,
        },
    )
}

/// One comment's place in display order.
struct Entry {
    /// Index into the deduplicated comments.
    comment: usize,
    depth: usize,
    /// The entry it is displayed under; `None` at the top level.
    parent: Option<usize>,
    /// The comment the walk that laid it out started from (orders the
    /// top level by thread).
    thread: usize,
}

/// Builds the threads with explicit options. See the module docs.
pub fn build_threads_with(comments: &[Comment], options: ThreadOptions) -> Vec<ThreadNode> {
    let max_depth = effective_max_depth(options.max_depth);
    let unique = dedupe(comments);
    let n = unique.len();
    let index: HashMap<u64, usize> = unique.iter().enumerate().map(|(i, c)| (c.id, i)).collect();

    // Children by parent; the top level is parent 0, plus orphans if shown.
    let mut parent_of: Vec<Option<usize>> = vec![None; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots: Vec<usize> = Vec::new();
    let mut orphans: Vec<usize> = Vec::new();
    for (i, c) in unique.iter().enumerate() {
        match index.get(&c.parent) {
            _ if c.parent == 0 => roots.push(i),
            Some(&p) if p != i => {
                parent_of[i] = Some(p);
                children[p].push(i);
            }
            _ => orphans.push(i), // unknown parent, or its own parent
        }
    }
    let order = SortKey(&unique);
    for list in children.iter_mut() {
        order.sort(list);
    }

    let mut walker = Walker {
        children: &children,
        visited: vec![false; n],
        max_depth,
        entries: Vec::with_capacity(n),
    };
    order.sort(&mut roots);
    walker.walk_from(&roots);
    if options.orphans == OrphanPolicy::TopLevel {
        order.sort(&mut orphans);
        walker.walk_from(&orphans);
        // Whatever is still unvisited belongs to a parent loop (A→B→A) or
        // hangs below one: follow parents to the loop and enter it at its
        // oldest comment. Each comment is followed at most once, so O(n).
        let mut seen_in = vec![usize::MAX; n];
        for x in 0..n {
            if walker.visited[x] {
                continue;
            }
            let mut cur = x;
            while seen_in[cur] != x {
                seen_in[cur] = x;
                match parent_of[cur] {
                    Some(p) => cur = p,
                    None => break, // not reached: unvisited comments have parents
                }
            }
            let mut start = cur;
            let mut k = cur;
            while let Some(p) = parent_of[k] {
                if p == cur {
                    break;
                }
                if order.key(p) < order.key(start) {
                    start = p;
                }
                k = p;
            }
            walker.walk_from(&[start]);
        }
    }

    assemble(&unique, walker.entries)
}

/// Oldest first: by `date`, then `id`.
struct SortKey<'a>(&'a [&'a Comment]);

impl SortKey<'_> {
    fn key(&self, i: usize) -> (&str, u64) {
        (self.0[i].date.as_str(), self.0[i].id)
    }

    fn sort(&self, list: &mut [usize]) {
        list.sort_unstable_by(|&a, &b| self.key(a).cmp(&self.key(b)));
    }
}

/// Lays comments out in display order.
struct Walker<'a> {
    children: &'a [Vec<usize>],
    visited: Vec<bool>,
    max_depth: usize,
    entries: Vec<Entry>,
}

impl Walker<'_> {
    /// Appends each start (at the top level) and everything below it, in
    /// pre-order, without recursion.
    fn walk_from(&mut self, starts: &[usize]) {
        for &start in starts {
            // The stack holds (comment, depth, display parent); children are
            // pushed in reverse so the oldest comes out first.
            let mut stack = vec![(start, 1usize, None::<usize>)];
            while let Some((i, depth, parent)) = stack.pop() {
                if self.visited[i] {
                    continue;
                }
                self.visited[i] = true;
                let me = self.entries.len();
                self.entries.push(Entry {
                    comment: i,
                    depth,
                    parent,
                    thread: start,
                });
                // Below the cap, replies nest under this entry; at the cap
                // they follow it as siblings.
                let (child_depth, child_parent) = if depth < self.max_depth {
                    (depth + 1, Some(me))
                } else {
                    (depth, parent)
                };
                for &c in self.children[i].iter().rev() {
                    if !self.visited[c] {
                        stack.push((c, child_depth, child_parent));
                    }
                }
            }
        }
    }
}

/// Turns display entries into nested nodes, bottom-up (no recursion). The
/// top level is put in thread order: roots, orphans and loops were walked
/// separately, and at `max_depth` 1 a thread spans several top-level nodes,
/// which stay together in walk order. The threads are ordered with
/// `SortKey::sort` (each thread's first comment is unique), not a stable
/// sort of the nodes: one sort instantiation less in every WASM bundle.
fn assemble(unique: &[&Comment], entries: Vec<Entry>) -> Vec<ThreadNode> {
    let mut pending: Vec<Vec<ThreadNode>> = Vec::new();
    pending.resize_with(entries.len(), Vec::new);
    // The top-level nodes of each thread, by the thread's first comment.
    let mut by_thread: Vec<Vec<ThreadNode>> = Vec::new();
    by_thread.resize_with(unique.len(), Vec::new);
    let mut threads: Vec<usize> = Vec::new();
    for (e, entry) in entries.iter().enumerate().rev() {
        let mut kids = std::mem::take(&mut pending[e]);
        kids.reverse();
        let node = ThreadNode {
            comment: unique[entry.comment].clone(),
            depth: entry.depth,
            children: kids,
        };
        match entry.parent {
            Some(p) => pending[p].push(node),
            None => {
                if by_thread[entry.thread].is_empty() {
                    threads.push(entry.thread);
                }
                by_thread[entry.thread].push(node);
            }
        }
    }
    SortKey(unique).sort(&mut threads);
    let mut top = Vec::with_capacity(entries.len());
    for t in threads {
        let nodes = std::mem::take(&mut by_thread[t]);
        // Collected from the last entry back: walk order is the reverse.
        top.extend(nodes.into_iter().rev());
    }
    top
}

/// One comment per id: an approved copy beats a held one, otherwise the
/// later copy wins. Keeps first-seen order.
fn dedupe(comments: &[Comment]) -> Vec<&Comment> {
    let mut slot: HashMap<u64, usize> = HashMap::with_capacity(comments.len());
    let mut unique: Vec<&Comment> = Vec::with_capacity(comments.len());
    for c in comments {
        match slot.get(&c.id) {
            Some(&s) => {
                if c.is_approved() || !unique[s].is_approved() {
                    unique[s] = c;
                }
            }
            None => {
                slot.insert(c.id, unique.len());
                unique.push(c);
            }
        }
    }
    unique
}

/// The comments in display order with their depth (pre-order, iterative).
pub fn flatten(nodes: &[ThreadNode]) -> Vec<(usize, &Comment)> {
    let mut out = Vec::new();
    let mut stack: Vec<&ThreadNode> = nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        out.push((node.depth, &node.comment));
        stack.extend(node.children.iter().rev());
    }
    out
}

/// The number of comments in `nodes`, replies included.
pub fn count(nodes: &[ThreadNode]) -> usize {
    let mut total = 0;
    let mut stack: Vec<&ThreadNode> = nodes.iter().collect();
    while let Some(node) = stack.pop() {
        total += 1;
        stack.extend(node.children.iter());
    }
    total
}

/// Whether a comment shown at `depth` gets a Reply link: only below the cap,
/// as WordPress's `get_comment_reply_link()` (`max_depth <= depth` → none).
pub fn can_reply(depth: usize, max_depth: usize) -> bool {
    depth >= 1 && depth < effective_max_depth(max_depth)
}

/// The ids whose replies still need fetching: comments WordPress marks as
/// having replies (`_links.children`) that are not in `already_requested`.
/// Sorted and without repeats, ready to be chunked into `?parent=…` requests.
pub fn ids_needing_replies(comments: &[Comment], already_requested: &[u64]) -> Vec<u64> {
    let done: HashSet<u64> = already_requested.iter().copied().collect();
    let mut ids: Vec<u64> = comments
        .iter()
        .filter(|c| c.id != 0 && c.has_replies() && !done.contains(&c.id))
        .map(|c| c.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: u64, parent: u64, date: &str) -> Comment {
        Comment {
            id,
            parent,
            date: date.to_string(),
            status: "approved".into(),
            ..Comment::default()
        }
    }

    fn shape(nodes: &[ThreadNode]) -> Vec<(usize, u64)> {
        flatten(nodes).into_iter().map(|(d, c)| (d, c.id)).collect()
    }

    #[test]
    fn nests_and_orders() {
        let list = vec![
            c(3, 1, "2023-01-03"),
            c(1, 0, "2023-01-01"),
            c(2, 0, "2023-01-02"),
            c(4, 1, "2023-01-02"),
        ];
        let t = build_threads(&list, 5);
        assert_eq!(shape(&t), vec![(1, 1), (2, 4), (2, 3), (1, 2)]);
    }

    #[test]
    fn cap_puts_deeper_replies_after_their_parent() {
        // 1 → 2 → 3 → {4 → 6, 5}; cap 2.
        let list = vec![
            c(1, 0, "a"),
            c(2, 1, "b"),
            c(3, 2, "c"),
            c(4, 3, "d"),
            c(5, 3, "e"),
            c(6, 4, "f"),
            c(7, 1, "g"),
        ];
        let t = build_threads(&list, 2);
        assert_eq!(
            shape(&t),
            vec![(1, 1), (2, 2), (2, 3), (2, 4), (2, 6), (2, 5), (2, 7)]
        );
        assert!(t[0].children.iter().all(|n| n.children.is_empty()));
    }

    #[test]
    fn loops_and_self_parents_are_kept() {
        let list = vec![c(1, 2, "b"), c(2, 1, "a"), c(3, 3, "c")];
        let t = build_threads(&list, 5);
        assert_eq!(shape(&t), vec![(1, 2), (2, 1), (1, 3)]);
        let hidden = build_threads_with(
            &list,
            ThreadOptions {
                max_depth: 5,
                orphans: OrphanPolicy::Hide,
            },
        );
        assert!(hidden.is_empty());
    }
}
