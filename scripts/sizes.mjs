// Prints each file of a built bundle with its raw, gzip and brotli size.
// Usage: node scripts/sizes.mjs dist
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = process.argv[2] ?? "dist";
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    // The compressed copies, host files and the 404 copy of index.html are
    // not part of a visitor's download.
    else if (!/\.(br|gz)$/.test(name) && !/^(_headers|_redirects|404\.html)$/.test(name)) files.push(path);
  }
})(root);

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
let raw = 0, gz = 0, br = 0;
console.log("file".padEnd(48) + "raw".padStart(11) + "gzip".padStart(11) + "brotli".padStart(11));
for (const path of files.sort()) {
  const data = readFileSync(path);
  const g = gzipSync(data, { level: 9 }).length;
  const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += data.length; gz += g; br += b;
  console.log(relative(root, path).padEnd(48) + kb(data.length) + kb(g) + kb(b));
}
console.log("total".padEnd(48) + kb(raw) + kb(gz) + kb(br));
