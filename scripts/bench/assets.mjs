// What a first load of the app fetches from dist/: index.html and every
// same-origin file it names (stylesheets, module scripts and what the inline
// Trunk loader imports, preloads). Found by reading index.html, so renamed
// (hashed) or added files are picked up without editing anything.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

/** Local paths ("/main-….css") that dist/index.html makes the browser fetch. */
export function firstLoadPaths(html) {
  const paths = new Set();
  const add = (url) => {
    if (!url || /^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith("data:") || url.startsWith("#")) return;
    paths.add(url.startsWith("/") ? url : `/${url}`);
  };
  // <link rel="stylesheet|modulepreload|preload|icon" href="…">
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel\s*=\s*["']?([^"'>]+)/i.exec(tag)?.[1]?.toLowerCase() ?? "";
    if (!/(^|\s)(stylesheet|modulepreload|preload)(\s|$)/.test(rel)) continue;
    add(/\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]);
  }
  // <script src="…">, and what inline module scripts import or pass to init().
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/type\s*=\s*["']application\/(ld\+)?json["']/i.test(attrs)) continue;
    add(/\bsrc\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1]);
    for (const [, url] of body.matchAll(/["'](\/?[\w./-]+\.(?:m?js|wasm|css))["']/g)) add(url);
  }
  return [...paths];
}

export const brotli = (data) =>
  brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });

/** [{ path, raw, br }] for a page of dist/ (default index.html) and its first-load files. */
export function firstLoadSizes(dist, page = "index.html") {
  const index = join(dist, page);
  if (!existsSync(index)) throw new Error(`${index} is missing: run 'make dist'`);
  const html = readFileSync(index);
  const rows = [{ path: `/${page}`, raw: html.length, br: brotli(html).length }];
  for (const path of firstLoadPaths(html.toString("utf8"))) {
    const file = join(dist, decodeURIComponent(path.split(/[?#]/)[0]));
    if (!existsSync(file)) throw new Error(`${page} names ${path}, which is not in ${dist}`);
    const data = readFileSync(file);
    rows.push({ path, raw: data.length, br: brotli(data).length });
  }
  return rows;
}
