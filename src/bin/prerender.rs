//! Prerenders the site into a Trunk-built `dist/` (see `blog::prerender`).
//!
//! usage: prerender --api URL [--dist dist] [--site-url URL]
//!   --api URL       the REST root to read now (`http://127.0.0.1:8091/wp-json`)
//!   --dist DIR      the bundle to write into                          [dist]
//!   --site-url URL  where the site is published, for canonical and
//!                   Open Graph URLs        [the WordPress site address]
//!
//! If the API cannot be read, nothing is written and the bundle stays the
//! client-rendered app (every URL still works); it says so and exits 0.

use std::path::{Path, PathBuf};
use std::time::Instant;

use blog::prerender::{crawl, document, feeds, render, sanitize};
use blog::transport::config;
use blog_core::data::config::SiteConfig;

struct Args {
    api: String,
    dist: PathBuf,
    site_url: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut api = None;
    let mut dist = PathBuf::from("dist");
    let mut site_url = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--api" => api = Some(value()?),
            "--dist" => dist = PathBuf::from(value()?),
            "--site-url" => site_url = Some(value()?).filter(|s| !s.is_empty()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        api: api.ok_or("--api URL is required")?,
        dist,
        site_url,
    })
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!("prerender: {e}\nusage: prerender --api URL [--dist dist] [--site-url URL]");
        std::process::exit(2);
    });
    if let Err(e) = run(&args) {
        eprintln!("prerender: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let shell = read_shell(&args.dist)?;
    let (site_config, warning) = SiteConfig::from_json(config_block(&shell));
    if let Some(w) = warning {
        eprintln!("prerender: {w}");
    }
    let lang = site_config.lang.clone();
    let embed_hosts = site_config.embed_hosts.clone();
    config::set(site_config);

    let site = match crawl::crawl(&crawl::Api::new(&args.api), args.site_url.as_deref()) {
        Ok(site) => site,
        Err(e) => {
            println!(
                "prerender: NOT PRERENDERED: could not read the API ({e}).\n\
                 prerender: dist/ is the client-rendered app: every URL works and fetches its page in the browser."
            );
            return Ok(());
        }
    };
    let site_url = args.site_url.clone().unwrap_or(site.info.url.clone());
    sanitize::set_page_context(host_of(&site_url), embed_hosts);
    render::init();

    let mut bytes = 0u64;
    for job in &site.pages {
        let page = render::render(&job.path, &job.seed);
        let html = document::assemble(
            &shell,
            &page.head,
            &job.share.to_html(),
            &job.seed,
            &page.body,
            &lang,
        )?;
        let file = document::file_for(&args.dist, &job.path);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&file, &html).map_err(|e| format!("{}: {e}", file.display()))?;
        bytes += html.len() as u64;
    }
    let origins = write_media_origins(&args.dist)?;
    // --- Feeds, sitemap and robots.txt (src/prerender/feeds.rs), once the
    // pages are written: /feed/, /category/<slug>/feed/, /sitemap.xml. ---
    let feeds = feeds::write_all(&args.dist, &site, &site_url, &lang)?;
    println!("prerender: {feeds}");
    // --- end of feeds ---
    for why in &site.skipped {
        println!("prerender: not prerendered: {why} (it opens through the app)");
    }
    println!(
        "prerender: {} pages from {} in {:.1} s, {:.1} MB of HTML; images and media from {}",
        site.pages.len(),
        args.api,
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1e6,
        if origins.is_empty() {
            "this site only".to_string()
        } else {
            origins.join(", ")
        }
    );
    Ok(())
}

/// Where the content's images and media come from, for the bundle's
/// Content-Security-Policy: `scripts/postbuild.mjs` reads the file (and
/// `configure-dist.mjs`, which re-runs it, finds it again).
fn write_media_origins(dist: &Path) -> Result<Vec<String>, String> {
    let origins: Vec<String> = sanitize::take_media_origins().into_iter().collect();
    let file = dist.join(MEDIA_ORIGINS_FILE);
    let json = serde_json::json!({
        "about": "Origins the prerendered content loads images and media from (written by the prerenderer; postbuild.mjs allows their https:// form in img-src and media-src).",
        "origins": origins,
    });
    std::fs::write(&file, format!("{json:#}\n")).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(origins)
}

/// The file in `dist/` that lists the content's media origins.
const MEDIA_ORIGINS_FILE: &str = "media-origins.json";

/// The app's shell: Trunk's `index.html`, kept as `shell.html` (the host's
/// fallback for URLs that were not prerendered) before the home page takes
/// `index.html`. A second run starts from the kept shell.
fn read_shell(dist: &Path) -> Result<String, String> {
    let kept = dist.join("shell.html");
    if let Ok(shell) = std::fs::read_to_string(&kept) {
        return Ok(shell);
    }
    let index = dist.join("index.html");
    let shell = std::fs::read_to_string(&index)
        .map_err(|e| format!("{}: {e} (run trunk build first)", index.display()))?;
    std::fs::write(&kept, &shell).map_err(|e| format!("{}: {e}", kept.display()))?;
    Ok(shell)
}

/// The JSON text of `<script type="application/json" id="blog-config">`.
fn config_block(shell: &str) -> Option<&str> {
    let at = shell.find(&format!("id=\"{}\"", config::CONFIG_ELEMENT_ID))?;
    let start = at + shell[at..].find('>')? + 1;
    let end = start + shell[start..].find("</script>")?;
    Some(&shell[start..end])
}

/// `https://blog.example.org/x` → `blog.example.org`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or_default().to_string()
}
