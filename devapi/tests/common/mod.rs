//! Helpers shared by the integration tests: an in-process app with a
//! temporary store and a manual clock, a one-shot request helper and the
//! recorded WordPress fixtures.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use devapi::clock::ManualClock;
use devapi::Config;
use serde_json::Value;
use tower::ServiceExt;

/// 2026-11-29T15:00:43, when the fixtures were captured.
pub const CAPTURE_TIME: i64 = 1_795_964_443;

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn data_file() -> PathBuf {
    crate_dir().join("data/site.json")
}

/// A fresh, empty directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "devapi-test-{}-{tag}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub struct TestApp {
    pub router: Router,
    pub clock: Arc<ManualClock>,
    pub dir: PathBuf,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.bytes[..self.bytes.len().min(300)])
            )
        })
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

pub fn config(dir: &Path, clock: Arc<ManualClock>) -> Config {
    let mut config = Config::new(data_file());
    config.store_path = Some(dir.join("comments.jsonl"));
    config.default_origin = "http://127.0.0.1:8881".to_string();
    config.clock = clock;
    config.slow_fault_delay = Duration::from_millis(200);
    config
}

/// The categories of the block- and classic-editor corpus, which the demo
/// content gained after the WordPress fixtures were recorded.
const CORPUS_CATEGORIES: &[&str] = &["block-editor", "classic-editor"];

/// Categories added to the demo after the recording (its child categories).
const LATER_CATEGORIES: &[&str] = &["reading-lists", "book-notes"];

/// What the demo content was when the fixtures were recorded: its posts,
/// users and tags (the 2021 posts, the pages, Arjun and the later tags came
/// with issue 13).
const RECORDED_POSTS: &[u64] = &[4, 5, 6, 7, 8];
const RECORDED_USERS: &[u64] = &[1, 2];
const RECORDED_TAGS: &[u64] = &[4, 5];

