// What the bundle serves besides its pages (src/prerender/feeds.rs,
// comment_feeds.rs, scripts/postbuild.mjs): the RSS feed of the newest
// posts, one per category, tag and author, the comments feeds (the site's
// and each post's), the sitemap and robots.txt, prerendered against this run's dev
// API and served as a static host serves them (the bundle's `_redirects`
// and `_headers`). Each must be well-formed XML with the host's type, say
// what the API says (the newest posts, their dates, authors, categories),
// carry content only through the pages' sanitiser, keep a protected post's
// content out, and every page must point feed readers at the feed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startStack } from "./harness.mjs";

const SITE_NAME = "Therapy Notes";
const PROTECTED_EXCERPT = "There is no excerpt because this is a protected post.";
/** WordPress's `posts_per_rss`. */
const FEED_ITEMS = 10;

let stack;
let parser;
before(async () => {
  stack = await startStack({ prerender: true });
  // A blank page of the test's browser parses the XML (DOMParser).
  parser = await (await stack.browser.newContext()).newPage();
});
after(async () => {
  await stack?.stop();
});

const api = async (route) => {
  const res = await fetch(`${stack.apiUrl}/wp-json/${route}`);
  assert.equal(res.status, 200, route);
  return res.json();
};

async function get(path) {
  const res = await fetch(`${stack.siteUrl}${path}`);
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

/** The RSS 2.0 document `xml` as data, or its parse error. */
async function readFeed(xml) {
  return parser.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const error = doc.querySelector("parsererror");
    if (error) return { error: error.textContent };
    const NS = {
      content: "http://purl.org/rss/1.0/modules/content/",
      dc: "http://purl.org/dc/elements/1.1/",
      atom: "http://www.w3.org/2005/Atom",
    };
    const own = (el, name, ns = null) => [...el.children].filter((c) => c.localName === name && c.namespaceURI === ns);
    const text = (el, name, ns) => own(el, name, ns)[0]?.textContent ?? null;
    const root = doc.documentElement;
    const channel = own(root, "channel")[0];
    const html = (markup) => {
      const body = new DOMParser().parseFromString(markup, "text/html").body;
      const all = [...body.querySelectorAll("*")];
      return {
        scripts: all.filter((e) => e.localName === "script").length,
        handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => /^on/i.test(n)),
        text: body.textContent.trim(),
      };
    };
    return {
      root: root.localName,
      version: root.getAttribute("version"),
      title: text(channel, "title"),
      link: text(channel, "link"),
      description: text(channel, "description"),
      language: text(channel, "language"),
      lastBuildDate: text(channel, "lastBuildDate"),
      self: own(channel, "link", NS.atom).map((l) => ({ rel: l.getAttribute("rel"), href: l.getAttribute("href"), type: l.getAttribute("type") })),
      items: own(channel, "item").map((item) => {
        const guid = own(item, "guid")[0];
        const content = text(item, "encoded", NS.content);
        return {
          title: text(item, "title"),
          link: text(item, "link"),
          creator: text(item, "creator", NS.dc),
          pubDate: text(item, "pubDate"),
          categories: own(item, "category").map((c) => c.textContent),
          guid: guid?.textContent ?? null,
          isPermaLink: guid?.getAttribute("isPermaLink") ?? null,
          description: text(item, "description"),
          content,
          html: content === null ? null : html(content),
        };
      }),
    };
  }, xml);
}

/** A sitemap (`urlset` or `sitemapindex`) as data, or its parse error. */
async function readSitemap(xml) {
  return parser.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const error = doc.querySelector("parsererror");
    if (error) return { error: error.textContent };
    const root = doc.documentElement;
    const ns = root.namespaceURI;
    const field = (el, name) => [...el.children].find((c) => c.localName === name && c.namespaceURI === ns)?.textContent ?? null;
    return {
      root: root.localName,
      ns,
      entries: [...root.children].map((e) => ({ kind: e.localName, loc: field(e, "loc"), lastmod: field(e, "lastmod") })),
    };
  }, xml);
}

