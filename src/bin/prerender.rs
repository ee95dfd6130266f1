//! Prerenders the site into a Trunk-built `dist/` (see `blog::prerender`).
//!
//! usage: prerender --api URL [--dist dist] [--site-url URL]
//!   --api URL       the REST root to read now (`http://127.0.0.1:8091/wp-json`)
//!   --dist DIR      the bundle to write into                          [dist]
//!   --site-url URL  where the site is published, for canonical and
//!                   Open Graph URLs        [the WordPress site address]
//!
//! Run again over a bundle it built from the same API, it asks only for
//! what can have changed and renders, writes and removes only the pages
//! whose inputs changed (`prerender/manifest.rs`).
//!
//! If the API cannot be read, nothing is written: a first build leaves the
//! client-rendered app (every URL still works), says so and exits 0; a
//! rebuild leaves the previous pages whole and fails.

use std::path::{Path, PathBuf};
use std::time::Instant;

use blog::prerender::api::Api;
use blog::prerender::app_on_demand::Parts;
use blog::prerender::inline_styles::inline_styles;
use blog::prerender::manifest::{self, FileEntry, Items, Manifest};
use blog::prerender::site_icon::{with_site_icon, without_site_icon};
use blog::prerender::{crawl, document, feeds, render};
use blog::transport::config;
use blog_core::data::config::SiteConfig;
use blog_core::data::feed_links;
use blog_core::data::query_address::QUERY_ADDRESSES_FILE;
use blog_core::data::route::Route;
use blog_core::data::seed::PageSeed;
use blog_core::data::share_meta::escape_attr;
use blog_core::rules::sanitize_native as sanitize;
use blog_core::rules::sanitize_policy::origin_of;

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

