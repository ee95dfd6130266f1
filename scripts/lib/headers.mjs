// The security and caching headers of the CDN bundle, computed from the
// built index.html: shared by postbuild.mjs and configure-dist.mjs.
import { createHash } from "node:crypto";

/** The deployment config block of an index.html. */
export function readConfig(html) {
  const m = html.match(/<script type="application\/json" id="blog-config">([\s\S]*?)<\/script>/);
  if (!m) throw new Error("index.html has no blog-config block");
  return JSON.parse(m[1]);
}

export function writeConfig(html, config) {
  const json = JSON.stringify(config).replace(/<\//g, "<\\/");
  return html.replace(
    /(<script type="application\/json" id="blog-config">)[\s\S]*?(<\/script>)/,
    (_, open, close) => open + json + close,
  );
}

/** sha256 sources for every inline executable script (Trunk's loader). */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? "";
    if (/\bsrc=/.test(attrs) || /type="application\/(ld\+)?json"/.test(attrs)) continue;
    hashes.push(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return hashes;
}

/**
 * sha256 sources for the bundle's stylesheets, which prerendered pages
 * carry inline as `<style>` elements holding each file's bytes exactly
 * (src/prerender/inline_styles.rs).
 */
export function inlineStyleHashes(styles) {
  return styles.map((css) => `'sha256-${createHash("sha256").update(css).digest("base64")}'`);
}

/** The origin of the API, or null when it is same-origin (a path). */
export function apiOrigin(config) {
  try {
    return new URL(config.apiBase ?? "/wp-json").origin;
  } catch {
    return null;
  }
}

/**
 * `https://host` for every entry of the config's `imageHosts` (a host name
 * or an https origin); anything else (http:, paths, wildcards beyond a
 * leading `*.`) is refused with a warning, never widened.
 */
export function imageHostSources(config, warn = console.warn) {
  const out = [];
  for (const entry of config.imageHosts ?? []) {
    const m = /^(?:https:\/\/)?((?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d+)?)\/?$/i.exec(String(entry).trim());
    if (m) {
      out.push(`https://${m[1].toLowerCase()}`);
    } else {
      warn(`imageHosts: ignored ${JSON.stringify(entry)} (give a host name or an https:// origin)`);
    }
  }
  return out;
}

/**
 * The origins the prerendered content loads images and media from, as the
 * prerenderer found them (`media-origins.json` in the bundle; none when the
 * bundle was not prerendered). Only https ones go into the policy: an http
 * image on an https page is mixed content, and the build says so.
 */
export function contentMediaSources(mediaOrigins, apiOrigin, warn = console.warn) {
  const https = mediaOrigins.filter((o) => o.startsWith("https://"));
  // Loopback addresses are a local build or test, served over http anyway.
  const http = mediaOrigins.filter((o) => o.startsWith("http://") && o !== apiOrigin && !/^http:\/\/(127\.|localhost[:/]|localhost$|\[::1\])/.test(o));
  if (http.length) warn(`content loads images over plain http from ${http.join(", ")}: an https page blocks or upgrades them; serve them over https`);
  return https;
}

/**
 * The Content-Security-Policy. Scripts: only our own files and the hash of
 * Trunk's inline loader (never 'unsafe-inline'), plus 'wasm-unsafe-eval' to
 * compile the WASM. Styles: our files, and the same files inline (`styles`:
 * their texts) by their hashes. Data: our origin and the API. Images and media: ours,
 * the API's origin, the origins the content uses (`mediaOrigins`), the
 * config's `imageHosts`, and the avatar host. Nothing may frame the site.
 */
export function contentSecurityPolicy(html, mediaOrigins = [], styles = []) {
  const config = readConfig(html);
  const api = apiOrigin(config);
  const media = [api, ...imageHostSources(config), ...contentMediaSources(mediaOrigins, api)].filter(Boolean);
  const directives = [
    ["default-src", "'none'"],
    ["script-src", "'self'", ...inlineScriptHashes(html), "'wasm-unsafe-eval'"],
    ["connect-src", "'self'", api],
    ["img-src", "'self'", ...media, "https://*.gravatar.com"],
    ["media-src", "'self'", ...media],
    ["style-src", "'self'", ...inlineStyleHashes(styles)],
    ["frame-src", ...(config.embedHosts ?? []).map((h) => `https://${h}`)],
    ["manifest-src", "'self'"],
    ["base-uri", "'none'"],
    ["object-src", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives
    .map(([name, ...sources]) => [name, ...new Set(sources.filter(Boolean))])
    .filter((d) => d.length > 1)
    .map((d) => d.join(" "))
    .join("; ");
}

export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

/** The types WordPress serves its feeds and sitemaps with. */
export const RSS_CONTENT_TYPE = "application/rss+xml; charset=UTF-8";
export const SITEMAP_CONTENT_TYPE = "application/xml; charset=UTF-8";

/**
 * The feeds a prerendered bundle carries (src/prerender/feeds.rs): each is a
 * folder's `index.xml`, which no host takes for the folder's index, so
 * `_redirects` rewrites the feed's address to it and `_headers` gives the
 * address the RSS type. Rules match the address asked for (`/feed/`), not
 * the file, so no host sends the type twice. `/feed` without the slash
 * also finds it; no redirect adds the slash (Netlify matches rules with
 * and without it, so `/feed /feed/ 301` would loop there). Every feed is
 * its page's address and `feed/` (the site's, an archive's, a post's or
 * page's comments, `/comments/feed/`), so one pair of rules for each depth
 * an address can have rewrites them all: pages nest as deep as the routes'
 * `maxDepth` (from the shell's #blog-boot block, which
 * src/transport/wordpress.rs writes), categories as deep after `/category/`.
 */
export function feedRewrites(html) {
  const boot = /<script type="application\/json" id="blog-boot">([\s\S]*?)<\/script>/.exec(html);
  if (!boot) throw new Error("the shell has no #blog-boot block to read the routes' maxDepth from");
  const { maxDepth } = JSON.parse(boot[1]);
  return Array.from({ length: maxDepth + 2 }, (_, depth) => {
    const path = Array.from({ length: depth }, (_, i) => `/:s${i + 1}`).join("") + "/feed";
    return [
      [path, `${path}/index.xml`],
      [`${path}/`, `${path}/index.xml`],
    ];
  }).flat();
}
// The site's feed, and every other (a splat matches across segments).
export const FEED_HEADER_PATHS = ["/feed/", "/*/feed/"];

/**
 * The site icon's 32×32 copy, as the prerenderer put it into the shell's
 * head (src/prerender/site_icon.rs); `null` when the site has none.
 */
export function faviconAddress(html) {
  const head = html.slice(0, html.indexOf("</head>"));
  const tag = /<link rel="icon" href="([^"]+)" sizes="32x32">/.exec(head);
  return tag ? tag[1].replaceAll("&amp;", "&") : null;
}

/**
 * `_redirects`: the feeds' rewrites first (the first rule that matches
 * wins), when the bundle has feeds; `/favicon.ico` to the site icon, as
 * WordPress redirects it (`do_favicon`), for clients that ask for it
 * without reading a page; then every other URL with no file of its own
 * gets the app's `shell`.
 */
export function redirectsFile(shell, { feeds = null, favicon = null } = {}) {
  const rules = (feeds ?? []).map(([from, to]) => `${from}    ${to}    200`);
  if (favicon && !/\s/.test(favicon)) rules.push(`/favicon.ico    ${favicon}    302`);
  rules.push(`/*    /${shell}    200`);
  return rules.join("\n") + "\n";
}

/**
 * `_headers` in the Netlify / Cloudflare Pages format: every path gets the
 * security headers; hashed assets are immutable for a year; HTML is
 * revalidated on every visit, and so are the feeds and the sitemap, sent
 * with WordPress's types (`feeds`: the bundle has them).
 */
export function headersFile(html, hashedAssets, mediaOrigins = [], { feeds = false, styles = [] } = {}) {
  const lines = ["/*", `  Content-Security-Policy: ${contentSecurityPolicy(html, mediaOrigins, styles)}`];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
  lines.push("");
  // Hosts merge the headers of every matching rule, so Cache-Control is set
  // per path only, never on `/*` (deep links and prerendered pages get the
  // host's default, which revalidates HTML).
  for (const page of ["/", "/index.html", "/shell.html", "/404.html"]) {
    lines.push(page, "  Cache-Control: no-cache", "");
  }
  if (feeds) {
    for (const path of FEED_HEADER_PATHS) {
      lines.push(path, `  Content-Type: ${RSS_CONTENT_TYPE}`, "  Cache-Control: no-cache", "");
    }
    // The index and its parts, past 50,000 URLs.
    for (const path of ["/sitemap.xml", "/sitemap-*.xml"]) {
      lines.push(path, `  Content-Type: ${SITEMAP_CONTENT_TYPE}`, "  Cache-Control: no-cache", "");
    }
    lines.push("/robots.txt", "  Cache-Control: no-cache", "");
  }
  for (const asset of hashedAssets) {
    lines.push(`/${asset}`, "  Cache-Control: public, max-age=31536000, immutable", "");
  }
  return lines.join("\n");
}