/** `2023-03-14T05:30:00` (UTC, no zone) as RSS writes it: `Tue, 14 Mar 2023 05:30:00 +0000`. */
const rfc822 = (gmt) => new Date(`${gmt}Z`).toUTCString().replace(/GMT$/, "+0000");
const postUrl = (post) => `${stack.siteUrl}/${post.slug.toLowerCase()}/`;

/** Every post the API lists to anyone, newest first. */
async function allPosts(query = "") {
  const posts = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${stack.apiUrl}/wp-json/wp/v2/posts?per_page=100&page=${page}${query}`);
    assert.equal(res.status, 200);
    posts.push(...(await res.json()));
    if (page >= Number(res.headers.get("x-wp-totalpages") ?? 1)) return posts;
  }
}

/** What every feed must be, whatever it lists. */
async function checkFeed(path, { title, posts }) {
  const res = await get(path);
  assert.equal(res.status, 200, path);
  assert.match(res.type, /^application\/rss\+xml;\s*charset=utf-8$/i, `${path}: ${res.type}`);
  const feed = await readFeed(res.text);
  assert.equal(feed.error, undefined, `${path} is not well-formed: ${feed.error}`);
  assert.equal(feed.root, "rss");
  assert.equal(feed.version, "2.0");
  assert.equal(feed.title, title);
  assert.equal(feed.link, stack.siteUrl);
  assert.equal(feed.language, "en");
  assert.deepEqual(feed.self, [{ rel: "self", href: `${stack.siteUrl}${path}`, type: "application/rss+xml" }]);

  const want = posts.slice(0, FEED_ITEMS);
  assert.deepEqual(feed.items.map((i) => i.link), want.map(postUrl), `${path}: the ${FEED_ITEMS} newest posts, newest first`);
  const newestChange = want.map((p) => p.modified_gmt).sort().at(-1);
  if (newestChange) assert.equal(feed.lastBuildDate, rfc822(newestChange));
  want.forEach((post, n) => {
    const item = feed.items[n];
    const where = `${path} ${post.slug}`;
    assert.equal(item.pubDate, rfc822(post.date_gmt), where);
    assert.equal(item.guid, post.guid.rendered, where);
    assert.equal(item.isPermaLink, "false", where);
    assert.ok(item.creator, `${where}: dc:creator`);
    assert.ok(item.categories.length > 0, `${where}: categories`);
    assert.equal(item.html.scripts, 0, `${where}: a <script> in content:encoded`);
    assert.deepEqual(item.html.handlers, [], `${where}: event handlers in content:encoded`);
    if (post.content.protected) {
      assert.equal(item.description, PROTECTED_EXCERPT, where);
      assert.equal(item.content, "", `${where}: a protected post's content in the feed`);
      assert.match(item.title, /^Protected: /, where);
    } else {
      assert.ok(item.title && !/[<>]|&#?\w+;/.test(item.title), `${where}: title as plain text: ${item.title}`);
      assert.ok(item.html.text.length > 0, `${where}: no content`);
      assert.ok(item.description && !/</.test(item.description), `${where}: description as plain text`);
    }
  });
  return feed;
}

test("/feed/ is the RSS of the 10 newest posts, their content through the pages' sanitiser", async () => {
  const posts = await allPosts();
  assert.ok(posts.length > FEED_ITEMS, "the demo has more posts than a feed holds");
  const feed = await checkFeed("/feed/", { title: SITE_NAME, posts });
  assert.equal(feed.description, (await api("")).description);
  // The demo's newest post carries a script and an onerror image: the feed
  // has its words, not its attack.
  const safety = feed.items.find((i) => i.link === `${stack.siteUrl}/a-note-on-safety/`);
  assert.ok(safety, "the demo's XSS post is among the newest");
  assert.match(posts.find((p) => p.slug === "a-note-on-safety").content.rendered, /<script>/);
  assert.match(safety.html.text, /Safety is the ground everything else in therapy stands on/);
  assert.doesNotMatch(safety.content, /__xss|onerror/);
});

