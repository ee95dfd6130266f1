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
  return {
    main,
    bulk: await post("what-to-expect-first-therapy-session"),
    closed: await post("reflective-journal-after-sessions"),
    other: await post("boundaries-without-walls"),
    priya: priya.id,
    reply: reply.id,
    author: author.id,
    therapy: therapy.id,
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
  return { status: res.status, code, detail: detail.join(" ") };
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
