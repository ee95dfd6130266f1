// The prerenderer (`make dist`'s build step) reading the real WordPress: it
// must read the whole site, what every page carries site-wide in its head
// must be what WordPress's own pages carry (the site icon, the feeds each
// page names), and its feeds, the posts' and the comments', must be
// WordPress's (titles, posts or comments, order). The site icon: the contract
// site has one (seed.sh sets `site_icon` from devapi/data/site.json), and
// WordPress's theme prints its tags with wp_site_icon(); the bundle's pages,
// its shell (addresses not prerendered) and its 404 page must carry the same
// tags, naming the same files.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prerender, shellCopy } from "../../scripts/bench/build.mjs";
import { DIST, WP_URL, requireWordPress } from "./stack.mjs";

let dir;
let report;

before(async () => {
  await requireWordPress();
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run 'make dist'");
  dir = shellCopy(DIST, mkdtempSync(join(tmpdir(), "contract-prerender-")));
  report = prerender({ dir, api: `${WP_URL}/wp-json`, siteUrl: WP_URL });
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The icon tags of a page's head, as { tag, rel or name, address, sizes }. */
function iconTags(html) {
  const head = html.slice(0, html.indexOf("</head>"));
  return [...head.matchAll(/<(link|meta)\s([^>]*?)\s*\/?>/g)]
    .map(([, tag, attrs]) => ({ tag, ...Object.fromEntries([...attrs.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]])) }))
    .filter((t) => /^(icon|apple-touch-icon)$/.test(t.rel ?? "") || t.name === "msapplication-TileImage")
    .map((t) => ({ tag: t.tag, kind: t.rel ?? t.name, address: t.href ?? t.content, sizes: t.sizes ?? null }));
}

test("the prerenderer reads the whole WordPress site", () => {
  assert.match(report.log, /prerender: \d+ pages from/, report.log);
  assert.ok(report.rendered > 20, `only ${report.rendered} pages rendered:\n${report.log}`);
  assert.doesNotMatch(report.log, /site icon .* cannot be read/, report.log);
});

test("every page the bundle serves carries the site icon's tags as WordPress's own pages do", async () => {
  const theirs = iconTags(await (await fetch(`${WP_URL}/`)).text());
  assert.equal(theirs.length, 4, `WordPress's theme printed no site icon (seed.sh?): ${JSON.stringify(theirs)}`);
  const pages = {
    "home page": "index.html",
    article: "therapist-client-connection/index.html",
    "nested page": "about/team/founders/index.html",
    shell: "shell.html",
    "404 page": "404.html",
  };
  for (const [name, file] of Object.entries(pages)) {
    assert.deepEqual(iconTags(readFileSync(join(dir, file), "utf8")), theirs, name);
  }
  for (const { address } of theirs) {
    const res = await fetch(address);
    assert.equal(res.status, 200, address);
    assert.match(res.headers.get("content-type") ?? "", /^image\/png/, address);
  }
});

/** A feed's channel title and its items' links, as text. */
function readFeed(xml) {
  const text = (s) =>
    s
      .trim()
      .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
      .replace(/&(lt|gt|quot|apos);/g, (_, e) => ({ lt: "<", gt: ">", quot: '"', apos: "'" })[e])
      .replace(/&amp;/g, "&");
  return {
    title: text(/<channel>\s*<title>([\s\S]*?)<\/title>/.exec(xml)?.[1] ?? ""),
    links: [...xml.matchAll(/<item>[\s\S]*?<link>([\s\S]*?)<\/link>/g)].map(([, link]) => text(link)),
    titles: [...xml.matchAll(/<item>\s*<title>([\s\S]*?)<\/title>/g)].map(([, title]) => text(title)),
  };
}

