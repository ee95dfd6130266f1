//! Request parameters the way PHP and the WordPress REST API read them:
//! the last scalar wins, `name[]=…`/`name[0]=…` build lists, list values may
//! also be comma- or space-separated; plus WordPress's argument validation
//! errors and pagination `Link` URLs.

use serde_json::{json, Map, Value};

use crate::wp::WpError;

/// One parameter, keyed by its base name (`post[]` → `post`).
#[derive(Debug, Clone)]
enum Param {
    Scalar(String),
    List(Vec<String>),
}

/// Parameters in first-appearance order.
#[derive(Debug, Clone, Default)]
pub struct Params {
    items: Vec<(String, Param)>,
}

/// A parameter's name and whether it is a list item: `x` (no), `x[]` and
/// `x[0]` (items of `x`), `x[member]` (a member of an object, such as
/// `categories[terms]`: a parameter of its own, named so), `x[member][]`
/// (an item of that member).
fn split_key(key: &str) -> (&str, bool) {
    let Some(open) = key.find('[').filter(|_| key.ends_with(']')) else {
        return (key, false);
    };
    let close = open + key[open..].find(']').unwrap_or(0);
    let inner = &key[open + 1..close];
    if !inner.is_empty() && !inner.bytes().all(|b| b.is_ascii_digit()) {
        let (name, rest) = key.split_at(close + 1);
        return (name, !rest.is_empty());
    }
    (&key[..open], true)
}

impl Params {
    /// Parses an `application/x-www-form-urlencoded` string (query or body).
    pub fn parse(raw: &str) -> Params {
        let mut params = Params::default();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = String::from_utf8_lossy(&percent_decode(key)).into_owned();
            // A value that is not UTF-8 is empty, as `wp_check_invalid_utf8`
            // makes it.
            let value = String::from_utf8(percent_decode(value)).unwrap_or_default();
            params.push(&key, value);
        }
        params
    }

    /// Whether the parameter was given as a list (`name[]=…`).
    pub fn is_list(&self, name: &str) -> bool {
        self.items
            .iter()
            .any(|(k, p)| k == name && matches!(p, Param::List(_)))
    }

    fn push(&mut self, key: &str, value: String) {
        let (base, is_list) = split_key(key);
        let slot = self.items.iter_mut().find(|(k, _)| k == base);
        match (slot, is_list) {
            (Some((_, Param::List(list))), true) => list.push(value),
            (Some((_, p)), true) => *p = Param::List(vec![value]),
            (Some((_, p)), false) => *p = Param::Scalar(value),
            (None, true) => self
                .items
                .push((base.to_string(), Param::List(vec![value]))),
            (None, false) => self.items.push((base.to_string(), Param::Scalar(value))),
        }
    }

    /// The members of a JSON object body, ahead of (replacing) the query
    /// string's parameters of the same name, as `get_param` reads JSON
    /// first: strings as they are, numbers as written, `true` as `1`,
    /// `false` as empty, lists of those as lists; `null` is absent.
    pub fn merge_json(&mut self, body: &serde_json::Map<String, Value>) {
        fn scalar(v: &Value) -> Option<String> {
            match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(true) => Some("1".to_string()),
                Value::Bool(false) => Some(String::new()),
                _ => None,
            }
        }
        for (key, value) in body {
            let param = match value {
                Value::Array(items) => Param::List(items.iter().filter_map(scalar).collect()),
                other => match scalar(other) {
                    Some(s) => Param::Scalar(s),
                    None => continue,
                },
            };
            match self.items.iter_mut().find(|(k, _)| k == key) {
                Some((_, p)) => *p = param,
                None => self.items.push((key.clone(), param)),
            }
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.items.iter().any(|(k, _)| k == name)
    }

    /// A scalar parameter (a list yields its last item).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, p)| match p {
                Param::Scalar(s) => Some(s.as_str()),
                Param::List(l) => l.last().map(String::as_str),
            })
    }

    /// A list parameter (`wp_parse_list`): `a,b`, `a b`, `x[]=a&x[]=b`.
    pub fn list(&self, name: &str) -> Option<Vec<String>> {
        let (_, p) = self.items.iter().find(|(k, _)| k == name)?;
        let raw: Vec<&str> = match p {
            Param::Scalar(s) => vec![s.as_str()],
            Param::List(l) => l.iter().map(String::as_str).collect(),
        };
        Some(
            raw.iter()
                .flat_map(|s| s.split([',', ' ', '\t', '\n', '\r']))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }

    /// The collection URL for another page, as `add_query_arg` builds it from
    /// the sanitised query: list parameters as `name%5B0%5D=…`, `page`
    /// replaced in place or appended.
    pub fn page_url(&self, base: &str, list_params: &[&str], page: usize) -> String {
        let mut parts = Vec::new();
        let mut has_page = false;
        for (name, p) in &self.items {
            if name == "page" {
                has_page = true;
                parts.push(format!("page={page}"));
            } else if BOOL_PARAMS.contains(&name.as_str()) {
                // Sanitised to a boolean, written back as 1 or 0.
                let v = match p {
                    Param::Scalar(s) => s.to_ascii_lowercase(),
                    Param::List(l) => l.last().cloned().unwrap_or_default(),
                };
                // urlencode_deep makes true "1" and false "", and
                // add_query_arg drops the `=` of an empty value.
                if matches!(v.as_str(), "1" | "true") {
                    parts.push(format!("{}=1", urlencode(name)));
                } else {
                    parts.push(urlencode(name));
                }
            } else if list_params.contains(&name.as_str()) {
                for (i, v) in self.list(name).unwrap_or_default().iter().enumerate() {
                    parts.push(format!("{}%5B{i}%5D={}", urlencode(name), urlencode(v)));
                }
            } else {
                let v = match p {
                    Param::Scalar(s) => s.clone(),
                    Param::List(l) => l.last().cloned().unwrap_or_default(),
                };
                // As sanitised (`search` through sanitize_text_field).
                let v = if name == "search" {
                    crate::html::sanitize_text_field(&v)
                } else {
                    v
                };
                // add_query_arg drops the `=` of an empty value.
                if v.is_empty() {
                    parts.push(urlencode(name));
                } else {
                    parts.push(format!("{}={}", urlencode(name), urlencode(&v)));
                }
            }
        }
        if !has_page {
            parts.push(format!("page={page}"));
        }
        format!("{base}?{}", parts.join("&"))
    }
}

