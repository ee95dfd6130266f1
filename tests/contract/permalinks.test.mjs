// A blog with dated permalinks ("Day and name",
// `/%year%/%monthnum%/%day%/%postname%/`), on the real WordPress: the
// contract site is switched to that structure for this file
// (scripts/wordpress/permalinks.sh) and back to `/%postname%/` after it.
// WordPress then links every post at a dated address; the build must write
// each post there (where WordPress's own theme serves it) and link it there,
// and the app reading WordPress must open it there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prerender, shellCopy } from "../../scripts/bench/build.mjs";
import { DIST, ROOT, WP_URL, appOnWordPress, requireWordPress } from "./stack.mjs";

const DAY = "/%year%/%monthnum%/%day%/%postname%/";
const DATED = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/;
const permalinks = (structure) =>
  execFileSync(join(ROOT, "scripts/wordpress/permalinks.sh"), [structure], { encoding: "utf8" }).trim();

let dir;
let app;
let posts;

before(async () => {
  await requireWordPress();
  assert.equal(permalinks(DAY), DAY);
  posts = await (await fetch(`${WP_URL}/wp-json/wp/v2/posts?per_page=100&_fields=slug,link,title,content`)).json();
  dir = shellCopy(DIST, mkdtempSync(join(tmpdir(), "contract-permalinks-")));
  prerender({ dir, api: `${WP_URL}/wp-json`, siteUrl: WP_URL });
  app = await appOnWordPress();
});
after(async () => {
  permalinks("/%postname%/");
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the build writes every post at its dated address, where WordPress's own theme serves it, and lists link it there", async () => {
  assert.ok(posts.length > 20);
  const addresses = new Set();
  for (const post of posts) {
    const path = new URL(post.link).pathname;
    assert.match(path, DATED, `${post.slug}: WordPress did not date its link`);
    addresses.add(path);
    const theirs = await fetch(WP_URL + path);
    assert.equal(theirs.status, 200, `WordPress's theme at ${path}`);
    await theirs.arrayBuffer();
    if (post.content.protected) continue;
    assert.ok(existsSync(join(dir, decodeURIComponent(path), "index.html")), `${path} was not built`);
  }
  const home = readFileSync(join(dir, "index.html"), "utf8");
  const listed = [...home.matchAll(/<article class="post-summary"><h2><a href="([^"]+)"/g)].map(([, href]) => href);
  assert.ok(listed.length > 0);
  assert.deepEqual(listed.filter((href) => !addresses.has(href)), [], "the home page links posts elsewhere than WordPress");
});

test("the app reading WordPress opens a post at its dated address, and its lists link there", async () => {
  const page = await (await app.browser.newContext()).newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  const post = posts.find((p) => p.slug === "therapist-client-connection");
  const path = new URL(post.link).pathname;
  await page.goto(app.url + path);
  await page.waitForFunction((t) => document.querySelector("main article h1")?.textContent === t, "The Therapist – Client connection in the therapy room", { timeout: 15000 });
  await page.goto(`${app.url}/`);
  await page.locator("main .post-summary").first().waitFor({ timeout: 15000 });
  const listed = await page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(listed.length > 0 && listed.every((href) => DATED.test(href)), listed.join());
  assert.deepEqual(problems, []);
});
