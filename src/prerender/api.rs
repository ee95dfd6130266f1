//! The build's HTTP client for the REST API: GETs with a timeout, the
//! paging headers read, a collection read 100 at a time with a few requests
//! in flight, and a count of the requests a build made. Below the crawl and
//! the comments' reading, which both ask through it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use blog_core::data::pagination::Paging;
use blog_core::data::seed::SeededResponse;

/// The biggest page WordPress serves.
pub const BATCH: u32 = 100;

pub struct Api {
    base: String,
    agent: ureq::Agent,
    /// Requests sent so far (the build reports them).
    pub requests: AtomicU32,
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
            requests: AtomicU32::new(0),
        }
    }

    /// GETs `route` (relative to the base): the body and paging of a 2xx.
    pub fn get(&self, route: &str) -> Result<SeededResponse, String> {
        match self.answer(route)? {
            (200..=299, response) => Ok(response),
            (status, _) => Err(format!("{}/{route}: HTTP {status}", self.base)),
        }
    }

    /// The same, `None` when the item is not there for a visitor (gone,
    /// or not public): what WordPress's own pages would leave out too.
    pub(crate) fn get_json_if_found<T: serde::de::DeserializeOwned>(
        &self,
        route: &str,
    ) -> Result<Option<T>, String> {
        match self.answer(route)? {
            (401 | 403 | 404 | 410, _) => Ok(None),
            (200..=299, response) => serde_json::from_str(&response.body)
                .map(Some)
                .map_err(|e| format!("{route}: unreadable answer ({e})")),
            (status, _) => Err(format!("{}/{route}: HTTP {status}", self.base)),
        }
    }

    /// The status, body and paging of any answer.
    fn answer(&self, route: &str) -> Result<(u16, SeededResponse), String> {
        let url = format!("{}/{}", self.base, route);
        self.requests.fetch_add(1, Ordering::Relaxed);
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
        Ok((status, SeededResponse { body, paging }))
    }

    pub(crate) fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        route: &str,
    ) -> Result<(T, SeededResponse), String> {
        let response = self.get(route)?;
        let value = serde_json::from_str(&response.body)
            .map_err(|e| format!("{route}: unreadable answer ({e})"))?;
        Ok((value, response))
    }

    /// Every page of a collection, `BATCH` at a time, decoded as `T` (raw JSON text for the items a build keeps),
    /// in the API's order. The first page says how many there are; the rest
    /// are asked for `PARALLEL` at a time (polite to one WordPress, and
    /// faster where it runs several PHP workers).
    pub(crate) fn all<T: serde::de::DeserializeOwned + Send>(
        &self,
        route: &str,
    ) -> Result<Vec<T>, String> {
        let sep = if route.contains('?') { '&' } else { '?' };
        let page_route = |page: u32| format!("{route}{sep}page={page}&per_page={BATCH}");
        let (mut items, first): (Vec<T>, _) = self.get_json(&page_route(1))?;
        let rest: Vec<u32> = (2..=first.paging.total_pages).collect();
        let lanes = PARALLEL.min(rest.len()).max(1);
        let batches: Vec<Result<Vec<T>, String>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..lanes)
                .map(|lane| {
                    let pages: Vec<u32> = rest.iter().copied().skip(lane).step_by(lanes).collect();
                    let page_route = &page_route;
                    scope.spawn(move || {
                        pages
                            .into_iter()
                            .map(|page| Ok((page, self.get_json::<Vec<T>>(&page_route(page))?.0)))
                            .collect::<Result<Vec<(u32, Vec<T>)>, String>>()
                    })
                })
                .collect();
            let mut pages: Vec<(u32, Vec<T>)> = Vec::new();
            let mut failed = Vec::new();
            for worker in workers {
                match worker
                    .join()
                    .unwrap_or_else(|_| Err("a request thread panicked".into()))
                {
                    Ok(done) => pages.extend(done),
                    Err(e) => failed.push(Err(e)),
                }
            }
            pages.sort_by_key(|(page, _)| *page);
            failed
                .into_iter()
                .chain(pages.into_iter().map(|(_, items)| Ok(items)))
                .collect()
        });
        for batch in batches {
            items.extend(batch?);
        }
        Ok(items)
    }
}

/// Requests in flight at once while a collection is read.
const PARALLEL: usize = 4;