/// Where `scripts/sync-app.mjs` keeps the pages Trunk built the comments'
/// and the chat's parts into (in `dist/.prerender/`, never served).
const PART_FILES: [&str; 2] = ["part.html", "chat.html"];

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let shell = Shell::read(&args.dist)?;
    config::set(shell.config.clone());

    // The last build over this bundle, if it was published at the same
    // address with the same template (and read the same WordPress site, which
    // the crawl checks): only what changed is asked for, rendered and written.
    let site_url_arg = args.site_url.clone().unwrap_or_default();
    let (previous, previous_items) = read_previous(&args.dist)
        .filter(|(m, _)| m.matches(&site_url_arg, &shell.template))
        .unzip();
    let api = Api::new(&args.api);
    // The previous items are handed over (what is reused moves, not copied).
    let crawled = crawl::crawl(
        &api,
        args.site_url.as_deref(),
        previous
            .as_ref()
            .zip(previous_items)
            .map(|(m, items)| crawl::Previous {
                items,
                terms: &m.terms,
                site: &m.site,
            }),
    );
    let site = match crawled {
        Ok(site) => site,
        Err(e) if previous.is_some() || args.dist.join(manifest::DIR).exists() => {
            // A rebuild that cannot read the whole site changes nothing: the
            // previous pages stay as they were, whole.
            return Err(format!(
                "could not read the API ({e}); the previous build's pages are left as they were"
            ));
        }
        Err(e) => {
            println!(
                "prerender: NOT PRERENDERED: could not read the API ({e}).\n\
                 prerender: dist/ is the client-rendered app: every URL works and fetches its page in the browser."
            );
            return Ok(());
        }
    };
    let crawl_seconds = started.elapsed().as_secs_f64();
    let site_url = args.site_url.clone().unwrap_or(site.info.url.clone());
    let context = RenderContext::new(&shell, &site, &site_url)?;
    context.enter();
    render::init();

    let mut now = Manifest::new(&site.info.url, &site_url_arg, &shell.template);
    now.terms = site.terms.clone();
    // Pages are reused only from a build of the same WordPress site.
    let before = previous.as_ref().filter(|m| m.site == site.info.url);
    let done = render_all(&context, &site, &args.dist, before)?;
    let (mut bytes, mut rendered) = (0u64, 0);
    for (file, entry, size) in done {
        if let Some(size) = size {
            bytes += size;
            rendered += 1;
        }
        now.files.insert(file, entry);
    }
    let render_seconds = started.elapsed().as_secs_f64() - crawl_seconds;

    // Feeds, sitemap and robots.txt (src/prerender/feeds.rs), once the
    // pages are written: /feed/, the category, tag and author feeds, /sitemap.xml.
    let feeds = feeds::write_all(&args.dist, &site, &site_url, &shell.config.lang)?;
    println!("prerender: {feeds}");
    for file in &feeds.files {
        now.files.insert(file.clone(), FileEntry::default());
    }
    // Pages gone since the last build (trashed, unpublished, made private or
    // renamed) go, with their compressed copies; the manifest goes last.
    let removed: usize = before
        .map(|before| {
            before
                .gone(&now)
                .map(|file| remove_page(&args.dist, file))
                .sum()
        })
        .unwrap_or(0);
    let icon_origin = site.icon.1.as_deref().and_then(origin_of);
    let origins = write_media_origins(&args.dist, &now, icon_origin)?;
    // Addresses that were not prerendered (the shell) show the icon and
    // name the feed as the pages do.
    keep_pristine_shell(&args.dist)?;
    write_shell(&args.dist, &site.icon.0, &site.info.display_name())?;
    // Where WordPress's plain addresses (`/?p=123`) lead, for the starter.
    let query_addresses = site.query_addresses.to_json();
    let file = args.dist.join(QUERY_ADDRESSES_FILE);
    if std::fs::read_to_string(&file).ok().as_deref() != Some(query_addresses.as_str()) {
        write_atomically(&file, query_addresses.as_bytes())?;
    }
    write_previous(&args.dist, &now, &site.items)?;

    for why in &site.skipped {
        println!("prerender: not prerendered: {why} (it opens through the app)");
    }
    println!(
        "prerender: {} pages from {} in {:.1} s ({} requests, {:.1} s, {} comments; rendered {} in {:.1} s, {:.1} MB of HTML; {} unchanged; {} removed); images and media from {}",
        site.pages.len(),
        args.api,
        started.elapsed().as_secs_f64(),
        api.requests.load(std::sync::atomic::Ordering::Relaxed),
        crawl_seconds,
        site.comments,
        rendered,
        render_seconds,
        bytes as f64 / 1e6,
        site.pages.len() - rendered,
        removed,
        if origins.is_empty() {
            "this site only".to_string()
        } else {
            origins.join(", ")
        }
    );
    Ok(())
}

/// The app's shell as Trunk built it, and what the build reads from it.
struct Shell {
    /// For list pages, which link the stylesheets (cached from the first
    /// page a reader opens: thousands of archive pages stay small to write
    /// and compress)...
    plain: String,
    /// ...and with the stylesheets inline, for articles (one request to
    /// paint).
    inline: String,
    config: SiteConfig,
    /// The comments' and the chat's parts (Trunk builds of the pages
    /// `scripts/part-pages.mjs` writes), if made.
    parts: Option<Parts>,
    /// The fingerprint of all of it and of the prerenderer: a new
    /// stylesheet, script, part or prerenderer renders every page again.
    template: String,
}

impl Shell {
    fn read(dist: &Path) -> Result<Shell, String> {
        // As Trunk made it: the last build's icon tags out.
        let plain = without_site_icon(&read_shell(dist)?);
        let inline = inline_styles(&plain, |name| std::fs::read_to_string(dist.join(name)).ok());
        let (config, warning) = SiteConfig::from_json(config_block(&plain));
        if let Some(w) = warning {
            eprintln!("prerender: {w}");
        }
        let [comments, chat] = PART_FILES
            .map(|name| std::fs::read_to_string(dist.join(manifest::DIR).join(name)).ok());
        let parts = Parts::from_pages(comments.as_deref(), chat.as_deref())?;
        // This program too: a prerenderer that renders otherwise (a new
        // build of it) renders every page again.
        let renderer = std::env::current_exe()
            .and_then(std::fs::read)
            .map_err(|e| format!("cannot read the prerenderer itself: {e}"))?;
        let template = manifest::fingerprint(&[
            inline.as_bytes(),
            comments.unwrap_or_default().as_bytes(),
            chat.unwrap_or_default().as_bytes(),
            &renderer,
        ]);
        Ok(Shell {
            plain,
            inline,
            config,
            parts,
            template,
        })
    }
}

