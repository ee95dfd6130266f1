// After `trunk build --release`: turns dist/ into a CDN bundle.
// - `_headers` (Netlify / Cloudflare Pages): CSP with the hash of Trunk's
//   inline loader, security headers, immutable caching of hashed assets.
// - `_redirects` and `404.html`: deep links survive a reload on a static host
//   (the app's shell answers URLs that were not prerendered).
// - `.br` and `.gz` beside every text asset, for hosts that serve them as is.
// Usage: node scripts/postbuild.mjs [dist]
import { readdirSync, readFileSync, writeFileSync, statSync, copyFileSync, rmSync, existsSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { headersFile } from "./lib/headers.mjs";

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
writeFileSync(join(dist, "_headers"), headersFile(html, hashed, mediaOrigins));
// URLs with no file of their own (posts published after the build, typos)
// get the shell, which renders them in the browser.
writeFileSync(join(dist, "_redirects"), `/*    /${shell}    200\n`);
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
console.log(`postbuild: _headers (CSP, ${hashed.length} immutable assets), _redirects and 404.html (${shell}), .br/.gz for ${count} files`);
