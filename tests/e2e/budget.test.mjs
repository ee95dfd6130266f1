// Byte budgets: what a first load costs on the wire, each file compressed
// with brotli at quality 11 as a CDN serves it, where 1 kB = 1000 bytes (the
// web-performance convention for budgets). Files are found by parsing the
// page (stylesheets, preloads, what inline loaders import), so renamed or
// added files are counted without editing this test.
//
// 1. The first load of an article: its prerendered page,
//    dist/<slug>/index.html, and what it makes the browser fetch. The app is
//    not part of it: a prerendered page starts the app when the reader needs
//    it (comments near, the form or the chat used: the starter in
//    index.html), so a reader who only reads gets HTML and CSS. Budget
//    150 kB, the speed issue's; aim 120 kB.
// 2. The app's bundle, which the reader gets on demand, and which the shell
//    (a post published after the build) loads at once: shell.html, CSS, JS
//    glue, WASM. A regression guard at today's size (321 kB: 272 kB, then
//    +3.2 kB for the keyed comment list, +11.4 kB for block content,
//    +32.6 kB for every WordPress address, +1.9 kB for the seeded
//    conversation and +0.8 kB for the one sanitiser walk (budgets.mjs),
//    each raised deliberately; Leptos's
//    erase_components would save 5.4 kB but made the app's start about a
//    quarter slower, measured); the 150 kB target is not met by this path:
//    see README "What the app weighs", and lower APP_GUARD_BYTES
//    (budgets.mjs) as it shrinks.
// 3. Reading a plain article (its words, no block layout), everything it
//    fetches: 50 kB in one request (the stylesheets are inline), with the
//    block stylesheet (style/blocks.css, on every page) at most 5 kB of it.
// 4. A reader who reaches the comments: the page, then the comments'
//    part's JS glue and WASM (src/ui/conversation.rs), which the starter
//    loads in place of the app. Issue 14's target is 120 kB; a guard near
//    today's size until it is met (budgets.mjs).
// 5. A reader who opens the chat: the page, then the chat's part
//    (src/ui/chat_part.rs): at most 120 kB.
// The article's API JSON and images are not counted: they are content, not
// app. A prerendered page carries its post in its HTML (and in its seed), so
// there the article's words are counted: that is what the reader downloads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";
import { firstLoadSizes } from "../../scripts/bench/assets.mjs";
import { brotli } from "../../scripts/bench/assets.mjs";
import {
  APP_GUARD_BYTES, ARTICLE_AIM_BYTES, ARTICLE_BUDGET_BYTES, BLOCK_STYLES_BUDGET_BYTES, CHAT_BUDGET_BYTES, CONVERSATION_GUARD_BYTES, CONVERSATION_TARGET_BYTES,
  READING_BUDGET_BYTES,
} from "./budgets.mjs";


const DIST = join(ROOT, "dist");
/** The demo content's article the other suites read. */
const ARTICLE_SLUG = "therapist-client-connection";

const kB = (n) => `${(n / 1000).toFixed(1)} kB`.padStart(10);

/** Prints the rows and their total; returns the brotli total. */
function report(title, rows) {
  const lines = [title, "file".padEnd(48) + "raw".padStart(10) + "brotli".padStart(10)];
  for (const r of rows) lines.push(r.path.padEnd(48) + kB(r.raw) + kB(r.br));
  const raw = rows.reduce((s, r) => s + r.raw, 0);
  const br = rows.reduce((s, r) => s + r.br, 0);
  lines.push("total".padEnd(48) + kB(raw) + kB(br));
  console.log(lines.join("\n"));
  return br;
}

test("first load of a prerendered article stays within the 150 kB budget (brotli, 1 kB = 1000 B)", () => {
  const page = `${ARTICLE_SLUG}/index.html`;
  assert.ok(existsSync(join(DIST, page)), `${DIST}/${page} is missing: run 'make dist' (with the prerender step)`);
  const rows = firstLoadSizes(DIST, page);
  const br = report("first load of the prerendered article:", rows);
  console.log(`budget ${kB(ARTICLE_BUDGET_BYTES).trim()}: ${br <= ARTICLE_BUDGET_BYTES ? "within" : "OVER"} (${((br / ARTICLE_BUDGET_BYTES) * 100).toFixed(0)}% used); aim ${kB(ARTICLE_AIM_BYTES).trim()}: ${br <= ARTICLE_AIM_BYTES ? "met" : "not met"}`);

  const kinds = rows.map((r) => r.path.split(".").pop());
  assert.ok(kinds.includes("html"), `no HTML found for ${page}`);
  // The app comes on demand: a page that loads it at once is a regression
  // of the starter (and would be 270 kB).
  assert.deepEqual(rows.filter((r) => /\.(js|wasm)$/.test(r.path)).map((r) => r.path), [], "the prerendered article loads the app at once");
  assert.ok(br <= ARTICLE_BUDGET_BYTES, `first load is ${br} bytes brotli, over the ${ARTICLE_BUDGET_BYTES}-byte budget by ${br - ARTICLE_BUDGET_BYTES} (table above)`);
});

