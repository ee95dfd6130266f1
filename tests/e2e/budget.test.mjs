// Byte budget: what the first load of an article costs on the wire.
// The article's HTML — its prerendered page, dist/<slug>/index.html, when the
// build prerendered it, else the app's shell (shell.html, or index.html of a
// bundle that was not prerendered) — and every file it makes the browser
// fetch (found by parsing it: CSS, the JS glue, the WASM), each compressed
// with brotli at quality 11 as a CDN serves them, must stay within the
// budget, where 1 kB = 1000 bytes (the web-performance convention for
// budgets).
//
// The budget is a regression guard at today's size (272 kB: raised from 270
// deliberately when prerendering made the article's own page, 4.1 kB with
// its words and seed, replace the 1.3 kB shell in this count, and the
// takeover kept focus and typed text). The target of
// the speed issue is 150 kB (aim 120 kB); the bundle is not there yet: see
// BENCHMARKS.md for where the bytes go. Lower BUDGET_BYTES as it shrinks.
// The article's API JSON and images are not counted: they are content, not
// app. A prerendered page carries its post in its HTML (and in its seed), so
// there the article's words are counted: that is what the reader downloads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";
import { firstLoadSizes } from "../../scripts/bench/assets.mjs";

export const BUDGET_BYTES = 272 * 1000;
export const TARGET_BYTES = 150 * 1000;

const DIST = join(ROOT, "dist");
/** The demo content's article the other suites read. */
const ARTICLE_SLUG = "therapist-client-connection";

/** The HTML a first visit to the article gets, as a path in dist/. */
function articleHtml() {
  for (const page of [`${ARTICLE_SLUG}/index.html`, "shell.html", "index.html"]) {
    if (existsSync(join(DIST, page))) return page;
  }
  throw new Error(`${DIST}/index.html is missing: run 'make dist'`);
}

test("first load of an article stays within its byte budget (brotli, 1 kB = 1000 B)", () => {
  const rows = firstLoadSizes(DIST, articleHtml());
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`.padStart(10);
  const lines = ["file".padEnd(48) + "raw".padStart(10) + "brotli".padStart(10)];
  for (const r of rows) lines.push(r.path.padEnd(48) + kB(r.raw) + kB(r.br));
  const raw = rows.reduce((s, r) => s + r.raw, 0);
  const br = rows.reduce((s, r) => s + r.br, 0);
  lines.push("total".padEnd(48) + kB(raw) + kB(br));
  lines.push(`budget ${kB(BUDGET_BYTES).trim()} brotli: ${br <= BUDGET_BYTES ? "within" : "OVER"} by ${kB(Math.abs(BUDGET_BYTES - br)).trim()} (${((br / BUDGET_BYTES) * 100).toFixed(0)}% used)`);
  lines.push(`target ${kB(TARGET_BYTES).trim()} brotli: ${br <= TARGET_BYTES ? "met" : `not met, ${kB(br - TARGET_BYTES).trim()} to cut`}`);
  console.log(lines.join("\n"));

  const kinds = rows.map((r) => r.path.split(".").pop());
  for (const kind of ["html", "css", "js", "wasm"]) assert.ok(kinds.includes(kind), `no .${kind} found for ${rows[0].path}`);
  assert.ok(br <= BUDGET_BYTES, `first load is ${br} bytes brotli, over the ${BUDGET_BYTES}-byte budget by ${br - BUDGET_BYTES} (table above)`);
});