test("each category has its feed at its address, of its posts and its child categories'; a protected post has no content there", async () => {
  const categories = await api("wp/v2/categories?per_page=100&hide_empty=true");
  assert.ok(categories.length >= 2);
  assert.ok(categories.some((c) => c.parent !== 0), "the demo has no child category");
  let protectedSeen = 0;
  for (const category of categories) {
    // As WordPress's category feed: the children's posts too.
    const posts = await allPosts(`&categories[terms]=${category.id}&categories[include_children]=1`);
    // At the category's address (a child's names its ancestors), served
    // through the bundle's _redirects as a static host serves it.
    const feed = await checkFeed(`${new URL(category.link).pathname}feed/`, { title: `${category.name} – ${SITE_NAME}`, posts });
    protectedSeen += posts.slice(0, FEED_ITEMS).filter((p) => p.content.protected).length;
    assert.ok(feed.items.length > 0);
  }
  assert.ok(protectedSeen > 0, "the demo's protected post is in a category feed");
});

test("each tag and author with posts has its feed at its address, of the posts its page lists", async () => {
  const tags = await api("wp/v2/tags?per_page=100&hide_empty=true");
  const authors = await api("wp/v2/users?per_page=100");
  let checked = 0;
  for (const [base, items, filter] of [["tag", tags, "tags"], ["author", authors, "author"]]) {
    for (const each of items) {
      const posts = await allPosts(`&${filter}=${each.id}`);
      if (!posts.length) continue;
      await checkFeed(`/${base}/${each.slug}/feed/`, { title: `${each.name} – ${SITE_NAME}`, posts });
      checked++;
    }
  }
  assert.ok(checked >= tags.length + 2, `only ${checked} tag and author feeds checked`);
});

/** Every approved comment the API lists to anyone. */
async function allComments() {
  const comments = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${stack.apiUrl}/wp-json/wp/v2/comments?per_page=100&page=${page}`);
    assert.equal(res.status, 200);
    comments.push(...(await res.json()));
    if (page >= Number(res.headers.get("x-wp-totalpages") ?? 1)) return comments;
  }
}

/** HTML (a title, a name) as the text a reader sees. */
const textOf = (html) => parser.evaluate((html) => new DOMParser().parseFromString(html, "text/html").body.textContent.trim(), html);

/** Newest first, as WordPress's comments feeds list them (equal dates: the later comment first). */
const newestComments = (comments) =>
  [...comments].sort((a, b) => (a.date_gmt === b.date_gmt ? b.id - a.id : a.date_gmt < b.date_gmt ? 1 : -1)).slice(0, FEED_ITEMS);

/** What a comments feed must be: `comments` newest first, each titled by `titleOf`. */
async function checkCommentsFeed(path, { title, link, comments, titleOf, urlOf }) {
  const res = await get(path);
  assert.equal(res.status, 200, path);
  assert.match(res.type, /^application\/rss\+xml;\s*charset=utf-8$/i, `${path}: ${res.type}`);
  const feed = await readFeed(res.text);
  assert.equal(feed.error, undefined, `${path} is not well-formed: ${feed.error}`);
  assert.equal(feed.title, title, path);
  assert.equal(feed.link, link, path);
  // WordPress's comments feeds carry no <language>.
  assert.equal(feed.language, null, path);
  assert.deepEqual(feed.self, [{ rel: "self", href: `${stack.siteUrl}${path}`, type: "application/rss+xml" }]);
  const want = newestComments(comments);
  assert.deepEqual(
    feed.items.map((i) => i.link),
    want.map((c) => `${urlOf(c)}#comment-${c.id}`),
    `${path}: the ${FEED_ITEMS} newest comments, newest first`,
  );
  for (const [n, comment] of want.entries()) {
    const item = feed.items[n];
    const where = `${path} comment ${comment.id}`;
    const author = (await textOf(comment.author_name)) || "Anonymous";
    assert.equal(item.title, await titleOf(comment, author), where);
    assert.equal(item.creator, author, where);
    assert.equal(item.pubDate, rfc822(comment.date_gmt), where);
    assert.equal(item.isPermaLink, "false", where);
    assert.match(item.guid, new RegExp(`#comment-${comment.id}$`), where);
    assert.deepEqual(item.categories, [], where);
    assert.equal(item.html.scripts, 0, `${where}: a <script> in content:encoded`);
    assert.deepEqual(item.html.handlers, [], `${where}: event handlers in content:encoded`);
    assert.ok(item.html.text.length > 0, `${where}: no content`);
  }
  return feed;
}