test("the app's bundle (on demand; at once through the shell) stays within its guard", () => {
  const shell = ["shell.html", "index.html"].find((p) => existsSync(join(DIST, p)));
  assert.ok(shell, `${DIST}/index.html is missing: run 'make dist'`);
  const rows = firstLoadSizes(DIST, shell);
  const br = report(`the app (first load of ${shell}, the path of a post published after the build):`, rows);
  console.log(`guard ${kB(APP_GUARD_BYTES).trim()}: ${br <= APP_GUARD_BYTES ? "within" : "OVER"}; the 150 kB budget: ${br <= ARTICLE_BUDGET_BYTES ? "met" : `not met on this path, ${kB(br - ARTICLE_BUDGET_BYTES).trim()} over`}`);

  const kinds = rows.map((r) => r.path.split(".").pop());
  for (const kind of ["html", "css", "js", "wasm"]) assert.ok(kinds.includes(kind), `no .${kind} found for ${shell}`);
  assert.ok(br <= APP_GUARD_BYTES, `the app is ${br} bytes brotli, over its ${APP_GUARD_BYTES}-byte guard by ${br - APP_GUARD_BYTES} (table above)`);
});

test("index.html's notes (HTML comments, its scripts' line comments) stay out of the shell every page is made from; its scripts' code ships as written", () => {
  const source = readFileSync(join(ROOT, "index.html"), "utf8");
  for (const file of ["shell.html", ".prerender/shell.html", `${ARTICLE_SLUG}/index.html`]) {
    const shipped = readFileSync(join(DIST, file), "utf8");
    // (An article's content may hold comments of its own.)
    if (file.endsWith("shell.html")) assert.ok(!shipped.includes("<!--"), `${file}: an HTML comment`);
    const scripts = (html) => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const code = (body) => body.split("\n").filter((line) => !/^\s*\/\//.test(line));
    const wrote = scripts(source);
    assert.ok(wrote.length >= 2, "index.html has no inline scripts");
    assert.deepEqual(scripts(shipped).map((s) => s.split("\n")), wrote.map(code), file);
  }
});

test("reading a plain article costs at most 50 kB in one request, the block stylesheet at most 5 kB of it (brotli)", () => {
  const page = `${ARTICLE_SLUG}/index.html`;
  assert.ok(existsSync(join(DIST, page)), `${DIST}/${page} is missing: run 'make dist' (with the prerender step)`);
  const rows = firstLoadSizes(DIST, page);
  const br = rows.reduce((s, r) => s + r.br, 0);
  // The stylesheets are in the page: it paints from one request.
  assert.deepEqual(rows.map((r) => r.path), [`/${page}`], "the prerendered article fetches more than itself to paint");
  const html = readFileSync(join(DIST, page), "utf8");
  const shell = readFileSync(join(DIST, "shell.html"), "utf8");
  const sheets = [...shell.matchAll(/<link rel="stylesheet" href="\/([^"]+)"/g)].map(([, f]) => f);
  const blocks = sheets.filter((f) => /^blocks-[0-9a-f]{8,16}\.css$/.test(f));
  assert.equal(blocks.length, 1, `the shell has no block stylesheet: ${sheets.join(", ")}`);
  for (const f of sheets) assert.ok(html.includes(`<style>${readFileSync(join(DIST, f), "utf8")}</style>`), `${f} is not inline in ${page}`);
  const blocksBr = brotli(readFileSync(join(DIST, blocks[0]))).length;
  console.log(`reading a plain article: ${kB(br).trim()} (budget ${kB(READING_BUDGET_BYTES).trim()}); block stylesheet ${kB(blocksBr).trim()} (budget ${kB(BLOCK_STYLES_BUDGET_BYTES).trim()})`);
  assert.ok(br <= READING_BUDGET_BYTES, `reading the article costs ${br} bytes brotli, over ${READING_BUDGET_BYTES}`);
  assert.ok(blocksBr <= BLOCK_STYLES_BUDGET_BYTES, `the block stylesheet is ${blocksBr} bytes brotli, over ${BLOCK_STYLES_BUDGET_BYTES}`);
});

/** The page's own first load, then the bundle its #blog-app block names under `key`. */
function pageThenPart(key) {
  const page = `${ARTICLE_SLUG}/index.html`;
  assert.ok(existsSync(join(DIST, page)), `${DIST}/${page} is missing: run 'make dist' (with the prerender step)`);
  const html = readFileSync(join(DIST, page), "utf8");
  const block = JSON.parse(/<script type="application\/json" id="blog-app">([^<]*)<\/script>/.exec(html)?.[1] ?? "{}");
  assert.ok(block[key], `${page} names no ${key} in its #blog-app block: the reader would download the whole app`);
  const rows = firstLoadSizes(DIST, page);
  for (const path of [block[key].js, block[key].wasm]) {
    const data = readFileSync(join(DIST, path));
    rows.push({ path, raw: data.length, br: brotli(data).length });
  }
  return rows;
}

test("a reader who reaches the comments downloads the page and the comments' part only, within its guard", () => {
  const br = report("a reader who reaches the comments (page, then the comments' part):", pageThenPart("part"));
  console.log(`guard ${kB(CONVERSATION_GUARD_BYTES).trim()}: ${br <= CONVERSATION_GUARD_BYTES ? "within" : "OVER"}; issue 14's target ${kB(CONVERSATION_TARGET_BYTES).trim()}: ${br <= CONVERSATION_TARGET_BYTES ? "met" : `not met, ${kB(br - CONVERSATION_TARGET_BYTES).trim()} over`}`);
  assert.ok(br <= CONVERSATION_GUARD_BYTES, `${br} bytes brotli, over the ${CONVERSATION_GUARD_BYTES}-byte guard by ${br - CONVERSATION_GUARD_BYTES} (table above)`);
});

test("a reader who opens the chat downloads the page and the chat's part only, at most 120 kB (brotli)", () => {
  const br = report("a reader who opens the chat (page, then the chat's part):", pageThenPart("chatPart"));
  assert.ok(br <= CHAT_BUDGET_BYTES, `${br} bytes brotli, over the ${CHAT_BUDGET_BYTES}-byte budget by ${br - CHAT_BUDGET_BYTES} (table above)`);
});
