//! The site's RSS 2.0 feeds (`/feed/`, `/category/<slug>/feed/`), written as
//! WordPress writes its own (`wp-includes/feed-rss2.php`), and the XML and
//! date primitives they and the sitemap (`crate::data::sitemap`) share.
//!
//! Nothing here sanitises HTML: an item's `content:encoded` is handed in
//! already through the pages' allowlist (the prerenderer's native walk), so
//! a feed reader gets exactly the markup a reader of the page gets.

use std::fmt::Write as _;

use crate::data::entities::decode_entities;
use crate::data::models::Post;

/// Items per feed: WordPress's default `posts_per_rss` (the app's config has
/// no setting of its own for it).
pub const FEED_ITEMS: usize = 10;

/// What WordPress writes as the excerpt of a post behind a password (its
/// title says `Protected: `, its content is left out).
pub const PROTECTED_EXCERPT: &str = "There is no excerpt because this is a protected post.";

/// The type hosts must send a feed with.
pub const RSS_CONTENT_TYPE: &str = "application/rss+xml; charset=UTF-8";

// --- XML text -------------------------------------------------------------

/// Whether XML 1.0 allows `c` in a document at all (its `Char` production):
/// other C0 controls, U+FFFE and U+FFFF cannot even be written as references,
/// so they are dropped.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` as XML character data or a double-quoted attribute value: `&`, `<`,
/// `>` and `"` escaped, characters XML forbids dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| is_xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` in a CDATA section (markup stays readable, as WordPress writes
/// `content:encoded`). A `]]>` in `s` would end the section, so it is split
/// across two: `]]` ends one, `>` starts the next. Forbidden characters are
/// dropped, as in [`escape`].
pub fn cdata(s: &str) -> String {
    let clean: String = s.chars().filter(|&c| is_xml_char(c)).collect();
    format!("<![CDATA[{}]]>", clean.replace("]]>", "]]]]><![CDATA[>"))
}

// --- Dates ------------------------------------------------------------------

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An instant in UTC, to the second. Fields in order of significance, so
/// the derived order is the chronological one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UtcDateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl UtcDateTime {
    /// Reads WordPress's `date_gmt` / `modified_gmt` (`2023-03-14T05:30:00`:
    /// no zone, meaning UTC). Also takes a space for the `T` (MySQL's
    /// form), fractions of a second (ignored), `Z`, or an offset
    /// (`+05:30`, `-0800`), which is taken off. WordPress's empty date
    /// (`0000-00-00T00:00:00`, a draft's) and anything else that is no
    /// date are `None`.
    pub fn parse(s: &str) -> Option<UtcDateTime> {
        let s = s.trim();
        let num = |from: usize, len: usize| -> Option<u32> {
            let part = s.get(from..from + len)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        if s.get(4..5)? != "-" || s.get(7..8)? != "-" {
            return None;
        }
        let (mut hour, mut minute, mut second, mut rest) = (0, 0, 0, &s[10..]);
        if !rest.is_empty() {
            if !matches!(s.get(10..11)?, "T" | "t" | " ") || s.get(13..14)? != ":" {
                return None;
            }
            hour = num(11, 2)?;
            minute = num(14, 2)?;
            rest = &s[16..];
            if rest.starts_with(':') {
                second = num(17, 2)?;
                rest = &s[19..];
            }
            if let Some(fraction) = rest.strip_prefix('.') {
                let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return None;
                }
                rest = &fraction[digits..];
            }
        }
        let offset_minutes: i64 = match rest {
            "" | "Z" | "z" => 0,
            zone => {
                let sign = match zone.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let digits: String = zone[1..].chars().filter(|&c| c != ':').collect();
                if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let (h, m): (i64, i64) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
                if h > 23 || m > 59 {
                    return None;
                }
                sign * (h * 60 + m)
            }
        };
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year as i32, month as u8)
            && hour < 24
            && minute < 60
            && second < 60;
        if !valid {
            return None;
        }
        let local = UtcDateTime {
            year: year as i32,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
        };
        Some(if offset_minutes == 0 {
            local
        } else {
            UtcDateTime::from_unix(local.unix() - offset_minutes * 60)
        })
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    fn from_unix(t: i64) -> UtcDateTime {
        let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        UtcDateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    /// RFC 822 (with RFC 1123's four-digit year), as RSS 2.0 wants it and
    /// WordPress writes it: `Tue, 14 Mar 2023 05:30:00 +0000`.
    pub fn rfc822(&self) -> String {
        let weekday = (days_from_civil(self.year, self.month, self.day) + 4).rem_euclid(7);
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
            WEEKDAYS[weekday as usize],
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year,
            self.hour,
            self.minute,
            self.second
        )
    }

    /// W3C Datetime (an ISO 8601 profile), as sitemaps want it and WordPress
    /// writes it: `2023-03-14T05:30:00+00:00`.
    pub fn w3c(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

// --- The feed ---------------------------------------------------------------

/// One post in a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// Plain text.
    pub title: String,
    /// The frontend's address of the post.
    pub link: String,
    pub creator: String,
    pub published: Option<UtcDateTime>,
    /// For the channel's `lastBuildDate`.
    pub modified: Option<UtcDateTime>,
    /// Category and tag names, plain text, each once.
    pub categories: Vec<String>,
    /// WordPress's own identifier of the post (`https://…/?p=5`).
    pub guid: String,
    /// The excerpt, plain text.
    pub description: String,
    /// The content, already sanitised; empty for a protected post.
    pub content_html: String,
}

