// The end-to-end journeys against the real WordPress: the release build
// (dist/, client-rendered: its shell for every path) served by the dev API
// binary in static mode (--no-api), its config block pointing at WordPress
// on another origin, in Debian's headless Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { WP_URL, appOnWordPress } from "./stack.mjs";

const ARTICLE = "/therapist-client-connection/";
const ARTICLE_TITLE = "The Therapist – Client connection in the therapy room";
const ARTICLE_TEXT = "one thing that keeps me going is the relationship";
const RUN = Date.now().toString(36);

let site;
let browser;

before(async () => {
  site = await appOnWordPress();
  browser = site.browser;
});
after(async () => {
  await site?.stop();
});

/** A fresh page (own context, own storage) that records what went wrong. */
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  // Only our two origins: avatars come from gravatar.com, which this offline
  // box cannot reach (the dev API links there too).
  page.on("requestfailed", (r) => {
    if (r.url().startsWith("http://127.0.0.1:")) page.problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return page;
}
const field = (page, name) => page.getByRole("textbox", { name, exact: true });
async function openArticle(page) {
  await page.goto(site.url + ARTICLE);
  await page.locator("#comments-title", { hasText: /comment/ }).waitFor();
  await page.locator(".comment-form").waitFor();
}

test("home lists WordPress's posts, the sticky ones first, as WordPress's theme does", async () => {
  const page = await newPage();
  await page.goto(site.url + "/");
  await page.locator(".post-summary").first().waitFor();
  // WordPress's first page of posts (10, its default), newest first, with
  // the sticky posts moved to the top (WP_Query's order; the REST list
  // itself never moves them): the sticky block-editor post, then the
  // five demo posts of 2023, then the 2022 block and classic corpus.
  const slugs = async (query) => (await (await fetch(`${WP_URL}/wp-json/wp/v2/posts?${query}&_fields=slug`)).json()).map((p) => `/${p.slug}/`);
  const sticky = await slugs("sticky=true");
  const newest = await slugs("per_page=10");
  assert.ok(sticky.length > 0, "the contract site has a sticky post");
  const expected = [...sticky, ...newest.filter((s) => !sticky.includes(s))];
  // The site name comes from its own request, which may land after the list.
  await page.locator(".site-title", { hasText: "Therapy Notes" }).waitFor();
  const shown = await page.locator(".post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(shown, expected);
  const titles = await page.locator(".post-summary h2").allInnerTexts();
  assert.deepEqual(titles.slice(1, 6), [
    "A Note on Safety (and a Small Test)",
    "What to Expect in Your First Therapy Session",
    ARTICLE_TITLE,
    "Setting Boundaries Without Building Walls",
    "Why I Keep a Reflective Journal After Sessions",
  ]);
  assert.deepEqual(page.problems, []);
});

test("the article opens from the list with its text, author, date and category", async () => {
  const page = await newPage();
  await page.goto(site.url + "/");
  await page.getByRole("link", { name: ARTICLE_TITLE, exact: true }).click();
  await page.waitForURL(site.url + ARTICLE, { waitUntil: "commit" });
  await page.locator("article.post h1", { hasText: ARTICLE_TITLE }).waitFor();
  assert.match(await page.locator(".entry-content").innerText(), new RegExp(ARTICLE_TEXT));
  const byline = await page.locator(".byline").innerText();
  assert.match(byline, /By Nidhi/);
  assert.match(byline, /14 March 2023/);
  assert.match(byline, /Therapy/);
  // The title gains the site name when its own request lands.
  await page.waitForFunction((t) => document.title === t, `${ARTICLE_TITLE} – Therapy Notes`, { timeout: 5000 });
  assert.deepEqual(page.problems, []);
});

test("its comments show threaded, under the count heading", async () => {
  const page = await newPage();
  await openArticle(page);
  assert.equal(await page.locator("#comments-title").innerText(), "6 comments");
  assert.equal(await page.locator(".comment-list li.comment").count(), 6);
  assert.equal(await page.locator(".comment-list > .comment > .children > .comment > .children > .comment").count(), 1);
  assert.match(await page.locator(".comment-list").innerText(), /Priya Sharma/);
  assert.doesNotMatch(await page.locator(".comment-list").innerHTML(), /<script|onerror/i);
  assert.deepEqual(page.problems, []);
});

test("an empty submit shows the validation summary", async () => {
  const page = await newPage();
  await openArticle(page);
  await page.getByRole("button", { name: "Post Comment" }).click();
  const summary = page.locator(".error-summary");
  await summary.waitFor();
  const text = await summary.innerText();
  assert.match(text, /There is a problem/);
  for (const message of ["Enter your comment", "Enter your name", "Enter your email address"]) {
    assert.match(text, new RegExp(message));
  }
});

test("a new comment is held for moderation, and the same again is a duplicate", async () => {
  const page = await newPage();
  await openArticle(page);
  const comment = `Posted to a real WordPress, run ${RUN}.`;
  const who = { name: `Visitor ${RUN}`, email: `visitor.${RUN}@example.com` };
  const fill = async () => {
    await field(page, "Comment").fill(comment);
    await field(page, "Name").fill(who.name);
    await field(page, "Email").fill(who.email);
  };
  await fill();
  await page.getByRole("button", { name: "Post Comment" }).click();
  const mine = page.locator(".comment.held", { hasText: comment });
  await mine.waitFor();
  assert.match(await mine.innerText(), /Your comment is awaiting moderation\./);

  await fill();
  await page.getByRole("button", { name: "Post Comment" }).click();
  await page.locator(".error-summary", { hasText: /already/ }).waitFor();
  assert.equal(await field(page, "Comment").inputValue(), comment, "the text was lost");
  assert.deepEqual(page.problems, []);
});

test("the post whose content carries <script> and onerror runs neither", async () => {
  const page = await newPage();
  await page.goto(site.url + "/a-note-on-safety/");
  await page.locator("article.post .entry-content p").first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined, "injected code ran");
  assert.doesNotMatch(await page.locator(".entry-content").innerHTML(), /<script|onerror|javascript:/i);
  assert.deepEqual(page.problems, []);
});

test("every address of the blog opens through the app reading WordPress", async () => {
  const page = await newPage();
  for (const [path, title] of [
    ["/about/", "About"],
    ["/about/team/founders/", "Founders"],
    ["/%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac/", "Σχετικά"],
    ["/tag/reading/", "reading"],
    ["/author/arjun/", "Arjun Mehta"],
    ["/2021/06/", "June 2021"],
    ["/2021/06/15/", "15 June 2021"],
    ["/a-reading-in-three-parts/2/", "A reading in three parts"],
    ["/why-slow-reading-helps/", "Why slow reading helps"],
    ["/?s=reading", "Search results for “reading”"],
    ["/about/nothing-here/", "Page not found"],
    ["/tag/no-such-tag/", "Page not found"],
  ]) {
    await page.goto(site.url + path);
    await page
      .waitForFunction((t) => document.querySelector("main h1")?.textContent === t, title, { timeout: 15000 })
      .catch(() => {});
    assert.equal(await page.locator("main h1").first().textContent(), title, path);
  }
  // The split post's second part, and the archives' lists, are WordPress's.
  await page.goto(site.url + "/a-reading-in-three-parts/2/");
  await page.locator("main .entry-content", { hasText: "The second part is about staying" }).waitFor();
  const tagged = await (await fetch(`${WP_URL}/wp-json/wp/v2/tags?slug=reading`)).json();
  const listed = await (await fetch(`${WP_URL}/wp-json/wp/v2/posts?tags=${tagged[0].id}&_fields=slug`)).json();
  await page.goto(site.url + "/tag/reading/");
  await page.locator("main .post-summary").first().waitFor();
  const shown = await page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(shown, listed.map((p) => `/${p.slug}/`));
  // (Requests of a page left for the next are aborted: not a problem.)
  assert.deepEqual(page.problems.filter((p) => !/ERR_ABORTED/.test(p)), []);
});

test("a child category: at its address as WordPress links it, and its parent's archive lists its posts as WordPress's theme does", async () => {
  const page = await newPage();
  const [grandchild] = await (await fetch(`${WP_URL}/wp-json/wp/v2/categories?slug=book-notes`)).json();
  const address = new URL(grandchild.link).pathname;
  assert.equal(address, "/category/practice-notes/reading-lists/book-notes/");
  await page.goto(site.url + address);
  await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Book notes", null, { timeout: 15000 });
  await page.locator("main .post-summary").first().waitFor({ timeout: 15000 });
  assert.deepEqual(await page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href"))), ["/why-slow-reading-helps/"]);
  // The byline links the category where WordPress does.
  await page.goto(site.url + "/why-slow-reading-helps/");
  await page.locator("main article.post .byline .categories a").first().waitFor({ timeout: 15000 });
  const linked = await page.locator("main article.post .byline .categories a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(linked.includes(address), linked.join());
  // The parent's archive on WordPress's own theme, and here.
  const theme = await (await fetch(`${WP_URL}/category/practice-notes/`)).text();
  const theirs = [...theme.matchAll(/class="wp-block-post-title"><a href="([^"]+)"/g)].map(([, href]) => new URL(href).pathname);
  assert.ok(theirs.includes("/keeping-a-reading-list/") && theirs.includes("/why-slow-reading-helps/"), `WordPress's theme lists: ${theirs}`);
  await page.goto(site.url + "/category/practice-notes/");
  await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Practice Notes", null, { timeout: 15000 });
  await page.locator("main .post-summary").first().waitFor();
  const ours = await page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(ours, theirs);
  assert.deepEqual(page.problems.filter((p) => !/ERR_ABORTED/.test(p)), []);
});

test("a protected post unlocks with WordPress (the password in a request body only), and its comments load", async () => {
  const page = await newPage();
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  await page.goto(site.url + "/notes-for-clients/");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Enter" }).click();
  await page.locator(".post-password-message", { hasText: "That password is not right" }).waitFor({ timeout: 15000 });
  await page.getByLabel("Password").fill("open sesame");
  await page.getByRole("button", { name: "Enter" }).click();
  await page.locator("main .entry-content", { hasText: "Sessions start on the hour" }).waitFor({ timeout: 15000 });
  await page.locator(".comments .comments-loading").waitFor({ state: "detached", timeout: 15000 });
  assert.equal(await page.locator(".comments .problem").count(), 0, await page.locator(".comments").innerText());
  // The password unlocks the post from a request body; its comments are
  // read with it as WordPress's `password` parameter (see
  // transport/comments.rs); it is never in the page's address.
  const unlock = urls.filter((u) => /\/wp\/v2\/posts\/\d+/.test(u));
  assert.ok(unlock.length > 0 && unlock.every((u) => !/sesame/.test(u)), "the unlocking request put the password in its URL");
  assert.doesNotMatch(page.url(), /sesame/);
  assert.deepEqual(page.problems, []);
});
