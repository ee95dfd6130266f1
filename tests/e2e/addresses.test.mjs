// Every address a WordPress blog has (issue 13), on a bundle prerendered
// against this run's dev API: pages nested three deep and with a non-Latin
// slug, tag / author / date archives, search, the sticky post, the parts of
// a split post, a password-protected post, a title with markup, the site
// menu. Each is read with JavaScript off (the prerendered HTML) and then
// through the app; what WordPress would not answer stays "Page not found".
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { describe, runAxe } from "./axe.mjs";
import { startStack, waitForPath, wasmGate } from "./harness.mjs";

const SITE_NAME = "Therapy Notes";
const GREEK = "/%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac/";
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const NO_JS = { ...DESKTOP, javaScriptEnabled: false };

let stack;
before(async () => {
  stack = await startStack({ prerender: true, floodSeconds: 0 });
});
after(async () => {
  await stack?.stop();
});

const api = async (route) => (await fetch(`${stack.apiUrl}/wp-json/${route}`)).json();
const h1 = (page) => page.locator("main h1").first().innerText();
const listed = (page) => page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));

/** Opens `path` and checks the server answered its own prerendered file. */
async function openPrerendered(page, path) {
  const response = await page.goto(stack.siteUrl + path);
  assert.equal(response.status(), 200, path);
  assert.match(await response.text(), /id="prerendered"/, `${path} was not prerendered`);
  return response;
}

/** The app has replaced the prerendered page (or rendered the shell). */
const appShown = (page) =>
  page.waitForFunction(() => !document.getElementById("prerendered") && document.querySelector("main h1"), null, { timeout: 15000 });

test("the build wrote every kind of address", () => {
  const report = stack.prerenderReport;
  assert.match(report, /prerender: \d+ pages from/);
  assert.doesNotMatch(report, /not prerendered: .*(about|team|founders|contact|reading)/, report);
});

test("JavaScript off: pages at their nested and non-Latin paths, without byline", async () => {
  const page = await stack.newPage(NO_JS);
  for (const [path, title, text] of [
    ["/about/", "About", "Therapy Notes is written by Nidhi"],
    ["/about/team/", "Our team", "Two people write this blog"],
    ["/about/team/founders/", "Founders", ""],
    [GREEK, "Σχετικά", ""],
    ["/contact/", "Contact", ""],
  ]) {
    await openPrerendered(page, path);
    assert.equal(await h1(page), title, path);
    assert.equal(await page.title(), `${title} – ${SITE_NAME}`, path);
    assert.equal(await page.locator("main article.page").count(), 1, `${path}: no page layout`);
    assert.equal(await page.locator("main .byline").count(), 0, `${path}: a page has no byline`);
    if (text) assert.match(await page.locator("main .entry-content").innerText(), new RegExp(text));
    assert.equal(
      await page.locator('head link[rel="canonical"]').getAttribute("href"),
      stack.siteUrl + path,
      `${path}: canonical`,
    );
  }
  // Comments only where the page has them open.
  await openPrerendered(page, "/about/");
  assert.equal(await page.locator(".comments").count(), 0, "comments on a page that has them closed");
  await openPrerendered(page, "/contact/");
  assert.equal(await page.locator(".comments").count(), 1, "no comments section on a page that has them open");
  assert.deepEqual(page.problems, []);
});