impl Item {
    /// A post as a feed item; `link` is where the frontend publishes it and
    /// `sanitize` puts its content through the pages' allowlist (not called
    /// for a post behind a password, whose feed item carries no content).
    pub fn from_post(post: &Post, link: &str, sanitize: impl FnOnce(&str) -> String) -> Item {
        let protected = post.is_protected() || post.excerpt.protected;
        let mut categories: Vec<String> = Vec::new();
        for term in post.categories().into_iter().chain(post.tags()) {
            let name = term.display_name();
            if !name.trim().is_empty() && !categories.contains(&name) {
                categories.push(name);
            }
        }
        let guid = decode_entities(post.guid.rendered.trim());
        // WordPress's own feed titles it as its pages do (the REST API
        // leaves the prefix out).
        let title = if protected {
            format!("Protected: {}", post.display_title())
        } else {
            post.display_title()
        };
        Item {
            title,
            link: link.to_string(),
            creator: post.author_name().unwrap_or_default(),
            published: UtcDateTime::parse(&post.date_gmt),
            modified: UtcDateTime::parse(&post.modified_gmt),
            categories,
            guid: if guid.is_empty() {
                link.to_string()
            } else {
                guid
            },
            description: if protected {
                PROTECTED_EXCERPT.to_string()
            } else {
                post.plain_excerpt()
            },
            content_html: if protected {
                String::new()
            } else {
                sanitize(&post.content.rendered)
            },
        }
    }
}

/// A whole feed: the site's, or one category's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Channel {
    /// Plain text: the site's name (`Site » Category` for a category).
    pub title: String,
    /// The site's address (WordPress links every feed's channel to it).
    pub link: String,
    /// Plain text: the site's tagline.
    pub description: String,
    /// `en`, `en-US`…
    pub language: String,
    /// The feed's own absolute address (`atom:link rel="self"`).
    pub self_url: String,
    pub items: Vec<Item>,
    /// When set, the channel's `lastBuildDate` whatever its items (a
    /// comments feed's: the site's newest comment, as WordPress's
    /// `get_lastcommentmodified`).
    pub built: Option<UtcDateTime>,
}

impl Channel {
    /// When the feed last changed: its newest item's last change (as
    /// WordPress's `get_feed_build_date`), so the same content gives the
    /// same bytes whenever it is built.
    pub fn last_build(&self) -> Option<UtcDateTime> {
        if self.built.is_some() {
            return self.built;
        }
        self.items
            .iter()
            .filter_map(|i| i.modified.max(i.published))
            .max()
    }

