// The XSS corpus (xss-corpus.mjs) through the real path: raw content in the
// dev API (as if written to WordPress's database directly) → the app →
// the sanitiser → the live DOM of the release build in headless Chromium.
//
// Every payload goes in twice: as the whole content of its own post (so no
// payload can swallow another), and as one comment among 20 on a host post
// (each comment is sanitised on its own, with Source::Comment).
//
// A payload fails if it executes — alert/confirm/prompt/print are replaced
// before any script runs, real dialogs are recorded, any request to a host
// other than the site's and the API's (or to a URL with the beacon marker)
// counts, and so does the page leaving the post — or if it leaves dangerous
// markup in .entry-content / .comment-content.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./harness.mjs";
import { classSizes, expand } from "./xss-corpus.mjs";
import { inspect, newWorker, outcome, resetWorker, runAll, settleLazyWork } from "./xss-detect.mjs";

const CORPUS = expand();
/** The app's default commentsPerPage: all of a host's comments on one page. */
const COMMENTS_PER_HOST = 20;
/** Pages checked at once (each in its own browser context). */
const WORKERS = 2;

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

const control = (path, body) => stack.control(path, body);

/**
 * Opens `path`, waits for `count` containers matching `selector` and for
 * lazy work to settle; returns what executed and what was left, per container.
 */
async function visit(w, path, selector, count) {
  const { page } = w;
  resetWorker(w, stack.siteUrl + path);
  await page.goto(w.expectedUrl);
  await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(sel).length >= n,
    [selector, count],
    { timeout: 15000 },
  );
  await page.waitForTimeout(300);
  await settleLazyWork(page, selector);
  const markup = page.url() === w.expectedUrl ? await page.evaluate(inspect, selector) : [];
  return { ...outcome(w), markup, containers: markup.length };
}

test("the detectors see execution, beacons and dangerous markup (self-check)", async () => {
  const w = await newWorker(stack);
  try {
    const clean = await visit(w, "/a-note-on-safety/", "article.post .entry-content", 1);
    assert.deepEqual(clean.executed, []);
    assert.deepEqual(clean.markup.flatMap((m) => m.found), []);
    // Bypass the sanitiser on purpose: what the corpus test would have to see.
    await w.page.evaluate(() => {
      document.querySelector(".entry-content").insertAdjacentHTML(
        "beforeend",
        `<img src=x onerror="alert('planted')"><a href=" java\tscript:x">a</a><svg></svg><p style="color:red" id=x>p</p>`,
      );
      // Off-site images are refused by the CSP before any request, so the
      // planted beacon uses an on-site path carrying the marker.
      new Image().src = "/xssbeacon/planted";
      // The site's CSP stops the planted onerror (as it would a real one), so
      // the call the detector must see is made directly.
      window.alert("planted");
    });
    await w.page.waitForTimeout(500);
    assert.ok(w.hits.includes("alert(planted)"), `hits: ${w.hits}`);
    assert.ok(w.requests.some((u) => u.includes("planted")), `requests: ${w.requests}`);
    const found = (await w.page.evaluate(inspect, ".entry-content")).flatMap((m) => m.found).join("\n");
    for (const expected of [/handler onerror/, /href=.*java\\tscript/, /<svg>/, /attribute style/, /attribute id/]) {
      assert.match(found, expected);
    }
  } finally {
    await w.page.context().close();
  }
});

test("no payload of the corpus executes or leaves dangerous markup, in posts or comments", { timeout: 20 * 60 * 1000 }, async () => {
  const started = Date.now();
  // One post per payload.
  for (const p of CORPUS) {
    p.slug = `xss-${p.id}`;
    await control("posts", { slug: p.slug, title: `XSS ${p.id}: ${p.cls}`, content: p.html });
  }
  // The same payloads as comments, 20 to a host post.
  const hosts = [];
  for (let i = 0; i < CORPUS.length; i += COMMENTS_PER_HOST) {
    const group = CORPUS.slice(i, i + COMMENTS_PER_HOST);
    const slug = `xss-comments-${hosts.length + 1}`;
    const post = await control("posts", { slug, title: `XSS comments ${hosts.length + 1}`, content: "<p>Comments below.</p>" });
    for (const p of group) await control("comments", { post, content: p.html, author_name: `Payload ${p.id}` });
    hosts.push({ slug, group });
  }

  const failures = [];
  let executed = 0;
  let cspReported = 0;
  let dangerous = 0;
  let tried = 0;
  const jobs = [
    ...CORPUS.map((p) => async (w) => {
      const r = await visit(w, `/${p.slug}/`, "article.post .entry-content", 1);
      tried += 1;
      if (r.csp.length) cspReported += 1;
      if (r.executed.length) {
        executed += 1;
        failures.push(`post #${p.id} [${p.cls}] ${p.label}: executed: ${r.executed.join("; ")}\n    payload: ${JSON.stringify(p.html)}`);
      }
      const found = r.markup.flatMap((m) => m.found);
      if (found.length) {
        dangerous += 1;
        failures.push(`post #${p.id} [${p.cls}] ${p.label}: left ${found.join("; ")}\n    payload: ${JSON.stringify(p.html)}`);
      }
    }),
    ...hosts.map((h) => async (w) => {
      const r = await visit(w, `/${h.slug}/`, ".comment-content", h.group.length);
      tried += h.group.length;
      assert.equal(r.containers, h.group.length, `${h.slug}: comments rendered`);
      if (r.executed.length) {
        // Execution is per page (20 payloads); a beacon URL names its payload.
        executed += 1;
        failures.push(`comments ${h.slug} (payloads #${h.group[0].id}–#${h.group.at(-1).id}): executed: ${r.executed.join("; ")}`);
      }
      for (const { owner, found } of r.markup) {
        if (!found.length) continue;
        const p = CORPUS.find((q) => `Payload ${q.id}` === owner.trim()) ?? { id: `? (${owner})`, cls: "?", label: "?", html: "?" };
        dangerous += 1;
        failures.push(`comment #${p.id} [${p.cls}] ${p.label}: left ${found.join("; ")}\n    payload: ${JSON.stringify(p.html)}`);
      }
    }),
  ];
  await runAll(stack, jobs, WORKERS);

  const sizes = Object.entries(classSizes()).map(([c, n]) => `${c} ${n}`).join(", ");
  console.log(`xss corpus classes: ${sizes}`);
  console.log(
    `xss corpus: ${CORPUS.length} payloads tried (${CORPUS.length} as posts, ${tried - CORPUS.length} as comments), ` +
      `${executed} executed, ${dangerous} left dangerous markup (${((Date.now() - started) / 1000).toFixed(0)} s); ` +
      `${cspReported} posts also raised a CSP report at parse time (blocked, not executed)`,
  );
  assert.equal(tried, CORPUS.length * 2);
  assert.deepEqual(failures, []);
});