test("JavaScript off: tag, author and date archives list what WordPress lists, titled as WordPress titles them", async () => {
  const page = await stack.newPage(NO_JS);
  const slugsOf = (posts) => posts.map((p) => `/${p.slug}/`);
  const [tag] = await api("wp/v2/tags?slug=reading");
  const [arjun] = await api("wp/v2/users?slug=arjun");
  // A category lists its child categories' posts too, as WordPress's
  // archive does; a child's address names its ancestors.
  const inCategory = async (slug) => {
    const [category] = await api(`wp/v2/categories?slug=${slug}`);
    return api(`wp/v2/posts?categories[terms]=${category.id}&categories[include_children]=1&per_page=10&_fields=slug`);
  };
  const practice = await inCategory("practice-notes");
  for (const child of ["/keeping-a-reading-list/", "/why-slow-reading-helps/"]) {
    assert.ok(slugsOf(practice).includes(child), `${child} is in a child category of Practice Notes`);
  }
  const cases = [
    ["/category/practice-notes/", "Category", "Practice Notes", practice],
    ["/category/practice-notes/reading-lists/", "Category", "Reading lists", await inCategory("reading-lists")],
    ["/category/practice-notes/reading-lists/book-notes/", "Category", "Book notes", await inCategory("book-notes")],
    ["/tag/reading/", "Tag", "reading", await api(`wp/v2/posts?tags=${tag.id}&per_page=10&_fields=slug`)],
    ["/author/arjun/", "Author", "Arjun Mehta", await api(`wp/v2/posts?author=${arjun.id}&per_page=10&_fields=slug`)],
    ["/2021/", "Year", "2021", await api("wp/v2/posts?after=2020-12-31T23:59:59&before=2022-01-01T00:00:00&per_page=10&_fields=slug")],
    ["/2021/06/", "Month", "June 2021", await api("wp/v2/posts?after=2021-05-31T23:59:59&before=2021-07-01T00:00:00&per_page=10&_fields=slug")],
    ["/2021/06/15/", "Day", "15 June 2021", await api("wp/v2/posts?after=2021-06-14T23:59:59&before=2021-06-16T00:00:00&per_page=10&_fields=slug")],
  ];
  for (const [path, kind, name, posts] of cases) {
    assert.ok(posts.length > 0, `${path}: the demo has posts there`);
    await openPrerendered(page, path);
    assert.equal(await page.locator("main .archive-kind").textContent(), kind, path);
    assert.equal(await h1(page), name, path);
    assert.equal(await page.title(), `${name} – ${SITE_NAME}`, path);
    assert.deepEqual(await listed(page), slugsOf(posts), path);
  }
  // Two posts on one day, newest first.
  await openPrerendered(page, "/2021/06/15/");
  assert.deepEqual(await listed(page), ["/a-letter-to-new-readers/", "/why-slow-reading-helps/"]);
  assert.deepEqual(page.problems, []);
});