    /// The feed as RSS 2.0, with WordPress's namespaces (`content:encoded`,
    /// `dc:creator`, `atom:link`, `sy:`).
    pub fn to_xml(&self) -> String {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <rss version=\"2.0\"\n\
             \txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n\
             \txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
             \txmlns:atom=\"http://www.w3.org/2005/Atom\"\n\
             \txmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">\n\
             <channel>\n",
        );
        let _ = writeln!(x, "\t<title>{}</title>", escape(&self.title));
        let _ = writeln!(
            x,
            "\t<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\" />",
            escape(&self.self_url)
        );
        let _ = writeln!(x, "\t<link>{}</link>", escape(&self.link));
        let _ = writeln!(
            x,
            "\t<description>{}</description>",
            escape(&self.description)
        );
        if let Some(date) = self.last_build() {
            let _ = writeln!(x, "\t<lastBuildDate>{}</lastBuildDate>", date.rfc822());
        }
        if !self.language.is_empty() {
            let _ = writeln!(x, "\t<language>{}</language>", escape(&self.language));
        }
        x.push_str("\t<sy:updatePeriod>hourly</sy:updatePeriod>\n");
        x.push_str("\t<sy:updateFrequency>1</sy:updateFrequency>\n");
        for item in &self.items {
            x.push_str("\t<item>\n");
            let _ = writeln!(x, "\t\t<title>{}</title>", escape(&item.title));
            let _ = writeln!(x, "\t\t<link>{}</link>", escape(&item.link));
            if !item.creator.is_empty() {
                let _ = writeln!(x, "\t\t<dc:creator>{}</dc:creator>", cdata(&item.creator));
            }
            if let Some(date) = item.published {
                let _ = writeln!(x, "\t\t<pubDate>{}</pubDate>", date.rfc822());
            }
            for category in &item.categories {
                let _ = writeln!(x, "\t\t<category>{}</category>", cdata(category));
            }
            let _ = writeln!(
                x,
                "\t\t<guid isPermaLink=\"false\">{}</guid>",
                escape(&item.guid)
            );
            let _ = writeln!(
                x,
                "\t\t<description>{}</description>",
                cdata(&item.description)
            );
            let _ = writeln!(
                x,
                "\t\t<content:encoded>{}</content:encoded>",
                cdata(&item.content_html)
            );
            x.push_str("\t</item>\n");
        }
        x.push_str("</channel>\n</rss>\n");
        x
    }
}

