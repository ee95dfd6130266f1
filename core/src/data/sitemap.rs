//! `/sitemap.xml` (the sitemaps.org protocol) and the `Sitemap:` line of
//! `robots.txt`.
//!
//! One file holds at most 50,000 URLs and 50 MB; past that, `/sitemap.xml`
//! becomes a sitemap index naming parts (`/sitemap-1.xml`, …), each with
//! the newest `lastmod` of its URLs.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::data::feed::{escape, UtcDateTime};

/// The protocol's limits for one sitemap file.
pub const MAX_URLS: usize = 50_000;
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// The type hosts must send a sitemap with.
pub const SITEMAP_CONTENT_TYPE: &str = "application/xml; charset=UTF-8";

/// The file at the sitemap's well-known address.
pub const SITEMAP_FILE: &str = "sitemap.xml";

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One URL of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Absolute.
    pub loc: String,
    pub lastmod: Option<UtcDateTime>,
}

/// How much one file may hold (the protocol's by default; smaller in tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            urls: MAX_URLS,
            bytes: MAX_BYTES,
        }
    }
}

/// A file to write at the root of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// `sitemap.xml`, `sitemap-1.xml`…
    pub name: String,
    pub xml: String,
}

/// The sitemap files for `entries` (a URL given twice counts once, with the
/// first `lastmod` given), published at `site_url`: one `sitemap.xml`
/// `urlset` if they fit `limits`, else `sitemap.xml` as an index and the
/// parts it names.
pub fn files(entries: &[Entry], site_url: &str, limits: Limits) -> Vec<File> {
    let mut seen = HashSet::new();
    let urls: Vec<(String, Option<UtcDateTime>)> = entries
        .iter()
        .filter(|e| seen.insert(e.loc.as_str()))
        .map(|e| (url_element(&e.loc, e.lastmod), e.lastmod))
        .collect();

    let head = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{NS}\">\n");
    let foot = "</urlset>\n";
    let mut parts: Vec<Vec<&(String, Option<UtcDateTime>)>> = vec![Vec::new()];
    let mut bytes = head.len() + foot.len();
    for url in &urls {
        let part = parts.last_mut().filter(|p| {
            !p.is_empty() && (p.len() >= limits.urls.max(1) || bytes + url.0.len() > limits.bytes)
        });
        if part.is_some() {
            parts.push(Vec::new());
            bytes = head.len() + foot.len();
        }
        bytes += url.0.len();
        if let Some(p) = parts.last_mut() {
            p.push(url);
        }
    }
    let urlset = |part: &[&(String, Option<UtcDateTime>)]| {
        let mut xml = head.clone();
        for (element, _) in part {
            xml.push_str(element);
        }
        xml.push_str(foot);
        xml
    };
    if parts.len() == 1 {
        return vec![File {
            name: SITEMAP_FILE.to_string(),
            xml: urlset(&parts[0]),
        }];
    }
    let site = site_url.trim_end_matches('/');
    let mut index =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{NS}\">\n");
    let mut out = vec![];
    for (i, part) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        let newest = part.iter().filter_map(|(_, lastmod)| *lastmod).max();
        let _ = write!(
            index,
            "\t<sitemap><loc>{}</loc>",
            escape(&format!("{site}/{name}"))
        );
        if let Some(date) = newest {
            let _ = write!(index, "<lastmod>{}</lastmod>", date.w3c());
        }
        index.push_str("</sitemap>\n");
        out.push(File {
            name,
            xml: urlset(part),
        });
    }
    index.push_str("</sitemapindex>\n");
    out.insert(
        0,
        File {
            name: SITEMAP_FILE.to_string(),
            xml: index,
        },
    );
    out
}

fn url_element(loc: &str, lastmod: Option<UtcDateTime>) -> String {
    match lastmod {
        Some(date) => format!(
            "\t<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(loc),
            date.w3c()
        ),
        None => format!("\t<url><loc>{}</loc></url>\n", escape(loc)),
    }
}

/// The newest of some WordPress GMT dates (`modified_gmt`), for a list
/// page's `lastmod`; dates that do not read are left out.
pub fn newest<'a>(dates: impl IntoIterator<Item = &'a str>) -> Option<UtcDateTime> {
    dates.into_iter().filter_map(UtcDateTime::parse).max()
}