test("JavaScript off: bylines link the author, the day and the categories; tags link their archives", async () => {
  const page = await stack.newPage(NO_JS);
  await openPrerendered(page, "/why-slow-reading-helps/");
  const byline = page.locator("main article.post .byline");
  assert.equal(await byline.locator('a[rel="author"]').getAttribute("href"), "/author/arjun/");
  assert.equal(await byline.locator("a.date").getAttribute("href"), "/2021/06/15/");
  const tags = await page.locator("main .post-tags a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(tags.includes("/tag/reading/"), tags.join());
  // A child category is linked at its nested address, as WordPress links it.
  const categories = await byline.locator(".categories a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(categories, ["/category/practice-notes/reading-lists/book-notes/", "/category/therapy/"]);
  // Every link a byline or tag list makes is prerendered.
  for (const href of [...tags, ...categories, "/author/arjun/", "/2021/06/15/"]) {
    const response = await page.request.get(stack.siteUrl + href);
    assert.match(await response.text(), /id="prerendered"/, `${href} is not prerendered`);
  }
  // The title's inline markup is not shown as text.
  assert.equal(await h1(page), "Why slow reading helps");
  assert.equal(await page.title(), `Why slow reading helps – ${SITE_NAME}`);
  assert.equal(await page.locator('head meta[property="og:title"]').getAttribute("content"), "Why slow reading helps");
});

test("JavaScript off: the sticky post is first on the first home page, once", async () => {
  const page = await stack.newPage(NO_JS);
  const [sticky] = await api("wp/v2/posts?sticky=true&_fields=slug");
  await openPrerendered(page, "/");
  const first = await listed(page);
  assert.equal(first[0], `/${sticky.slug}/`);
  assert.equal(first.filter((href) => href === `/${sticky.slug}/`).length, 1, "the sticky post shows twice");
});

test("a split post: each part at /<slug>/N/, with links to the others; past the last part is not found", async () => {
  const page = await stack.newPage(NO_JS);
  const parts = [
    ["/a-reading-in-three-parts/", "The first is about arriving"],
    ["/a-reading-in-three-parts/2/", "The second part is about staying"],
    ["/a-reading-in-three-parts/3/", "The third part is about leaving"],
  ];
  for (const [path, text] of parts) {
    await openPrerendered(page, path);
    const content = await page.locator("main .entry-content").innerText();
    assert.match(content, new RegExp(text), path);
    for (const [, other] of parts.filter(([p]) => p !== path)) assert.doesNotMatch(content, new RegExp(other), `${path} shows another part`);
    const links = page.locator("main nav.page-links");
    assert.equal(await links.locator("a").count(), 2, path);
    assert.equal(await links.locator('[aria-current="page"]').count(), 1, path);
  }
  const app = await stack.newPage(DESKTOP);
  await app.goto(`${stack.siteUrl}/a-reading-in-three-parts/4/`);
  await appShown(app);
  assert.equal(await h1(app), "Page not found");
  assert.deepEqual(app.problems, []);
});

test("a protected post: WordPress's prompt, no content in the page, a wrong password said, the right one shows it", async () => {
  const noJs = await stack.newPage(NO_JS);
  const response = await openPrerendered(noJs, "/notes-for-clients/");
  const html = await response.text();
  assert.doesNotMatch(html, /Sessions start on the hour/, "the protected content is in the page");
  assert.match(await noJs.locator("main form.post-password-form").innerText(), /This content is password protected/);

  const page = await stack.newPage(DESKTOP);
  const requests = [];
  page.on("request", (r) => requests.push(r));
  await page.goto(`${stack.siteUrl}/notes-for-clients/`);
  const password = page.getByLabel("Password");
  await password.focus(); // the reader turns to the form: the app starts
  await page.waitForFunction(() => !document.getElementById("prerendered"), null, { timeout: 15000 });
  await page.getByLabel("Password").fill("not it");
  await page.keyboard.press("Enter");
  const message = page.locator(".post-password-message");
  await message.filter({ hasText: "That password is not right" }).waitFor({ timeout: 10000 });
  assert.equal(await page.getByLabel("Password").inputValue(), "not it", "what was typed is kept");
  await page.getByLabel("Password").fill("open sesame");
  await page.getByRole("button", { name: "Enter" }).click();
  await page.locator("main .entry-content").filter({ hasText: "Sessions start on the hour" }).waitFor({ timeout: 10000 });
  // The password went in the body of the unlocking request, and with the
  // reads of its comments (WordPress's `password` parameter: see
  // transport/comments.rs); never in the page's address.
  for (const r of requests.filter((r) => !/\/wp\/v2\/comments\?/.test(r.url()))) assert.doesNotMatch(r.url(), /sesame/, r.url());
  assert.doesNotMatch(page.url(), /sesame/);
  const unlock = requests.filter((r) => r.method() === "POST" && /\/wp\/v2\/posts\/\d+\?.*_method=GET/.test(r.url()));
  assert.equal(unlock.length, 2, "one request per try");
  for (const r of unlock) assert.deepEqual(Object.keys(JSON.parse(r.postData())), ["password"]);
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie).then((s) => /sesame/.test(s)), false);
  // Its comments load with the password (WordPress answers them only so),
  // and no error shows.
  await page.locator(".comments .comments-loading").waitFor({ state: "detached", timeout: 10000 });
  assert.equal(await page.locator(".comments .problem").count(), 0, await page.locator(".comments").innerText());
  assert.ok(await page.locator(".comment-form").isVisible(), "no comment form on an unlocked post with comments open");
  assert.deepEqual(page.problems, []);
});

test("search at /?s=: results, nothing found, and any query is only text", async () => {
  const page = await stack.newPage(DESKTOP);
  await page.goto(`${stack.siteUrl}/?s=reading`);
  await appShown(page);
  assert.equal(await h1(page), "Search results for “reading”");
  assert.equal(await page.title(), `Search results for “reading” – ${SITE_NAME}`);
  const found = await api("wp/v2/posts?search=reading&per_page=10&_fields=slug");
  assert.ok(found.length > 0);
  await page.locator("main .post-summary").first().waitFor();
  assert.deepEqual(await listed(page), found.map((p) => `/${p.slug}/`));

  for (const query of ["zzqqxxnothing", "", "x".repeat(2000), `"quoted words"`, "<script>alert(1)</script>", "🙂 reading", "שלום עולם"]) {
    await page.goto(`${stack.siteUrl}/?s=${encodeURIComponent(query)}`);
    await appShown(page);
    await page.waitForFunction(() => document.querySelector("main .post-summary, main .empty, main .problem"), null, { timeout: 10000 });
    assert.equal(await page.locator("main .problem").count(), 0, `an error for ${query.slice(0, 40)}`);
    assert.equal(await page.locator("main script, main img[onerror]").count(), 0);
    if ((await page.locator("main .post-summary").count()) === 0) {
      assert.match(await page.locator("main .empty").innerText(), /nothing matched your search terms/);
    }
  }
  assert.deepEqual(page.problems, []);
});

