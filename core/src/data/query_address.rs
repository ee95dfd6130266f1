//! WordPress's plain addresses (`/?p=123`, `/?page_id=2`, `/?cat=5`,
//! `/?tag=reading`, `/?author=3`, `/?m=202305`): the ones a site had before
//! it chose pretty permalinks, the shortlink its pages name
//! (`rel="shortlink"`) and its feeds' guids carry. WordPress still answers
//! them by redirecting to the page's address. A static host cannot read a
//! query, so the build writes where each one leads ([`QueryAddresses`],
//! `query-addresses.json`), and the starter of the page the host serves
//! for them (the home page) looks the query up there and goes on.

use std::collections::BTreeMap;

/// The file the build writes, at the bundle's root.
pub const QUERY_ADDRESSES_FILE: &str = "query-addresses.json";

/// The query variables looked up: the starter fetches the file only when
/// an address has one of them.
pub const QUERY_VARS: [&str; 6] = ["p", "page_id", "cat", "tag", "author", "m"];

/// What a query variable names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryVar<'a> {
    /// `p`: a post or a page by id (WordPress finds either).
    Post(u64),
    /// `page_id`: a page by id.
    Page(u64),
    /// `cat`: a category by id.
    Category(u64),
    /// `tag`: a tag by slug.
    Tag(&'a str),
    /// `author`: an author by id.
    Author(u64),
    /// `m`: a year, month or day, `YYYY`, `YYYYMM` or `YYYYMMDD`.
    Date {
        year: u16,
        month: Option<u8>,
        day: Option<u8>,
    },
}

impl QueryVar<'_> {
    /// `p=123`, as the address's query has it.
    pub fn key(&self) -> String {
        match self {
            QueryVar::Post(id) => format!("p={id}"),
            QueryVar::Page(id) => format!("page_id={id}"),
            QueryVar::Category(id) => format!("cat={id}"),
            // Slugs are lower case; a query's escapes may not be (the
            // starter lowers the value it looks up too).
            QueryVar::Tag(slug) => format!("tag={}", slug.to_lowercase()),
            QueryVar::Author(id) => format!("author={id}"),
            QueryVar::Date { year, month, day } => {
                let mut m = format!("m={year:04}");
                for part in [month, day].into_iter().flatten() {
                    m.push_str(&format!("{part:02}"));
                }
                m
            }
        }
    }
}

/// Where each plain address leads: `p=123` → `/a-post/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryAddresses(BTreeMap<String, String>);

impl QueryAddresses {
    /// The first address given for a key stays (a page's `p=` is not
    /// taken by a post's).
    pub fn add(&mut self, var: QueryVar<'_>, path: &str) {
        self.0.entry(var.key()).or_insert_with(|| path.to_string());
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The file's text: one JSON object, keys in order (the same site
    /// gives the same bytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_as_the_query_writes_them() {
        let cases = [
            (QueryVar::Post(123), "p=123"),
            (QueryVar::Page(2), "page_id=2"),
            (QueryVar::Category(5), "cat=5"),
            (QueryVar::Tag("reading"), "tag=reading"),
            (QueryVar::Author(3), "author=3"),
            (
                QueryVar::Date {
                    year: 2023,
                    month: None,
                    day: None,
                },
                "m=2023",
            ),
            (
                QueryVar::Date {
                    year: 2023,
                    month: Some(5),
                    day: None,
                },
                "m=202305",
            ),
            (
                QueryVar::Date {
                    year: 2023,
                    month: Some(5),
                    day: Some(9),
                },
                "m=20230509",
            ),
        ];
        for (var, key) in cases {
            assert_eq!(var.key(), key);
            let name = key.split('=').next().unwrap();
            assert!(QUERY_VARS.contains(&name), "{name} is not looked up");
        }
    }

    #[test]
    fn the_first_address_of_a_key_stays() {
        let mut map = QueryAddresses::default();
        map.add(QueryVar::Post(7), "/about/");
        map.add(QueryVar::Post(7), "/a-post/");
        map.add(QueryVar::Tag("caf%C3%A9"), "/tag/caf%c3%a9/");
        assert_eq!(map.get("p=7"), Some("/about/"));
        assert_eq!(map.len(), 2);
        assert_eq!(
            map.to_json(),
            r#"{"p=7":"/about/","tag=caf%c3%a9":"/tag/caf%c3%a9/"}"#
        );
    }
}