/// The `limit` newest of `posts` (by `date_gmt`; WordPress's feeds ignore
/// sticky posts), newest first; equal dates keep their order.
pub fn newest<'a>(posts: impl IntoIterator<Item = &'a Post>, limit: usize) -> Vec<&'a Post> {
    let mut posts: Vec<&Post> = posts.into_iter().collect();
    posts.sort_by_key(|p| std::cmp::Reverse(UtcDateTime::parse(&p.date_gmt)));
    posts.truncate(limit);
    posts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> UtcDateTime {
        UtcDateTime::parse(s).unwrap_or_else(|| panic!("{s:?} should parse"))
    }

    #[test]
    fn dates_in_rfc822_and_w3c() {
        let d = parse("2023-03-14T05:30:00");
        assert_eq!(d.rfc822(), "Tue, 14 Mar 2023 05:30:00 +0000");
        assert_eq!(d.w3c(), "2023-03-14T05:30:00+00:00");
        // The same instant however WordPress or a plugin writes it.
        for s in [
            "2023-03-14 05:30:00",
            "2023-03-14T05:30:00Z",
            "2023-03-14T05:30:00.000",
            "2023-03-14T11:00:00+05:30",
            "2023-03-13T21:30:00-0800",
            " 2023-03-14T05:30:00 ",
        ] {
            assert_eq!(parse(s), d, "{s}");
        }
        assert_eq!(parse("2023-03-14T05:30").w3c(), "2023-03-14T05:30:00+00:00");
        assert_eq!(
            parse("2023-03-14").rfc822(),
            "Tue, 14 Mar 2023 00:00:00 +0000"
        );
        // Weekdays and months across the calendar's corners.
        for (s, want) in [
            ("1970-01-01T00:00:00", "Thu, 01 Jan 1970 00:00:00 +0000"),
            ("2000-02-29T23:59:59", "Tue, 29 Feb 2000 23:59:59 +0000"),
            ("2024-12-31T12:00:00", "Tue, 31 Dec 2024 12:00:00 +0000"),
            ("1969-12-31T23:59:59", "Wed, 31 Dec 1969 23:59:59 +0000"),
            ("2022-05-09T09:00:00", "Mon, 09 May 2022 09:00:00 +0000"),
            (
                "2023-01-01T00:30:00+01:00",
                "Sat, 31 Dec 2022 23:30:00 +0000",
            ),
        ] {
            assert_eq!(parse(s).rfc822(), want, "{s}");
        }
        assert!(parse("2023-03-14T05:30:01") > d);
        assert!(parse("2022-12-31T23:59:59") < d);
    }

    #[test]
    fn what_is_no_date_is_none() {
        for s in [
            "",
            "0000-00-00T00:00:00",
            "0000-00-00 00:00:00",
            "2023-02-29T00:00:00",
            "2023-13-01T00:00:00",
            "2023-01-01T24:00:00",
            "2023-01-01T00:60:00",
            "2023-01-01T00:00:60",
            "2023-01-01X00:00:00",
            "2023-01-01T00:00:00+5",
            "2023-01-01T00:00:00 UTC",
            "2023-01-01T00:00:00.",
            "23-01-01",
            "2023/01/01",
            "２０２３-01-01",
            "2023-1é-01",
        ] {
            assert_eq!(UtcDateTime::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape("a < b && \"c\" > d ]]>"),
            "a &lt; b &amp;&amp; &quot;c&quot; &gt; d ]]&gt;"
        );
        assert_eq!(
            escape("bell\u{7}nul\0ok\u{FFFE}\u{FFFF}\ttab"),
            "bellnulok\ttab"
        );
        assert_eq!(escape("é – 😀"), "é – 😀");
        assert_eq!(cdata("<p>a</p>"), "<![CDATA[<p>a</p>]]>");
        assert_eq!(cdata("x]]>y"), "<![CDATA[x]]]]><![CDATA[>y]]>");
        assert_eq!(cdata("\u{1}]]\u{2}>"), "<![CDATA[]]]]><![CDATA[>]]>");
    }

    fn post(json: serde_json::Value) -> Post {
        serde_json::from_value(json).unwrap()
    }

    fn sample() -> Post {
        post(serde_json::json!({
            "id": 6, "slug": "therapist-client-connection", "author": 2,
            "date_gmt": "2023-03-14T05:30:00", "modified_gmt": "2023-04-01T10:00:00",
            "guid": {"rendered": "http://cms.example/?p=6&amp;x=1"},
            "title": {"rendered": "The Therapist &#8211; Client <em>Bond</em>"},
            "excerpt": {"rendered": "<p>Trust &amp; time [&hellip;]</p>\n", "protected": false},
            "content": {"rendered": "<p>Body</p><script>x()</script>", "protected": false},
            "_embedded": {
                "author": [{"id": 2, "name": "Nidhi &amp; Co"}],
                "wp:term": [
                    [{"id": 2, "name": "Therapy", "slug": "therapy", "taxonomy": "category"}],
                    [{"id": 7, "name": "Trust &amp; care", "slug": "trust", "taxonomy": "post_tag"},
                     {"id": 8, "name": "Therapy", "slug": "therapy-tag", "taxonomy": "post_tag"}]
                ]
            }
        }))
    }

    #[test]
    fn a_post_becomes_an_item() {
        let item = Item::from_post(
            &sample(),
            "https://blog.example/therapist-client-connection/",
            |html| html.replace("<script>x()</script>", ""),
        );
        assert_eq!(item.title, "The Therapist – Client Bond");
        assert_eq!(item.creator, "Nidhi & Co");
        assert_eq!(item.categories, ["Therapy", "Trust & care"]);
        assert_eq!(item.guid, "http://cms.example/?p=6&x=1");
        assert_eq!(item.description, "Trust & time…");
        assert_eq!(item.content_html, "<p>Body</p>");
        assert_eq!(item.published, Some(parse("2023-03-14T05:30:00")));
        assert_eq!(item.modified, Some(parse("2023-04-01T10:00:00")));
    }

    #[test]
    fn a_protected_post_has_no_content() {
        let mut p = sample();
        p.content.rendered = String::new();
        p.content.protected = true;
        p.excerpt.rendered = String::new();
        p.excerpt.protected = true;
        let item = Item::from_post(&p, "https://blog.example/x/", |_| {
            panic!("a protected post's content is never sanitised into a feed")
        });
        assert_eq!(item.description, PROTECTED_EXCERPT);
        assert_eq!(item.title, "Protected: The Therapist – Client Bond");
        assert_eq!(item.content_html, "");
        // A guid-less post (an API that hides it) is known by its link.
        p.guid.rendered = String::new();
        assert_eq!(
            Item::from_post(&p, "https://blog.example/x/", |h| h.into()).guid,
            "https://blog.example/x/"
        );
    }

    fn channel(items: Vec<Item>) -> Channel {
        Channel {
            title: "Therapy Notes & <Friends>".into(),
            link: "https://blog.example".into(),
            description: "Reflections \u{1}from the room".into(),
            language: "en".into(),
            self_url: "https://blog.example/feed/".into(),
            items,
            built: None,
        }
    }

    fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
        node.attribute(name).unwrap_or_default()
    }

    fn child<'a, 'i>(
        node: roxmltree::Node<'a, 'i>,
        ns: &str,
        name: &str,
    ) -> roxmltree::Node<'a, 'i> {
        node.children()
            .find(|n| {
                n.tag_name().name() == name && n.tag_name().namespace().unwrap_or_default() == ns
            })
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
    }

    const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    const ATOM: &str = "http://www.w3.org/2005/Atom";

    #[test]
    fn the_feed_is_wellformed_rss_that_says_what_it_was_given() {
        let hostile = "<p>a ]]> b</p><p>]]]]></p>\u{0}\u{B}<p>c &amp; d</p>";
        let first = Item::from_post(&sample(), "https://blog.example/a/?x=1&y=2", |_| {
            hostile.into()
        });
        let mut second = Item::from_post(&sample(), "https://blog.example/b/", |h| h.into());
        second.modified = Some(parse("2024-01-02T03:04:05"));
        second.title = "Tom & \"Jerry\" <3 \u{1F}".into();
        let xml = channel(vec![first, second]).to_xml();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let rss = doc.root_element();
        assert_eq!(rss.tag_name().name(), "rss");
        assert_eq!(attr(rss, "version"), "2.0");
        let ch = child(rss, "", "channel");
        let text = |n: roxmltree::Node| n.text().unwrap_or_default().to_string();
        assert_eq!(text(child(ch, "", "title")), "Therapy Notes & <Friends>");
        assert_eq!(
            text(child(ch, "", "description")),
            "Reflections from the room"
        );
        assert_eq!(text(child(ch, "", "link")), "https://blog.example");
        assert_eq!(text(child(ch, "", "language")), "en");
        let me = child(ch, ATOM, "link");
        assert_eq!(
            (attr(me, "rel"), attr(me, "href")),
            ("self", "https://blog.example/feed/")
        );
        assert_eq!(attr(me, "type"), "application/rss+xml");
        // The newest change of any item, not the clock.
        assert_eq!(
            text(child(ch, "", "lastBuildDate")),
            "Tue, 02 Jan 2024 03:04:05 +0000"
        );
        let items: Vec<_> = ch
            .children()
            .filter(|n| n.tag_name().name() == "item")
            .collect();
        assert_eq!(items.len(), 2);
        let joined =
            |n: roxmltree::Node| -> String { n.children().filter_map(|c| c.text()).collect() };
        // CDATA split at `]]>` reads back as the sanitised content, minus
        // what XML cannot carry.
        assert_eq!(
            joined(child(items[0], CONTENT, "encoded")),
            "<p>a ]]> b</p><p>]]]]></p><p>c &amp; d</p>"
        );
        assert_eq!(
            text(child(items[0], "", "link")),
            "https://blog.example/a/?x=1&y=2"
        );
        assert_eq!(text(child(items[1], "", "title")), "Tom & \"Jerry\" <3 ");
        assert_eq!(joined(child(items[0], DC, "creator")), "Nidhi & Co");
        assert_eq!(
            text(child(items[0], "", "pubDate")),
            "Tue, 14 Mar 2023 05:30:00 +0000"
        );
        let guid = child(items[0], "", "guid");
        assert_eq!(
            (attr(guid, "isPermaLink"), text(guid)),
            ("false", "http://cms.example/?p=6&x=1".to_string())
        );
        assert_eq!(joined(child(items[0], "", "description")), "Trust & time…");
        let categories: Vec<String> = items[0]
            .children()
            .filter(|n| n.has_tag_name("category"))
            .map(joined)
            .collect();
        assert_eq!(categories, ["Therapy", "Trust & care"]);
    }

    #[test]
    fn an_empty_feed_is_still_a_feed() {
        let xml = channel(Vec::new()).to_xml();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let ch = child(doc.root_element(), "", "channel");
        assert!(ch
            .children()
            .all(|n| !n.has_tag_name("item") && !n.has_tag_name("lastBuildDate")));
    }

    #[test]
    fn newest_first_at_most_the_limit() {
        let at = |id: u64, date: &str| post(serde_json::json!({"id": id, "date_gmt": date}));
        let posts = [
            at(1, "2022-01-01T00:00:00"),
            at(2, "2024-01-01T00:00:00"),
            at(3, "2023-01-01T00:00:00"),
            at(4, "2023-01-01T00:00:00"),
            at(5, ""),
        ];
        let ids = |v: Vec<&Post>| v.iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(newest(&posts, 3)), [2, 3, 4]);
        assert_eq!(ids(newest(&posts, 10)), [2, 3, 4, 1, 5]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_stays_wellformed_and_reads_back(text in "\\PC*|[\\x00-\\x20\\]>&<\"a\\u{FFFE}\\u{FFFF}]*") {
            let item = Item { title: text.clone(), content_html: text.clone(), ..Item::default() };
            let xml = Channel { title: text.clone(), items: vec![item], ..Channel::default() }.to_xml();
            let doc = roxmltree::Document::parse(&xml).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}")))?;
            let kept: String = text.chars().filter(|&c| is_xml_char(c)).collect::<String>().replace("\r\n", "\n").replace('\r', "\n");
            let content: String = doc
                .descendants()
                .find(|n| n.tag_name().name() == "encoded")
                .map(|n| n.children().filter_map(|c| c.text()).collect())
                .unwrap_or_default();
            proptest::prop_assert_eq!(content, kept);
        }

        #[test]
        fn dates_never_panic_and_round_trip(s in "[0-9T:+Z. -]{0,30}|\\PC{0,30}", t in -62_000_000_000i64..253_000_000_000i64) {
            if let Some(d) = UtcDateTime::parse(&s) {
                proptest::prop_assert_eq!(UtcDateTime::parse(&d.w3c()), Some(d));
            }
            let d = UtcDateTime::from_unix(t);
            proptest::prop_assert_eq!(d.unix(), t);
            if d.year >= 1 {
                proptest::prop_assert_eq!(UtcDateTime::parse(&d.w3c()), Some(d));
            }
        }
    }
}