test("WordPress's plain addresses (/?p=, ?page_id=, ?cat=, ?tag=, ?author=, ?m=) lead where WordPress redirects them, without the app", async () => {
  const [post] = await api("wp/v2/posts?slug=therapist-client-connection");
  const [founders] = await api("wp/v2/pages?slug=founders");
  const categories = await api("wp/v2/categories?hide_empty=true&per_page=100");
  const child = categories.find((c) => c.parent !== 0);
  const [tag] = await api("wp/v2/tags?hide_empty=true&per_page=1");
  const author = await api(`wp/v2/users/${post.author}`);
  const [year, month] = post.date.split("-");
  const cases = [
    [`/?p=${post.id}`, "/therapist-client-connection/"],
    // `p` finds a page too, as on WordPress.
    [`/?p=${founders.id}`, new URL(founders.link).pathname],
    [`/?page_id=${founders.id}`, new URL(founders.link).pathname],
    [`/?cat=${child.id}`, new URL(child.link).pathname],
    [`/?tag=${tag.slug}`, `/tag/${tag.slug}/`],
    [`/?author=${author.id}`, `/author/${author.slug}/`],
    [`/?m=${year}${month}`, `/${year}/${month}/`],
    // With other query parts, and the fragment kept.
    [`/?utm_source=feed&p=${post.id}#comments-title`, "/therapist-client-connection/"],
  ];
  const page = await stack.newPage(DESKTOP);
  const scripts = [];
  page.on("request", (r) => {
    if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) scripts.push(r.url());
  });
  for (const [from, to] of cases) {
    await page.goto(stack.siteUrl + from);
    await page.waitForFunction((to) => decodeURI(location.pathname) === decodeURI(to), to, { timeout: 10000 });
    await page.locator("main h1").first().waitFor();
    if (from.includes("#")) assert.equal(new URL(page.url()).hash, "#comments-title");
  }
  assert.equal(await h1(page), post.title.rendered.replace("&#8211;", "–"));
  // (A page whose comments are on the screen starts their part, as ever.)
  assert.deepEqual(scripts.filter((u) => /\/blog-/.test(u)), [], "the app loaded to follow a plain address");
  // Nothing the build knows: the home page stays, shown.
  await page.goto(`${stack.siteUrl}/?p=987654`);
  await page.waitForFunction(() => !document.getElementById("prerendered").hasAttribute("data-route-pending"));
  assert.equal(new URL(page.url()).pathname, "/");
  assert.ok(await page.locator("main .post-summary").first().isVisible());
  assert.deepEqual(page.problems, []);
});

test("the header's search form: from the keyboard, with or without the app", async () => {
  const page = await stack.newPage(DESKTOP);
  await openPrerendered(page, "/about/");
  const field = page.getByRole("search").getByLabel("Search");
  await field.fill("slow");
  await field.press("Enter");
  await page.waitForURL(/\?s=slow/);
  await appShown(page);
  assert.equal(await h1(page), "Search results for “slow”");
  // Then through the app, without a page load.
  await page.getByRole("search").getByLabel("Search").fill("letter");
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await waitForPath(page, /\?s=letter/);
  await page.locator("main h1", { hasText: "“letter”" }).waitFor();
  await page.locator("main .post-summary").first().waitFor();
  const found = await api("wp/v2/posts?search=letter&per_page=10&_fields=slug");
  assert.ok(found.some((p) => p.slug === "a-letter-to-new-readers"));
  assert.deepEqual(await listed(page), found.map((p) => `/${p.slug}/`));
  assert.deepEqual(page.problems, []);
});

test("the site menu: top-level pages in menu order; on a phone a disclosure that works without the app", async () => {
  const desktop = await stack.newPage(NO_JS);
  await openPrerendered(desktop, "/");
  const menu = desktop.getByRole("navigation", { name: "Site" }).locator(".menu a");
  assert.deepEqual(await menu.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")])), [
    ["About", "/about/"],
    ["Σχετικά", GREEK],
    ["Contact", "/contact/"],
  ]);
  const phone = await stack.newPage({ ...PHONE, javaScriptEnabled: false });
  await openPrerendered(phone, "/about/");
  const about = phone.getByRole("link", { name: "About", exact: true });
  assert.equal(await about.isVisible(), false, "the menu is open before it is asked for");
  await phone.locator("summary", { hasText: "Menu" }).click();
  assert.ok(await about.isVisible(), "the menu does not open");
  assert.equal(await about.getAttribute("aria-current"), "page");
});

