// Prerendered pages (scripts/prerender.sh, src/prerender/): the bundle is
// prerendered against this run's dev API, as `make dist` does, then served
// with its real CSP. A reader without JavaScript gets the article and its
// link preview; with JavaScript the text is there before the WASM, the app
// takes over from the page's seed without a request, a shift or a lost
// focus, and then works as the client-rendered app does. Posts published
// after the build open through the shell. The XSS corpus goes through the
// native sanitiser and the takeover too.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startStack, waitForPath, wasmGate } from "./harness.mjs";
import { expand } from "./xss-corpus.mjs";
import { inspect, outcome, resetWorker, runAll, settleLazyWork } from "./xss-detect.mjs";

const ARTICLE = "/therapist-client-connection/";
const ARTICLE_TITLE = "The Therapist – Client connection in the therapy room";
const ARTICLE_TEXT = "one thing that keeps me going is the relationship";
const SITE_NAME = "Therapy Notes";
/** The chat's number in the shell's config block, as wa.me writes it. */
const WA_ME = "https://wa.me/919876543210";
const DESKTOP = { viewport: { width: 1280, height: 800 } };
/** A phone: the seed article is long enough there that its comments start below the next screen. */
const PHONE = { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true };

let stack;
before(async () => {
  stack = await startStack({ prerender: true });
});
after(async () => {
  await stack?.stop();
});

const api = async (route) => (await fetch(`${stack.apiUrl}/wp-json/${route}`)).json();

/** In the page, from its first script: layout shifts, and when the app starts. */
function observeLoad() {
  window.__cls = 0;
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__cls += e.value;
      window.__shifts.push(e.sources?.map((s) => s.node?.nodeName ?? "?").join(",") ?? "");
    }
  }).observe({ type: "layout-shift", buffered: true });
  addEventListener("TrunkApplicationStarted", () => (window.__appStarted = true));
}

/** A page that records layout shifts and app start, its WASM held until released. */
async function heldPage(options = DESKTOP) {
  const page = await stack.newPage(options);
  await page.addInitScript(observeLoad);
  const gate = await wasmGate(page);
  gate.close();
  return { page, gate };
}

/**
 * What the page needed has started: the interactive part, attached to the
 * prerendered page (its comments and chat are the app's), or the whole
 * app, which replaced the page (a page the part does not serve).
 */
const takenOver = (page) =>
  page.waitForFunction(
    () => {
      const prerendered = document.getElementById("prerendered");
      return window.__appStarted === true && (!prerendered || prerendered.hasAttribute("data-interactive"));
    },
    null,
    { timeout: 15000 },
  );

/**
 * The reader scrolls on until the comments are just below the screen: on a
 * prerendered page this asks for the app (the starter in index.html starts
 * it a screen ahead); focus stays where it is. (Scrolled into view, the
 * comments arriving would push the form down, which is not the takeover's
 * doing.)
 */
const turnToComments = (page) =>
  page.evaluate(() => {
    const comments = document.querySelector("#prerendered .comments");
    if (comments) scrollTo(0, Math.max(0, comments.getBoundingClientRect().top + scrollY - innerHeight + 1));
  });

/** Layout-shift entries are delivered after the frame: let two frames pass. */
const nextFrames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// --- without JavaScript ------------------------------------------------------------

