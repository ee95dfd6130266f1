// After `trunk build --release`: turns dist/ into a CDN bundle.
// - `_headers` (Netlify / Cloudflare Pages): CSP with the hash of Trunk's
//   inline loader, security headers, immutable caching of hashed assets.
// - `_redirects` and `404.html`: deep links survive a reload on a static host
//   (the app's shell answers URLs that were not prerendered); `/favicon.ico`
//   redirected to the site icon, as WordPress does.
// - Feeds (`/feed/` and each category's, tag's and author's `…/feed/`,
//   written by the prerenderer as `index.xml`): rewritten to in
//   `_redirects`, typed in `_headers` (the prerenderer titles every page's
//   `<link rel="alternate">`, the shell's too).
// - `.br` and `.gz` beside every text asset, for hosts that serve them as is.
// Usage: node scripts/postbuild.mjs [dist]
import { readdirSync, readFileSync, writeFileSync, statSync, copyFileSync, rmSync, existsSync, renameSync } from "node:fs";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { join } from "node:path";
import { brotliCompress, gzip, constants } from "node:zlib";
import { faviconAddress, feedRewrites, headersFile, redirectsFile } from "./lib/headers.mjs";

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
// The stylesheets, which prerendered pages carry inline: allowed by hash.
const styles = hashed.filter((f) => f.endsWith(".css")).map((f) => readFileSync(join(dist, f)));
writeFileSync(join(dist, "_headers"), headersFile(html, hashed, mediaOrigins, { feeds, styles }));
// URLs with no file of their own (posts published after the build, typos)
// get the shell, which renders them in the browser.
writeFileSync(join(dist, "_redirects"), redirectsFile(shell, { feeds: feeds ? feedRewrites(html) : null, favicon: faviconAddress(html) }));

copyFileSync(join(dist, shell), join(dist, "404.html"));

// `.br` and `.gz` of every text file, made again only where the file is
// newer than its copies (a rebuild rewrites only the pages that changed).
// Brotli 11 for the app's bundle and shell, which every visitor of the
// app downloads; 7 for the pages, feeds and sitemap: measured on the demo's
// pages, 11 takes 23 ms a page for 5.4 kB, 7 takes 0.7 ms for 6.0 kB, so a
// site of thousands of pages compresses in seconds, not minutes.
const compressible = /\.(html|js|css|wasm|svg|txt|json|xml)$/;
const appFile = (dir, f) => dir === dist && (hashed.includes(f) || f === "shell.html" || f === "404.html");
let count = 0;
let fresh = 0;
const jobs = [];
(function walk(dir) {
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (f !== ".prerender") walk(path);
      continue;
    }
    // A copy whose file is gone goes too, and a copy cut short.
    if (f.endsWith(".tmp")) {
      rmSync(path);
      continue;
    }
    if (/\.(br|gz)$/.test(f)) {
      if (!existsSync(path.slice(0, -3))) rmSync(path);
      continue;
    }
    if (!compressible.test(f)) continue;
    count++;
    const newer = (copy) => existsSync(copy) && statSync(copy).mtimeMs >= stat.mtimeMs;
    if (newer(path + ".br") && newer(path + ".gz")) continue;
    jobs.push({ path, quality: appFile(dir, f) ? 11 : 7 });
  }
})(dist);
// In parallel (zlib's async calls run on libuv's thread pool: 4 threads, or
// UV_THREADPOOL_SIZE, which `make dist` sets to the number of cores), each copy
// written through a temporary file and a rename: a build stopped halfway
// never leaves a cut copy that looks newer than its file.
const writeVia = (file, bytes) => {
  writeFileSync(file + ".tmp", bytes);
  renameSync(file + ".tmp", file);
};
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
let next = 0;
await Promise.all(
  Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    while (next < jobs.length) {
      const { path, quality } = jobs[next++];
      const data = readFileSync(path);
      const [br, gz] = await Promise.all([
        brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } }),
        gzipAsync(data, { level: quality === 11 ? 9 : 6 }),
      ]);
      writeVia(path + ".br", br);
      writeVia(path + ".gz", gz);
      fresh++;
    }
  }),
);
console.log(
  `postbuild: _headers (CSP, ${hashed.length} immutable assets), _redirects and 404.html (${shell}), ` +
    (feeds ? "feeds typed and rewritten, " : "no feeds, ") +
    `.br/.gz for ${count} files (${fresh} made now, the rest unchanged)`,
);

