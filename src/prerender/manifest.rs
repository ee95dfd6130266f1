//! What a build made from what, kept in `dist/.prerender/`, so that `make
//! dist` run again over the same `dist/` for the same API asks WordPress
//! only for what can have changed, and renders, writes and compresses only
//! the pages whose inputs changed.
//!
//! - `manifest.json`: the WordPress site and the published address, a fingerprint of the
//!   template (the app's shell: its asset addresses, inline scripts and
//!   config block) and of the terms and authors posts embed, and every
//!   file written with the fingerprint of what it was made from.
//! - `items.json`: the posts and pages as the API gave them, to be reused
//!   where their `modified_gmt` (and, for posts, `sticky`) has not moved.
//!
//! Another WordPress site, address, template or set of terms, or a
//! manifest that does not read, means a full build. Nothing here touches the network or the disk:
//! `bin/prerender.rs` does, and the decisions are tested natively.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

/// The folder in `dist/` (the host never needs to serve it: `_redirects`
/// answers it with 404).
pub const DIR: &str = ".prerender";
pub const MANIFEST_FILE: &str = "manifest.json";
pub const ITEMS_FILE: &str = "items.json";

/// Bumped when what a build writes changes shape.
const VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// The WordPress site address it was read from (not the API's URL: a
    /// build may reach the same site at another address).
    pub site: String,
    pub site_url: String,
    pub template: String,
    pub terms: String,
    /// Every file written (relative to `dist/`, `/`-separated) → what it
    /// was made from.
    pub files: BTreeMap<String, FileEntry>,
}

/// One file a build wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// The fingerprint of its inputs (empty for files written every build).
    #[serde(default)]
    pub fingerprint: String,
    /// The origins its images and media load from (for the CSP).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<String>,
}

/// The posts and pages a build read, as the API gave them: kept as their
/// JSON text (an item's text is a third of its parsed tree's size, and a
/// big site holds thousands), read into a `Post` when a page needs it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Items {
    pub posts: Vec<Item>,
    pub pages: Vec<Item>,
}

/// One post or page as the API gave it.
pub type Item = Box<RawValue>;

/// The top-level fields of an item, their values left as text (owned keys:
/// a key with an escape cannot be borrowed).
fn fields_of(item: &RawValue) -> BTreeMap<String, &RawValue> {
    serde_json::from_str(item.get()).unwrap_or_default()
}

/// An item's `id`.
pub fn id_of(item: &RawValue) -> Option<u64> {
    #[derive(Deserialize)]
    struct Id {
        id: u64,
    }
    serde_json::from_str::<Id>(item.get()).ok().map(|i| i.id)
}

impl Manifest {
    pub fn new(site: &str, site_url: &str, template: &str) -> Manifest {
        Manifest {
            version: VERSION,
            site: site.to_string(),
            site_url: site_url.to_string(),
            template: template.to_string(),
            ..Manifest::default()
        }
    }

    /// Whether a build that publishes at `site_url` with `template` can
    /// reuse what this one made (the crawl checks the site itself).
    pub fn matches(&self, site_url: &str, template: &str) -> bool {
        self.version == VERSION && self.site_url == site_url && self.template == template
    }

    /// Whether `file` was written from exactly `fingerprint`.
    pub fn unchanged(&self, file: &str, fingerprint: &str) -> bool {
        self.files
            .get(file)
            .is_some_and(|f| !f.fingerprint.is_empty() && f.fingerprint == fingerprint)
    }

    /// The files the previous build wrote that this one did not: their
    /// pages are gone (trashed, unpublished, made private, renamed).
    pub fn gone<'a>(&'a self, now: &'a Manifest) -> impl Iterator<Item = &'a String> + 'a {
        self.files.keys().filter(|f| !now.files.contains_key(*f))
    }
}