test("JavaScript off: the article reads in full, its head carries the link preview", async () => {
  const page = await stack.newPage({ ...DESKTOP, javaScriptEnabled: false });
  const response = await page.goto(stack.siteUrl + ARTICLE);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /id="prerendered"/, "the server did not answer the prerendered page");

  const h1 = page.locator("main article.post h1");
  assert.equal(await h1.innerText(), ARTICLE_TITLE);
  assert.ok(await h1.isVisible(), "the title is not visible");
  const content = page.locator("main article.post .entry-content");
  assert.match(await content.innerText(), new RegExp(ARTICLE_TEXT));
  assert.ok(await content.isVisible(), "the article text is not visible");
  assert.match(await page.locator(".byline").innerText(), /By Nidhi/);

  // The link preview: one of each tag, pointing at the published address.
  const url = `${stack.siteUrl}${ARTICLE}`;
  const meta = async (key, value) => {
    const tags = page.locator(`head meta[${key}="${value}"]`);
    assert.equal(await tags.count(), 1, `<meta ${key}="${value}">`);
    return tags.getAttribute("content");
  };
  assert.equal(await page.title(), `${ARTICLE_TITLE} – ${SITE_NAME}`);
  assert.equal(await meta("property", "og:title"), ARTICLE_TITLE);
  assert.equal(await meta("property", "og:type"), "article");
  assert.equal(await meta("property", "og:url"), url);
  assert.equal(await page.locator('head link[rel="canonical"]').getAttribute("href"), url);
  assert.match(await meta("property", "og:description"), /I‘ve been working as a therapist/);
  assert.equal(await meta("property", "og:site_name"), SITE_NAME);
  const [post] = await api("wp/v2/posts?slug=therapist-client-connection&_fields=date_gmt");
  assert.equal(new Date(await meta("property", "article:published_time")).toISOString(), new Date(`${post.date_gmt}Z`).toISOString());
  assert.match(await meta("name", "twitter:card"), /^summary(_large_image)?$/);
  assert.equal(await meta("name", "twitter:title"), ARTICLE_TITLE);
  assert.ok((await meta("name", "description")).length > 0, "no meta description");

  // The conversation is in the page, as WordPress serves it: the count,
  // every approved comment of the first page, replies inside their parent.
  const [{ id: postId }] = await api("wp/v2/posts?slug=therapist-client-connection&_fields=id");
  const comments = await api(`wp/v2/comments?post=${postId}&per_page=100&order=asc`);
  assert.ok(comments.some((c) => c.parent !== 0), "the demo article has no replies to check threading with");
  assert.equal(await page.locator("#comments-title").innerText(), `${comments.length} comments`);
  assert.equal(await page.locator(".comments li.comment").count(), comments.length);
  for (const c of comments) {
    const item = page.locator(`.comments li#comment-${c.id}`);
    assert.ok(await item.isVisible(), `comment ${c.id} is not visible`);
    assert.match(await item.locator(":scope > article .comment-author").innerText(), new RegExp(c.author_name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const parent = await item.evaluate((li) => li.parentElement.closest("li.comment")?.id ?? null);
    assert.equal(parent, c.parent === 0 ? null : `comment-${c.parent}`, `comment ${c.id} is not threaded under its parent`);
  }
  // What needs the app says so, instead of a form or buttons that cannot work.
  const commentsNote = page.locator(".comments .noscript-note");
  assert.ok(await commentsNote.isVisible(), "no visible note about comments");
  assert.match(await commentsNote.innerText(), /Turn it on to write a comment/);
  assert.equal(await page.locator(".comment-respond").isVisible(), false, "the comment form shows without JavaScript");
  assert.equal(await page.locator(".comments .reply-button").first().isVisible(), false, "reply buttons that cannot work");
  assert.equal(await page.locator(".comments-loading").isVisible(), false, "“Loading comments…” forever");
  const whatsapp = page.locator(`.noscript-note a[href^="https://wa.me/"]`);
  assert.equal(await whatsapp.count(), 1, "the chat note has no wa.me link");
  assert.ok(await whatsapp.isVisible());
  assert.equal(await whatsapp.getAttribute("href"), WA_ME);
  assert.equal(await page.getByRole("button", { name: "Open chat" }).isVisible(), false, "a launcher that cannot open");
  assert.deepEqual(page.problems, []);
});

test("the site icon: prerendered pages, the shell and the 404 page carry WordPress's icon tags, each an image of the icon's", async () => {
  const { site_icon: icon } = await api("?_fields=site_icon");
  assert.ok(icon > 0, "the demo site has no icon to check");
  const media = await api(`wp/v2/media/${icon}`);
  const copies = new Set([media.source_url, ...Object.values(media.media_details.sizes).map((s) => s.source_url)]);
  const iconTags = (html) =>
    [...html.matchAll(/<(?:link rel="(?:icon|apple-touch-icon)"|meta name="msapplication-TileImage")[^>]*>/g)].map((m) => m[0]);
  const pages = {
    article: await (await fetch(stack.siteUrl + ARTICLE)).text(),
    "home page": await (await fetch(`${stack.siteUrl}/`)).text(),
    "shell (an address not prerendered)": await (await fetch(`${stack.siteUrl}/not-built-${Date.now()}/`)).text(),
    "404 page": readFileSync(join(stack.bundle, "404.html"), "utf8"),
  };
  const want = iconTags(pages.article);
  // wp_site_icon(): the tab icon, Android's, the iOS home screen's, the Windows tile.
  assert.deepEqual(want.map((t) => /^<\w+ \w+="([^"]+)"/.exec(t)[1]), ["icon", "icon", "apple-touch-icon", "msapplication-TileImage"]);
  for (const [name, html] of Object.entries(pages)) {
    assert.deepEqual(iconTags(html), want, `${name}: not the article's icon tags`);
    assert.ok(iconTags(html).every((t) => html.indexOf(t) < html.indexOf("</head>")), `${name}: icon tags outside <head>`);
  }
  for (const tag of want) {
    const href = /(?:href|content)="([^"]+)"/.exec(tag)[1];
    assert.ok(copies.has(href), `${href} is not a copy of the icon's media item`);
    const res = await fetch(href);
    assert.equal(res.status, 200, href);
    assert.match(res.headers.get("content-type"), /^image\//, href);
  }
  // Clients that ask for /favicon.ico without reading a page are sent to
  // the tab icon, as WordPress sends them (the bundle's _redirects).
  const favicon = await fetch(`${stack.siteUrl}/favicon.ico`, { redirect: "manual" });
  assert.equal(favicon.status, 302);
  assert.equal(favicon.headers.get("location"), /href="([^"]+)"/.exec(want[0])[1]);
});

test("JavaScript off: a post with a featured image shows it and previews it", async () => {
  const [post] = await api("wp/v2/posts?slug=boundaries-without-walls&_embed=wp:featuredmedia");
  const media = post._embedded["wp:featuredmedia"][0];
  assert.ok(media.source_url.startsWith(stack.apiUrl), media.source_url);
  const page = await stack.newPage({ ...DESKTOP, javaScriptEnabled: false });
  await page.goto(`${stack.siteUrl}/boundaries-without-walls/`);
  const content = (selector) => page.locator(selector).getAttribute("content");
  assert.equal(await content('head meta[property="og:image"]'), media.source_url);
  assert.equal(await content('head meta[property="og:image:width"]'), String(media.media_details.width));
  assert.equal(await content('head meta[property="og:image:height"]'), String(media.media_details.height));
  assert.equal(await content('head meta[property="og:image:alt"]'), media.alt_text);
  assert.equal(await content('head meta[name="twitter:card"]'), "summary_large_image");
  assert.equal(await content('head meta[name="twitter:image"]'), media.source_url);
  // The image itself, from the API's origin, loads under the site's CSP.
  const image = page.locator(`main article.post img[src="${media.source_url}"]`);
  assert.equal(await image.count(), 1);
  // (goto waited for `load`, which waits for it; no page timers run without JavaScript.)
  assert.deepEqual(await image.evaluate((i) => [i.complete, i.naturalWidth > 0]), [true, true], "the featured image did not load");
  assert.deepEqual(page.problems, []);
});

/**
 * With JavaScript off: the post links of a list and of every older page it
 * links to ("Older posts"), in order, and how many pages that was.
 */
