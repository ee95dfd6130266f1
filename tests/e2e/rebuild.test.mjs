// Rebuilds over an existing bundle (issue 15): a build, then the site
// changes (a post edited, one trashed, one published), then the same build
// again over the same folder. Only what changed is rendered; the edit is
// served, the trashed post's address no longer serves it, the new post is
// prerendered, and the home page, the archives, the feed and the sitemap
// agree. A rebuild whose API fails halfway leaves the previous bundle whole.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shellCopy } from "../../scripts/lib/shell-copy.mjs";
import { promisify } from "node:util";
import { prerenderBin } from "../../scripts/lib/target-dir.mjs";
import { ROOT, freePort, startDevapi, stopProcess } from "./harness.mjs";

const run = promisify(execFile);
const PRERENDER = prerenderBin();
const DIST = join(ROOT, "dist");

let work;
let dataFile;
let bundle;
let apiPort;
let sitePort;
let api;
let site;

/** The demo content as a data file this test may change. */
function writeData(change = (s) => s) {
  const data = JSON.parse(readFileSync(join(ROOT, "devapi/data/site.json"), "utf8"));
  writeFileSync(dataFile, JSON.stringify(change(data)));
}

/** The site's API; at `port`, it still names itself by its usual address. */
async function startApi(port = apiPort) {
  api = await startDevapi(["--port", String(port), "--public-origin", `http://127.0.0.1:${apiPort}`, "--data", dataFile, "--test-control", "--store", join(work, "comments.jsonl")]);
}

/** `make dist`'s steps after Trunk, over the same folder each time, reading the API at `port`. */
async function build(port = apiPort) {
  const { stdout } = await run(PRERENDER, ["--api", `http://127.0.0.1:${port}/wp-json`, "--dist", bundle, "--site-url", `http://127.0.0.1:${sitePort}`]);
  const { stdout: post } = await run(process.execPath, [join(ROOT, "scripts/postbuild.mjs"), bundle]);
  const summary = stdout.split("\n").find((l) => /^prerender: \d+ pages from/.test(l));
  assert.ok(summary, stdout);
  const [, rendered, unchanged, removed] = /rendered (\d+) .*; (\d+) unchanged; (\d+) removed/.exec(summary).map(Number);
  return { summary, rendered, unchanged, removed, postbuild: post };
}