test("the feeds are WordPress's: the site's, a category's with its children's posts, a child's, a tag's and an author's, titled alike, the same posts in the same order", async () => {
  for (const path of [
    "/feed/",
    "/category/practice-notes/feed/",
    "/category/practice-notes/reading-lists/feed/",
    "/tag/reading/feed/",
    "/author/arjun/feed/",
  ]) {
    const res = await fetch(WP_URL + path);
    assert.equal(res.status, 200, `WordPress's ${path}`);
    const theirs = readFeed(await res.text());
    assert.ok(theirs.links.length > 0, `WordPress's ${path} has no items`);
    assert.deepEqual(readFeed(readFileSync(join(dir, path, "index.xml"), "utf8")), theirs, path);
  }
});

test("the comments feeds are WordPress's: the site's and a post's, titled alike, the same comments in the same order", async () => {
  for (const path of ["/comments/feed/", "/therapist-client-connection/feed/"]) {
    const res = await fetch(WP_URL + path);
    assert.equal(res.status, 200, `WordPress's ${path}`);
    const theirs = readFeed(await res.text());
    assert.ok(theirs.links.length > 0, `WordPress's ${path} has no items`);
    const ours = readFeed(readFileSync(join(dir, path, "index.xml"), "utf8"));
    // A comment's link names its page of comments on WordPress when
    // comments are paged (`/comment-page-2/`); the frontend shows them on
    // the post's one page: the same post and comment.
    const comment = (link) => link.replace(/comment-page-\d+\/(?=#)/, "");
    assert.deepEqual({ ...ours, links: ours.links.map(comment) }, { ...theirs, links: theirs.links.map(comment) }, path);
  }
});

/** The feeds a page's head names, as { title, address }. */
function feedLinks(html, base) {
  const head = html.slice(0, html.indexOf("</head>"));
  const decode = (s) =>
    s
      .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
      .replace(/&raquo;/g, "»")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  return [...head.matchAll(/<link\s([^>]*?)\s*\/?>/g)]
    .map(([, attrs]) => Object.fromEntries([...attrs.matchAll(/([\w-]+)=["']([^"']*)["']/g)].map((m) => [m[1], m[2]])))
    .filter((a) => a.rel === "alternate" && a.type === "application/rss+xml")
    .map((a) => ({ title: decode(a.title), address: new URL(decode(a.href), base).href }));
}

test("every page's head names the feeds WordPress's own page names: the site's posts and comments, and what the page shows", async () => {
  for (const path of [
    "/",
    "/therapist-client-connection/",
    // Comments closed, pings open (WordPress's default for a post).
    "/reflective-journal-after-sessions/",
    "/about/",
    "/category/practice-notes/reading-lists/",
    "/tag/reading/",
    "/author/arjun/",
  ]) {
    const res = await fetch(WP_URL + path);
    assert.equal(res.status, 200, `WordPress's ${path}`);
    const theirs = feedLinks(await res.text(), WP_URL + path);
    assert.ok(theirs.length >= 2, `WordPress's ${path} names no feeds: ${JSON.stringify(theirs)}`);
    assert.deepEqual(feedLinks(readFileSync(join(dir, path, "index.html"), "utf8"), WP_URL + path), theirs, path);
  }
});

test("WordPress's plain addresses (/?p=123, ?page_id=, ?cat=, ?tag=, ?author=, ?m=) lead where WordPress redirects them", async () => {
  const map = JSON.parse(readFileSync(join(dir, "query-addresses.json"), "utf8"));
  const keys = Object.keys(map);
  for (const name of ["p", "page_id", "cat", "tag", "author", "m"]) {
    assert.ok(keys.some((k) => k.startsWith(`${name}=`)), `no ${name}= in the build's map`);
  }
  const wrong = [];
  for (const key of keys) {
    const res = await fetch(`${WP_URL}/?${key}`, { redirect: "manual" });
    const location = res.headers.get("location");
    const theirs = location ? new URL(location, WP_URL).pathname.toLowerCase() : `(${res.status}, no redirect)`;
    if (theirs !== map[key].toLowerCase()) wrong.push(`${key}: WordPress ${theirs}, the build ${map[key]}`);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${keys.length} differ`);
});
