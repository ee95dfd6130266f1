//! Reads the API the way the app will, and lists the pages to prerender,
//! each with the responses (its seed) the app requests for it.
//!
//! Requests per build: the site info, the home pages, every post in pages
//! of 100 (with everything an article embeds, so each article's own
//! response is cut from them instead of asked one by one), the categories,
//! and each category's pages.

use std::time::Duration;

use blog_core::data::models::{Post, SiteInfo, Term};
use blog_core::data::pagination::Paging;
use blog_core::data::route::Route;
use blog_core::data::seed::{slim_post, PageSeed, SeededResponse};
use blog_core::data::share_meta::ShareMeta;
use serde_json::Value;

use crate::transport::wordpress::{category_route, post_route, posts_route, SITE_INFO_ROUTE};

/// One page to write: its path, its seed, its link preview.
pub struct PageJob {
    pub path: String,
    pub seed: PageSeed,
    pub share: ShareMeta,
}

/// What a crawl found.
pub struct Site {
    pub info: SiteInfo,
    pub pages: Vec<PageJob>,
    /// Posts left out, and why (a slug that is no safe path).
    pub skipped: Vec<String>,
}

/// The biggest page WordPress serves.
const BATCH: u32 = 100;

pub struct Api {
    base: String,
    agent: ureq::Agent,
}

impl Api {
    /// `base`: the REST root to read at build time (`http://…/wp-json`).
    pub fn new(base: &str) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build()
            .into();
        Api {
            base: base.trim_end_matches('/').to_string(),
            agent,
        }
    }

    /// GETs `route` (relative to the base): the body and paging of a 2xx.
    pub fn get(&self, route: &str) -> Result<SeededResponse, String> {
        let url = format!("{}/{}", self.base, route);
        let mut response = self
            .agent
            .get(&url)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| format!("{url}: {e}"))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let paging = Paging::from_headers(
            header("x-wp-total").as_deref(),
            header("x-wp-totalpages").as_deref(),
        );
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| format!("{url}: {e}"))?;
        if !(200..300).contains(&status) {
            return Err(format!("{url}: HTTP {status}"));
        }
        Ok(SeededResponse { body, paging })
    }

    fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        route: &str,
    ) -> Result<(T, SeededResponse), String> {
        let response = self.get(route)?;
        let value = serde_json::from_str(&response.body)
            .map_err(|e| format!("{route}: unreadable answer ({e})"))?;
        Ok((value, response))
    }

    /// Every page of a collection, `BATCH` at a time, as raw JSON objects.
    fn all(&self, route: &str) -> Result<Vec<Value>, String> {
        let mut items = Vec::new();
        let mut page = 1;
        loop {
            let sep = if route.contains('?') { '&' } else { '?' };
            let (batch, response): (Vec<Value>, _) =
                self.get_json(&format!("{route}{sep}page={page}&per_page={BATCH}"))?;
            items.extend(batch);
            if page >= response.paging.total_pages {
                return Ok(items);
            }
            page += 1;
        }
    }
}

