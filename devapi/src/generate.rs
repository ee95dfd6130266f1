//! `--generate N`: a big blog made up at start-up, for builds that must scale
//! (issue 15). Deterministic: no clock, no randomness from the machine; the
//! same N always gives the same site, byte for byte.
//!
//! What it makes (ids as WordPress would hand them out):
//! - 3 authors (users 1–3), 12 categories (term ids 1–12, two of them
//!   children), 40 tags (term ids 13–52);
//! - 7 pages (ids 2–8; About › Our team › Editors and Resources › Reading
//!   list nested), comments closed;
//! - N posts (ids from 100, older posts lower), spread over six years
//!   ending 2025-06-30, several on the same day when N is large, a quarter
//!   modified after publication; one or two categories, 0–5 tags (a few are
//!   popular), a featured image on every sixth post (the data file's
//!   images), 3 sticky (one new, two old); ~600 words of block-editor
//!   paragraphs each (350 to 1,800), with the odd heading, emphasis and a
//!   link to an older post;
//! - comments on about a third of the posts (1–6, some threaded, a few held
//!   for moderation), and 240 on the second newest post.
//!
//! Only the metadata is kept in memory: a post's text is a [`Text`](crate::generated_text::Text) (a seed
//! and a length, 24 bytes) rendered again whenever it is served, which takes
//! microseconds. 10,000 posts start in well under a second in a few tens of
//! megabytes.

use crate::clock::parse_datetime;
use crate::content::{Body, Comment, CommentStatus, Kind, Media, Post, Site, SiteInfo, Term, User};
use crate::generated_text::*;

// ------------------------------------------------------------------ site

fn user(id: u64, name: &str, slug: &str, description: &str) -> User {
    User {
        id,
        name: name.to_string(),
        slug: slug.to_string(),
        email: format!("{slug}@example.com"),
        url: String::new(),
        description: description.to_string(),
    }
}

fn users() -> Vec<User> {
    vec![
        user(
            1,
            "Maya Lindqvist",
            "maya",
            "Psychotherapist; writes about small habits.",
        ),
        user(
            2,
            "Tomas Reyes",
            "tomas",
            "Counsellor working with couples and families.",
        ),
        user(3, "Asha Rao", "asha", "Researcher and occasional essayist."),
    ]
}

fn term(id: u64, name: &str, parent: u64) -> Term {
    Term {
        id,
        name: name.to_string(),
        slug: name.to_lowercase().replace(' ', "-"),
        description: String::new(),
        parent,
    }
}

const CATEGORY_NAMES: &[(&str, u64)] = &[
    ("Uncategorized", 0),
    ("Practice", 0),
    ("Mindfulness", 2),
    ("Relationships", 0),
    ("Work and Burnout", 0),
    ("Sleep", 0),
    ("Anxiety", 0),
    ("Grief", 0),
    ("Parenting", 0),
    ("Reading List", 0),
    ("Research Notes", 10),
    ("Letters", 0),
];

const TAG_NAMES: &[&str] = &[
    "breathing",
    "journaling",
    "boundaries",
    "self compassion",
    "routine",
    "walking",
    "sleep hygiene",
    "burnout",
    "couples",
    "teenagers",
    "loss",
    "rest",
    "habits",
    "attention",
    "books",
    "research",
    "workplace",
    "family",
    "friendship",
    "anger",
    "fear",
    "hope",
    "change",
    "winter",
    "summer",
    "mornings",
    "evenings",
    "listening",
    "questions",
    "letters",
    "gratitude",
    "patience",
    "silence",
    "body",
    "grounding",
    "meditation",
    "therapy",
    "first session",
    "homework",
    "notebook",
];

/// Term ids: categories 1–12, tags 13–52 (one sequence, as `wp_terms`).
const FIRST_TAG_ID: u64 = 13;

fn categories() -> Vec<Term> {
    CATEGORY_NAMES
        .iter()
        .enumerate()
        .map(|(i, (name, parent))| term(i as u64 + 1, name, *parent))
        .collect()
}

