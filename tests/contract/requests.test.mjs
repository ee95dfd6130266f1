// The contract: one request set, sent to a fresh dev API and to the real
// WordPress (scripts/wordpress/), must get the same HTTP status and the same
// error `code` for every request. Ids differ between the two, so every id in
// a request is looked up by slug (or author) on each side first.
//
// Comment flood: WordPress refuses a second comment from one IP within 15 s,
// and every request here comes from 127.0.0.1. The test site's mu-plugin
// turns the check off unless a request carries `X-Contract-Flood: on`, and
// the dev API runs with --flood-seconds 0; the flood case itself is sent to a
// second dev API with --flood-seconds 15 and to WordPress with that header.
//
// Beyond status and code, two more things must agree (the last two tests):
// item counts, X-WP-Total, X-WP-TotalPages and a new comment's status; and
// the fields the app reads (`summary` below): each item's slug, link path,
// title, keys, sticky and protected flags, embedded author and terms, page
// links, and for the content of issue 13 (pages, the protected and the
// paginated post) the rendered content, origin made neutral.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { WP_URL, freshDevapi, requireWordPress } from "./stack.mjs";

const RUN = Date.now().toString(36); // new comment texts on every run
const REPORT = process.env.CONTRACT_REPORT ?? "/tmp/blog-contract-requests.md";

let dev;
let devFlood;
const sides = {};

/** The ids a request needs, looked up on one side by slug and author. */
async function idsOf(base) {
  const get = async (path) => {
    const res = await fetch(base + path);
    assert.equal(res.status, 200, `${base}${path}`);
    return res.json();
  };
  const post = async (slug) => {
    const [p] = await get(`/wp-json/wp/v2/posts?slug=${slug}&_fields=id`);
    assert.ok(p, `no post ${slug} at ${base}`);
    return p.id;
  };
  const main = await post("therapist-client-connection");
  const comments = await get(`/wp-json/wp/v2/comments?post=${main}&per_page=100`);
  const priya = comments.find((c) => c.author_name === "Priya Sharma" && c.parent === 0);
  const reply = comments.find((c) => c.author_name === "Nidhi" && c.parent === priya?.id);
  assert.ok(priya && reply, `the seeded thread is missing at ${base}`);
  const [author] = await get("/wp-json/wp/v2/users?slug=nidhi");
  const [therapy] = await get("/wp-json/wp/v2/categories?slug=therapy");
  const one = async (route) => {
    const [x] = await get(`/wp-json/wp/v2/${route}&_fields=id`);
    assert.ok(x, `nothing at ${base}/wp-json/wp/v2/${route}`);
    return x.id;
  };
  const page = (slug) => one(`pages?slug=${slug}`);
  return {
    main,
    bulk: await post("what-to-expect-first-therapy-session"),
    closed: await post("reflective-journal-after-sessions"),
    other: await post("boundaries-without-walls"),
    priya: priya.id,
    reply: reply.id,
    author: author.id,
    therapy: therapy.id,
    // Issue 13's content.
    arjun: await one("users?slug=arjun"),
    practice: await one("categories?slug=practice-notes"),
    reading: await one("tags?slug=reading"),
    protected: await post("notes-for-clients"),
    paged: await post("a-reading-in-three-parts"),
    sticky: await post("block-editor-lists-and-quotes"),
    about: await page("about"),
    founders: await page("founders"),
    contact: await page("contact"),
    icon: (await get("/wp-json/?_fields=site_icon")).site_icon,
  };
}

