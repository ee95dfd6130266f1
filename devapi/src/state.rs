//! The server's configuration and shared state: what every handler reads
//! (the content snapshot, the comment store, the test kit's state). Below
//! every handler; the router is `app.rs`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderMap;

use crate::clock::{Clock, SystemClock};
use crate::content::{self, Site};
use crate::generate;
use crate::store::Store;
use crate::test_kit_state::{Faults, TestPosts};

/// Everything the CLI can set (see `main.rs`), with the defaults used there.
#[derive(Clone)]
pub struct Config {
    /// The content file.
    pub data_path: PathBuf,
    /// Where POSTed comments are appended; `None` keeps them in memory only.
    pub store_path: Option<PathBuf>,
    /// A built frontend to serve (single-page-app fallback to index.html).
    pub static_dir: Option<PathBuf>,
    /// Written into `<script id="blog-config">` of served HTML.
    pub api_base: Option<String>,
    /// More keys merged into that config block (`--site-config JSON`).
    pub site_config: serde_json::Map<String, serde_json::Value>,
    /// Serve `/wp-json` (false with `--no-api`).
    pub api: bool,
    /// Serve a generated site of this many posts instead of the data file's
    /// posts, pages, users, terms and comments (its site name and media are
    /// kept); see [`crate::generate`].
    pub generate: Option<usize>,
    /// Enable the `/__test/…` routes: faults, raw test content, and changes
    /// at run time (edit, trash, publish, approve); see [`crate::faults`]
    /// and [`crate::control`].
    pub test_control: bool,
    /// WordPress's comment flood window (15 s); 0 disables the check.
    pub flood_seconds: i64,
    /// Settings → Permalinks: where posts are linked (pages always nest).
    pub permalinks: Permalinks,
    /// How long the `slow` fault waits before answering.
    pub slow_fault_delay: Duration,
    /// Origin for links when a request has no usable `Host` header.
    pub default_origin: String,
    /// Origin for every absolute link whatever the `Host` (as WordPress's
    /// configured site address): a build that reads the API on one port
    /// writes links to where the site will be served.
    pub public_origin: Option<String>,
    pub clock: Arc<dyn Clock>,
}

/// The permalink structures the dev API can link posts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permalinks {
    /// `/%postname%/`.
    PostName,
    /// `/%year%/%monthnum%/%day%/%postname%/` ("Day and name").
    Day,
    /// `/%year%/%monthnum%/%postname%/` ("Month and name").
    Month,
}

impl Permalinks {
    pub fn parse(name: &str) -> Option<Permalinks> {
        match name {
            "postname" => Some(Permalinks::PostName),
            "day" => Some(Permalinks::Day),
            "month" => Some(Permalinks::Month),
            _ => None,
        }
    }
}

impl Config {
    pub fn new(data_path: impl Into<PathBuf>) -> Config {
        Config {
            data_path: data_path.into(),
            store_path: None,
            static_dir: None,
            api_base: None,
            site_config: serde_json::Map::new(),
            api: true,
            generate: None,
            test_control: false,
            flood_seconds: 15,
            permalinks: Permalinks::PostName,
            slow_fault_delay: Duration::from_secs(30),
            default_origin: "http://127.0.0.1:8081".to_string(),
            public_origin: None,
            clock: Arc::new(SystemClock),
        }
    }

    /// The data file shipped with the crate, whatever the working directory.
    pub fn default_data_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/site.json")
    }

    pub fn default_store_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/devapi-comments.jsonl")
    }
}

pub struct AppState {
    /// The content; a request reads one snapshot ([`AppState::site`]), the
    /// test-control changes swap in a new one.
    site: RwLock<Arc<Site>>,
    pub comments: Mutex<Store>,
    /// `data/uploads/` next to the data file.
    pub uploads_dir: PathBuf,
    pub config: Config,
    pub faults: Faults,
    /// Posts added by `POST /__test/posts` (`--test-control` only).
    pub test_posts: TestPosts,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn now(&self) -> i64 {
        self.config.clock.now()
    }

    /// The content as it is now: a request reads this one snapshot
    /// throughout, whatever changes meanwhile.
    pub fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the content (copied first if a request still reads it).
    pub fn change_site<R>(&self, change: impl FnOnce(&mut Site) -> R) -> R {
        let mut guard = self.site.write().unwrap_or_else(|p| p.into_inner());
        change(Arc::make_mut(&mut guard))
    }

    /// `http://host:port` for absolute links: the request's `Host` when it
    /// looks like a host name, else the bound address.
    pub fn origin(&self, headers: &HeaderMap) -> String {
        if let Some(origin) = &self.config.public_origin {
            return origin.clone();
        }
        headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                !h.is_empty()
                    && h.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']')
                    })
            })
            .map(|h| format!("http://{h}"))
            .unwrap_or_else(|| self.config.default_origin.clone())
    }
}

/// The client address, as `$_SERVER['REMOTE_ADDR']` (127.0.0.1 when unknown,
/// as WordPress falls back to).
pub fn client_ip(req: &Request) -> String {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|| "127.0.0.1".to_string())
}

pub fn build_state(config: Config) -> Result<Shared, String> {
    let (site, seed) = content::load(&config.data_path)?;
    let (site, seed) = match config.generate {
        Some(n) => generate::site(n, site.info, site.media),
        None => (site, seed),
    };
    let store = Store::open(seed, config.store_path.as_deref())?;
    let uploads_dir = config
        .data_path
        .parent()
        .unwrap_or(Path::new("."))
        .join("uploads");
    Ok(Arc::new(AppState {
        site: RwLock::new(Arc::new(site)),
        comments: Mutex::new(store),
        uploads_dir,
        config,
        faults: Faults::default(),
        test_posts: TestPosts::default(),
    }))
}