fn tags() -> Vec<Term> {
    TAG_NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| term(FIRST_TAG_ID + i as u64, name, 0))
        .collect()
}

/// The pages: id, slug, title, parent, menu order.
const PAGES: &[(u64, &str, &str, u64, i64)] = &[
    (2, "about", "About", 0, 1),
    (3, "team", "Our team", 2, 0),
    (4, "editors", "Editors", 3, 0),
    (5, "contact", "Contact", 0, 3),
    (6, "resources", "Resources", 0, 2),
    (7, "reading-list", "Reading list", 6, 0),
    (8, "privacy-policy", "Privacy Policy", 0, 4),
];

fn pages(start: i64) -> Vec<Post> {
    PAGES
        .iter()
        .map(|&(id, slug, title, parent, menu_order)| {
            let mut rng = Rng::for_item(SALT_PAGE, id);
            let date = start - 86_400 * (30 - id as i64);
            Post {
                kind: Kind::Page,
                id,
                slug: slug.to_string(),
                title: title.to_string(),
                date,
                modified: date + 86_400 * rng.range(0, 400) as i64,
                author: 1,
                comment_status: "closed".to_string(),
                ping_status: "closed".to_string(),
                parent,
                menu_order,
                body: Body::Generated(Text::new(
                    (SALT_PAGE << 32) | id,
                    rng.range(150, 400) as u16,
                    None,
                )),
                ..Post::default()
            }
        })
        .collect()
}

/// The publication times of `n` posts over [`YEARS`] years up to
/// [`LAST_DATE`], strictly increasing; some on the same day.
fn dates(n: usize, end: i64) -> Vec<i64> {
    let span_days = YEARS * 365;
    let first_day = end.div_euclid(86_400) - span_days;
    let mut out: Vec<i64> = Vec::with_capacity(n);
    let mut day = first_day;
    for i in 0..n {
        let mut rng = Rng::for_item(SALT_DATE, i as u64);
        let u = rng.below(1_000) as i64;
        let spread = first_day + (span_days * (i as i64 * 1_000 + u)) / (n as i64 * 1_000);
        if i == 0 || !rng.chance(12) {
            day = spread.max(day);
        }
        let mut t = day * 86_400 + 7 * 3_600 + rng.below(14 * 3_600) as i64;
        if let Some(&prev) = out.last() {
            if t <= prev {
                t = prev + rng.range(600, 5_400) as i64;
            }
        }
        out.push(t);
    }
    // The newest at LAST_DATE exactly, the others shifted with it when the
    // same-day pile-up pushed past it.
    if let Some(&last) = out.last() {
        let shift = end - last;
        for t in &mut out {
            *t += shift.min(0);
        }
        if let Some(t) = out.last_mut() {
            *t = end.max(*t);
        }
    }
    out
}

/// Comment authors: name, email.
const COMMENTERS: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dev", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jon", "Kavya", "Lars",
    "Mina", "Noor", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wen",
    "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Carmen", "Dmitri",
];

const COMMENT_OPENERS: &[&str] = &[
    "",
    "Thank you for this. ",
    "This helped. ",
    "I tried this last week. ",
    "Lovely piece. ",
    "A question: ",
    "So true. ",
];

fn comment_text(rng: &mut Rng) -> String {
    let mut body = String::new();
    for i in 0..rng.range(1, 3) {
        if i > 0 {
            body.push(' ');
        }
        sentence(rng, &mut body);
    }
    let mut text = rng.pick(COMMENT_OPENERS).to_string();
    crate::html::strip_tags_into(&body, &mut text);
    text
}

struct CommentMaker {
    next_id: u64,
    comments: Vec<Comment>,
}