async function listedAcrossPages(page, url) {
  const slugs = [];
  let pages = 0;
  for (let next = url; next && pages < 50; pages++) {
    await page.goto(next);
    for (const href of await page.locator("main .post-summary h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      assert.ok(await page.locator(`main .post-summary h2 a[href="${href}"]`).first().isVisible(), `${href} is not visible on ${next}`);
      slugs.push(href.replace(/^\/|\/$/g, ""));
    }
    const older = page.getByRole("link", { name: "Older posts" });
    next = (await older.count()) ? new URL(await older.getAttribute("href"), next).href : null;
  }
  return { slugs, pages };
}

test("JavaScript off: the home pages link every post, a category's pages list its posts", async () => {
  const page = await stack.newPage({ ...DESKTOP, javaScriptEnabled: false });
  const posts = await api("wp/v2/posts?per_page=100&_fields=slug,title");
  assert.ok(posts.length >= 2, "the demo content has posts");
  const home = await listedAcrossPages(page, stack.siteUrl + "/");
  // As WordPress orders them: the sticky posts first on the first page
  // (moved there, not repeated), every post at its place by date after.
  const sticky = (await api("wp/v2/posts?sticky=true&_fields=slug")).map((p) => p.slug);
  const firstPage = (await api("wp/v2/posts?per_page=10&_fields=slug")).map((p) => p.slug);
  const expected = [...sticky, ...posts.map((p) => p.slug).filter((slug, i) => i >= firstPage.length || !sticky.includes(slug))];
  assert.ok(sticky.length > 0, "the demo has a sticky post");
  assert.deepEqual(home.slugs, expected, "the home pages, sticky first, then newest first");
  assert.ok(home.pages > 1, "the demo content fills more than one home page");

  const categories = (await api("wp/v2/categories?per_page=100")).filter((c) => c.count > 0);
  assert.ok(categories.length > 0);
  for (const category of categories) {
    // At the category's own address (a child's names its ancestors), with
    // its children's posts, as WordPress lists them.
    const address = `${stack.siteUrl}${new URL(category.link).pathname}`;
    await page.goto(address);
    assert.equal(await page.locator(".archive-header h1").innerText(), category.name);
    const listed = await api(`wp/v2/posts?categories[terms]=${category.id}&categories[include_children]=1&per_page=100&_fields=slug`);
    const shown = await listedAcrossPages(page, address);
    assert.deepEqual(shown.slugs, listed.map((p) => p.slug), category.slug);
  }
  assert.deepEqual(page.problems, []);
});

// --- with JavaScript: the takeover -----------------------------------------------------

test("a reader who only reads gets no app; the comments coming near start it, and it takes over without a request for the post, a change or a shift", async () => {
  const { page, gate } = await heldPage(PHONE);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(stack.siteUrl + ARTICLE, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector("#prerendered main article.post .entry-content"));
  // Reading: the page is whole, and nothing of the app was asked for.
  await page.waitForTimeout(1500);
  const h1 = page.locator("main h1");
  assert.equal(await h1.innerText(), ARTICLE_TITLE);
  assert.ok(await h1.isVisible());
  assert.ok(await page.locator("article.post .entry-content", { hasText: ARTICLE_TEXT }).isVisible());
  const fetched = requests.map((u) => new URL(u)).filter((u) => u.origin === stack.siteUrl).map((u) => u.pathname);
  assert.deepEqual(fetched.filter((p) => /\.(js|wasm)$/.test(p)), [], `a reader who only reads downloaded the app: ${fetched.join(", ")}`);
  assert.equal(gate.requested, 0);
  // (The site icon is an image on the WordPress host, not a request of the API's.)
  assert.deepEqual(requests.filter((u) => u.startsWith(`${stack.apiUrl}/`) && !/\/wp-content\/uploads\//.test(u)), [], "a reader who only reads asked the API");

  // Scrolling towards the comments asks for the app; its WASM is held: what
  // shows now is still the HTML alone.
  await turnToComments(page);
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.endsWith(".js")));
  for (let i = 0; i < 50 && gate.requested === 0; i++) await page.waitForTimeout(100);
  assert.ok(gate.requested >= 1, "scrolling to the comments did not ask for the WASM");
  assert.equal(await page.evaluate(() => window.__appStarted), undefined, "the app started while its WASM was held");
  const scrolled = await page.evaluate(() => scrollY);
  assert.ok(scrolled > 0);
  const before = await page.locator("article.post").innerText();
  const boxBefore = await h1.boundingBox();
  await page.evaluate(() => {
    window.__article = document.querySelector("article.post");
    window.__comments = document.querySelector("section.comments");
  });

  gate.release();
  await takenOver(page);
  // Settled: comments in, site name in the title.
  await page.locator("#comments-title", { hasText: /\d+ comments?/ }).waitFor();
  await page.waitForFunction((t) => document.title === t, `${ARTICLE_TITLE} – ${SITE_NAME}`);
  await nextFrames(page);

  // The interactive part attached: the article is the page's own node,
  // never rendered again; the comments section is the app's.
  assert.equal(await page.locator("#prerendered[data-interactive]").count(), 1);
  assert.equal(await page.evaluate(() => document.querySelector("article.post") === window.__article), true, "the article was rendered again");
  assert.equal(await page.evaluate(() => document.querySelector("section.comments") !== window.__comments), true, "the comments section was not the app's");
  assert.equal(await page.locator("section.comments").count(), 1);
  const loaded = requests.map((u) => new URL(u).pathname).filter((p) => /\.(js|wasm)$/.test(p));
  assert.ok(loaded.length > 0 && loaded.every((p) => p.startsWith("/conversation-")), `not the interactive part: ${loaded.join(", ")}`);
  assert.equal(await page.locator("article.post").count(), 1);
  assert.equal(await page.locator("article.post").innerText(), before, "the article changed when the app took over");
  assert.deepEqual(await h1.boundingBox(), boxBefore);
  assert.equal(await page.evaluate(() => scrollY), scrolled, "the takeover moved the reader's place");
  const { cls, shifts } = await page.evaluate(() => ({ cls: window.__cls, shifts: window.__shifts }));
  assert.equal(cls, 0, `layout shifted: ${shifts.join(" | ")}`);

  const toApi = requests.filter((u) => u.startsWith(`${stack.apiUrl}/`)).map((u) => new URL(u));
  const refetched = toApi.filter((u) => u.pathname.startsWith("/wp-json/wp/v2/posts") || /^\/wp-json\/?$/.test(u.pathname));
  assert.deepEqual(refetched.map(String), [], "the seed's responses were requested again");
  assert.ok(toApi.some((u) => u.pathname === "/wp-json/wp/v2/comments"), "the comments were not requested (is the recorder blind?)");
  assert.deepEqual(page.problems, []);

  // The shift detector is not blind: move the article, and it counts
  // (scroll anchoring off, or the browser would hide the move).
  await page.evaluate(() => {
    document.documentElement.style.overflowAnchor = "none";
    const spacer = document.createElement("div");
    spacer.className = "shift-probe";
    spacer.append("probe");
    document.querySelector("main").prepend(spacer);
  });
  await page.waitForFunction(() => window.__cls > 0, null, { timeout: 5000 });
});

test("after the interactive part starts: comments, posting one, the chat, and links to other pages", async () => {
  const page = await stack.newPage(DESKTOP);
  await page.addInitScript(observeLoad);
  const response = await page.goto(stack.siteUrl + ARTICLE);
  assert.match(await response.text(), /id="prerendered"/);
  await turnToComments(page);
  await takenOver(page);

  await page.locator("#comments-title", { hasText: /\d+ comments?/ }).waitFor();
  assert.ok((await page.locator(".comment-list li.comment").count()) > 0);
  const text = `Read before the app had loaded ${Date.now()}.`;
  await page.getByRole("textbox", { name: "Comment", exact: true }).fill(text);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Prerender Visitor");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(`prerender.${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Post Comment" }).click();
  const mine = page.locator(".comment.held", { hasText: text });
  await mine.waitFor();
  assert.match(await mine.innerText(), /Your comment is awaiting moderation\./);

  const launcher = page.getByRole("button", { name: "Open chat", exact: true });
  await launcher.waitFor({ state: "visible", timeout: 10000 });
  await launcher.click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  assert.match(await dialog.getByRole("link", { name: /Open chat/ }).getAttribute("href"), /^https:\/\/wa\.me\/919876543210\?text=/);
  assert.match(decodeURIComponent(await dialog.getByRole("link", { name: /Open chat/ }).getAttribute("href")), new RegExp(ARTICLE.replace(/\//g, "\\/")), "the chat link does not name the page");
  await page.keyboard.press("Escape");

  // Links are the prerendered pages' own: the category page, and Back.
  await page.locator(".byline").getByRole("link", { name: "Therapy", exact: true }).click();
  await waitForPath(page, stack.siteUrl + "/category/therapy/");
  await page.locator(".archive-header h1", { hasText: "Therapy" }).waitFor();
  await page.locator(".post-summary h2", { hasText: ARTICLE_TITLE }).waitFor();
  await page.goBack();
  await waitForPath(page, stack.siteUrl + ARTICLE);
  await page.locator("article.post h1", { hasText: ARTICLE_TITLE }).waitFor();
  assert.deepEqual(page.problems, []);
});

test("a page the interactive part cannot serve names only the whole app: a password prompt", async () => {
  const blockOf = (html) => JSON.parse(/<script type="application\/json" id="blog-app">([^<]*)<\/script>/.exec(html)[1]);
  const article = blockOf(await (await fetch(stack.siteUrl + ARTICLE)).text());
  assert.match(article.part?.wasm ?? "", /^\/conversation-[0-9a-f]+_bg\.wasm$/);
  assert.match(article.chatPart?.wasm ?? "", /^\/chat-[0-9a-f]+_bg\.wasm$/);
  const prompt = blockOf(await (await fetch(`${stack.siteUrl}/notes-for-clients/`)).text());
  assert.equal(prompt.part, undefined, "a password prompt would load the part, which cannot unlock");
  assert.equal(prompt.chatPart, undefined, "a password prompt would load the chat's part beside the app");
  assert.match(prompt.wasm, /^\/blog-[0-9a-f]+_bg\.wasm$/);
});

test("a post published after the build opens through the shell", async () => {
  const slug = `written-after-the-build-${Date.now()}`;
  const title = "Written after the build";
  await stack.control("posts", { slug, title, content: "<p>Published once the site was built.</p>" });
  assert.equal(existsSync(join(stack.bundle, slug)), false);
  // The server answers the shell, as a static host's fallback does.
  const [deep, shell] = await Promise.all([`/${slug}/`, "/shell.html"].map(async (p) => (await fetch(stack.siteUrl + p)).text()));
  assert.equal(deep, shell, "the unknown URL was not answered with shell.html");
  assert.doesNotMatch(deep, /id="prerendered"|id="blog-seed"/);

  const page = await stack.newPage(DESKTOP);
  await page.goto(`${stack.siteUrl}/${slug}/`);
  await page.locator("article.post h1", { hasText: title }).waitFor();
  assert.match(await page.locator(".entry-content").innerText(), /Published once the site was built\./);
  await page.waitForFunction((t) => document.title === t, `${title} – ${SITE_NAME}`);
  assert.deepEqual(page.problems, []);
});

/**
 * Tabs to `selector` in the prerendered page (WASM held), lets the app take
 * over, and checks focus is on the same element of the app's DOM.
 */
async function focusSurvives(selector) {
  const { page, gate } = await heldPage();
  try {
    await page.goto(stack.siteUrl + ARTICLE, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => document.querySelector("#prerendered footer"));
    let focused = null;
    for (let i = 0; i < 10 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate((sel) => {
        const el = document.activeElement;
        if (!el?.matches(sel)) return null;
        return { tag: el.tagName, text: el.textContent, href: el.getAttribute("href"), prerendered: !!el.closest("#prerendered") };
      }, selector);
    }
    assert.ok(focused, `${selector}: never reached by Tab`);
    assert.equal(focused.prerendered, true, "focus was not in the prerendered page");
    assert.equal(await page.evaluate(() => window.__appStarted), undefined, "the app started while its WASM was held");

    await turnToComments(page);
    gate.release();
    await takenOver(page);
    // Focus moves in the frame after the takeover, once the route's content
    // is mounted.
    await nextFrames(page);
    const after = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName, text: el?.textContent, href: el?.getAttribute("href"), connected: !!el?.isConnected, body: el === document.body };
    });
    assert.equal(after.body, false, `focus on ${JSON.stringify(focused.text)} fell back to <body> at the takeover`);
    assert.deepEqual(
      { tag: after.tag, text: after.text, href: after.href, connected: after.connected },
      { tag: focused.tag, text: focused.text, href: focused.href, connected: true },
    );
    // And Tab goes on from there, in the app's DOM.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement !== document.body && document.activeElement.isConnected), true);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
}

