//! A post or a page at one address: which of the two answers a path, the
//! part of a post split with `<!--nextpage-->`, and the home page's sticky
//! posts. WordPress's rules, kept free of the network so they are tested
//! natively.

use crate::data::models::Post;
use crate::data::route::Route;

/// What a singular address shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Singular {
    Post(Post),
    Page(Post),
}

impl Singular {
    pub fn item(&self) -> &Post {
        match self {
            Singular::Post(p) | Singular::Page(p) => p,
        }
    }

    pub fn is_page(&self) -> bool {
        matches!(self, Singular::Page(_))
    }
}

/// Resolves `path` (`about/team`, as in `Route::Singular`) the way
/// WordPress does: the page at that full path wins; a post is one segment
/// (`/%postname%/`; on a site with dated permalinks WordPress redirects it
/// to the post) or a dated permalink whose date is the post's
/// (`2021/06/15/slug`, `2021/06/slug`: at another date WordPress finds
/// nothing, its guess for a 404 keeps the date). `pages` are the pages
/// whose slug is the path's last segment, `posts` the posts with that slug.
pub fn resolve(path: &str, pages: Vec<Post>, posts: Vec<Post>) -> Option<Singular> {
    let depth = path.split('/').count();
    let page = pages
        .into_iter()
        .filter(|p| (p.parent == 0) == (depth == 1))
        .filter(|p| link_path(&p.link).is_some_and(|l| ends_with_path(&l, path)))
        // The shortest link is the page at exactly this path, whatever
        // prefix the WordPress home URL has.
        .min_by_key(|p| p.link.len());
    if let Some(page) = page {
        return Some(Singular::Page(page));
    }
    if !Route::may_be_post(path) {
        return None;
    }
    let slug = path.rsplit('/').next().unwrap_or(path);
    posts
        .into_iter()
        .find(|p| p.slug.eq_ignore_ascii_case(slug) && date_fits(path, p))
        .map(Singular::Post)
}

/// Whether the year, month and day a dated address names (as many as it
/// has) are the post's local date's.
fn date_fits(path: &str, post: &Post) -> bool {
    let mut segments: Vec<&str> = path.split('/').collect();
    segments.pop();
    let date = [
        post.date.get(0..4),
        post.date.get(5..7),
        post.date.get(8..10),
    ];
    segments.len() <= date.len()
        && segments.iter().zip(date).all(|(named, own)| {
            let number = |s: &str| s.parse::<u32>().ok();
            own.and_then(number)
                .is_some_and(|own| number(named) == Some(own))
        })
}

/// Where a post lives on this frontend: its WordPress permalink's path
/// (`/slug/`, or `/2021/06/15/slug/` with dated permalinks), so the links a
/// blog already has keep working; `/slug/` when that path is not one this
/// frontend resolves to the post (another permalink structure).
pub fn post_path(post: &Post, home_path: &str) -> String {
    frontend_path(&post.link, home_path)
        .filter(|path| match Route::parse(path) {
            Route::Singular { path, part: 1 } => {
                Route::may_be_post(&path)
                    && path
                        .rsplit('/')
                        .next()
                        .is_some_and(|slug| slug.eq_ignore_ascii_case(&post.slug))
            }
            _ => false,
        })
        .unwrap_or_else(|| Route::post(&post.slug).path())
}

/// The path of an absolute link (`http://host/a/b/?x` → `/a/b/`), lowercase.
pub fn link_path(link: &str) -> Option<String> {
    let rest = link.split_once("://")?.1;
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    Some(path.to_ascii_lowercase())
}

/// The WordPress home's path (`/`, or `/blog/` for a site in a folder), from
/// its address: what its links are below.
pub fn home_path(site_url: &str) -> String {
    frontend_path(site_url, "/").unwrap_or_else(|| "/".into())
}

/// A page's address on this frontend from its WordPress link, without the
/// WordPress home's own path prefix (`home_path`, `/` or `/blog/`).
pub fn frontend_path(link: &str, home_path: &str) -> Option<String> {
    let path = link_path(link)?;
    let prefix = home_path.trim_end_matches('/');
    let rest = path.strip_prefix(prefix).unwrap_or(&path);
    Some(if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    })
}

fn ends_with_path(link_path: &str, path: &str) -> bool {
    let want: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let have: Vec<&str> = link_path.split('/').filter(|s| !s.is_empty()).collect();
    have.len() >= want.len() && have[have.len() - want.len()..] == want[..]
}

/// The parts of a post split with `<!--nextpage-->`, as WordPress's
/// `setup_postdata` cuts `content.rendered`: the marker and the line breaks
/// or empty paragraph it leaves around it do not belong to either part.
pub fn parts(content: &str) -> Vec<String> {
    const MARKER: &str = "<!--nextpage-->";
    if !content.contains(MARKER) {
        return vec![content.to_string()];
    }
    content
        .split(MARKER)
        .map(|part| {
            let part = part.trim();
            let part = part.strip_prefix("</p>").unwrap_or(part);
            let part = part.strip_suffix("<p>").unwrap_or(part);
            part.trim().to_string()
        })
        .collect()
}