/// A copy of the demo content as it was when the fixtures were recorded:
/// without the corpus's posts, their categories and their uploads, and
/// without what came later (pages, posts, users, tags and their comments).
pub fn recorded_data_file(dir: &Path) -> PathBuf {
    let mut site: Value =
        serde_json::from_str(&std::fs::read_to_string(data_file()).unwrap()).unwrap();
    let category_ids = |slugs: &[&str]| -> Vec<Value> {
        site["categories"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| slugs.contains(&c["slug"].as_str().unwrap()))
            .map(|c| c["id"].clone())
            .collect()
    };
    let (corpus, later) = (
        category_ids(CORPUS_CATEGORIES),
        category_ids(LATER_CATEGORIES),
    );
    let in_corpus = |p: &Value| {
        p["categories"]
            .as_array()
            .is_some_and(|cs| cs.iter().any(|c| corpus.contains(c)))
    };
    let posts: Vec<Value> = site["posts"].as_array().unwrap().clone();
    let corpus_posts: Vec<Value> = posts
        .iter()
        .filter(|p| in_corpus(p))
        .map(|p| p["id"].clone())
        .collect();
    site["posts"] = Value::Array(posts.into_iter().filter(|p| !in_corpus(p)).collect());
    let gone_categories: Vec<Value> = corpus.iter().chain(&later).cloned().collect();
    for (key, gone) in [("categories", &gone_categories), ("media", &Vec::new())] {
        let kept: Vec<Value> = site[key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| !gone.contains(&x["id"]) && !corpus_posts.contains(&x["post"]))
            .cloned()
            .collect();
        site[key] = Value::Array(kept);
    }
    let keep = |key: &str, ids: &[u64], site: &mut Value| {
        let kept: Vec<Value> = site[key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| ids.contains(&x["id"].as_u64().unwrap()))
            .cloned()
            .collect();
        site[key] = Value::Array(kept);
    };
    keep("posts", RECORDED_POSTS, &mut site);
    keep("users", RECORDED_USERS, &mut site);
    keep("tags", RECORDED_TAGS, &mut site);
    site["pages"] = Value::Array(Vec::new());
    let comments: Vec<Value> = site["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| RECORDED_POSTS.contains(&c["post"].as_u64().unwrap()))
        .cloned()
        .collect();
    site["comments"] = Value::Array(comments);
    let path = dir.join("site-as-recorded.json");
    std::fs::write(&path, serde_json::to_string(&site).unwrap()).unwrap();
    path
}

impl TestApp {
    pub fn new() -> TestApp {
        Self::with(|_| {})
    }

    /// An app serving the demo content as the WordPress fixtures saw it.
    pub fn as_recorded() -> TestApp {
        let data = recorded_data_file(&temp_dir("recorded"));
        Self::with(move |config| config.data_path = data)
    }

    /// An app on a fresh store, after `tweak` adjusted its config.
    pub fn with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let dir = temp_dir("app");
        let clock = Arc::new(ManualClock::new(CAPTURE_TIME));
        let mut config = config(&dir, clock.clone());
        tweak(&mut config);
        let router = devapi::build_app(config).expect("app builds");
        TestApp { router, clock, dir }
    }

    /// A new app on the same store file and clock (a restart).
    pub fn restart(&self) -> TestApp {
        let config = config(&self.dir, self.clock.clone());
        TestApp {
            router: devapi::build_app(config).expect("app builds"),
            clock: self.clock.clone(),
            dir: self.dir.clone(),
        }
    }

    pub async fn send(
        &self,
        method: &str,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Reply {
        self.send_from(method, uri, headers, body, "127.0.0.1:50000")
            .await
    }

    /// Like `send`, from a given client address.
    pub async fn send_from(
        &self,
        method: &str,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
        client: &str,
    ) -> Reply {
        let mut req = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(uri)
            .header("host", "127.0.0.1:8881");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let mut req = req.body(Body::from(body.unwrap_or_default())).unwrap();
        let addr: SocketAddr = client.parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Reply {
            status,
            headers,
            bytes,
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send("GET", uri, &[], None).await
    }

    pub async fn post_json(&self, uri: &str, body: &Value) -> Reply {
        self.send(
            "POST",
            uri,
            &[("content-type", "application/json")],
            Some(serde_json::to_vec(body).unwrap()),
        )
        .await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A recorded WordPress exchange from `tests/fixtures/`.
pub struct Fixture {
    pub name: String,
    pub raw: Value,
}

impl Fixture {
    pub fn load(name: &str) -> Fixture {
        let path = crate_dir().join("tests/fixtures").join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Fixture {
            name: name.to_string(),
            raw: serde_json::from_str(&text).unwrap(),
        }
    }
    pub fn method(&self) -> &str {
        self.raw["request"]["method"].as_str().unwrap()
    }
    pub fn path(&self) -> &str {
        self.raw["request"]["path_and_query"].as_str().unwrap()
    }
    pub fn status(&self) -> u16 {
        self.raw["status"].as_u64().unwrap() as u16
    }
    pub fn body(&self) -> &Value {
        &self.raw["body"]
    }
    pub fn headers(&self) -> Vec<(String, String)> {
        self.raw["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect()
    }
    pub fn request_headers(&self) -> Vec<(String, String)> {
        self.raw["request"]["headers"]
            .as_object()
            .map(|h| {
                h.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }
    /// The request body as sent: JSON bodies are stored parsed, malformed
    /// and form bodies as strings.
    pub fn request_body(&self) -> Option<Vec<u8>> {
        match &self.raw["request"]["body"] {
            Value::Null => None,
            Value::String(s) => Some(s.clone().into_bytes()),
            v => Some(serde_json::to_vec(v).unwrap()),
        }
    }

    /// Replays the request against `app`.
    pub async fn replay(&self, app: &TestApp) -> Reply {
        let headers = self.request_headers();
        let refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        app.send(self.method(), self.path(), &refs, self.request_body())
            .await
    }
}

/// Every fixture in capture order, from `_index.json`.
pub fn fixture_index() -> Vec<String> {
    let text = std::fs::read_to_string(crate_dir().join("tests/fixtures/_index.json")).unwrap();
    let index: Value = serde_json::from_str(&text).unwrap();
    index
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_string())
        // index.json is kept only trimmed (index-trimmed.json).
        .filter(|f| crate_dir().join("tests/fixtures").join(f).exists())
        .collect()
}

/// Paths where two JSON values differ (for readable assertion messages).
pub fn json_diff(mine: &Value, real: &Value, path: &str, out: &mut Vec<String>) {
    match (mine, real) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get(k) {
                    None => out.push(format!("{path}.{k}: missing")),
                    Some(m) => json_diff(m, v, &format!("{path}.{k}"), out),
                }
            }
            for k in a.keys().filter(|k| !b.contains_key(*k)) {
                out.push(format!("{path}.{k}: unexpected"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{path}: {} items, expected {}", a.len(), b.len()));
            }
            for (i, (m, r)) in a.iter().zip(b).enumerate() {
                json_diff(m, r, &format!("{path}[{i}]"), out);
            }
        }
        _ if mine != real => out.push(format!("{path}: {mine} != {real}")),
        _ => {}
    }
}
