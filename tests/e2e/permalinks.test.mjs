// A blog whose posts live at dated permalinks (Settings → Permalinks: "Day
// and name", `/%year%/%monthnum%/%day%/%postname%/`, long WordPress's
// suggestion): the dev API links its posts so (`--permalinks day`). Every
// post is written, listed, linked and fed at its own permalink's path, so
// the links a blog already has keep working; its date archives stay
// archives; an address without the date still finds the post (WordPress
// redirects it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startStack } from "./harness.mjs";

const ARTICLE = "/2023/03/14/therapist-client-connection/";
const ARTICLE_TITLE = "The Therapist – Client connection in the therapy room";
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const NO_JS = { ...DESKTOP, javaScriptEnabled: false };

let stack;
before(async () => {
  stack = await startStack({ prerender: true, apiArgs: ["--permalinks", "day"] });
});
after(async () => {
  await stack?.stop();
});

const api = async (route) => (await fetch(`${stack.apiUrl}/wp-json/${route}`)).json();
const h1 = (page) => page.locator("main h1").first().innerText();

test("every post is built at its permalink's path, and lists and feeds link it there", async () => {
  const posts = await api("wp/v2/posts?per_page=100&_fields=slug,link,content");
  assert.ok(posts.length > 20);
  for (const post of posts) {
    const path = new URL(post.link).pathname;
    assert.match(path, /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/, `${post.slug}: not a dated permalink`);
    if (post.content.protected) continue;
    assert.ok(existsSync(join(stack.bundle, decodeURIComponent(path), "index.html")), `${path} was not built`);
  }
  const page = await stack.newPage(NO_JS);
  await page.goto(`${stack.siteUrl}/`);
  const listed = await page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(listed.length > 0);
  for (const href of listed) assert.match(href, /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/, href);
  const feed = readFileSync(join(stack.bundle, "feed", "index.xml"), "utf8");
  const links = [...feed.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map(([, l]) => new URL(l).pathname);
  assert.ok(links.length > 0 && links.every((l) => /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(l)), links.join());
  const sitemap = readFileSync(join(stack.bundle, "sitemap.xml"), "utf8");
  assert.ok(sitemap.includes(`${stack.siteUrl}${ARTICLE}`), "the sitemap lacks the dated address");
  assert.deepEqual(page.problems, []);
});

test("JavaScript off: the article at its dated address, with its comments; the date archives are still archives", async () => {
  const page = await stack.newPage(NO_JS);
  const response = await page.goto(stack.siteUrl + ARTICLE);
  assert.match(await response.text(), /id="prerendered"/);
  assert.equal(await h1(page), ARTICLE_TITLE);
  assert.equal(await page.locator('head link[rel="canonical"]').getAttribute("href"), `${stack.siteUrl}${ARTICLE}`);
  assert.ok((await page.locator(".comments li.comment").count()) > 0, "no comments on the article");
  for (const [path, name] of [["/2023/03/14/", "14 March 2023"], ["/2023/03/", "March 2023"], ["/2023/", "2023"]]) {
    await page.goto(stack.siteUrl + path);
    assert.equal(await h1(page), name, path);
    const listed = await page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(listed.includes(ARTICLE), `${path}: ${listed}`);
  }
  assert.deepEqual(page.problems, []);
});

test("through the app: a dated address, its split parts, and the address without the date", async () => {
  const spa = await startStack({ apiArgs: ["--permalinks", "day"] });
  try {
    const page = await spa.newPage(DESKTOP);
    const [split] = await (await fetch(`${spa.apiUrl}/wp-json/wp/v2/posts?slug=a-reading-in-three-parts&_fields=link`)).json();
    const splitPath = new URL(split.link).pathname;
    for (const [path, title] of [
      [ARTICLE, ARTICLE_TITLE],
      [`${splitPath}2/`, "A reading in three parts"],
      ["/therapist-client-connection/", ARTICLE_TITLE],
      // Another date is nothing, as on WordPress (its guess keeps the date).
      ["/2023/03/15/therapist-client-connection/", "Page not found"],
      ["/2023/03/14/no-such-post/", "Page not found"],
      ["/2023/03/14/", "14 March 2023"],
    ]) {
      await page.goto(spa.siteUrl + path);
      await page
        .waitForFunction((t) => document.querySelector("main h1")?.textContent === t, title, { timeout: 10000 })
        .catch(() => {});
      assert.equal(await h1(page), title, path);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await spa.stop();
  }
});