/// A stable 64-bit fingerprint (FNV-1a) of some bytes, as hex.
pub fn fingerprint(parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain([0xffu8].iter()) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Which items of a collection can be reused: `light` is the collection
/// now, in the API's order, with only `id` and the `fields` that move when
/// an item changes; `previous` the items a build kept. Returns, in `light`'s
/// order, each id with the reused item or `None` where it must be fetched
/// again, and the ids to fetch.
#[allow(clippy::type_complexity)]
pub fn reuse(
    previous: Vec<Item>,
    light: &[Value],
    fields: &[&str],
) -> (Vec<(u64, Option<Item>)>, Vec<u64>) {
    let mut kept: BTreeMap<u64, Item> = previous
        .into_iter()
        .filter_map(|item| Some((id_of(&item)?, item)))
        .collect();
    let mut order = Vec::with_capacity(light.len());
    let mut fetch = Vec::new();
    let mut seen = BTreeSet::new();
    for now in light {
        let Some(id) = now.get("id").and_then(Value::as_u64) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        let same = |old: &RawValue| {
            let old = fields_of(old);
            fields.iter().all(|f| {
                let was = old
                    .get(*f)
                    .and_then(|v| serde_json::from_str::<Value>(v.get()).ok());
                was.as_ref() == now.get(f)
            })
        };
        if kept.get(&id).is_some_and(|old| same(old)) {
            order.push((id, kept.remove(&id)));
        } else {
            order.push((id, None));
            fetch.push(id);
        }
    }
    (order, fetch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_build_is_reused_only_for_the_same_address_and_template() {
        let m = Manifest::new("http://wp", "https://blog", "t1");
        assert!(m.matches("https://blog", "t1"));
        assert!(!m.matches("https://elsewhere", "t1"));
        assert!(!m.matches("https://blog", "t2"));
        let old = Manifest {
            version: 0,
            ..m.clone()
        };
        assert!(!old.matches("https://blog", "t1"));
    }

    #[test]
    fn pages_gone_since_the_last_build_are_found() {
        let entry = |f: &str| FileEntry {
            fingerprint: f.into(),
            origins: Vec::new(),
        };
        let mut before = Manifest::new("a", "b", "c");
        before.files.insert("a/index.html".into(), entry("1"));
        before.files.insert("b/index.html".into(), entry("2"));
        before.files.insert("feed/index.xml".into(), entry(""));
        let mut now = Manifest::new("a", "b", "c");
        now.files.insert("b/index.html".into(), entry("3"));
        now.files.insert("c/index.html".into(), entry("4"));
        now.files.insert("feed/index.xml".into(), entry(""));
        assert_eq!(before.gone(&now).collect::<Vec<_>>(), ["a/index.html"]);
        assert!(before.unchanged("a/index.html", "1"));
        assert!(!before.unchanged("b/index.html", "3"));
        assert!(!before.unchanged("c/index.html", "4"));
        assert!(!before.unchanged("feed/index.xml", ""));
    }

    #[test]
    fn only_new_edited_or_restuck_items_are_fetched_again() {
        let previous: Vec<Item> = [
            json!({"id": 1, "modified_gmt": "2023-01-01T00:00:00", "sticky": false, "content": "one"}),
            json!({"id": 2, "modified_gmt": "2023-01-02T00:00:00", "sticky": false, "content": "two"}),
            json!({"id": 3, "modified_gmt": "2023-01-03T00:00:00", "sticky": false, "content": "three"}),
            json!({"id": 4, "modified_gmt": "2023-01-04T00:00:00", "sticky": false, "content": "four"}),
        ]
        .iter()
        .map(|v| RawValue::from_string(v.to_string()).unwrap())
        .collect();
        // 5 is new, 3 was edited, 2 was made sticky (which moves no date),
        // 4 is gone (trashed); the order is the API's.
        let light = vec![
            json!({"id": 5, "modified_gmt": "2023-02-01T00:00:00", "sticky": false}),
            json!({"id": 3, "modified_gmt": "2023-02-02T00:00:00", "sticky": false}),
            json!({"id": 2, "modified_gmt": "2023-01-02T00:00:00", "sticky": true}),
            json!({"id": 1, "modified_gmt": "2023-01-01T00:00:00", "sticky": false}),
            json!({"id": 1, "modified_gmt": "2023-01-01T00:00:00", "sticky": false}),
        ];
        let (order, fetch) = reuse(previous, &light, &["modified_gmt", "sticky"]);
        assert_eq!(fetch, [5, 3, 2]);
        assert_eq!(order.len(), 4);
        let kept: Value = serde_json::from_str(order[3].1.as_ref().unwrap().get()).unwrap();
        assert_eq!(kept["content"], "one");
        assert_eq!(
            order.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            [5, 3, 2, 1]
        );
        assert!(order[..3].iter().all(|(_, item)| item.is_none()));
        // A first build keeps nothing.
        let (order, fetch) = reuse(Vec::new(), &light, &["modified_gmt"]);
        assert_eq!((order.len(), fetch), (4, vec![5, 3, 2, 1]));
    }

    #[test]
    fn fingerprints_are_stable_and_separate_their_parts() {
        assert_eq!(fingerprint(&[b"abc"]), fingerprint(&[b"abc"]));
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
        assert_eq!(fingerprint(&[b""]).len(), 16);
    }
}