const json = (body) => ({ headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const comment = (ids, extra = {}) => ({
  post: ids.main,
  author_name: `Contract ${RUN}`,
  author_email: `contract.${RUN}@example.com`,
  content: `A comment from the contract test, run ${RUN}.`,
  ...extra,
});

const EMBED = "_embed=author,wp:term";
const GREEK = "%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac"; // Σχετικά, as WordPress slugs it
const PASSWORD = "open sesame";
const PASSWORD_Q = encodeURIComponent(PASSWORD);
/** The app's unlock: a GET sent as a POST, the password in a JSON body. */
const unlock = (id, body, headers = {}, base = "posts") => ({
  path: `/wp-json/wp/v2/${base}/${id}?_method=GET&_embed=author,wp:term,wp:featuredmedia`,
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});
/** What visitors type into a search box, tricky ones included. */
const SEARCHES = [
  "", "   ", "reading", "slow reading", '"slow reading"', '"slow reading', "slow -reading", "-reading", "-", '"', "'",
  "the", "a", "the clinic", "reading,writing", "reading+writing", "one two three four five six seven eight nine ten",
  "cafe", "café", "CAFÉ", "ＣＡＦＥ", "🌿", "🌱", "שלום", "سلام", "नमस्ते", "ψυχοθεραπεία", "<script>alert(1)</script>",
  "<em>slow</em>", "a < b", "100%", "x%20y", "_", "&amp;", "wp", "sessions", "open sesame", "zzqx",
  "x".repeat(1600), "x".repeat(2000), "reading ".repeat(250),
];

// name, then (ids) => request: { path, method?, headers?, body? } or an array
// of them (sent in order; the last answer is compared, the others must be 2xx).
const REQUESTS = [
  ["GET index", () => ({ path: "/wp-json/" })],
  ["GET posts", () => ({ path: "/wp-json/wp/v2/posts" })],
  ["GET posts per_page=2 page=2", () => ({ path: "/wp-json/wp/v2/posts?per_page=2&page=2" })],
  ["GET posts page past the end", () => ({ path: "/wp-json/wp/v2/posts?per_page=2&page=99" })],
  ["GET posts per_page=101", () => ({ path: "/wp-json/wp/v2/posts?per_page=101" })],
  ["GET posts unknown slug", () => ({ path: "/wp-json/wp/v2/posts?slug=no-such-post" })],
  ["GET posts by slug _embed", () => ({ path: "/wp-json/wp/v2/posts?slug=therapist-client-connection&_embed" })],
  ["GET posts by category", (i) => ({ path: `/wp-json/wp/v2/posts?categories=${i.therapy}` })],
  ["GET post by id", (i) => ({ path: `/wp-json/wp/v2/posts/${i.main}` })],
  ["GET post by unknown id", () => ({ path: "/wp-json/wp/v2/posts/999999" })],
  ["GET categories by slug", () => ({ path: "/wp-json/wp/v2/categories?slug=therapy" })],
  ["GET categories unknown slug", () => ({ path: "/wp-json/wp/v2/categories?slug=no-such-category" })],
  // Nested categories: a child's link names its ancestors; a parent whose
  // posts are all in its children is still listed; an archive's posts
  // include its children's.
  ["GET categories by slug: a grandchild's nested link", () => ({ path: "/wp-json/wp/v2/categories?slug=book-notes" })],
  ["GET categories: the crawl's, hide_empty", () => ({ path: "/wp-json/wp/v2/categories?hide_empty=true&page=1&per_page=100" })],
  ["GET posts of a category with its children", (i) => ({ path: `/wp-json/wp/v2/posts?categories[terms]=${i.practice}&categories[include_children]=1&${EMBED}` })],
  ["GET posts of a category with its children, as a list", (i) => ({ path: `/wp-json/wp/v2/posts?categories[terms][]=${i.practice}&categories[include_children]=true&_fields=slug` })],
  ["GET posts of a category without its children", (i) => ({ path: `/wp-json/wp/v2/posts?categories[terms]=${i.practice}&_fields=slug` })],
  ["GET comments of post", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.main}` })],
  ["GET comments parent=0", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.main}&parent=0` })],
  ["GET comments parent_exclude=0", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.main}&parent_exclude=0` })],
  ["GET comments parent=id,id", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.main}&parent=${i.priya},${i.reply}` })],
  ["GET comments per_page=100 page=2", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.bulk}&per_page=100&page=2` })],
  ["GET comments page past the end", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.bulk}&per_page=100&page=3` })],
  ["GET comments per_page=101", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.bulk}&per_page=101` })],
  ["GET users", () => ({ path: "/wp-json/wp/v2/users" })],
  ["GET user (author)", (i) => ({ path: `/wp-json/wp/v2/users/${i.author}` })],
  ["GET user 1 (admin, no posts)", () => ({ path: "/wp-json/wp/v2/users/1" })],
  ["GET unknown route", () => ({ path: "/wp-json/wp/v2/no-such-route" })],
  ["OPTIONS comments (preflight)", () => ({
    path: "/wp-json/wp/v2/comments", method: "OPTIONS",
    headers: { Origin: "http://127.0.0.1:9", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  })],
  ["POST comment valid (held)", (i) => ({ method: "POST", ...json(comment(i)) })],
  ["POST comment duplicate", (i) => ({ method: "POST", ...json(comment(i)) })],
  ["POST comment reply to a comment", (i) => ({ method: "POST", ...json(comment(i, { parent: i.priya, content: `A reply, run ${RUN}.` })) })],
  ["POST comment missing name", (i) => ({ method: "POST", ...json(comment(i, { author_name: undefined, content: `No name ${RUN}` })) })],
  ["POST comment missing email", (i) => ({ method: "POST", ...json(comment(i, { author_email: undefined, content: `No email ${RUN}` })) })],
  ["POST comment empty content", (i) => ({ method: "POST", ...json(comment(i, { content: "" })) })],
  ["POST comment invalid email", (i) => ({ method: "POST", ...json(comment(i, { author_email: "not-an-email", content: `Bad email ${RUN}` })) })],
  ["POST comment name too long (246 chars)", (i) => ({ method: "POST", ...json(comment(i, { author_name: "N".repeat(246), content: `Long name ${RUN}` })) })],
  ["POST comment nonexistent post", (i) => ({ method: "POST", ...json(comment(i, { post: 999999, content: `No post ${RUN}` })) })],
  ["POST comment closed post", (i) => ({ method: "POST", ...json(comment(i, { post: i.closed, content: `Closed ${RUN}` })) })],
  ["POST comment malformed JSON", () => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: '{"post": 1, "content": "cut' })],
  ["POST comment previously approved author", (i) => ({
    method: "POST",
    ...json({ post: i.other, author_name: "Reader 001", author_email: "reader001@example.com", content: `Back again, run ${RUN}.` }),
  })],
  ["POST comment form-encoded", (i) => ({
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ post: String(i.main), author_name: `Form ${RUN}`, author_email: `form.${RUN}@example.com`, content: `Sent as a form, run ${RUN}.` }).toString(),
  })],
  ["POST comment twice within 15 s (flood)", (i) => [
    { method: "POST", ...json(comment(i, { author_name: `Flood ${RUN}`, author_email: `flood.${RUN}@example.com`, content: `First, run ${RUN}.` })) },
    {
      method: "POST",
      ...json(comment(i, { author_name: `Flood ${RUN}`, author_email: `flood.${RUN}@example.com`, content: `Second, run ${RUN}.` })),
      headers: { "Content-Type": "application/json", "X-Contract-Flood": "on" },
    },
  ]],

  // ---- Issue 13: every address a WordPress blog has, as the app asks for it.
  // Pages by slug (the app keeps the one whose link path is the address).
  ["GET pages by slug _embed=author,wp:featuredmedia", () => ({ path: "/wp-json/wp/v2/pages?slug=about&_embed=author,wp:featuredmedia", content: true })],
  ["GET pages by slug: a grandchild's nested link", () => ({ path: "/wp-json/wp/v2/pages?slug=founders&_embed=author,wp:featuredmedia", content: true })],
  ["GET pages by slug: percent-encoded UTF-8", () => ({ path: `/wp-json/wp/v2/pages?slug=${GREEK}&_embed=author,wp:featuredmedia`, content: true })],
  ["GET pages by slug: UTF-8 in capitals", () => ({ path: `/wp-json/wp/v2/pages?slug=${encodeURIComponent("ΣΧΕΤΙΚΆ")}` })],
  ["GET pages by slug: unknown", () => ({ path: "/wp-json/wp/v2/pages?slug=no-such-page&_embed=author,wp:featuredmedia" })],
  ["GET pages by slug: a post's slug", () => ({ path: "/wp-json/wp/v2/pages?slug=notes-for-clients" })],
  ["GET pages: the menu (parent=0, menu_order, _fields)", () => ({ path: "/wp-json/wp/v2/pages?parent=0&orderby=menu_order&order=asc&per_page=100&_fields=id,title,link,menu_order" })],
  ["GET pages: the crawl, page 1", () => ({ path: "/wp-json/wp/v2/pages?page=1&per_page=100&_embed=author,wp:featuredmedia" })],
  ["GET pages: the crawl, page past the end", () => ({ path: "/wp-json/wp/v2/pages?page=2&per_page=100&_embed=author,wp:featuredmedia" })],
  ["GET pages per_page=2 page=2", () => ({ path: "/wp-json/wp/v2/pages?per_page=2&page=2&_fields=slug,link" })],
  ["GET pages orderby=menu_order desc", () => ({ path: "/wp-json/wp/v2/pages?orderby=menu_order&order=desc&_fields=slug,menu_order" })],
  ["GET page by id (with _embed: author, up)", (i) => ({ path: `/wp-json/wp/v2/pages/${i.founders}?_embed`, content: true })],
  ["GET page by unknown id", () => ({ path: "/wp-json/wp/v2/pages/999999" })],
  ["GET a post's id as a page", (i) => ({ path: `/wp-json/wp/v2/pages/${i.main}` })],
  ["GET a page's id as a post", (i) => ({ path: `/wp-json/wp/v2/posts/${i.about}` })],
  ["GET posts orderby=menu_order (pages only)", () => ({ path: "/wp-json/wp/v2/posts?orderby=menu_order" })],
  // Tags and users.
  ["GET tags by slug", () => ({ path: "/wp-json/wp/v2/tags?slug=reading" })],
  ["GET tags by slug: non-Latin", () => ({ path: `/wp-json/wp/v2/tags?slug=${encodeURIComponent("ध्यान")}` })],
  ["GET tags by slug: unknown", () => ({ path: "/wp-json/wp/v2/tags?slug=no-such-tag" })],
  ["GET tags hide_empty page 1", () => ({ path: "/wp-json/wp/v2/tags?hide_empty=true&page=1&per_page=100" })],
  ["GET tags hide_empty page past the end", () => ({ path: "/wp-json/wp/v2/tags?hide_empty=true&page=2&per_page=100" })],
  ["GET tags hide_empty=maybe", () => ({ path: "/wp-json/wp/v2/tags?hide_empty=maybe" })],
  ["GET users by slug", () => ({ path: "/wp-json/wp/v2/users?slug=arjun" })],
  ["GET users by slug: admin (nothing published)", () => ({ path: "/wp-json/wp/v2/users?slug=admin" })],
  ["GET users page 1", () => ({ path: "/wp-json/wp/v2/users?page=1&per_page=100" })],
  ["GET users page past the end", () => ({ path: "/wp-json/wp/v2/users?page=2&per_page=100" })],
  ["GET user (second author)", (i) => ({ path: `/wp-json/wp/v2/users/${i.arjun}` })],
  // Post listings as the app asks for them.
  ["GET posts list page 1", () => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}` })],
  ["GET posts list page 3", () => ({ path: `/wp-json/wp/v2/posts?page=3&per_page=10&${EMBED}` })],
  ["GET posts list page past the end", () => ({ path: `/wp-json/wp/v2/posts?page=4&per_page=10&${EMBED}` })],
  ["GET posts by category", (i) => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=2&${EMBED}&categories=${i.practice}` })],
  ["GET posts by tag", (i) => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&tags=${i.reading}` })],
  ["GET posts by author", (i) => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&author=${i.arjun}` })],
  ["GET posts by author page past the end", (i) => ({ path: `/wp-json/wp/v2/posts?page=2&per_page=10&${EMBED}&author=${i.arjun}` })],
  ["GET posts by unknown author", () => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&author=999999` })],
  ["GET posts of a month (after/before)", () => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&after=2021-05-31T23:59:59&before=2021-07-01T00:00:00` })],
  ["GET posts of a day", () => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&after=2021-06-14T23:59:59&before=2021-06-16T00:00:00` })],
  ["GET posts of a year", () => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&after=2020-12-31T23:59:59&before=2022-01-01T00:00:00` })],
  ["GET posts of a month without posts", () => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&after=2021-01-31T23:59:59&before=2021-03-01T00:00:00` })],
  ["GET posts after/before are exclusive", () => ({ path: "/wp-json/wp/v2/posts?after=2021-06-15T08:30:00&before=2021-06-15T17:45:00" })],
  ["GET posts after/before one second wider", () => ({ path: "/wp-json/wp/v2/posts?after=2021-06-15T08:29:59&before=2021-06-15T17:45:01" })],
  ["GET posts after with a time zone", () => ({ path: `/wp-json/wp/v2/posts?after=${encodeURIComponent("2021-06-15T10:29:59+02:00")}&before=2021-06-15T08:30:01Z` })],
  ["GET posts after an invalid date", () => ({ path: "/wp-json/wp/v2/posts?after=2021-13-01T00:00:00" })],
  ["GET posts after a date without time", () => ({ path: "/wp-json/wp/v2/posts?after=2021-06-01" })],
  ["GET posts sticky=true", () => ({ path: `/wp-json/wp/v2/posts?sticky=true&per_page=100&${EMBED}` })],
  ["GET posts sticky=false", () => ({ path: "/wp-json/wp/v2/posts?sticky=false&per_page=3&_fields=slug,sticky" })],
  ["GET posts sticky=maybe", () => ({ path: "/wp-json/wp/v2/posts?sticky=maybe" })],
  ["GET posts orderby=relevance without search", () => ({ path: "/wp-json/wp/v2/posts?orderby=relevance" })],
  // Search: WordPress 6.1's parsing and matching, and what a visitor may type.
  ...SEARCHES.map((q) => [`GET posts search ${JSON.stringify(q.length > 40 ? `${q.slice(0, 12)}… (${q.length} chars)` : q)}`,
    () => ({ path: `/wp-json/wp/v2/posts?page=1&per_page=10&${EMBED}&search=${encodeURIComponent(q)}` })]),
  ["GET posts search page 2", () => ({ path: `/wp-json/wp/v2/posts?page=2&per_page=2&${EMBED}&search=reading` })],
  ["GET posts search page past the end", () => ({ path: `/wp-json/wp/v2/posts?page=9&per_page=2&${EMBED}&search=reading` })],
  ["GET posts search matching nothing, page 2", () => ({ path: `/wp-json/wp/v2/posts?page=2&per_page=10&${EMBED}&search=zzqx` })],
  ["GET posts search not UTF-8", () => ({ path: "/wp-json/wp/v2/posts?per_page=3&search=%FF&_fields=slug" })],
  ["GET posts search as a list", () => ({ path: "/wp-json/wp/v2/posts?search[]=slow" })],
  ["GET posts search orderby=relevance", () => ({ path: "/wp-json/wp/v2/posts?search=slow%20reading&orderby=relevance&_fields=slug" })],
  ["GET pages search", () => ({ path: `/wp-json/wp/v2/pages?search=${encodeURIComponent("σχετικα")}&_fields=slug,link` })],
  // Password-protected content.
  ["GET posts by slug: protected, content hidden", () => ({ path: `/wp-json/wp/v2/posts?slug=notes-for-clients&${EMBED}`, content: true })],
  ["GET posts by slug: protected, with its password", () => ({ path: `/wp-json/wp/v2/posts?slug=notes-for-clients&password=${PASSWORD_Q}`, content: true })],
  ["GET posts by slug: protected, _embed (replies refused)", () => ({ path: "/wp-json/wp/v2/posts?slug=notes-for-clients&_embed" })],
  ["GET protected post by id", (i) => ({ path: `/wp-json/wp/v2/posts/${i.protected}`, content: true })],
  ["GET protected post ?password= right", (i) => ({ path: `/wp-json/wp/v2/posts/${i.protected}?password=${PASSWORD_Q}`, content: true })],
  ["GET protected post ?password= wrong", (i) => ({ path: `/wp-json/wp/v2/posts/${i.protected}?password=nope` })],
  ["GET unprotected post ?password=", (i) => ({ path: `/wp-json/wp/v2/posts/${i.main}?password=anything` })],
  ["POST protected ?_method=GET, JSON password right", (i) => ({ ...unlock(i.protected, { password: PASSWORD }), content: true })],
  ["POST protected ?_method=GET, JSON password wrong", (i) => unlock(i.protected, { password: "open sesame!" })],
  ["POST protected ?_method=GET, JSON password right, Origin", (i) => ({ ...unlock(i.protected, { password: PASSWORD }, { Origin: "http://127.0.0.1:9" }), content: true })],
  ["POST protected ?_method=GET, malformed JSON", (i) => ({ ...unlock(i.protected, {}), body: '{"password":' })],
  ["POST protected ?_method=GET, form body (not read)", (i) => ({
    path: `/wp-json/wp/v2/posts/${i.protected}?_method=GET`, method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `password=${PASSWORD_Q}`, content: true,
  })],
  ["POST protected without _method (an update)", (i) => ({ path: `/wp-json/wp/v2/posts/${i.protected}`, method: "POST", ...json({ password: PASSWORD }) })],
  ["POST unknown post ?_method=GET", () => unlock(999999, { password: PASSWORD })],
  ["OPTIONS post by id (preflight of the unlock)", (i) => ({
    path: `/wp-json/wp/v2/posts/${i.protected}`, method: "OPTIONS",
    headers: { Origin: "http://127.0.0.1:9", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  })],
  ["POST page ?_method=GET", (i) => ({ ...unlock(i.about, { password: "" }, {}, "pages"), content: true })],
  ["GET page ?password= wrong", (i) => ({ path: `/wp-json/wp/v2/pages/${i.about}?password=nope` })],
  ["GET comments of a protected post", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.protected}` })],
  ["GET comments of a protected post, with its password", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.protected}&password=${PASSWORD_Q}` })],
  ["POST comment on a protected post", (i) => ({ method: "POST", ...json(comment(i, { post: i.protected, content: `Locked ${RUN}` })) })],
  ["POST comment on a protected post, with its password", (i) => ({ method: "POST", ...json(comment(i, { post: i.protected, content: `Unlocked ${RUN}`, password: PASSWORD })) })],
  // The paginated post, the title with markup, _fields on the index.
  ["GET post split by nextpage", () => ({ path: `/wp-json/wp/v2/posts?slug=a-reading-in-three-parts&${EMBED}`, content: true })],
  ["GET post with markup in its title", () => ({ path: `/wp-json/wp/v2/posts?slug=why-slow-reading-helps&${EMBED}`, content: true })],
  ["GET index _fields", () => ({ path: "/wp-json/?_fields=name,description,url,site_icon" })],
  ["GET index: the site icon's link", () => ({ path: "/wp-json/?_fields=site_icon,site_icon_url,_links" })],
  ["GET the site icon's media item, as the build reads it", (i) => ({ path: `/wp-json/wp/v2/media/${i.icon}?_fields=source_url,media_details` })],
  ["GET namespace _fields", () => ({ path: "/wp-json/wp/v2?_fields=namespace" })],
  ["GET posts _fields with nested members", () => ({ path: "/wp-json/wp/v2/posts?per_page=2&_fields=slug,title.rendered,content.protected" })],
  ["GET posts _fields with _links and _embed", () => ({ path: "/wp-json/wp/v2/posts?per_page=2&_fields=slug,_links.author&_embed" })],
  ["GET post by id _fields with _embedded", (i) => ({ path: `/wp-json/wp/v2/posts/${i.sticky}?_fields=slug,_embedded&_embed=author` })],
  // Comments on a page.
  ["GET comments of a page", (i) => ({ path: `/wp-json/wp/v2/comments?post=${i.contact}` })],
  ["POST comment on a page", (i) => ({ method: "POST", ...json(comment(i, { post: i.contact, content: `On the contact page, run ${RUN}.` })) })],
  ["POST comment on a page with comments closed", (i) => ({ method: "POST", ...json(comment(i, { post: i.about, content: `On the about page, run ${RUN}.` })) })],
];