/// `application/x-www-form-urlencoded` decoding to bytes: `+` is a space,
/// `%XX` an octet.
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// PHP's `urlencode`.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// PHP's `rest_is_integer` on a string: numeric and integral.
pub fn parse_integer(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(i) = t.parse::<i64>() {
        return Some(i);
    }
    let f: f64 = t.parse().ok()?;
    (f.is_finite() && f.fract() == 0.0 && !t.is_empty() && !t.contains(['i', 'I', 'n', 'N']))
        .then_some(f as i64)
}

/// Collects per-argument errors, then reports them the way
/// `WP_REST_Request::has_valid_params` does.
#[derive(Default)]
pub struct Invalid {
    names: Vec<String>,
    params: Map<String, Value>,
    details: Map<String, Value>,
}

impl Invalid {
    pub fn add(&mut self, param: &str, code: &str, message: String, data: Value) {
        if self.params.contains_key(param) {
            return;
        }
        self.names.push(param.to_string());
        self.params
            .insert(param.to_string(), Value::String(message.clone()));
        self.details.insert(
            param.to_string(),
            json!({"code": code, "message": message, "data": data}),
        );
    }

    pub fn not_integer(&mut self, param: &str) {
        self.add(
            param,
            "rest_invalid_type",
            format!("{param} is not of type integer."),
            json!({"param": param}),
        );
    }

    pub fn not_string(&mut self, param: &str) {
        self.add(
            param,
            "rest_invalid_type",
            format!("{param} is not of type string."),
            json!({"param": param}),
        );
    }

    pub fn into_error(self) -> Option<WpError> {
        if self.names.is_empty() {
            return None;
        }
        Some(
            WpError::new(
                400,
                "rest_invalid_param",
                &format!("Invalid parameter(s): {}", self.names.join(", ")),
            )
            .with_data("params", Value::Object(self.params))
            .with_data("details", Value::Object(self.details)),
        )
    }
}