/// What every rendering thread needs set before it renders.
struct RenderContext {
    /// The shell, made ready once for every page (list pages link the
    /// stylesheets)...
    template: document::Template,
    /// ...and with the stylesheets inline, for articles.
    template_inline: document::Template,
    config: SiteConfig,
    host: String,
    /// What every page carries beside its seed: the language and the site
    /// icon's tags (in each page's fingerprint).
    site_wide: String,
}

impl RenderContext {
    /// The shell made ready once for every page of `site`, published at
    /// `site_url`.
    fn new(shell: &Shell, site: &crawl::Site, site_url: &str) -> Result<RenderContext, String> {
        let ready = |page: &str| {
            document::Template::new(
                &with_site_icon(
                    &with_feed_titles(page, &site.info.display_name()),
                    &site.icon.0,
                ),
                &shell.config.lang,
                shell.parts.clone(),
            )
        };
        Ok(RenderContext {
            template: ready(&shell.plain)?,
            template_inline: ready(&shell.inline)?,
            config: shell.config.clone(),
            host: host_of(site_url),
            site_wide: format!("{}\n{}", shell.config.lang, site.icon.0),
        })
    }

    /// The app's settings are per thread (as in the browser, one thread).
    fn enter(&self) {
        config::set(self.config.clone());
        sanitize::set_page_context(self.host.clone(), self.config.embed_hosts.clone());
    }
}

/// What a page's file is made of: its address, its seed (the site-wide
/// responses, then its own, read where they are rather than joined into a
/// copy), its link preview, its language and site icon (`site_wide`; the
/// template is the manifest's).
fn page_fingerprint(
    job: &crawl::PageJob,
    common: &PageSeed,
    own: &PageSeed,
    site_wide: &str,
) -> String {
    let seed = || common.iter().chain(own.iter());
    let share = job.head_tags();
    let mut parts: Vec<&[u8]> = vec![job.path.as_bytes(), share.as_bytes(), site_wide.as_bytes()];
    // The seed's responses as they are (no second serialisation).
    let paging: Vec<String> = seed()
        .map(|(_, r)| format!("{}/{}", r.paging.total, r.paging.total_pages))
        .collect();
    for ((route, response), paging) in seed().zip(&paging) {
        parts.extend([
            route.as_bytes(),
            response.body.as_bytes(),
            paging.as_bytes(),
        ]);
    }
    manifest::fingerprint(&parts)
}

/// Every page on every core, each made, fingerprinted and (unless the last
/// build wrote the same file from the same inputs) rendered and written
/// from its own seed, which is then dropped: memory holds a page per core,
/// not the site's seeds. The file, what it was made from, and its size if
/// it was written now.
fn render_all(
    context: &RenderContext,
    site: &crawl::Site,
    dist: &Path,
    before: Option<&Manifest>,
) -> Result<Vec<(String, FileEntry, Option<u64>)>, String> {
    let jobs = &site.pages;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
        .min(jobs.len().max(1));
    // Pages are handed out one at a time: they differ in cost (an article
    // with its comments, a list page).
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let next = &next;
                scope.spawn(move || {
                    context.enter();
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else {
                            return Ok(out);
                        };
                        out.push(build_one(context, site, dist, before, job)?);
                    }
                })
            })
            .collect();
        let mut out = Vec::with_capacity(jobs.len());
        for worker in workers {
            let done: Result<Vec<_>, String> =
                worker.join().map_err(|_| "a rendering thread panicked")?;
            out.extend(done?);
        }
        Ok(out)
    })
}

