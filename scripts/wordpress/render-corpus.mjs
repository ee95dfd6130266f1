// scripts/wordpress/render-corpus.mjs: the block-editor and classic-editor
// corpus of devapi/data/site.json (the posts that have `blocks`, their raw
// post_content) gets, as its `content` and `excerpt`, what a real WordPress
// 6.1 renders from it (`content.rendered`, `excerpt.rendered` of the REST
// API), with the WordPress origin turned back into {{home}} and WordPress's
// ids back into the dev API's. Run by render-corpus.sh, after setup.sh and
// seed.sh; reads WP_URL and WP_DIR ($WP_DIR/seed-ids.json: seed.sh's id map).
//
// Also a module: tests/contract/corpus.test.mjs normalises with the same
// functions.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SITE_JSON = resolve(fileURLToPath(new URL("../../devapi/data/site.json", import.meta.url)));

/** The corpus: posts whose source is `blocks`. */
export const corpusPosts = (site) => site.posts.filter((p) => typeof p.blocks === "string");

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * HTML rendered by one server, made server-neutral: `origin` (no trailing
 * slash) becomes {{home}}, and ids become the dev API's through `media` and
 * `posts` (Maps from that server's ids to dev API ids; omit them for the dev
 * API itself). Ids are rewritten where WordPress's output carries them:
 * `wp-image-N` and `data-id="N"` (blocks and classic images),
 * `attachment_N` / `caption-attachment-N` ([caption]), `gallery-I-N` and
 * `galleryid-P` ([gallery]), `attachment_id=N` (attachment links). An id
 * missing from the maps throws: the corpus names only its own media.
 */
export function toDevApi(html, origin, { media, posts } = {}) {
  let out = html.replace(new RegExp(`${escapeRe(origin)}(?![\\w.:-])`, "g"), "{{home}}");
  if (!media) return out;
  const look = (map, what) => (n) => {
    const id = map.get(Number(n));
    if (id === undefined) throw new Error(`${what} id ${n} is not one of the corpus's`);
    return String(id);
  };
  const m = look(media, "attachment");
  const p = look(posts, "post");
  out = out
    .replace(/\b(wp-image-|attachment_|caption-attachment-|attachment_id=)(\d+)\b/g, (_, pre, n) => pre + m(n))
    .replace(/\bdata-id="(\d+)"/g, (_, n) => `data-id="${m(n)}"`)
    .replace(/\b(gallery-\d+-)(\d+)\b/g, (_, pre, n) => pre + m(n))
    .replace(/\bgalleryid-(\d+)\b/g, (_, n) => `galleryid-${p(n)}`);
  return out;
}

/**
 * The counters WordPress numbers per request (wp_unique_id: layout
 * containers `wp-container-N`, element styles `wp-elements-N`, galleries
 * `wp-block-gallery-N`) renumbered 1, 2, … per prefix in order of
 * appearance, so that two renderings compare equal.
 */
export function renumber(html) {
  const seen = new Map();
  return html.replace(/\b(wp-container-|wp-elements-|wp-block-gallery-)(\d+)\b/g, (_, pre, n) => {
    const key = pre + n;
    if (!seen.has(key)) seen.set(key, [...seen.keys()].filter((k) => k.startsWith(pre)).length + 1);
    return pre + seen.get(key);
  });
}

/** Every URL under `origin`/wp-content/uploads/ named in src, srcset, href, poster or data. */
export function uploadUrls(html, origin) {
  const urls = new Set();
  const prefix = `${origin}/wp-content/uploads/`;
  for (const [, attr, value] of html.matchAll(/\s(src|srcset|href|poster|data)=["']([^"']*)["']/g)) {
    const list = attr === "srcset" ? value.split(",").map((s) => s.trim().split(/\s+/)[0]) : [value];
    for (const u of list) if (u.startsWith(prefix)) urls.add(u);
  }
  return [...urls];
}

/** site.json as the repository keeps it: 2-space JSON, no final newline. */
export const serialise = (site) => JSON.stringify(site, null, 2);

async function main() {
  const wpUrl = process.env.WP_URL ?? `http://127.0.0.1:${process.env.WP_PORT ?? 8893}`;
  const wpDir = process.env.WP_DIR ?? "/tmp/blog-wp-corpus";
  const text = readFileSync(SITE_JSON, "utf8");
  const site = JSON.parse(text);
  if (serialise(site) !== text) throw new Error(`${SITE_JSON} is not in its usual format (2-space JSON, no final newline): not rewriting it`);
  const ids = JSON.parse(readFileSync(`${wpDir}/seed-ids.json`, "utf8"));
  const invert = (o) => new Map(Object.entries(o).map(([dev, wp]) => [Number(wp), Number(dev)]));
  const maps = { media: invert(ids.media), posts: invert(ids.posts) };
  let changed = 0;
  site.posts = await Promise.all(site.posts.map(async (p) => {
    if (typeof p.blocks !== "string") return p;
    const res = await fetch(`${wpUrl}/wp-json/wp/v2/posts?slug=${encodeURIComponent(p.slug)}&_fields=content,excerpt`);
    if (res.status !== 200) throw new Error(`${p.slug}: WordPress answered ${res.status}`);
    const [wp] = await res.json();
    if (!wp) throw new Error(`${p.slug}: not on the WordPress at ${wpUrl} (seed.sh first)`);
    const content = toDevApi(wp.content.rendered, wpUrl, maps);
    const excerpt = toDevApi(wp.excerpt.rendered, wpUrl, maps);
    if (content !== p.content || excerpt !== p.excerpt) changed++;
    const { blocks, content: _c, excerpt: _e, ...rest } = p;
    console.error(`[render-corpus] ${p.slug}: ${content.length} characters${content === p.content ? "" : " (changed)"}`);
    return { ...rest, content, excerpt, blocks };
  }));
  const out = serialise(site);
  if (out !== text) writeFileSync(SITE_JSON, out);
  console.error(`[render-corpus] ${corpusPosts(site).length} corpus posts, ${changed} changed; ${out === text ? "site.json unchanged" : `wrote ${SITE_JSON}`}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[render-corpus] ERROR: ${e.message}`);
    process.exit(1);
  });
}