async function send(base, req) {
  const res = await fetch(base + (req.path ?? "/wp-json/wp/v2/comments"), {
    method: req.method ?? "GET",
    headers: req.headers,
    body: req.body,
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const code = body && !Array.isArray(body) && typeof body.code === "string" ? body.code : null;
  // What else should agree (reported; see the second test).
  const detail = [];
  if (Array.isArray(body)) detail.push(`${body.length} items`);
  for (const h of ["x-wp-total", "x-wp-totalpages"]) if (res.headers.has(h)) detail.push(`${h}=${res.headers.get(h)}`);
  if (res.status === 201) detail.push(`status=${body?.status}`);
  if (req.method === "OPTIONS") detail.push(`allow-origin=${res.headers.get("access-control-allow-origin")}`);
  return { status: res.status, code, detail: detail.join(" "), summary: summary(base, req, res, body) };
}

/**
 * The fields the app reads, made server-neutral (the origin becomes
 * {{home}}, comment anchors lose their ids; ids themselves are left out).
 */
function summary(base, req, res, body) {
  const neutral = (v) => (typeof v === "string" ? v.replaceAll(base, "{{home}}").replace(/#comment-\d+/g, "#comment") : v);
  const slugs = (list) => (Array.isArray(list) ? list.map((x) => x?.slug ?? x?.code) : list);
  const item = (x) => {
    if (!x || typeof x !== "object") return x;
    const out = {
      keys: Object.keys(x).join(","),
      slug: x.slug,
      link: neutral(x.link),
      name: x.name,
      title: x.title?.rendered,
      type: x.type,
      menu_order: x.menu_order,
      sticky: x.sticky,
      count: x.count,
      comment_status: x.comment_status,
      protected: x.content?.protected,
      content: x.content && (req.content ? neutral(x.content.rendered) : x.content.rendered === ""),
      excerpt: x.excerpt && (req.content ? neutral(x.excerpt.rendered) : x.excerpt.rendered === ""),
      author_name: x.author_name,
      status: x.status,
      comment: typeof x.content?.rendered === "string" && x.author_name !== undefined ? x.content.rendered.replace(/run \w+/, "run") : undefined,
      embedded: x._embedded && Object.fromEntries(Object.entries(x._embedded).map(([rel, v]) => [rel, rel === "wp:term" ? v.map(slugs) : slugs(v)])),
      links: x._links && Object.keys(x._links).join(","),
      code: x.code,
      data: x.data && Object.keys(x.data).join(","),
      params: x.data?.params,
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  };
  const link = (res.headers.get("link") ?? "")
    .split(/,\s*(?=<)/)
    .map((l) => l.match(/[?&]page=(\d+)[^>]*>; rel="(prev|next)"/))
    .filter(Boolean)
    .map((m) => `${m[2]}=${m[1]}`)
    .join(" ");
  const allow = res.headers.get("allow");
  return JSON.stringify({ body: Array.isArray(body) ? body.map(item) : item(body), link, allow });
}

async function run(base, request) {
  const list = Array.isArray(request) ? request : [request];
  let answer;
  for (const [n, req] of list.entries()) {
    answer = await send(base, req);
    if (n < list.length - 1) assert.ok(answer.status < 300, `${base}: step ${n + 1} answered ${answer.status} ${answer.code}`);
  }
  return answer;
}

const results = [];

before(async () => {
  await requireWordPress();
  dev = await freshDevapi(0);
  devFlood = await freshDevapi(15);
  sides.dev = await idsOf(dev.url);
  sides.wp = await idsOf(WP_URL);
  for (const [name, make] of REQUESTS) {
    const flood = name.includes("(flood)");
    results.push({
      name,
      dev: await run(flood ? devFlood.url : dev.url, make(sides.dev)),
      wp: await run(WP_URL, make(sides.wp)),
    });
  }
  const cell = (a) => `${a.status}${a.code ? ` ${a.code}` : ""}`;
  const lines = [
    "| request | dev API | WordPress | agree | details (dev API / WordPress) |",
    "|---|---|---|---|---|",
    ...results.map((r) => {
      const same = r.dev.status === r.wp.status && r.dev.code === r.wp.code;
      const details = r.dev.detail === r.wp.detail ? r.dev.detail : `**${r.dev.detail}** / **${r.wp.detail}**`;
      return `| ${r.name} | ${cell(r.dev)} | ${cell(r.wp)} | ${same ? "yes" : "**NO**"} | ${details} |`;
    }),
  ];
  writeFileSync(REPORT, lines.join("\n") + "\n");
  console.log(`request set (also in ${REPORT}):\n${lines.join("\n")}`);
});

after(async () => {
  await dev?.stop();
  await devFlood?.stop();
});

for (const [name] of REQUESTS) {
  test(`${name}: same status and code`, () => {
    const r = results.find((x) => x.name === name);
    assert.deepEqual({ status: r.dev.status, code: r.dev.code }, { status: r.wp.status, code: r.wp.code }, "dev API (actual) vs WordPress (expected)");
  });
}

test("item counts, totals and comment statuses agree too", () => {
  const differ = results.filter((r) => r.dev.detail !== r.wp.detail).map((r) => `${r.name}: dev API "${r.dev.detail}", WordPress "${r.wp.detail}"`);
  assert.deepEqual(differ, []);
});

// The fields the app reads (`summary`), for every request but the index and
// route descriptions (WordPress lists routes the dev API does not have).
const SUMMARY_SKIPPED = new Set(["GET index", "OPTIONS comments (preflight)", "OPTIONS post by id (preflight of the unlock)", "GET unknown route"]);
test("the fields the app reads agree too", () => {
  const differ = results
    .filter((r) => !SUMMARY_SKIPPED.has(r.name) && r.dev.summary !== r.wp.summary)
    .map((r) => `${r.name}:\n  dev API   ${r.dev.summary}\n  WordPress ${r.wp.summary}`);
  writeFileSync(REPORT.replace(/(\.md)?$/, "-fields.txt"), differ.join("\n\n") + "\n");
  assert.deepEqual(differ, []);
});
