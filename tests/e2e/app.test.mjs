// Issue 2: a reader can open the blog. Real release build, real dev API,
// real headless Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startStack, waitForPath } from "./harness.mjs";

const ARTICLE = "/therapist-client-connection/";
const ARTICLE_TITLE = "The Therapist – Client connection in the therapy room";
const ARTICLE_TEXT = "one thing that keeps me going is the relationship";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

test("home lists the newest posts, paginates and navigates without reloading", async () => {
  const page = await stack.newPage();
  const site = await stack.siteWith({ postsPerPage: 2 });
  await page.goto(site + "/");
  await page.locator(".post-summary").first().waitFor();
  // Two posts a page, of every post of the demo content; the first page
  // also shows the sticky posts that are not among its two, first.
  const { posts } = JSON.parse(readFileSync(join(ROOT, "devapi/data/site.json"), "utf8"));
  const newestTwo = [...posts].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 2);
  const stickyElsewhere = posts.filter((p) => p.sticky && !newestTwo.includes(p));
  assert.equal(await page.locator(".post-summary").count(), 2 + stickyElsewhere.length);
  // The site name comes from its own request, which may land after the list.
  await page.locator(".site-title", { hasText: "Therapy Notes" }).waitFor();
  const pages = Math.ceil(posts.length / 2);
  assert.match(await page.locator(".page-count").innerText(), new RegExp(`Page 1 of ${pages}`));
  await page.evaluate(() => (window.__sameDocument = true));

  await page.getByRole("link", { name: "Older posts" }).click();
  await waitForPath(page, site + "/page/2/");
  await page.locator(".page-count", { hasText: `Page 2 of ${pages}` }).waitFor();
  assert.equal(await page.locator(".post-summary").count(), 2);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "navigation reloaded the page");

  await page.getByRole("link", { name: "Newer posts" }).click();
  await waitForPath(page, site + "/");
  assert.deepEqual(page.problems, []);
});

test("a post opens from the list, reads well, and Back returns to the list", async () => {
  const page = await stack.newPage();
  await page.goto(stack.siteUrl + "/");
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByRole("link", { name: ARTICLE_TITLE, exact: true }).click();
  await waitForPath(page, stack.siteUrl + ARTICLE);
  await page.locator("article.post h1", { hasText: ARTICLE_TITLE }).waitFor();
  assert.match(await page.locator(".entry-content").innerText(), new RegExp(ARTICLE_TEXT));
  assert.match(await page.locator(".byline").innerText(), /By Nidhi/);
  assert.match(await page.locator(".byline").innerText(), /14 March 2023/);
  assert.match(await page.locator(".byline").innerText(), /Therapy/);
  // The title gains the site name when its own request lands.
  await page.waitForFunction((t) => document.title === t, `${ARTICLE_TITLE} – Therapy Notes`, { timeout: 5000 });
  const description = await page.locator('meta[name="description"]').last().getAttribute("content");
  assert.match(description, /I‘ve been working as a therapist/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.evaluate(() => window.__sameDocument), true);

  await page.goBack();
  await waitForPath(page, stack.siteUrl + "/");
  await page.locator(".post-summary").first().waitFor();
  assert.deepEqual(page.problems, []);
});

test("the trailing slash is optional and a category lists its posts", async () => {
  const page = await stack.newPage();
  await page.goto(stack.siteUrl + ARTICLE.replace(/\/$/, ""));
  await page.locator("article.post h1", { hasText: ARTICLE_TITLE }).waitFor();

  await page.getByRole("link", { name: "Therapy", exact: true }).first().click();
  await waitForPath(page, stack.siteUrl + "/category/therapy/");
  await page.locator(".archive-header h1", { hasText: "Therapy" }).waitFor();
  await page.locator(".post-summary").first().waitFor();
  const titles = await page.locator(".post-summary h2").allInnerTexts();
  assert.ok(titles.includes(ARTICLE_TITLE), `category list: ${titles}`);
  assert.deepEqual(page.problems, []);
});

test("an unknown slug, an unknown category and a page past the end show a real not-found page", async () => {
  const page = await stack.newPage();
  for (const path of ["/no-such-post/", "/category/no-such-category/", "/page/99/", "/a/b/c/"]) {
    await page.goto(stack.siteUrl + path);
    await page.locator("h1", { hasText: "Page not found" }).waitFor();
    assert.ok(await page.getByRole("link", { name: "Go to the newest posts" }).isVisible(), path);
  }
  await page.getByRole("link", { name: "Go to the newest posts" }).click();
  await page.locator(".post-summary").first().waitFor();
  assert.deepEqual(page.problems, []);
});

test("with the API down the article shows an error whose Retry works once it is back", async () => {
  const page = await stack.newPage();
  await stack.stopApi();
  try {
    await page.goto(stack.siteUrl + ARTICLE);
    const problem = page.getByRole("alert");
    await problem.waitFor();
    assert.match(await problem.innerText(), /couldn’t reach the blog’s server/);
  } finally {
    await stack.startApi();
  }
  await page.getByRole("button", { name: "Retry" }).click();
  await page.locator("article.post h1", { hasText: ARTICLE_TITLE }).waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
});

test("a post whose content carries <script> and onerror runs neither", async () => {
  const page = await stack.newPage();
  await page.goto(stack.siteUrl + "/a-note-on-safety/");
  await page.locator("article.post .entry-content p").first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined, "injected code ran");
  const html = await page.locator(".entry-content").innerHTML();
  assert.doesNotMatch(html, /<script|onerror|javascript:/i);
  assert.deepEqual(page.problems, []);
});

test("the article's data request starts while the WASM downloads, once", async () => {
  const page = await stack.newPage();
  const events = [];
  page.on("request", (r) => events.push(["request", r.url()]));
  page.on("requestfinished", (r) => events.push(["finished", r.url()]));
  await page.goto(stack.siteUrl + ARTICLE);
  await page.locator("article.post h1", { hasText: ARTICLE_TITLE }).waitFor();
  const postRequests = events.filter(([kind, url]) => kind === "request" && url.includes("/wp/v2/posts?slug="));
  assert.equal(postRequests.length, 1, "the article was requested twice");
  const requestedAt = events.findIndex(([kind, url]) => kind === "request" && url.includes("/wp/v2/posts?slug="));
  const wasmDoneAt = events.findIndex(([kind, url]) => kind === "finished" && url.endsWith("_bg.wasm"));
  assert.ok(requestedAt >= 0 && wasmDoneAt >= 0 && requestedAt < wasmDoneAt, "the article waited for the WASM");
  assert.deepEqual(page.problems, []);
});