test("through the app: every kind of address renders, and addresses WordPress would not answer are not found", async () => {
  // The client-rendered bundle, as for anything published after the build:
  // the app resolves each address itself.
  const spa = await startStack();
  try {
    const page = await spa.newPage(DESKTOP);
    for (const [path, title] of [
      ["/about/team/founders/", "Founders"],
      [GREEK, "Σχετικά"],
      ["/tag/reading/page/1/", "reading"],
      ["/author/arjun/", "Arjun Mehta"],
      ["/2021/06/", "June 2021"],
      ["/category/practice-notes/reading-lists/book-notes/", "Book notes"],
      // WordPress finds a category by its last slug, wherever it is linked from.
      ["/category/book-notes/page/1/", "Book notes"],
      ["/a-reading-in-three-parts/2/", "A reading in three parts"],
      ["/notes-for-clients/", "Notes for clients"],
      ["/search/slow/", "Search results for “slow”"],
      ["/about/nothing-here/", "Page not found"],
      ["/founders/", "Page not found"],
      ["/tag/no-such-tag/", "Page not found"],
      ["/category/practice-notes/no-such-category/", "Page not found"],
      ["/author/nobody/", "Page not found"],
      ["/2021/13/", "Page not found"],
      ["/tag/reading/page/99/", "Page not found"],
    ]) {
      await page.goto(`${spa.siteUrl}${path}`);
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

test("axe WCAG 2.2 AA, light and dark, phone and desktop: a page, an archive, search results, the password prompt, the menu open", async () => {
  const report = [];
  for (const scheme of ["light", "dark"]) {
    for (const [name, options] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      const page = await stack.newPage({ ...options, colorScheme: scheme });
      for (const path of ["/about/team/", "/tag/reading/", "/2021/06/", "/notes-for-clients/", "/a-reading-in-three-parts/2/"]) {
        await openPrerendered(page, path);
        report.push(describe(`${path} ${name}`, scheme, await runAxe(page)));
      }
      if (name === "phone") {
        await page.locator("summary", { hasText: "Menu" }).click();
        report.push(describe(`menu open ${name}`, scheme, await runAxe(page)));
      }
      await page.goto(`${stack.siteUrl}/?s=reading`);
      await appShown(page);
      await page.locator("main .post-summary").first().waitFor();
      report.push(describe(`search ${name}`, scheme, await runAxe(page)));
      // The app is held until the prompt is submitted (turning to it starts
      // the download): the submit is the prerendered form's, whatever the
      // machine's speed.
      const gate = await wasmGate(page);
      gate.close();
      await page.goto(`${stack.siteUrl}/notes-for-clients/`);
      await page.getByLabel("Password").fill("not it");
      await page.getByLabel("Password").press("Enter");
      gate.release();
      await page.waitForFunction(() => !document.getElementById("prerendered"), null, { timeout: 15000 });
      // The typed password reaches the app's field on the frame after the takeover.
      await page.waitForFunction(() => [...document.querySelectorAll("input[type=password]")].some((i) => i.value === "not it"), null, { timeout: 5000 });
      await page.getByLabel("Password").press("Enter");
      await page.locator(".post-password-message", { hasText: "not right" }).waitFor({ timeout: 10000 });
      report.push(describe(`wrong password ${name}`, scheme, await runAxe(page)));
      assert.deepEqual(page.problems, []);
    }
  }
  const found = report.filter(Boolean);
  assert.equal(found.length, 0, `axe found violations:\n${found.join("\n")}`);
});

test("text typed into the header's search field before the app starts is kept at the takeover", async () => {
  const page = await stack.newPage(DESKTOP);
  await openPrerendered(page, "/notes-for-clients/");
  const field = page.getByRole("search").getByLabel("Search");
  await field.fill("slow rea");
  // The reader turns to the password prompt: the app starts and takes over.
  await page.getByLabel("Password").focus();
  await page.waitForFunction(() => !document.getElementById("prerendered"), null, { timeout: 15000 });
  assert.equal(await page.getByRole("search").getByLabel("Search").inputValue(), "slow rea");
  await page.getByRole("search").getByLabel("Search").press("Enter");
  await waitForPath(page, /\?s=slow(\+|%20)rea/);
  await page.locator("main h1", { hasText: "“slow rea”" }).waitFor();
  assert.deepEqual(page.problems, []);
});