/// `robots.txt` naming the sitemap: `existing` (the bundle's own rules)
/// with any `Sitemap:` line replaced by one for `sitemap_url`, so a second
/// build gives the same file.
pub fn robots_txt(existing: &str, sitemap_url: &str) -> String {
    let kept: Vec<&str> = existing
        .lines()
        .filter(|l| {
            !l.trim_start()
                .get(..8)
                .is_some_and(|k| k.eq_ignore_ascii_case("sitemap:"))
        })
        .collect();
    let rules = kept.join("\n");
    let rules = rules.trim_end();
    let line = format!("Sitemap: {}", sitemap_url.trim());
    if rules.is_empty() {
        format!("{line}\n")
    } else {
        format!("{rules}\n\n{line}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize, date: &str) -> Entry {
        Entry {
            loc: format!("https://blog.example/post-{i}/"),
            lastmod: UtcDateTime::parse(date),
        }
    }

    fn locs(xml: &str) -> Vec<(String, Option<String>)> {
        let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(NS), "{xml}");
        root.children()
            .filter(|n| n.is_element())
            .map(|n| {
                let text = |name: &str| {
                    n.children()
                        .find(|c| c.has_tag_name((NS, name)))
                        .and_then(|c| c.text())
                        .map(str::to_string)
                };
                (text("loc").unwrap_or_default(), text("lastmod"))
            })
            .collect()
    }

    #[test]
    fn one_file_while_it_fits() {
        let entries = [
            entry(1, "2023-03-14T05:30:00"),
            Entry {
                loc: "https://blog.example/?a=1&b=<2>".into(),
                lastmod: None,
            },
            entry(1, "2024-01-01T00:00:00"),
        ];
        let out = files(&entries, "https://blog.example/", Limits::default());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].name, "sitemap.xml");
        assert!(out[0].xml.contains("<urlset"));
        assert_eq!(
            locs(&out[0].xml),
            [
                (
                    "https://blog.example/post-1/".to_string(),
                    Some("2023-03-14T05:30:00+00:00".to_string())
                ),
                ("https://blog.example/?a=1&b=<2>".to_string(), None),
            ]
        );
        // No URL at all is still a valid (empty) sitemap.
        let empty = files(&[], "https://blog.example", Limits::default());
        assert_eq!(locs(&empty[0].xml), []);
    }

    #[test]
    fn past_the_limit_an_index_names_the_parts() {
        let entries: Vec<Entry> = (1..=7)
            .map(|i| entry(i, &format!("2023-01-0{i}T00:00:00")))
            .collect();
        let out = files(
            &entries,
            "https://blog.example/",
            Limits {
                urls: 3,
                bytes: MAX_BYTES,
            },
        );
        let names: Vec<&str> = out.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(out[0].xml.contains("<sitemapindex"));
        assert_eq!(
            locs(&out[0].xml),
            [
                (
                    "https://blog.example/sitemap-1.xml".to_string(),
                    Some("2023-01-03T00:00:00+00:00".to_string())
                ),
                (
                    "https://blog.example/sitemap-2.xml".to_string(),
                    Some("2023-01-06T00:00:00+00:00".to_string())
                ),
                (
                    "https://blog.example/sitemap-3.xml".to_string(),
                    Some("2023-01-07T00:00:00+00:00".to_string())
                ),
            ]
        );
        let all: Vec<String> = out[1..]
            .iter()
            .flat_map(|f| locs(&f.xml))
            .map(|(l, _)| l)
            .collect();
        let want: Vec<String> = entries.iter().map(|e| e.loc.clone()).collect();
        assert_eq!(all, want);
        assert_eq!(locs(&out[3].xml).len(), 1);
        // Exactly at the limit: one file.
        let out = files(
            &entries[..3],
            "https://blog.example",
            Limits {
                urls: 3,
                bytes: MAX_BYTES,
            },
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn parts_stay_under_the_byte_limit() {
        let entries: Vec<Entry> = (1..=20).map(|i| entry(i, "2023-01-01T00:00:00")).collect();
        let limits = Limits {
            urls: MAX_URLS,
            bytes: 400,
        };
        let out = files(&entries, "https://blog.example", limits);
        assert!(out.len() > 2);
        for part in &out[1..] {
            assert!(part.xml.len() <= limits.bytes, "{} bytes", part.xml.len());
            assert!(!locs(&part.xml).is_empty());
        }
        let count: usize = out[1..].iter().map(|f| locs(&f.xml).len()).sum();
        assert_eq!(count, 20);
        // A URL longer than the limit still gets a part of its own.
        let tiny = Limits {
            urls: 10,
            bytes: 10,
        };
        assert_eq!(files(&entries[..2], "https://blog.example", tiny).len(), 3);
    }

    #[test]
    fn newest_of_dates() {
        assert_eq!(
            newest(["2023-01-01T00:00:00", "", "2024-02-03T04:05:06", "nope"]).map(|d| d.w3c()),
            Some("2024-02-03T04:05:06+00:00".to_string())
        );
        assert_eq!(newest([]), None);
    }

    #[test]
    fn robots_names_the_sitemap_once() {
        let url = "https://blog.example/sitemap.xml";
        let once = robots_txt("User-agent: *\nAllow: /\n", url);
        assert_eq!(
            once,
            "User-agent: *\nAllow: /\n\nSitemap: https://blog.example/sitemap.xml\n"
        );
        assert_eq!(robots_txt(&once, url), once);
        assert_eq!(
            robots_txt(
                "User-agent: *\nsitemap: http://old/s.xml\nDisallow: /x\n\n\n",
                url
            ),
            "User-agent: *\nDisallow: /x\n\nSitemap: https://blog.example/sitemap.xml\n"
        );
        assert_eq!(
            robots_txt("", url),
            "Sitemap: https://blog.example/sitemap.xml\n"
        );
    }
}