impl CommentMaker {
    fn add(
        &mut self,
        rng: &mut Rng,
        post: &Post,
        author: Option<&User>,
        parent: u64,
        date: i64,
        status: CommentStatus,
    ) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let (user_id, name, email) = match author {
            Some(u) => (u.id, u.name.clone(), u.email.clone()),
            None => {
                let name = rng.pick(COMMENTERS);
                let n = rng.below(90) + 10;
                (
                    0,
                    format!("{name} {}", (b'A' + (n % 26) as u8) as char),
                    format!(
                        "{}{n}@example.org",
                        crate::html::sanitize_title(name).replace('%', "")
                    ),
                )
            }
        };
        self.comments.push(Comment {
            id,
            post: post.id,
            parent,
            user_id,
            author_name: name,
            author_email: email,
            author_url: String::new(),
            author_ip: String::new(),
            date,
            content: comment_text(rng),
            status,
        });
        id
    }
}

/// The comments of the generated posts (ids from 1, in post order).
fn comments(posts: &[Post], users: &[User], busy: Option<usize>) -> Vec<Comment> {
    let mut maker = CommentMaker {
        next_id: 1,
        comments: Vec::new(),
    };
    for (i, post) in posts.iter().enumerate() {
        if post.comment_status != "open" {
            continue;
        }
        let mut rng = Rng::for_item(SALT_COMMENTS, i as u64);
        let is_busy = busy == Some(i);
        let count = if is_busy {
            BUSY_POST_COMMENTS
        } else if rng.chance(33) {
            rng.range(1, 6) as usize
        } else {
            0
        };
        let post_author = users.iter().find(|u| u.id == post.author);
        let mut ids: Vec<u64> = Vec::with_capacity(count);
        let mut date = post.date;
        for j in 0..count {
            date += if is_busy {
                rng.range(600, 3 * 3_600) as i64
            } else {
                rng.range(1_800, 2 * 86_400) as i64
            };
            // Some replies: to an earlier comment of the same post, now and
            // then by the post's author.
            let parent = if j > 0 && rng.chance(22) {
                ids[rng.below(ids.len() as u64) as usize]
            } else {
                0
            };
            let author = (parent != 0 && rng.chance(35))
                .then_some(post_author)
                .flatten();
            let id = maker.add(
                &mut rng,
                post,
                author,
                parent,
                date,
                CommentStatus::Approved,
            );
            ids.push(id);
        }
        // A few held for moderation (what `/__test/approve` approves).
        let held = if is_busy {
            2
        } else {
            usize::from(count > 0 && rng.chance(8))
        };
        for _ in 0..held {
            date += rng.range(600, 86_400) as i64;
            maker.add(&mut rng, post, None, 0, date, CommentStatus::Hold);
        }
    }
    maker.comments
}