/// `wp_sprintf_l`: `a and b`, `a, b, and c`.
fn list_sentence(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// Shared validation of collection arguments.
pub struct Collection {
    pub page: usize,
    pub per_page: usize,
}

impl Params {
    /// An optional integer argument with WordPress's bounds messages.
    pub fn int_arg(
        &self,
        name: &str,
        default: i64,
        min: i64,
        max: Option<i64>,
        invalid: &mut Invalid,
    ) -> i64 {
        let Some(raw) = self.get(name) else {
            return default;
        };
        let Some(v) = parse_integer(raw) else {
            invalid.not_integer(name);
            return default;
        };
        let out_of_bounds = v < min || max.is_some_and(|m| v > m);
        if out_of_bounds {
            let message = match max {
                Some(max) => {
                    format!("{name} must be between {min} (inclusive) and {max} (inclusive)")
                }
                None => format!("{name} must be greater than or equal to {min}"),
            };
            invalid.add(name, "rest_out_of_bounds", message, Value::Null);
            return default;
        }
        v
    }

    /// `page` and `per_page` (1..=100, default 10).
    pub fn collection(&self, invalid: &mut Invalid) -> Collection {
        let page = self.int_arg("page", 1, 1, None, invalid);
        let per_page = self.int_arg("per_page", 10, 1, Some(100), invalid);
        Collection {
            page: page.max(1) as usize,
            per_page: per_page.clamp(1, 100) as usize,
        }
    }

    /// An enumerated string argument.
    pub fn enum_arg<'a>(
        &'a self,
        name: &str,
        default: &'a str,
        allowed: &[&str],
        invalid: &mut Invalid,
    ) -> &'a str {
        match self.get(name) {
            None => default,
            Some(v) if allowed.contains(&v) => v,
            Some(_) => {
                invalid.add(
                    name,
                    "rest_not_in_enum",
                    format!("{name} is not one of {}.", list_sentence(allowed)),
                    Value::Null,
                );
                default
            }
        }
    }

    /// A list of integers (`post`, `parent`, `categories`…).
    pub fn int_list(&self, name: &str, invalid: &mut Invalid) -> Option<Vec<i64>> {
        let items = self.list(name)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match parse_integer(item) {
                Some(v) => out.push(v),
                None => {
                    let param = format!("{name}[{i}]");
                    invalid.add(
                        name,
                        "rest_invalid_type",
                        format!("{param} is not of type integer."),
                        json!({"param": param}),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }
}

/// Boolean parameters, spelled `1`/`0` in pagination links.
pub const BOOL_PARAMS: &[&str] = &["sticky", "hide_empty"];

/// A `boolean` argument (`rest_is_boolean`: true, false, 1, 0).
pub fn bool_arg(p: &Params, name: &str, invalid: &mut Invalid) -> Option<bool> {
    let raw = p.get(name)?;
    match raw.to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => {
            invalid.add(
                name,
                "rest_invalid_type",
                format!("{name} is not of type boolean."),
                serde_json::json!({"param": name}),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_style_params() {
        let p = Params::parse("post=6&post=7&parent%5B%5D=2&parent[]=3&x=a,b");
        assert_eq!(p.get("post"), Some("7"));
        assert_eq!(p.list("parent").unwrap(), vec!["2", "3"]);
        assert_eq!(p.list("x").unwrap(), vec!["a", "b"]);
        assert!(!p.has("y"));
    }

    #[test]
    fn page_links_spell_lists_like_wordpress() {
        let p = Params::parse("post=7&per_page=100&page=1");
        assert_eq!(
            p.page_url("http://h/wp-json/wp/v2/comments", &["post"], 2),
            "http://h/wp-json/wp/v2/comments?post%5B0%5D=7&per_page=100&page=2"
        );
        let p = Params::parse("per_page=2&_embed");
        assert_eq!(
            p.page_url("http://h/x", &[], 3),
            "http://h/x?per_page=2&_embed&page=3"
        );
        let p = Params::parse("sticky=true&hide_empty=false&search=");
        assert_eq!(
            p.page_url("http://h/x", &[], 2),
            "http://h/x?sticky=1&hide_empty&search&page=2"
        );
    }

    #[test]
    fn values_that_are_not_utf8_are_empty() {
        let p = Params::parse("search=%FF&slug=%CF%83&x=a+b%2Bc&y");
        assert_eq!(p.get("search"), Some(""));
        assert_eq!(p.get("slug"), Some("σ"));
        assert_eq!(p.get("x"), Some("a b+c"));
        assert_eq!(p.get("y"), Some(""));
    }

    #[test]
    fn integers() {
        assert_eq!(parse_integer("6"), Some(6));
        assert_eq!(parse_integer("6.0"), Some(6));
        assert_eq!(parse_integer("6.5"), None);
        assert_eq!(parse_integer("abc"), None);
        assert_eq!(parse_integer(""), None);
    }

    #[test]
    fn enum_messages() {
        let p = Params::parse("order=up");
        let mut inv = Invalid::default();
        p.enum_arg("order", "desc", &["asc", "desc"], &mut inv);
        let err = inv.into_error().unwrap();
        assert_eq!(err.message, "Invalid parameter(s): order");
        let body = err.body();
        assert_eq!(
            body["data"]["params"]["order"],
            "order is not one of asc and desc."
        );
    }
}