/// The first home page as WordPress orders it: the sticky posts first
/// (newest first), then the page's other posts; a sticky post already on
/// the page is moved, never shown twice.
pub fn with_sticky_first(sticky: Vec<Post>, page: Vec<Post>) -> Vec<Post> {
    let ids: Vec<u64> = sticky.iter().map(|p| p.id).collect();
    sticky
        .into_iter()
        .chain(page.into_iter().filter(|p| !ids.contains(&p.id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: u64, slug: &str, link: &str, parent: u64) -> Post {
        Post {
            id,
            slug: slug.into(),
            link: link.into(),
            parent,
            ..Post::default()
        }
    }

    #[test]
    fn a_page_wins_over_a_post_with_the_same_slug() {
        let page = item(1, "about", "http://wp.test/about/", 0);
        let post = item(2, "about", "http://wp.test/about/", 0);
        assert_eq!(
            resolve("about", vec![page.clone()], vec![post.clone()]),
            Some(Singular::Page(page))
        );
        assert_eq!(
            resolve("about", vec![], vec![post.clone()]),
            Some(Singular::Post(post))
        );
        assert_eq!(resolve("about", vec![], vec![]), None);
    }

    #[test]
    fn a_post_with_a_dated_permalink_is_found_at_it_and_lives_there() {
        let post = Post {
            date: "2021-06-15T08:30:00".into(),
            ..item(5, "a-post", "http://wp.test/2021/06/15/a-post/", 0)
        };
        for path in [
            "2021/06/15/a-post",
            "2021/6/15/a-post",
            "2021/06/a-post",
            "2021/a-post",
            "a-post",
        ] {
            assert_eq!(
                resolve(path, vec![], vec![post.clone()]),
                Some(Singular::Post(post.clone())),
                "{path}"
            );
        }
        // At another date there is nothing, as on WordPress.
        for path in [
            "2020/01/01/a-post",
            "2021/06/16/a-post",
            "2021/07/a-post",
            "2021/06/15/other",
        ] {
            assert_eq!(resolve(path, vec![], vec![post.clone()]), None, "{path}");
        }
        assert_eq!(post_path(&post, "/"), "/2021/06/15/a-post/");
        // Below a folder, and in another structure (kept at `/slug/`).
        let below = item(6, "b", "http://wp.test/blog/2021/06/b/", 0);
        assert_eq!(post_path(&below, "/blog/"), "/2021/06/b/");
        for link in [
            "http://wp.test/archives/7",
            "http://wp.test/topics/b/",
            "http://wp.test/?p=7",
            "",
        ] {
            assert_eq!(post_path(&item(7, "b", link, 0), "/"), "/b/", "{link}");
        }
        assert_eq!(post_path(&item(8, "c", "http://wp.test/c/", 0), "/"), "/c/");
    }

    #[test]
    fn nested_pages_match_by_their_whole_path() {
        let top = item(1, "team", "http://wp.test/team/", 0);
        let child = item(2, "team", "http://wp.test/about/team/", 7);
        let deep = item(3, "founders", "http://wp.test/about/team/founders/", 2);
        let both = || vec![top.clone(), child.clone()];
        assert_eq!(
            resolve("team", both(), vec![]),
            Some(Singular::Page(top.clone()))
        );
        assert_eq!(
            resolve("about/team", both(), vec![]),
            Some(Singular::Page(child.clone()))
        );
        assert_eq!(resolve("other/team", both(), vec![]), None);
        assert_eq!(
            resolve("about/team/founders", vec![deep.clone()], vec![]),
            Some(Singular::Page(deep.clone()))
        );
        // A child page is not at its slug alone, and a post never nests.
        assert_eq!(resolve("founders", vec![deep], vec![]), None);
        let post = item(4, "team", "http://wp.test/team/", 0);
        assert_eq!(resolve("about/team", vec![], vec![post]), None);
    }

    #[test]
    fn a_wordpress_home_below_a_folder_and_escaped_slugs_match() {
        let page = item(1, "team", "https://wp.test/blog/about/team/", 5);
        assert_eq!(
            resolve("about/team", vec![page.clone()], vec![]),
            Some(Singular::Page(page))
        );
        let greek = "%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac";
        let page = item(2, greek, &format!("http://wp.test/{greek}/"), 0);
        assert!(resolve(greek, vec![page], vec![]).is_some());
        assert_eq!(
            frontend_path("https://wp.test/blog/about/team/", "/blog/").as_deref(),
            Some("/about/team/")
        );
        assert_eq!(
            frontend_path("https://wp.test/about/", "/").as_deref(),
            Some("/about/")
        );
        assert_eq!(frontend_path("not a link", "/"), None);
    }

    #[test]
    fn splits_posts_where_wordpress_does() {
        assert_eq!(parts("<p>one</p>"), vec!["<p>one</p>"]);
        let block = "<p>one</p>\n\n\n\n<!--nextpage-->\n\n\n\n<p>two</p>\n\n\n\n<!--nextpage-->\n\n\n\n<p>three</p>\n";
        assert_eq!(
            parts(block),
            vec!["<p>one</p>", "<p>two</p>", "<p>three</p>"]
        );
        let classic = "<p>one</p>\n<p><!--nextpage--></p>\n<p>two</p>\n";
        assert_eq!(parts(classic), vec!["<p>one</p>", "<p>two</p>"]);
    }

    #[test]
    fn sticky_posts_come_first_once() {
        let p = |id| item(id, "s", "", 0);
        let merged = with_sticky_first(vec![p(9), p(3)], vec![p(1), p(3), p(2)]);
        let ids: Vec<u64> = merged.iter().map(|p| p.id).collect();
        assert_eq!(ids, [9, 3, 1, 2]);
        assert_eq!(with_sticky_first(vec![], vec![p(1)]).len(), 1);
    }
}
