// Prints each file of a built bundle with its raw, gzip and brotli size;
// prerendered pages (`<path>/index.html`) are summed in one line, with the
// largest, so a site of a thousand posts still prints a short table.
// The compressed sizes are those of the copies postbuild.mjs wrote beside
// each file, the ones a host serves (brotli 11 for the app's files, 7 for
// pages). Compressing every file again here took 7.7 s of make dist for
// the demo's 5 MB bundle; pages compress at about 0.8 MB/s here, so at
// 10,000 posts (1 GB of HTML) it would take about 20 minutes. A file
// without its copies is compressed here.
// Usage: node scripts/sizes.mjs dist
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = process.argv[2] ?? "dist";
const files = [];
const pages = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // The prerenderer's memory between builds is not served.
    if (statSync(path).isDirectory()) {
      if (name !== ".prerender") walk(path);
    }
    // The compressed copies, host files and the 404 copy of the shell are
    // not part of a visitor's download.
    else if (/\.(br|gz)$/.test(name) || /^(_headers|_redirects|404\.html)$/.test(name)) continue;
    else if (dir !== root && name === "index.html") pages.push(path);
    else files.push(path);
  }
})(root);

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const copy = (path) => (existsSync(path) ? statSync(path).size : null);
const measure = (path) => {
  const raw = statSync(path).size;
  const gz = copy(`${path}.gz`);
  const br = copy(`${path}.br`);
  if (gz !== null && br !== null) return { raw, gz, br };
  const data = readFileSync(path);
  return {
    raw,
    gz: gz ?? gzipSync(data, { level: 9 }).length,
    br: br ?? brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const row = (label, m) => console.log(label.padEnd(48) + kb(m.raw) + kb(m.gz) + kb(m.br));

console.log("file".padEnd(48) + "raw".padStart(11) + "gzip".padStart(11) + "brotli".padStart(11));
const total = { raw: 0, gz: 0, br: 0 };
const add = (sum, m) => { sum.raw += m.raw; sum.gz += m.gz; sum.br += m.br; };
for (const path of files.sort()) {
  const m = measure(path);
  add(total, m);
  row(relative(root, path), m);
}
if (pages.length) {
  const sum = { raw: 0, gz: 0, br: 0 };
  let largest = null;
  for (const path of pages) {
    const m = measure(path);
    add(sum, m);
    if (!largest || m.br > largest.m.br) largest = { path, m };
  }
  add(total, sum);
  row(`${pages.length} prerendered pages (*/index.html)`, sum);
  row(`  largest: ${relative(root, largest.path)}`.slice(0, 47), largest.m);
}
row("total", total);