test("/comments/feed/ is the RSS of the site's 10 newest comments, and each post has its comments' feed at its address", async () => {
  const comments = await allComments();
  const posts = await allPosts();
  const pages = await api("wp/v2/pages?per_page=100");
  const on = new Map([...posts, ...pages].map((p) => [p.id, p]));
  assert.ok(comments.length > FEED_ITEMS, "the demo has more comments than a feed holds");
  const urlOf = (c) => `${stack.siteUrl}${new URL(on.get(c.post).link).pathname}`;
  const site = await checkCommentsFeed("/comments/feed/", {
    title: `Comments for ${SITE_NAME}`,
    link: stack.siteUrl,
    comments,
    urlOf,
    titleOf: async (c, author) => `Comment on ${await textOf(on.get(c.post).title.rendered)} by ${author}`,
  });
  // Every comments feed is as new as the site's newest comment.
  const newest = newestComments(comments)[0];
  assert.equal(site.lastBuildDate, rfc822(newest.date_gmt));

  const commented = [...new Set(comments.map((c) => c.post))].map((id) => on.get(id));
  assert.ok(commented.length >= 2);
  for (const post of commented) {
    const path = new URL(post.link).pathname;
    const feed = await checkCommentsFeed(`${path}feed/`, {
      title: `Comments on: ${await textOf(post.title.rendered)}`,
      link: post.type === "page" ? stack.siteUrl : `${stack.siteUrl}${path}`,
      comments: comments.filter((c) => c.post === post.id),
      urlOf,
      titleOf: (_, author) => `By: ${author}`,
    });
    assert.equal(feed.lastBuildDate, rfc822(newest.date_gmt), path);
  }
  // A post without comments has its (empty) feed too, as on WordPress.
  const quiet = posts.find((p) => !p.content.protected && !comments.some((c) => c.post === p.id));
  const empty = await readFeed((await get(`/${quiet.slug}/feed/`)).text);
  assert.deepEqual(empty.items, [], quiet.slug);
});

test("/sitemap.xml lists every prerendered page with its lastmod, and no protected post", async () => {
  const res = await get("/sitemap.xml");
  assert.equal(res.status, 200);
  assert.match(res.type, /^application\/xml/);
  const map = await readSitemap(res.text);
  assert.equal(map.error, undefined, `not well-formed: ${map.error}`);
  assert.equal(map.root, "urlset", "the demo fits one file");
  assert.equal(map.ns, "http://www.sitemaps.org/schemas/sitemap/0.9");
  const locs = map.entries.map((e) => e.loc);
  assert.equal(new Set(locs).size, locs.length, "each URL once");
  for (const { kind, loc, lastmod } of map.entries) {
    assert.equal(kind, "url");
    assert.ok(loc.startsWith(`${stack.siteUrl}/`), loc);
    const path = decodeURIComponent(new URL(loc).pathname);
    assert.ok(existsSync(join(stack.bundle, path, "index.html")), `${loc} is a prerendered page`);
    if (lastmod !== null) assert.match(lastmod, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/, loc);
  }
  assert.ok(locs.includes(`${stack.siteUrl}/`));
  const posts = await allPosts();
  for (const post of posts) {
    const entry = map.entries.find((e) => e.loc === postUrl(post));
    if (post.content.protected) {
      assert.equal(entry, undefined, `protected ${post.slug} in the sitemap`);
    } else {
      assert.ok(entry, `${post.slug} missing`);
      assert.equal(entry.lastmod, `${post.modified_gmt}+00:00`, post.slug);
    }
  }
  assert.ok(posts.some((p) => p.content.protected), "the demo has a protected post");
  // A list page is as new as its newest post (at least the newest of the
  // newest posts it lists).
  const home = map.entries.find((e) => e.loc === `${stack.siteUrl}/`);
  const newest = posts.slice(0, FEED_ITEMS).map((p) => `${p.modified_gmt}+00:00`).sort().at(-1);
  assert.ok(home.lastmod >= newest, `home lastmod ${home.lastmod} before ${newest}`);
  assert.ok(!locs.some((l) => /\/feed\/$/.test(l)), "feeds are no pages");
});