/// One page: kept if the last build made its file from the same inputs,
/// else rendered and written.
fn build_one(
    context: &RenderContext,
    site: &crawl::Site,
    dist: &Path,
    before: Option<&Manifest>,
    job: &crawl::PageJob,
) -> Result<(String, FileEntry, Option<u64>), String> {
    let file = document::relative_file(&job.path);
    let own = site
        .own_seed(job)
        .map_err(|e| format!("{}: {e}", job.path))?;
    let print = page_fingerprint(job, &site.common, &own, &context.site_wide);
    let kept = before
        .and_then(|m| m.files.get(&file))
        .filter(|entry| entry.fingerprint == print && dist.join(&file).is_file());
    if let Some(entry) = kept {
        return Ok((file, entry.clone(), None));
    }
    let (entry, size) = render_one(context, dist, job, &site.seed_of(own), &file, print)?;
    Ok((file, entry, Some(size)))
}

fn render_one(
    context: &RenderContext,
    dist: &Path,
    job: &crawl::PageJob,
    seed: &PageSeed,
    file: &str,
    print: String,
) -> Result<(FileEntry, u64), String> {
    let _ = sanitize::take_media_origins();
    let page = render::render(&job.path, seed);
    let template = match Route::parse(&job.path) {
        Route::Singular { .. } => &context.template_inline,
        _ => &context.template,
    };
    let html = template.assemble(&page.head, &job.head_tags(), seed, &page.body);
    write_atomically(&dist.join(file), html.as_bytes())?;
    let entry = FileEntry {
        fingerprint: print,
        origins: sanitize::take_media_origins().into_iter().collect(),
    };
    Ok((entry, html.len() as u64))
}

/// Writes through a temporary file and a rename: a build stopped halfway
/// never leaves half a page.
fn write_atomically(file: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let tmp = file.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, file).map_err(|e| format!("{}: {e}", file.display()))
}

/// Removes a page the site no longer has (and its `.br`/`.gz`, and its
/// folder once empty); 1 if there was one.
fn remove_page(dist: &Path, file: &str) -> usize {
    let path = dist.join(file);
    let existed = std::fs::remove_file(&path).is_ok();
    for ext in ["br", "gz"] {
        let _ = std::fs::remove_file(format!("{}.{ext}", path.display()));
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != dist) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    usize::from(existed)
}

/// The manifest and items of the last build over this bundle, if they read.
/// Read straight from the files (a big site's items are tens of MB: no
/// second copy as text).
fn read_previous(dist: &Path) -> Option<(Manifest, Items)> {
    let dir = dist.join(manifest::DIR);
    let read = |name: &str| {
        std::fs::File::open(dir.join(name))
            .ok()
            .map(std::io::BufReader::new)
    };
    let manifest = serde_json::from_reader(read(manifest::MANIFEST_FILE)?).ok()?;
    let items = serde_json::from_reader(read(manifest::ITEMS_FILE)?).ok()?;
    Some((manifest, items))
}

/// Written straight to the files, each through a temporary one and a rename.
fn write_previous(dist: &Path, manifest: &Manifest, items: &Items) -> Result<(), String> {
    let dir = dist.join(manifest::DIR);
    let write = |name: &str, json: &dyn Fn(&mut dyn std::io::Write) -> serde_json::Result<()>| {
        let file = dir.join(name);
        let tmp = file.with_extension("tmp");
        let out = std::fs::File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
        let mut out = std::io::BufWriter::new(out);
        json(&mut out).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::io::Write::flush(&mut out).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &file).map_err(|e| format!("{}: {e}", file.display()))
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    write(manifest::ITEMS_FILE, &|out| {
        serde_json::to_writer(out, items)
    })?;
    write(manifest::MANIFEST_FILE, &|out| {
        serde_json::to_writer_pretty(out, manifest)
    })
}