/** Every file of the bundle with its hash. */
function snapshot(dir) {
  const files = {};
  (function walk(d) {
    for (const f of readdirSync(d)) {
      const path = join(d, f);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(dir.length)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  })(dir);
  return files;
}

const get = async (path) => {
  const response = await fetch(`http://127.0.0.1:${sitePort}${path}`);
  return { status: response.status, text: await response.text() };
};
const prerendered = async (path) => (await get(path)).text.includes('id="prerendered"');

before(async () => {
  if (!existsSync(join(DIST, "shell.html"))) throw new Error("dist/ is missing: run 'make dist'");
  work = mkdtempSync(join(tmpdir(), "blog-rebuild-"));
  dataFile = join(work, "site.json");
  symlinkSync(join(ROOT, "devapi/data/uploads"), join(work, "uploads"));
  writeData();
  // Trunk's bundle as `make dist` brings it in (scripts/sync-app.mjs): the
  // shell as Trunk made it, which the first build titles and gives the
  // site icon (a second build over it must find nothing changed).
  bundle = shellCopy(DIST, join(work, "dist"));
  apiPort = await freePort();
  sitePort = await freePort();
  await startApi();
  site = await startDevapi(["--port", String(sitePort), "--static", bundle, "--no-api", "--api-base", `http://127.0.0.1:${apiPort}/wp-json`]);
});
after(async () => {
  await stopProcess(site);
  await stopProcess(api);
  if (work) rmSync(work, { recursive: true, force: true });
});

test("a rebuild over the same bundle renders only what changed, and serves the site as it now is", async () => {
  const first = await build();
  assert.ok(first.rendered > 50, first.summary);
  assert.equal(first.unchanged, 0, first.summary);

  // Nothing changed: nothing rendered, nothing compressed again but the
  // few files every build rewrites.
  const idle = await build();
  assert.equal(idle.rendered, 0, idle.summary);
  assert.equal(idle.unchanged, first.rendered, idle.summary);
  const [, made] = /\((\d+) made now/.exec(idle.postbuild).map(Number);
  assert.ok(made < 10, idle.postbuild);
  // The same site read at another address (a build machine's own way to
  // WordPress): nothing rendered either, replies included.
  await stopProcess(api);
  const elsewhere = await freePort();
  await startApi(elsewhere);
  const through = await build(elsewhere);
  assert.equal(through.rendered, 0, through.summary);
  await stopProcess(api);
  await startApi();

  assert.ok(await prerendered("/a-note-on-safety/"));
  // The site changes: an edit, a post trashed, a post published.
  await stopProcess(api);
  writeData((s) => {
    const edited = s.posts.find((p) => p.slug === "boundaries-without-walls");
    edited.title = "Boundaries, rewritten";
    edited.modified = "2024-02-01T10:00:00";
    s.posts = s.posts.filter((p) => p.slug !== "a-note-on-safety");
    s.comments = s.comments.filter((c) => s.posts.some((p) => p.id === c.post));
    s.posts.push({
      id: 9001,
      slug: "a-new-post-after-the-build",
      title: "A new post after the build",
      date: "2024-03-01T09:00:00",
      author: 2,
      categories: [3],
      tags: [6],
      paragraphs: ["Published after the first build."],
    });
    return s;
  });
  await startApi();
  const second = await build();
  // The new post, the edited one, and the lists that show them; not every page.
  assert.ok(second.rendered > 2 && second.rendered < first.rendered / 2, second.summary);
  assert.ok(second.removed >= 1, second.summary);

  const edited = await get("/boundaries-without-walls/");
  assert.match(edited.text, /Boundaries, rewritten/);
  const trashed = await get("/a-note-on-safety/");
  assert.doesNotMatch(trashed.text, /id="prerendered"/, "the trashed post is still prerendered");
  assert.doesNotMatch(trashed.text, /A Note on Safety/);
  assert.ok(await prerendered("/a-new-post-after-the-build/"));
  const home = (await get("/")).text;
  assert.match(home, /A new post after the build/);
  assert.doesNotMatch(home, /A Note on Safety/);
  assert.match((await get("/tag/reading/")).text, /A new post after the build/);
  assert.match((await get("/2024/03/")).text, /A new post after the build/);
  const feed = (await get("/feed/")).text;
  assert.match(feed, /A new post after the build/);
  assert.match(feed, /Boundaries, rewritten/);
  assert.doesNotMatch(feed, /<title>A Note on Safety/);
  const sitemap = (await get("/sitemap.xml")).text;
  assert.match(sitemap, /\/a-new-post-after-the-build\//);
  assert.doesNotMatch(sitemap, /\/a-note-on-safety\//);
  assert.ok(!existsSync(join(bundle, "a-note-on-safety", "index.html.br")), "the trashed page's compressed copy is left");
});

test("a rebuild whose API fails halfway fails, and leaves the previous bundle whole", async () => {
  await build();
  const before = snapshot(bundle);
  await stopProcess(api);
  writeData((s) => {
    const post = s.posts.find((p) => p.slug === "boundaries-without-walls");
    post.title = "Edited while the API fails";
    post.modified = "2024-04-01T10:00:00";
    return s;
  });
  await startApi();
  // The site info, menu and terms answer; the posts do not.
  const fault = await fetch(`http://127.0.0.1:${apiPort}/__test/fault`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ path_prefix: "/wp-json/wp/v2/posts", kind: 500 }),
  });
  assert.ok(fault.ok, `fault injection: ${fault.status}`);
  await assert.rejects(
    run(PRERENDER, ["--api", `http://127.0.0.1:${apiPort}/wp-json`, "--dist", bundle, "--site-url", `http://127.0.0.1:${sitePort}`]),
    (e) => /previous build's pages are left as they were/.test(e.stderr),
  );
  assert.deepEqual(snapshot(bundle), before, "the failed rebuild changed the bundle");
  await fetch(`http://127.0.0.1:${apiPort}/__test/clear`, { method: "POST" });
  const again = await build();
  assert.ok(again.rendered > 0, again.summary);
  assert.match((await get("/boundaries-without-walls/")).text, /Edited while the API fails/);
});

test("a comment approved or removed since the last build renders its post's page again, and only that", async () => {
  await build();
  const control = async (path, body) => {
    const res = await fetch(`http://127.0.0.1:${apiPort}/__test/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await res.text();
    assert.ok(res.ok, `/__test/${path}: ${res.status} ${answer}`);
    return JSON.parse(answer);
  };
  const [post] = await (await fetch(`http://127.0.0.1:${apiPort}/wp-json/wp/v2/posts?slug=boundaries-without-walls&_fields=id`)).json();
  const text = `Approved after the build ${Date.now()}`;
  const { id } = await control("comments", { post: post.id, content: text, author_name: "A Late Reader" });
  const added = await build();
  assert.equal(added.rendered, 1, added.summary);
  assert.match((await get("/boundaries-without-walls/")).text, new RegExp(text));

  await control("unapprove", { id });
  const removed = await build();
  assert.equal(removed.rendered, 1, removed.summary);
  assert.doesNotMatch((await get("/boundaries-without-walls/")).text, new RegExp(text));
});