/// A generated site of `n` posts, with the data file's site name and media
/// (its images become featured images), and its comments.
pub fn site(n: usize, info: SiteInfo, media: Vec<Media>) -> (Site, Vec<Comment>) {
    let end = parse_datetime(LAST_DATE).expect("LAST_DATE is a date");
    let users = users();
    let categories = categories();
    let tags = tags();
    let images: Vec<u64> = media
        .iter()
        .filter(|m| m.mime_type.starts_with("image/") && !m.mime_type.contains("svg"))
        .map(|m| m.id)
        .collect();
    let dates = dates(n, end);
    let sticky: Vec<usize> = if n == 0 {
        Vec::new()
    } else {
        vec![n.saturating_sub(4), n / 2, n / 5]
    };
    let mut posts = Vec::with_capacity(n);
    for (i, &date) in dates.iter().enumerate() {
        let mut rng = Rng::for_item(SALT_POST, i as u64);
        let (title, slug) = title_of(i as u64);
        let author = match rng.below(10) {
            0..=4 => 1,
            5..=7 => 2,
            _ => 3,
        };
        // Uncategorized now and then; a second category for some.
        let mut cats = vec![if rng.chance(2) {
            1
        } else {
            rng.range(2, CATEGORY_NAMES.len() as u64)
        }];
        if rng.chance(15) {
            let second = rng.range(2, CATEGORY_NAMES.len() as u64);
            if !cats.contains(&second) {
                cats.push(second);
            }
        }
        let tag_count = rng.pick(&[0u64, 1, 2, 2, 3, 3, 4, 5]);
        let mut post_tags: Vec<u64> = Vec::new();
        for _ in 0..tag_count {
            // Skewed: the first tags are the popular ones.
            let u = rng.below(1_000);
            let t = FIRST_TAG_ID + (TAG_NAMES.len() as u64 * u * u) / 1_000_000;
            if !post_tags.contains(&t) {
                post_tags.push(t);
            }
        }
        post_tags.sort_unstable();
        let words = if rng.chance(5) {
            rng.range(1_200, 1_800)
        } else {
            350 + (rng.below(500) + rng.below(500)) / 2
        };
        let link = (i > 0 && rng.chance(40)).then(|| rng.below(i as u64) as u32);
        let modified = if rng.chance(25) {
            (date + rng.range(86_400, 300 * 86_400) as i64).min(end.max(date))
        } else {
            date
        };
        let featured_media = if i % 6 == 0 && !images.is_empty() {
            images[(i / 6) % images.len()]
        } else {
            0
        };
        let comment_status = if rng.chance(3) { "closed" } else { "open" };
        posts.push(Post {
            kind: Kind::Post,
            id: FIRST_POST_ID + i as u64,
            slug,
            title,
            date,
            modified,
            author,
            categories: cats,
            tags: post_tags,
            featured_media,
            comment_status: comment_status.to_string(),
            ping_status: "open".to_string(),
            sticky: sticky.contains(&i),
            body: Body::Generated(Text::new((SALT_POST << 32) | i as u64, words as u16, link)),
            ..Post::default()
        });
    }
    // The second newest post is the busy one (comments always open there).
    let busy = match n {
        0 => None,
        1 => Some(0),
        _ => Some(n - 2),
    };
    if let Some(b) = busy {
        posts[b].comment_status = "open".to_string();
    }
    let comments = comments(&posts, &users, busy);
    let first_date = dates.first().copied().unwrap_or(end);
    let site = Site::new(
        info,
        users,
        categories,
        tags,
        media,
        posts,
        pages(first_date),
    );
    (site, comments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::HOME_TOKEN;

    #[test]
    fn titles_are_unique_and_slugs_match() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..(COMBINATIONS * 2 + 10) {
            let (title, slug) = title_of(i);
            assert!(seen.insert(slug.clone()), "{i}: {slug} twice");
            // The slug is what WordPress makes of the title.
            let plain = title.replace("&#8217;", "").replace(',', "");
            assert_eq!(crate::html::sanitize_title(&plain), slug, "{title}");
        }
    }

    #[test]
    fn text_is_deterministic_and_about_as_long_as_asked() {
        let t = Text::new(42, 600, Some(3));
        assert_eq!(t.rendered(), t.rendered());
        let n = words(&crate::html::strip_all_tags(&t.rendered()));
        assert!((600..700).contains(&n), "{n} words");
        assert!(t
            .rendered()
            .contains(&format!("{HOME_TOKEN}/{}/", title_of(3).1)));
        assert!(t.raw().starts_with("<!-- wp:paragraph -->\n<p>"));
        assert_ne!(Text::new(43, 600, None).rendered(), t.rendered());
    }

    #[test]
    fn the_excerpt_is_the_automatic_one() {
        for seed in 0..200 {
            let t = Text::new(seed, (seed * 7 % 900) as u16 + 5, Some(1));
            assert_eq!(
                t.excerpt(),
                crate::html::auto_excerpt(&t.rendered()),
                "{seed}"
            );
        }
    }

    #[test]
    fn dates_increase_and_end_at_the_last_date() {
        let end = parse_datetime(LAST_DATE).unwrap();
        for n in [1, 2, 10, 1_000, 10_000, 30_000] {
            let d = dates(n, end);
            assert_eq!(d.len(), n);
            assert!(d.windows(2).all(|w| w[0] < w[1]), "{n}");
            assert_eq!(*d.last().unwrap(), end, "{n}");
            assert!(d[0] >= end - (YEARS + 1) * 365 * 86_400, "{n}");
        }
    }
}