/// The shell's feed links (the site's posts and comments) titled as
/// WordPress titles them, "<site> » Feed" and "<site> » Comments Feed"
/// (Trunk's shell says "Feed" and "Comments Feed"; a shell an earlier build
/// titled gets the site's name as it is now). Each is found by its address.
fn with_feed_titles(shell: &str, site_name: &str) -> String {
    const LINK: &str = r#"type="application/rss+xml" title=""#;
    let mut out = String::with_capacity(shell.len() + 64);
    let mut rest = shell;
    while let Some(at) = rest.find(LINK).map(|at| at + LINK.len()) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find('"') else { break };
        let href = rest[end..]
            .strip_prefix(r#"" href=""#)
            .and_then(|h| h.split('"').next());
        if let Some(link) = feed_links::site_wide(site_name)
            .into_iter()
            .find(|link| Some(link.path.as_str()) == href)
        {
            out.push_str(&escape_attr(&link.title));
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// Where the content's images and media come from, for the bundle's
/// Content-Security-Policy: `scripts/postbuild.mjs` reads the file (and
/// `configure-dist.mjs`, which re-runs it, finds it again). Every page's
/// origins are in the manifest, so a page not rendered again still counts.
fn write_media_origins(
    dist: &Path,
    manifest: &Manifest,
    icon: Option<String>,
) -> Result<Vec<String>, String> {
    let mut origins: std::collections::BTreeSet<String> = sanitize::take_media_origins();
    origins.extend(icon);
    origins.extend(
        manifest
            .files
            .values()
            .flat_map(|f| f.origins.iter().cloned()),
    );
    let origins: Vec<String> = origins.into_iter().collect();
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
/// `index.html`.
///
/// Read as Trunk made it, from `.prerender/shell.html` (sync-app.mjs keeps
/// it there; a copy's first build keeps it there too, `keep_pristine_shell`):
/// what a build adds to `shell.html` (the site icon, the feeds' titles) then
/// never reaches the next build's template, whose fingerprint would
/// otherwise change and render every page again.
fn read_shell(dist: &Path) -> Result<String, String> {
    if let Ok(shell) = std::fs::read_to_string(pristine_shell(dist)) {
        return Ok(shell);
    }
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

fn pristine_shell(dist: &Path) -> PathBuf {
    dist.join(manifest::DIR).join("shell.html")
}

/// After a build that succeeded, before `write_shell` changes `shell.html`:
/// the shell as read is kept as Trunk made it, for the next build.
fn keep_pristine_shell(dist: &Path) -> Result<(), String> {
    let pristine = pristine_shell(dist);
    if pristine.exists() {
        return Ok(());
    }
    let shell = read_shell(dist)?;
    std::fs::create_dir_all(dist.join(manifest::DIR))
        .and_then(|()| std::fs::write(&pristine, shell))
        .map_err(|e| format!("{}: {e}", pristine.display()))
}

/// The shell (`shell.html`, which `postbuild.mjs` copies to `404.html`)
/// with the site icon's tags and the feed link's title, written only when
/// they changed.
fn write_shell(dist: &Path, icon_tags: &str, site_name: &str) -> Result<(), String> {
    let file = dist.join("shell.html");
    let shell = without_site_icon(&read_shell(dist)?);
    let ready = with_site_icon(&with_feed_titles(&shell, site_name), icon_tags);
    if std::fs::read_to_string(&file).ok().as_deref() != Some(ready.as_str()) {
        write_atomically(&file, ready.as_bytes())?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shells_feed_links_are_titled_by_their_address() {
        let shell = r#"<head><link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/" />
<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/" />
<link rel="alternate" type="application/rss+xml" title="Other" href="/elsewhere/" /></head>"#;
        let titled = with_feed_titles(shell, "A & B");
        assert_eq!(
            titled,
            r#"<head><link rel="alternate" type="application/rss+xml" title="A &amp; B » Feed" href="/feed/" />
<link rel="alternate" type="application/rss+xml" title="A &amp; B » Comments Feed" href="/comments/feed/" />
<link rel="alternate" type="application/rss+xml" title="Other" href="/elsewhere/" /></head>"#
        );
        // Titled again when the site's name changed.
        assert_eq!(with_feed_titles(&titled, "A & B"), titled);
        assert!(with_feed_titles(&titled, "C").contains(r#"title="C » Comments Feed""#));
    }
}
