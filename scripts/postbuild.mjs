// After `trunk build --release`: turns dist/ into a CDN bundle.
// - `_headers` (Netlify / Cloudflare Pages): CSP with the hash of Trunk's
//   inline loader, security headers, immutable caching of hashed assets.
// - `_redirects` and `404.html`: deep links survive a reload on a static host.
// - `.br` and `.gz` beside every text asset, for hosts that serve them as is.
// Usage: node scripts/postbuild.mjs [dist]
import { readdirSync, readFileSync, writeFileSync, statSync, copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { headersFile } from "./lib/headers.mjs";

const dist = process.argv[2] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");

// Trunk names hashed files `<name>-<hex>.<ext>` (and `_bg.wasm`); the hex is
// a u64 without leading zeros, so up to 16 digits.
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile());
for (const f of files) if (/\.(br|gz)$/.test(f)) rmSync(join(dist, f));
const hashed = files.filter((f) => /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(f));

writeFileSync(join(dist, "_headers"), headersFile(html, hashed));
writeFileSync(join(dist, "_redirects"), "/*    /index.html    200\n");
copyFileSync(join(dist, "index.html"), join(dist, "404.html"));

const compressible = /\.(html|js|css|wasm|svg|txt|json|xml)$/;
let count = 0;
for (const f of readdirSync(dist)) {
  if (!compressible.test(f)) continue;
  const data = readFileSync(join(dist, f));
  writeFileSync(join(dist, f + ".br"), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(join(dist, f + ".gz"), gzipSync(data, { level: 9 }));
  count++;
}
console.log(`postbuild: _headers (CSP, ${hashed.length} immutable assets), _redirects, 404.html, .br/.gz for ${count} files`);