test("robots.txt names the sitemap", async () => {
  const res = await get("/robots.txt");
  assert.equal(res.status, 200);
  assert.match(res.type, /^text\/plain/);
  assert.match(res.text, /^User-agent: \*$/m);
  const lines = res.text.split("\n").filter((l) => /^sitemap:/i.test(l));
  assert.deepEqual(lines, [`Sitemap: ${stack.siteUrl}/sitemap.xml`]);
});

test("every page's head points feed readers at the feeds, as WordPress's: the site's posts and comments, and what the page shows", async () => {
  const context = await stack.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const siteWide = [
    { title: `${SITE_NAME} » Feed`, href: `${stack.siteUrl}/feed/` },
    { title: `${SITE_NAME} » Comments Feed`, href: `${stack.siteUrl}/comments/feed/` },
  ];
  const article = await api("wp/v2/posts?slug=therapist-client-connection");
  const closed = (await allPosts()).find((p) => p.comment_status === "closed");
  assert.ok(closed, "the demo has a post with comments closed");
  const closedHasComments = (await allComments()).some((c) => c.post === closed.id);
  const cases = {
    // The home page and an address that was not prerendered (the shell
    // answers it): the site's two.
    "/": [],
    "/published-after-the-build/": [],
    "/2023/": [],
    "/therapist-client-connection/": [
      { title: `${SITE_NAME} » ${await textOf(article[0].title.rendered)} Comments Feed`, href: `${stack.siteUrl}/therapist-client-connection/feed/` },
    ],
    // Comments closed: named while it has comments or takes pings (the
    // dev API's posts do, as WordPress's by default).
    [`/${closed.slug}/`]: closed.ping_status === "open" || closedHasComments
      ? [{ title: `${SITE_NAME} » ${await textOf(closed.title.rendered)} Comments Feed`, href: `${stack.siteUrl}/${closed.slug}/feed/` }]
      : [],
    // A page with comments closed, none had.
    "/about/": [],
    "/category/therapy/": [{ title: `${SITE_NAME} » Therapy Category Feed`, href: `${stack.siteUrl}/category/therapy/feed/` }],
    "/category/practice-notes/reading-lists/": [
      { title: `${SITE_NAME} » Reading lists Category Feed`, href: `${stack.siteUrl}/category/practice-notes/reading-lists/feed/` },
    ],
  };
  const tag = (await api("wp/v2/tags?per_page=1&hide_empty=true"))[0];
  cases[`/tag/${tag.slug}/`] = [{ title: `${SITE_NAME} » ${await textOf(tag.name)} Tag Feed`, href: `${stack.siteUrl}/tag/${tag.slug}/feed/` }];
  const author = await api(`wp/v2/users/${article[0].author}`);
  cases[`/author/${author.slug}/`] = [{ title: `${SITE_NAME} » Posts by ${await textOf(author.name)} Feed`, href: `${stack.siteUrl}/author/${author.slug}/feed/` }];
  try {
    for (const [path, own] of Object.entries(cases)) {
      await page.goto(`${stack.siteUrl}${path}`);
      const links = await page.$$eval('link[rel="alternate"][type="application/rss+xml"]', (ls) => ls.map((l) => ({ title: l.title, href: l.href })));
      assert.deepEqual(links, [...siteWide, ...own], path);
      // Each names a feed the bundle serves.
      for (const { href } of links) assert.equal((await get(new URL(href).pathname)).status, 200, `${path}: ${href}`);
    }
  } finally {
    await context.close();
  }
});
