//! `_fields` (`rest_filter_response_fields`), on every successful REST
//! answer, the way WordPress 6.1 applies it:
//!
//! - the list is split on commas and whitespace (`wp_parse_list`) and made a
//!   tree (`title.rendered` → `title` → `rendered`); a field under one that
//!   is already wanted whole stops the parsing of the rest of the list (the
//!   `break 2` in WordPress, so `title,title.rendered,slug` keeps only
//!   `title`);
//! - a collection's items carry their `_links` in their data, so `_links` is
//!   filtered like any field, and only the relations left are embedded;
//! - a single item's links live outside its data: they are sent whole when
//!   `_links` (or `_embedded`, with `_embed`) is among the fields, else not
//!   at all; `_embedded` follows them;
//! - the index's links (`help`, `up`) are always sent;
//! - members keep the object's order, not the list's; an item left with no
//!   member is `[]` (PHP's empty array).
//!
//! Bodies are re-read as [`OVal`], a JSON value that keeps its members in
//! order (`serde_json::Value` would sort them).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A JSON value whose objects keep their members in order.
#[derive(Debug, Clone, PartialEq)]
pub enum OVal {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<OVal>),
    Object(Vec<(String, OVal)>),
}

impl OVal {
    pub fn get(&self, key: &str) -> Option<&OVal> {
        match self {
            OVal::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn take(&mut self, key: &str) -> Option<OVal> {
        match self {
            OVal::Object(members) => {
                let at = members.iter().position(|(k, _)| k == key)?;
                Some(members.remove(at).1)
            }
            _ => None,
        }
    }

    fn push(&mut self, key: &str, value: OVal) {
        if let OVal::Object(members) = self {
            members.push((key.to_string(), value));
        }
    }
}

impl Serialize for OVal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OVal::Null => s.serialize_unit(),
            OVal::Bool(b) => s.serialize_bool(*b),
            OVal::Number(n) => n.serialize(s),
            OVal::String(v) => s.serialize_str(v),
            OVal::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            // PHP sends an empty array for an object left with no member.
            OVal::Object(members) if members.is_empty() => s.serialize_seq(Some(0))?.end(),
            OVal::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for OVal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OVal, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OVal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<OVal, E> {
                Ok(OVal::Null)
            }
            fn visit_none<E>(self) -> Result<OVal, E> {
                Ok(OVal::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<OVal, E> {
                Ok(OVal::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<OVal, E> {
                Ok(OVal::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<OVal, E> {
                Ok(OVal::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<OVal, E> {
                Ok(serde_json::Number::from_f64(v).map_or(OVal::Null, OVal::Number))
            }
            fn visit_str<E>(self, v: &str) -> Result<OVal, E> {
                Ok(OVal::String(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<OVal, E> {
                Ok(OVal::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OVal, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OVal::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OVal, A::Error> {
                let mut members = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, OVal>()? {
                    members.push((k, v));
                }
                Ok(OVal::Object(members))
            }
        }
        d.deserialize_any(V)
    }
}

/// The wanted fields as a tree.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    All,
    Some(Vec<(String, Node)>),
}

impl Node {
    fn child(&self, key: &str) -> Option<&Node> {
        match self {
            Node::All => Some(&Node::All),
            Node::Some(children) => children.iter().find(|(k, _)| k == key).map(|(_, n)| n),
        }
    }

    /// `rest_is_field_included`: the field itself or something under it.
    fn includes(&self, key: &str) -> bool {
        self.child(key).is_some()
    }
}

/// `wp_parse_list` + the tree of `rest_filter_response_fields`; `None` when
/// the list is empty (no filtering).
fn parse(fields: &str) -> Option<Node> {
    let list: Vec<&str> = fields
        .split([',', ' ', '\t', '\n', '\r', '\x0B', '\x0C'])
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if list.is_empty() {
        return None;
    }
    let mut root: Vec<(String, Node)> = Vec::new();
    'fields: for field in list {
        let parts: Vec<&str> = field.split('.').collect();
        let (last, path) = parts.split_last().unwrap_or((&"", &[]));
        let mut level = &mut root;
        for part in path {
            let at = match level.iter().position(|(k, _)| k == part) {
                Some(at) => at,
                None => {
                    level.push((part.to_string(), Node::Some(Vec::new())));
                    level.len() - 1
                }
            };
            match &mut level[at].1 {
                // WordPress's `break 2`: the rest of the list is ignored.
                Node::All => break 'fields,
                Node::Some(children) => level = children,
            }
        }
        match level.iter_mut().find(|(k, _)| k == last) {
            Some((_, node)) => *node = Node::All,
            None => level.push((last.to_string(), Node::All)),
        }
    }
    Some(Node::Some(root))
}

/// `_rest_array_intersect_key_recursive`.
fn intersect(value: OVal, node: &Node) -> OVal {
    let Node::Some(children) = node else {
        return value;
    };
    match value {
        OVal::Object(members) => OVal::Object(
            members
                .into_iter()
                .filter_map(|(k, v)| {
                    let child = children.iter().find(|(c, _)| *c == k)?;
                    Some((k, intersect(v, &child.1)))
                })
                .collect(),
        ),
        // A PHP list is an array keyed 0, 1, …
        OVal::Array(items) => OVal::Array(
            items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let child = children.iter().find(|(c, _)| *c == i.to_string())?;
                    Some(intersect(v, &child.1))
                })
                .collect(),
        ),
        scalar => scalar,
    }
}

/// What kind of body a successful answer has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A list of items, each with its `_links` in its data.
    Collection,
    /// One item (its links outside its data).
    Item,
    /// The index or a namespace index (links always added).
    Index,
}

/// Keeps the embedded relations whose link is still there.
fn prune_embedded(item: &mut OVal, embedded: Option<OVal>) {
    let Some(OVal::Object(rels)) = embedded else {
        return;
    };
    let kept: Vec<(String, OVal)> = match item.get("_links") {
        Some(links) => rels
            .into_iter()
            .filter(|(rel, _)| links.get(rel).is_some())
            .collect(),
        None => Vec::new(),
    };
    if !kept.is_empty() {
        item.push("_embedded", OVal::Object(kept));
    }
}

fn filter_item(mut item: OVal, tree: &Node, shape: Shape, embed: bool) -> OVal {
    let embedded = item.take("_embedded");
    match shape {
        Shape::Collection => {
            let mut out = intersect(item, tree);
            prune_embedded(&mut out, embedded);
            out
        }
        Shape::Item | Shape::Index => {
            let links = item.take("_links");
            let mut out = intersect(item, tree);
            let with_links = shape == Shape::Index
                || tree.includes("_links")
                || (embed && tree.includes("_embedded"));
            if with_links {
                if let Some(links) = links {
                    out.push("_links", links);
                    if let Some(e) = embedded.filter(|_| embed) {
                        out.push("_embedded", e);
                    }
                }
            }
            out
        }
    }
}

/// The body filtered by `_fields`; `None` when there is nothing to do (no
/// list, or a body that is not JSON).
pub fn apply(body: &[u8], fields: &str, shape: Shape, embed: bool) -> Option<Vec<u8>> {
    let tree = parse(fields)?;
    let value: OVal = serde_json::from_slice(body).ok()?;
    let out = match (shape, value) {
        (Shape::Collection, OVal::Array(items)) => OVal::Array(
            items
                .into_iter()
                .map(|item| filter_item(item, &tree, shape, embed))
                .collect(),
        ),
        (_, value) => filter_item(value, &tree, shape, embed),
    };
    serde_json::to_vec(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str, fields: &str, shape: Shape, embed: bool) -> String {
        String::from_utf8(apply(body.as_bytes(), fields, shape, embed).unwrap()).unwrap()
    }

    const POST: &str = r#"{"id":6,"slug":"s","title":{"rendered":"T"},"content":{"rendered":"C","protected":false},"_links":{"self":[{"href":"h"}],"author":[{"embeddable":true,"href":"a"}]},"_embedded":{"author":[{"id":2}]}}"#;

    #[test]
    fn keeps_the_objects_order_and_nested_members() {
        let list = format!("[{POST}]");
        assert_eq!(
            run(&list, "content.protected,id", Shape::Collection, false),
            r#"[{"id":6,"content":{"protected":false}}]"#
        );
        assert_eq!(run(&list, "nothing", Shape::Collection, false), "[[]]");
        assert_eq!(
            run(&list, "slug _links.author", Shape::Collection, true),
            r#"[{"slug":"s","_links":{"author":[{"embeddable":true,"href":"a"}]},"_embedded":{"author":[{"id":2}]}}]"#
        );
        // Only the relations left in `_links` are embedded.
        assert_eq!(
            run(&list, "slug,_links.self", Shape::Collection, true),
            r#"[{"slug":"s","_links":{"self":[{"href":"h"}]}}]"#
        );
        assert!(apply(b"[]", " , ", Shape::Collection, false).is_none());
    }

    #[test]
    fn a_wanted_parent_stops_the_list() {
        assert_eq!(
            run(POST, "title,title.rendered,slug", Shape::Item, false),
            r#"{"title":{"rendered":"T"}}"#
        );
    }

    #[test]
    fn single_items_send_their_links_whole_or_not_at_all() {
        assert_eq!(run(POST, "id", Shape::Item, true), r#"{"id":6}"#);
        let with_links = run(POST, "id,_links.self", Shape::Item, false);
        assert!(
            with_links.contains(r#""author":[{"embeddable""#),
            "{with_links}"
        );
        assert!(!with_links.contains("_embedded"));
        assert_eq!(run(POST, "id,_embedded", Shape::Item, false), r#"{"id":6}"#);
        assert!(run(POST, "id,_embedded", Shape::Item, true).contains(r#""_embedded":{"#));
        let index = r#"{"name":"N","description":"D","_links":{"help":[]}}"#;
        assert_eq!(
            run(index, "name", Shape::Index, false),
            r#"{"name":"N","_links":{"help":[]}}"#
        );
    }
}
