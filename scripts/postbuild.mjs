// After `trunk build --release`: turns dist/ into a CDN bundle.
// - `_headers` (Netlify / Cloudflare Pages): CSP with the hash of Trunk's
//   inline loader, security headers, immutable caching of hashed assets.
// - `_redirects` and `404.html`: deep links survive a reload on a static host
//   (the app's shell answers URLs that were not prerendered).
// - Feeds (`/feed/`, `/category/<slug>/feed/`, written by the prerenderer as
//   `index.xml`): rewritten to in `_redirects`, typed in `_headers`, and
//   every page's `<link rel="alternate">` titled with the site's name.
// - `.br` and `.gz` beside every text asset, for hosts that serve them as is.
// Usage: node scripts/postbuild.mjs [dist]
import { readdirSync, readFileSync, writeFileSync, statSync, copyFileSync, rmSync, existsSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { headersFile, redirectsFile } from "./lib/headers.mjs";

const dist = process.argv[2] ?? "dist";
// The app's shell: `shell.html` once the prerenderer has put the home page
// into index.html (scripts/prerender.sh), else index.html itself. Every page
// carries the same inline loader, so the shell's hashes cover them all.
const shell = existsSync(join(dist, "shell.html")) ? "shell.html" : "index.html";
const html = readFileSync(join(dist, shell), "utf8");

// Trunk names hashed files `<name>-<hex>.<ext>` (and `_bg.wasm`); the hex is
// a u64 without leading zeros, so up to 16 digits.
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile());
const hashed = files.filter((f) => /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(f));

// Where the content's images and media live, as the prerenderer found them.
const mediaFile = join(dist, "media-origins.json");
const mediaOrigins = existsSync(mediaFile) ? JSON.parse(readFileSync(mediaFile, "utf8")).origins ?? [] : [];
// The site's feed, when the prerenderer wrote one.
const feedFile = join(dist, "feed", "index.xml");
const feeds = existsSync(feedFile);
writeFileSync(join(dist, "_headers"), headersFile(html, hashed, mediaOrigins, { feeds }));
// URLs with no file of their own (posts published after the build, typos)
// get the shell, which renders them in the browser.
writeFileSync(join(dist, "_redirects"), redirectsFile(shell, { feeds }));

// The shell's `<link rel="alternate" type="application/rss+xml">` (index.html)
// takes WordPress's title, "<site> » Feed", in every page: the site's name
// is known only once the prerenderer has read it (the feed's channel
// title). Without a feed the link stays as the shell has it.
let alternates = 0;
if (feeds) {
  const title = feedTitle(readFileSync(feedFile, "utf8"));
  const link = `<link rel="alternate" type="application/rss+xml" title="${escapeAttr(`${title} » Feed`)}" href="/feed/" />`;
  (function walk(dir) {
    for (const f of readdirSync(dir)) {
      const path = join(dir, f);
      if (statSync(path).isDirectory()) walk(path);
      else if (f.endsWith(".html")) {
        const page = readFileSync(path, "utf8");
        const out = page.replace(/<link rel="alternate" type="application\/rss\+xml"[^>]*>/, link);
        if (out !== page) {
          writeFileSync(path, out);
          alternates++;
        }
      }
    }
  })(dist);
}
copyFileSync(join(dist, shell), join(dist, "404.html"));

const compressible = /\.(html|js|css|wasm|svg|txt|json|xml)$/;
let count = 0;
(function walk(dir) {
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(br|gz)$/.test(f)) rmSync(path);
  }
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (!compressible.test(f) || !statSync(path).isFile()) continue;
    const data = readFileSync(path);
    writeFileSync(path + ".br", brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(path + ".gz", gzipSync(data, { level: 9 }));
    count++;
  }
})(dist);
console.log(
  `postbuild: _headers (CSP, ${hashed.length} immutable assets), _redirects and 404.html (${shell}), ` +
    (feeds ? `feeds typed and rewritten, alternate link titled in ${alternates} pages, ` : "no feeds, ") +
    `.br/.gz for ${count} files`,
);

/** The `<channel><title>` of an RSS feed, as text. */
function feedTitle(xml) {
  const m = /<channel>\s*<title>([\s\S]*?)<\/title>/.exec(xml);
  const text = m ? m[1] : "";
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#[0-9]+);/gi, (_, e) => {
      const named = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[e.toLowerCase()];
      if (named) return named;
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(code);
    })
    .trim();
}

function escapeAttr(s) {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
