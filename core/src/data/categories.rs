//! Categories nest (Practice Notes › Reading lists). On WordPress a
//! category's archive and feed list its descendants' posts too (its query
//! includes children), and a category with no posts of its own still has
//! an archive when a descendant has some (`get_terms` keeps such parents).

use std::collections::HashMap;

use crate::data::models::Term;

/// Each category's family: its own id and its descendants', as read from
/// the categories' `parent` (a cycle or a missing parent ends a line).
pub fn families(categories: &[Term]) -> HashMap<u64, Vec<u64>> {
    let parent: HashMap<u64, u64> = categories.iter().map(|t| (t.id, t.parent)).collect();
    let mut out: HashMap<u64, Vec<u64>> = categories.iter().map(|t| (t.id, vec![t.id])).collect();
    for t in categories {
        // Up from each category: it belongs to every ancestor's family.
        let mut at = t.parent;
        let mut seen = vec![t.id];
        while at != 0 && !seen.contains(&at) {
            if let Some(family) = out.get_mut(&at) {
                family.push(t.id);
            }
            seen.push(at);
            at = parent.get(&at).copied().unwrap_or(0);
        }
    }
    out
}

/// The categories that have an archive: those with posts of their own, and
/// their ancestors.
pub fn with_posts(categories: Vec<Term>) -> Vec<Term> {
    let families = families(&categories);
    let count: HashMap<u64, u64> = categories.iter().map(|t| (t.id, t.count)).collect();
    categories
        .into_iter()
        .filter(|t| {
            families.get(&t.id).is_some_and(|family| {
                family
                    .iter()
                    .any(|id| count.get(id).copied().unwrap_or(0) > 0)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: u64, parent: u64, count: u64) -> Term {
        Term {
            id,
            parent,
            count,
            slug: format!("c{id}"),
            ..Term::default()
        }
    }

    #[test]
    fn a_family_is_the_category_and_every_descendant() {
        let cats = [term(1, 0, 1), term(2, 1, 0), term(3, 2, 4), term(4, 0, 2)];
        let families = families(&cats);
        let sorted = |id| {
            let mut f = families[&id].clone();
            f.sort();
            f
        };
        assert_eq!(sorted(1), [1, 2, 3]);
        assert_eq!(sorted(2), [2, 3]);
        assert_eq!(sorted(3), [3]);
        assert_eq!(sorted(4), [4]);
    }

    #[test]
    fn a_cycle_or_a_missing_parent_ends_the_line() {
        let families = families(&[term(1, 2, 0), term(2, 1, 0), term(3, 99, 0)]);
        assert_eq!(families[&1].len(), 2);
        assert_eq!(families[&2].len(), 2);
        assert_eq!(families[&3], [3]);
    }

    #[test]
    fn a_parent_without_posts_of_its_own_keeps_its_archive() {
        let kept: Vec<u64> = with_posts(vec![
            term(1, 0, 0),
            term(2, 1, 3),
            term(3, 0, 0),
            term(4, 3, 0),
        ])
        .iter()
        .map(|t| t.id)
        .collect();
        assert_eq!(kept, [1, 2]);
    }
}