/// Crawls the site; `site_url` is where the frontend is published (for
/// canonical links), `None` to use the WordPress site address.
pub fn crawl(api: &Api, site_url: Option<&str>) -> Result<Site, String> {
    let (info, mut info_response): (SiteInfo, _) = api.get_json(SITE_INFO_ROUTE)?;
    // Only the fields asked for travel in every page (an API that ignores
    // `_fields` would otherwise put its whole route index in each).
    info_response.body = serde_json::to_string(&info).map_err(|e| e.to_string())?;
    let site_name = info.display_name();
    let origin = site_url
        .unwrap_or(&info.url)
        .trim_end_matches('/')
        .to_string();
    let absolute = |path: &str| format!("{origin}{path}");
    let with_site = |route: &str, response: SeededResponse| {
        let mut seed = PageSeed::new();
        seed.insert(SITE_INFO_ROUTE.to_string(), info_response.clone());
        seed.insert(route.to_string(), response);
        seed
    };
    let mut pages = Vec::new();
    let mut skipped = Vec::new();

    // Home pages, as the app asks for them.
    for (page, route, response) in listing_pages(api, None)? {
        let path = Route::Home { page }.path();
        let title = if page == 1 {
            site_name.clone()
        } else {
            format!("Page {page} – {site_name}")
        };
        pages.push(PageJob {
            share: ShareMeta::for_listing(&title, &info.description, &absolute(&path), &site_name),
            path,
            seed: with_site(&route, response),
        });
    }

    // Every post, with what an article embeds; each becomes the answer to
    // the app's own `?slug=` request.
    for raw in api.all("wp/v2/posts?_embed=author,wp:term,wp:featuredmedia")? {
        let post: Post = match serde_json::from_value(raw) {
            Ok(p) => p,
            Err(e) => {
                skipped.push(format!("a post that does not decode ({e})"));
                continue;
            }
        };
        let route = Route::Post {
            slug: post.slug.clone(),
        };
        let path = route.path();
        if post.slug.is_empty() || Route::parse(&path) != route || !safe_path(&path) {
            skipped.push(format!(
                "post {} (slug {:?} is no safe path)",
                post.id, post.slug
            ));
            continue;
        }
        let response = one_item(&slim_post(&post, true))?;
        pages.push(PageJob {
            share: ShareMeta::for_post(&post, &absolute(&path), &site_name),
            seed: with_site(&post_route(&post.slug), response),
            path,
        });
    }

    // Categories with posts, and their pages.
    for raw in api.all("wp/v2/categories?hide_empty=true")? {
        let Ok(term) = serde_json::from_value::<Term>(raw) else {
            continue;
        };
        if term.count == 0 {
            continue;
        }
        let path_of = |page| {
            Route::Category {
                slug: term.slug.clone(),
                page,
            }
            .path()
        };
        let first = path_of(1);
        if !safe_path(&first) || Route::parse(&first) == Route::NotFound {
            skipped.push(format!("category {:?} (no safe path)", term.slug));
            continue;
        }
        let term_response = one_item(&term)?;
        let name = term.display_name();
        for (page, route, response) in listing_pages(api, Some(term.id))? {
            let path = path_of(page);
            let mut seed = with_site(&route, response);
            seed.insert(category_route(&term.slug), term_response.clone());
            pages.push(PageJob {
                share: ShareMeta::for_listing(
                    &name,
                    &format!("Posts filed under {name}"),
                    &absolute(&path),
                    &site_name,
                ),
                path,
                seed,
            });
        }
    }
    Ok(Site {
        info,
        pages,
        skipped,
    })
}

/// Every page of a post listing (all posts, or one category's) as the app
/// requests it: page number, route, response.
fn listing_pages(
    api: &Api,
    category: Option<u64>,
) -> Result<Vec<(u32, String, SeededResponse)>, String> {
    let mut pages = Vec::new();
    let mut page = 1;
    loop {
        let route = posts_route(page, category);
        let response = slim_list(api.get(&route)?);
        let last = page >= response.paging.total_pages;
        pages.push((page, route, response));
        if last {
            return Ok(pages);
        }
        page += 1;
    }
}

/// The answer to a `?slug=` request: a list of one, only its typed fields.
fn one_item<T: serde::Serialize>(item: &T) -> Result<SeededResponse, String> {
    Ok(SeededResponse {
        body: serde_json::to_string(&[item]).map_err(|e| e.to_string())?,
        paging: Paging {
            total: 1,
            total_pages: 1,
        },
    })
}

/// A list page's posts without what a list does not show (see `slim_post`);
/// a body that does not decode is kept as it came.
fn slim_list(mut response: SeededResponse) -> SeededResponse {
    if let Ok(posts) = serde_json::from_str::<Vec<Post>>(&response.body) {
        let slim: Vec<Post> = posts.iter().map(|p| slim_post(p, false)).collect();
        if let Ok(body) = serde_json::to_string(&slim) {
            response.body = body;
        }
    }
    response
}

/// A path that maps to a directory inside dist/ and nowhere else.
pub fn safe_path(path: &str) -> bool {
    path.starts_with('/')
        && path
            .split('/')
            .all(|seg| seg != ".." && seg != "." && !seg.contains('\\'))
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.%".contains(c))
}

#[cfg(test)]
mod tests {
    use super::safe_path;

    #[test]
    fn only_plain_paths_are_written() {
        assert!(safe_path("/a-post/"));
        assert!(safe_path("/category/news/page/2/"));
        assert!(safe_path("/caf%C3%A9/"));
        assert!(!safe_path("/../etc/"));
        assert!(!safe_path("/a b/"));
        assert!(!safe_path("/a\\b/"));
        assert!(!safe_path("relative/"));
    }
}