test("keyboard focus on the skip link survives the takeover", () => focusSurvives(".skip-link"));

test("keyboard focus on a link in the article survives the takeover", () => focusSurvives("main .byline a"));

test("the chat of a prerendered page: its launcher shows after the delay, pressed before the app it is busy, then the chat's part alone loads and opens the chat with focus in it", async () => {
  const { page, gate } = await heldPage(PHONE);
  const code = [];
  page.on("request", (r) => /\.(js|wasm)$/.test(new URL(r.url()).pathname) && code.push(new URL(r.url()).pathname));
  try {
    await page.goto(stack.siteUrl + ARTICLE, { waitUntil: "load" });
    const launcher = page.getByRole("button", { name: "Open chat", exact: true });
    // The app is not there (not even asked for), the launcher shows anyway.
    await launcher.waitFor({ state: "visible", timeout: 10000 });
    assert.equal(await page.locator("#prerendered .chat-launcher").count(), 1);
    assert.equal(gate.requested, 0, "the app was asked for before the reader wanted it");
    // Keyboard: focus it, press Enter.
    await launcher.focus();
    await page.keyboard.press("Enter");
    for (let i = 0; i < 50 && gate.requested === 0; i++) await page.waitForTimeout(100);
    assert.ok(gate.requested >= 1, "pressing the launcher did not ask for the app");
    assert.equal(await page.locator("#prerendered .chat-launcher").getAttribute("aria-busy"), "true");
    assert.equal(await page.evaluate(() => window.__appStarted), undefined, "the app started while its WASM was held");

    gate.release();
    await takenOver(page);
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ timeout: 5000 });
    await page.waitForFunction(() => document.activeElement?.closest("[role=dialog]"), null, { timeout: 5000 });
    assert.equal(await page.locator(".chat-launcher").getAttribute("aria-expanded"), "true");
    assert.match(await dialog.getByRole("link", { name: /Open chat/ }).getAttribute("href"), /^https:\/\/wa\.me\/919876543210\?text=/);
    // Only the chat's part: the comments (not scrolled to) are still the page's.
    assert.ok(code.length === 2 && code.every((p) => p.startsWith("/chat-")), `not the chat's part alone: ${code.join(", ")}`);
    assert.equal(await page.locator("#prerendered").getAttribute("data-interactive"), "chat");
    // Escape closes it; the launcher is back at once, not after its delay again.
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.activeElement?.classList.contains("chat-launcher"), null, { timeout: 5000 });
    assert.ok(await launcher.isVisible());
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test("a chat turned off in the config block after the build shows no launcher on a prerendered page", async () => {
  // As `scripts/configure-dist.mjs dist '{"chat": {"enabled": false}}'`
  // leaves the page (on disk: a page fulfilled by the test itself would lose
  // its local address space, and with it the API).
  const file = join(stack.bundle, ARTICLE, "index.html");
  const built = readFileSync(file, "utf8");
  writeFileSync(file, built.replace(
    /(<script type="application\/json" id="blog-config">)([\s\S]*?)(<\/script>)/,
    (_, open, json, close) => {
      const config = JSON.parse(json);
      return open + JSON.stringify({ ...config, chat: { ...config.chat, enabled: false } }) + close;
    },
  ));
  const page = await stack.newPage(PHONE);
  await page.addInitScript(observeLoad);
  try {
    await page.goto(stack.siteUrl + ARTICLE, { waitUntil: "load" });
    assert.match(await page.locator("#blog-config").textContent(), /"enabled":false/);
    // Past the launcher's delay: nothing to press, nothing loaded.
    await page.waitForTimeout(3500);
    assert.equal(await page.locator(".chat-launcher").count(), 0);
    assert.equal(await page.evaluate(() => window.__appStarted), undefined);
    // The app, once it comes, agrees.
    await turnToComments(page);
    await takenOver(page);
    await page.locator("#comments-title", { hasText: /\d+ comments?/ }).waitFor();
    assert.equal(await page.locator(".chat-launcher").count(), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    writeFileSync(file, built);
    await page.context().close();
  }
});

test("when the app cannot be downloaded, the page stays readable and the reader's next move tries again", async () => {
  const page = await stack.newPage(PHONE);
  await page.addInitScript(observeLoad);
  // The WASM cannot be had until `reachable`.
  let reachable = false;
  let refused = 0;
  await page.route(/_bg\.wasm(\?.*)?$/, (route) => (reachable ? route.fallback() : (refused++, route.abort("connectionreset"))));
  try {
    await page.goto(stack.siteUrl + ARTICLE, { waitUntil: "load" });
    const launcher = page.locator("#prerendered .chat-launcher");
    await launcher.waitFor({ state: "visible", timeout: 10000 });
    await launcher.click();
    // The download fails: the busy mark goes, the article is still there.
    await page.waitForFunction(() => !document.querySelector("#prerendered .chat-launcher[aria-busy]"), null, { timeout: 10000 });
    assert.ok(refused >= 1);
    assert.equal(await page.evaluate(() => window.__appStarted), undefined);
    assert.ok(await page.locator("#prerendered article.post h1", { hasText: ARTICLE_TITLE }).isVisible());
    // The network is back. Pressed again: the app comes, and opens the chat.
    // (Pointing at the launcher already asks for the app: the press may land
    // on either launcher.)
    reachable = true;
    await page.getByRole("button", { name: "Open chat", exact: true }).click();
    await takenOver(page);
    await page.getByRole("dialog").waitFor({ timeout: 5000 });
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test("text typed into the prerendered comment form is kept at the takeover", async () => {
  const { page, gate } = await heldPage();
  try {
    await page.goto(stack.siteUrl + ARTICLE, { waitUntil: "domcontentloaded" });
    await page.locator("#prerendered #comment").waitFor();
    await page.fill("#prerendered #author", "Asha");
    await page.fill("#prerendered #email", "asha@example.org");
    await page.locator("#prerendered #comment").click();
    await page.keyboard.type("Typed before the app started");
    // Enter in a field must not submit the prerendered form as a GET (the
    // email would land in the URL): its submit button is disabled.
    await page.locator("#prerendered #author").press("Enter");
    assert.equal(new URL(page.url()).search, "", "the prerendered form was submitted");
    assert.equal(await page.locator("#prerendered .comment-form button[type=submit]").isDisabled(), true);
    await page.locator("#prerendered #comment").click();

    gate.release();
    await takenOver(page);
    await page.waitForFunction(() => document.activeElement?.id === "comment", null, { timeout: 5000 });
    assert.equal(await page.inputValue("#comment"), "Typed before the app started");
    assert.equal(await page.inputValue("#author"), "Asha");
    assert.equal(await page.inputValue("#email"), "asha@example.org");
    assert.equal(await page.locator(".comment-form button[type=submit]").isDisabled(), false);
    // The app owns the text now: it is kept as a draft, so a reload keeps it.
    await page.keyboard.type("!");
    await page.reload();
    await page.locator("#prerendered #comment").waitFor();
    await turnToComments(page);
    await takenOver(page).catch(() => {});
    await page.waitForFunction(() => document.getElementById("comment")?.value === "Typed before the app started!", null, { timeout: 10000 });
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

/** Approves or unapproves a comment, as a moderator does (the dev API's test control). */
async function moderate(action, id) {
  const res = await fetch(`${stack.apiUrl}/__test/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ id }),
  });
  if (!res.ok) throw new Error(`/__test/${action}: ${res.status} ${await res.text()}`);
}

test("the comments as built are refreshed when the app starts: one approved since appears, one removed goes, nothing shifts", async () => {
  const [{ id: postId }] = await api("wp/v2/posts?slug=therapist-client-connection&_fields=id");
  const built = await api(`wp/v2/comments?post=${postId}&per_page=100&order=asc`);
  const gone = built.find((c) => c.parent === 0 && !built.some((r) => r.parent === c.id));
  assert.ok(gone, "the demo article has no top-level comment without replies");
  const added = await stack.control("comments", { post: postId, content: "Approved after the build.", author_name: "Late Reader" });
  await moderate("unapprove", gone.id);
  const { page, gate } = await heldPage(PHONE);
  try {
    await page.goto(stack.siteUrl + ARTICLE);
    // The page as built: the removed comment is in it, the new one is not.
    assert.equal(await page.locator(`#prerendered #comment-${gone.id}`).count(), 1);
    assert.equal(await page.locator(`#comment-${added}`).count(), 0);
    assert.equal(await page.locator("#comments-title").innerText(), `${built.length} comments`);
    await turnToComments(page);
    gate.release();
    await takenOver(page);
    await page.locator(`#comment-${added}`).waitFor({ timeout: 10000 });
    await page.locator(`#comment-${gone.id}`).waitFor({ state: "detached", timeout: 10000 });
    assert.match(await page.locator(`#comment-${added}`).innerText(), /Approved after the build\./);
    assert.equal(await page.locator("#comments-title").innerText(), `${built.length} comments`);
    // The reader goes on into the conversation: nothing moved on the way.
    await page.locator("#comments-title").scrollIntoViewIfNeeded();
    await nextFrames(page);
    const { cls, shifts } = await page.evaluate(() => ({ cls: window.__cls, shifts: window.__shifts }));
    assert.equal(cls, 0, `layout shifts: ${shifts.join(" | ")}`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    await moderate("approve", gone.id);
    await moderate("unapprove", added);
  }
});

// --- the XSS corpus on the prerendered path -------------------------------------------

/** Pages checked at once, each in its own browser context, many pages each. */
const XSS_WORKERS = 3;

/** Runs in the page: what in <head> or around the wrapper is not the shell's or the page's own. */
function inspectFrame({ shellScripts, bundleStyles, siteIcons, title }) {
  const found = [];
  const HEAD_TAGS = new Set(["meta", "title", "link", "script", "style"]);
  const LINK_RELS = new Set(["canonical", "stylesheet", "modulepreload", "preload", "alternate"]);
  const ICON_RELS = new Set(["icon", "apple-touch-icon"]);
  const JSON_IDS = new Set(["blog-config", "blog-seed", "blog-app"]);
  const describe = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.head.querySelectorAll("*")) {
    const tag = el.localName;
    if (!HEAD_TAGS.has(tag)) found.push(`<${tag}> in head: ${describe(el)}`);
    for (const a of el.attributes) if (a.name.toLowerCase().startsWith("on")) found.push(`handler ${a.name} in head: ${describe(el)}`);
    if (tag === "meta" && el.hasAttribute("http-equiv")) found.push(`meta http-equiv: ${describe(el)}`);
    // The site icon's links are the shell's own, to the same copies.
    const shellIcon = ICON_RELS.has(el.rel) && siteIcons.includes(el.getAttribute("href"));
    if (tag === "link" && !LINK_RELS.has(el.rel) && !shellIcon) found.push(`link rel=${el.rel}: ${describe(el)}`);
    if (tag === "style" && !bundleStyles.includes(el.textContent)) found.push(`<style> not the bundle's: ${describe(el)}`);
    if (tag === "script") {
      const json = el.type === "application/json" && JSON_IDS.has(el.id);
      if (!json && (el.src || !shellScripts.includes(el.textContent))) found.push(`script not from the shell: ${describe(el)}`);
    }
  }
  if (document.head.querySelectorAll("script").length !== shellScripts.length + JSON_IDS.size) found.push("scripts in head added or lost");
  if (document.head.querySelectorAll("style").length !== bundleStyles.length) found.push("stylesheets in head added or lost");
  if (document.title !== title) found.push(`title ${JSON.stringify(document.title)}`);
  const outside = [...document.body.children].filter((el) => el.id !== "prerendered");
  for (const el of outside) found.push(`<${el.localName}> outside the wrapper: ${describe(el)}`);
  return found;
}

/**
 * The classic inline scripts of a bundle's shell: all a prerendered page's
 * <head> may run (Trunk's module loader is the shell's alone: a prerendered
 * page starts the app on demand).
 */
function shellScripts(bundle) {
  const shell = readFileSync(join(bundle, "shell.html"), "utf8");
  return [...shell.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attrs]) => !/application\/json|type="module"/.test(attrs))
    .map(([, , text]) => text);
}

/** The site icon's addresses, as the build put its links into the shell. */
function siteIcons(bundle) {
  const shell = readFileSync(join(bundle, "shell.html"), "utf8");
  return [...shell.matchAll(/<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"/g)].map(([, href]) => href);
}

/** The bundle's stylesheets, which a prerendered page carries inline. */
function bundleStyles(bundle) {
  const shell = readFileSync(join(bundle, "shell.html"), "utf8");
  return [...shell.matchAll(/<link rel="stylesheet" href="\/([^"]+)"/g)].map(([, file]) => readFileSync(join(bundle, file), "utf8"));
}

test("the page detector sees what does not belong in <head> or outside the wrapper (self-check)", async () => {
  const { page } = await heldPage();
  try {
    await page.goto(stack.siteUrl + ARTICLE, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => document.querySelector("#prerendered footer"));
    const expected = { shellScripts: shellScripts(stack.bundle), bundleStyles: bundleStyles(stack.bundle), siteIcons: siteIcons(stack.bundle), title: `${ARTICLE_TITLE} – ${SITE_NAME}` };
    assert.equal(expected.siteIcons.length, 3, "the demo's shell has no site icon");
    assert.deepEqual(await page.evaluate(inspectFrame, expected), []);
    // Plant what a payload escaping the title, the description or the wrapper would leave.
    await page.evaluate(() => {
      const refresh = document.createElement("meta");
      refresh.httpEquiv = "refresh";
      const style = document.createElement("style");
      style.textContent = "body{}";
      document.head.append(refresh, document.createElement("base"), document.createElement("script"), style);
      document.head.querySelector("link").setAttribute("onxss", "x"); // no real handler: no CSP report
      document.body.append(document.createElement("img"));
      document.title = "planted";
    });
    const found = (await page.evaluate(inspectFrame, expected)).join("\n");
    for (const expected of [/meta http-equiv/, /<base> in head/, /script not from the shell/, /handler onxss in head/, /scripts in head added/, /<img> outside the wrapper/, /title "planted"/, /<style> not the bundle's/, /stylesheets in head added/]) {
      assert.match(found, expected);
    }
  } finally {
    await page.context().close();
  }
});

test("no payload of the corpus executes or leaves dangerous markup, prerendered or after the takeover", { timeout: 20 * 60 * 1000 }, async () => {
  const started = Date.now();
  const corpus = expand().map((p) => ({ ...p, slug: `xss-${p.id}`, title: `XSS ${p.id}: ${p.cls}` }));
  // In the API's content, listed like any post, so the build prerenders
  // them all (posts added through /__test/posts are never listed).
  const xss = await startStack({ prerender: true, posts: corpus.map(({ slug, title, html }) => ({ slug, title, content: html })) });
  try {
    // Each post's content is its payload, as the API serves it.
    const served = new Map();
    for (let page = 1; served.size < corpus.length + 5 && page < 10; page++) {
      const batch = await (await fetch(`${xss.apiUrl}/wp-json/wp/v2/posts?per_page=100&page=${page}&_fields=slug,content`)).json();
      if (!Array.isArray(batch) || !batch.length) break;
      for (const post of batch) served.set(post.slug, post.content.rendered);
    }
    assert.deepEqual(corpus.filter((p) => served.get(p.slug) !== p.html).map((p) => p.slug), [], "payloads not served verbatim");
    const missing = corpus.filter((p) => !existsSync(join(xss.bundle, p.slug, "index.html")));
    assert.deepEqual(missing.map((p) => p.slug), [], "payload posts not prerendered");
    const scripts = shellScripts(xss.bundle);
    const styles = bundleStyles(xss.bundle);
    const icons = siteIcons(xss.bundle);
    // The origins the build found media in (issue 16), which its policy allows.
    const mediaOrigins = new Set(JSON.parse(readFileSync(join(xss.bundle, "media-origins.json"), "utf8")).origins);
    let mediaByPolicy = 0;

    const failures = [];
    let executed = 0;
    let dangerous = 0;
    let cspBefore = 0;
    let cspAfter = 0;
    const changed = [];
    let tried = 0;
    const gates = new Map();
    const jobs = corpus.map((p) => async (w) => {
      const { page } = w;
      if (!gates.has(w)) {
        await page.addInitScript(observeLoad);
        gates.set(w, await wasmGate(page));
      }
      const gate = gates.get(w);
      const where = `post #${p.id} [${p.cls}] ${p.label}`;
      resetWorker(w, `${xss.siteUrl}/${p.slug}/`);
      gate.close();
      await page.goto(w.expectedUrl, { waitUntil: "domcontentloaded" });
      // The prerendered page alone: the WASM is held.
      await page.waitForFunction(() => document.querySelector("#prerendered article.post .entry-content"), null, { timeout: 15000 });
      await page.waitForTimeout(300);
      await settleLazyWork(page, "#prerendered .entry-content");
      const onPage = page.url() === w.expectedUrl;
      const prerendered = onPage ? await page.evaluate(inspect, "#prerendered article.post .entry-content") : [];
      const frame = onPage ? await page.evaluate(inspectFrame, { shellScripts: scripts, bundleStyles: styles, siteIcons: icons, title: `${p.title} – ${SITE_NAME}` }) : [];
      const textBefore = onPage ? await page.locator("#prerendered article.post .entry-content").innerText() : null;
      assert.equal(await page.evaluate(() => window.__appStarted), undefined, `${where}: the app started while its WASM was held`);
      const before = outcome(w);

      // The app takes over, from the seed's raw content.
      gate.release();
      if (onPage) await turnToComments(page);
      if (onPage && !(await takenOver(page).then(() => true, () => false))) {
        failures.push(`${where}: the app did not take over`);
      }
      await page.waitForTimeout(300);
      await settleLazyWork(page, "article.post .entry-content");
      const app = page.url() === w.expectedUrl ? await page.evaluate(inspect, "article.post .entry-content") : [];
      const all = outcome(w);
      tried += 1;
      // A media payload's request to an origin this build found in its
      // content is the media policy at work, not an escape; any other
      // request still is.
      if (p.media) {
        const allowed = (e) => e.startsWith("request ") && mediaOrigins.has(new URL(e.slice(8)).origin);
        if (all.executed.some(allowed)) mediaByPolicy += 1;
        all.executed = all.executed.filter((e) => !allowed(e));
      }

      if (onPage) {
        assert.equal(prerendered.length, 1, `${where}: prerendered article`);
        assert.equal(app.length, 1, `${where}: the app's article`);
        if ((await page.locator("article.post .entry-content").innerText()) !== textBefore) changed.push(p.id);
      }
      if (before.csp.length) cspBefore += 1;
      if (all.csp.length > before.csp.length) cspAfter += 1;
      if (all.executed.length) {
        executed += 1;
        const when = before.executed.length ? "before the takeover" : "after the takeover";
        failures.push(`${where}: executed (${when}): ${all.executed.join("; ")}\n    payload: ${JSON.stringify(p.html)}`);
      }
      const found = [
        ...prerendered.flatMap((m) => m.found).map((f) => `prerendered: ${f}`),
        ...frame.map((f) => `page: ${f}`),
        ...app.flatMap((m) => m.found).map((f) => `app: ${f}`),
      ];
      if (found.length) {
        dangerous += 1;
        failures.push(`${where}: left ${found.join("; ")}\n    payload: ${JSON.stringify(p.html)}`);
      }
    });
    await runAll(xss, jobs, XSS_WORKERS);

    // One walk, two trees (blog_core::rules::sanitize_walk): the browser's
    // sanitiser writes each payload's article as the native one
    // prerendered it. The app renders them in turn through the shell, as
    // for posts published after the build.
    const disagree = [];
    const app = await xss.newPage();
    try {
      await app.goto(`${xss.siteUrl}/not-prerendered-${Date.now()}/`);
      await app.waitForFunction(() => !document.getElementById("prerendered") && document.querySelector("main h1"), null, { timeout: 20000 });
      for (const p of corpus) {
        const built = readFileSync(join(xss.bundle, p.slug, "index.html"), "utf8");
        const native = await app.evaluate((html) => new DOMParser().parseFromString(html, "text/html").querySelector("#prerendered article.post .entry-content")?.innerHTML, built);
        await app.evaluate((path) => {
          history.pushState(null, "", path);
          dispatchEvent(new PopStateEvent("popstate"));
        }, `/${p.slug}/`);
        await app.waitForFunction((title) => document.querySelector("main h1")?.textContent.includes(title), `XSS ${p.id}:`, { timeout: 20000 });
        const browser = await app.locator("article.post .entry-content").innerHTML();
        if (browser !== native) disagree.push(`post #${p.id} [${p.cls}] ${p.label}\n    native:  ${native}\n    browser: ${browser}`);
      }
    } finally {
      await app.context().close();
    }

    console.log(
      `xss corpus, prerendered: ${corpus.length} payloads tried, ${executed} executed, ${dangerous} left dangerous markup ` +
        `(${((Date.now() - started) / 1000).toFixed(0)} s); CSP reports (blocked, not executed): ${cspBefore} pages while prerendered, ` +
        `${cspAfter} at the takeover; ${changed.length} articles whose text the takeover changed${changed.length ? ` (#${changed.join(", #")})` : ""}; ` +
        `${mediaByPolicy} media payloads loaded from an origin the build found in the content (allowed by the policy); ` +
        `${corpus.length - disagree.length} of ${corpus.length} articles the same markup from the browser's sanitiser as from the native one`,
    );
    assert.equal(tried, corpus.length);
    assert.deepEqual(failures, []);
    assert.deepEqual(changed, [], "articles whose text the takeover changed");
    assert.deepEqual(disagree, [], "the browser's sanitiser wrote other markup than the native one");
  } finally {
    await xss.stop();
  }
});
