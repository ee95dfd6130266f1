// `make bench`: loads the release build in headless Chromium under a phone
// profile and prints what a reader on a mid-range phone would get: the
// article prerendered, the same article through the fallback path (the app's
// shell rendering it in the browser), and as a plain static page (the limit
// no app can beat); then how the comment thread scales, how typing a comment
// feels, and what prerendering costs at build time for 10 to 1,000 posts.
// Writes the figures into BENCHMARKS.md (between the bench:begin/end markers).
//
//   node scripts/bench/bench.mjs            # 5 runs per figure (median)
//   BENCH_RUNS=3 node scripts/bench/bench.mjs
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { brotli, firstLoadSizes } from "./assets.mjs";
import { APP_GUARD_BYTES, ARTICLE_BUDGET_BYTES } from "../../tests/e2e/budgets.mjs";
import { buildFigures, prerender, shellCopy, trunkStep } from "./build.mjs";
import { PRERENDER_PROFILE, artifact, prerenderBin } from "../lib/target-dir.mjs";
import { startDevapi } from "./devapi.mjs";
import { commentsData, staticArticle } from "./fixtures.mjs";
import { lighthouseRuns } from "./lighthouse.mjs";
import { freePort, startSite } from "./server.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const DIST = join(ROOT, "dist");
const SITE_JSON = join(ROOT, "devapi/data/site.json");
const SEED = "therapist-client-connection";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SHOW_MORE_RUNS = Math.min(RUNS, 3);
const TYPING_RUNS = Math.min(RUNS, 3);
const LIGHTHOUSE_RUNS = Math.min(RUNS, 3);
const SHOW_MORE_CLICKS = 6;
const SIZES = [10, 100, 1000, 5000];
const BUILD_POSTS = [1000, 3000, 10000];
const { chromium } = createRequire(join(ROOT, "tests/e2e/package.json"))("playwright-core");

// The phone: Lighthouse's mobile profile (Moto G Power screen, 4x slower
// CPU, slow 4G applied per request by DevTools rather than simulated).
const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
};
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;

// ---------------------------------------------------------------- helpers

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString("en")} ms` : "–");
const kB = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(1)} kB` : "–");
const MB = (x) => (Number.isFinite(x) ? `${(x / 1e6).toFixed(1)} MB` : "–");
const num = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d }) : "–");

/** A Markdown table, padded so it also reads well on a terminal. */
function table(head, rows) {
  const cells = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r) => "| " + r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(" | ") + " |";
  return [line(cells[0]), "|" + w.map((n, i) => (i === 0 ? "-".repeat(n + 1) + "-|" : "-".repeat(n + 1) + ":|")).join(""), ...cells.slice(1).map(line)].join("\n");
}

const report = [];
function section(title, text) {
  console.log(`\n## ${title}\n\n${text}\n`);
  report.push(`### ${title}\n\n${text}\n`);
}

// Runs in every page before its own scripts: the Web Performance APIs the
// figures come from.
function instrument() {
  const b = (window.__bench = { lcp: [], fcp: NaN, cls: 0, longtasks: [], events: [], keyToFrame: [], started: NaN });
  const describe = (el) => (el ? el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : "") + (el.parentElement?.className ? ` in .${String(el.parentElement.className).split(" ")[0]}` : "") : "?");
  const observe = (type, fn, extra = {}) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...extra });
    } catch {}
  };
  observe("largest-contentful-paint", (e) => b.lcp.push({ t: e.startTime, size: e.size, el: describe(e.element), url: e.url }));
  observe("paint", (e) => e.name === "first-contentful-paint" && (b.fcp = e.startTime));
  b.shifts = [];
  observe("layout-shift", (e) => {
    if (e.hadRecentInput) return;
    b.cls += e.value;
    b.shifts.push({ t: e.startTime, value: e.value, nodes: (e.sources ?? []).map((x) => describe(x.node)).join(", ") });
  });
  observe("longtask", (e) => b.longtasks.push({ start: e.startTime, duration: e.duration }));
  observe("event", (e) => b.events.push({ name: e.name, start: e.startTime, duration: e.duration, delay: e.processingStart - e.startTime, id: e.interactionId }), { durationThreshold: 16 });
  addEventListener("TrunkApplicationStarted", (e) => {
    b.started = performance.now();
    b.wasm = e.detail?.wasm;
  });
  // A prerendered page's parts mark it as they attach (src/ui/part_attach.rs):
  // the comments' part has put its section in place, the form is the app's.
  document.addEventListener("DOMContentLoaded", () => {
    // Comments in the HTML are readable with the page's first paint.
    b.commentsInHtml = !!document.querySelector(".comment-list li.comment");
    const page = document.getElementById("prerendered");
    if (!page) return;
    new MutationObserver(() => {
      const attached = (page.getAttribute("data-interactive") ?? "").split(" ");
      if (b.attached === undefined && attached.includes("comments")) b.attached = performance.now();
    }).observe(page, { attributes: true, attributeFilter: ["data-interactive"] });
  });
  // keydown → the frame after it has been painted (rAF, then a task).
  addEventListener("keydown", (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => b.keyToFrame.push(performance.now() - t0), 0));
  }, true);
}

// ---------------------------------------------------------------- runs

let browser;

/** A fresh phone: own context (no cache, no storage), throttled from the first byte. */
async function phone() {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const net = { requests: [], bytes: 0, external: 0 };
  const byId = new Map();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.url.startsWith("data:")) return;
    if (!/^https?:\/\/127\.0\.0\.1[:/]/.test(e.request.url)) return void net.external++;
    const r = { url: e.request.url, bytes: 0 };
    byId.set(e.requestId, r);
    net.requests.push(r);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = byId.get(e.requestId);
    if (r) {
      r.bytes = e.encodedDataLength;
      net.bytes += e.encodedDataLength;
    }
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  await cdp.send("Performance.enable");
  return { context, page, cdp, net };
}

const readBench = (page) => page.evaluate(() => {
  const b = window.__bench;
  const res = performance.getEntriesByType("resource").map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd }));
  const nav = performance.getEntriesByType("navigation")[0];
  return { ...b, wasm: undefined, wasmMemory: b.wasm?.memory?.buffer?.byteLength ?? NaN, res, htmlEnd: nav?.responseEnd ?? NaN };
});

/** Total blocking time: the part over 50 ms of each long task after FCP. */
const tbt = (b) => b.longtasks.filter((t) => t.start + t.duration > b.fcp).reduce((s, t) => s + Math.max(0, t.duration - 50), 0);

/** Resolves when the app has started and its comments section has loaded. */
const appSettled = (page) => page.waitForFunction(() => {
  const b = window.__bench;
  // Readable: the first comment is in the page (a prerendered page has it
  // from the start; the shell once it has loaded them).
  if (b.commentsAt === undefined && document.querySelector(".comment-list li.comment")) b.commentsAt = performance.now();
  const attached = !document.getElementById("prerendered") || b.attached !== undefined;
  return !Number.isNaN(b.started) && attached && /comment/i.test(document.querySelector("#comments-title")?.textContent ?? "") && !document.querySelector(".comments-loading");
}, null, { timeout: 60000 });

/**
 * The reader scrolls on until the comments are just below the screen: on a
 * prerendered page that starts the app (index.html's starter starts it a
 * screen ahead). The comments then load out of view, as they would for a
 * reader on their way down.
 */
const toComments = async (page, { wheel = false } = {}) => {
  await page.waitForSelector(".comments", { state: "attached", timeout: 60000 });
  const [at, y] = await page.evaluate(() => {
    const comments = document.querySelector("#prerendered .comments, .comments");
    return [performance.now(), Math.max(0, comments.getBoundingClientRect().top + scrollY - innerHeight + 1)];
  });
  if (!wheel) {
    await page.evaluate((y) => scrollTo(0, y), y);
    return at;
  }
  // As a reader does it: a real wheel input, which also ends the page's LCP
  // (a script's scrollTo would not, and the takeover's new nodes in view
  // would then count as a late "largest paint").
  await page.mouse.move(200, 400);
  await page.mouse.wheel(0, y);
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2 || scrollY >= document.documentElement.scrollHeight - innerHeight - 1, y, { timeout: 10000 });
  return at;
};

/**
 * One load of an article. `mode`: "read" (the page alone: load, then as
 * long as the chat launcher's delay, scrolling nothing), "comments" (read,
 * then scroll to the comments and wait for the comments' part and the
 * comments), "chat" (read, then press the chat launcher and wait for the
 * chat window, focus in it), "app" (the shell: wait for the app and the
 * comments), "static" (until load).
 */
async function loadArticle(url, { mode }) {
  const { context, page, net } = await phone();
  try {
    await page.goto(url, { waitUntil: "commit" });
    await page.locator(".entry-content p").first().waitFor({ state: "visible", timeout: 60000 });
    let scrolledAt = NaN;
    let bytesBeforeScroll = NaN;
    if (mode === "app") await appSettled(page);
    else await page.waitForLoadState("load");
    if (mode === "read" || mode === "comments" || mode === "chat") await page.waitForTimeout(3500);
    let pressedAt = NaN;
    let chatOpenAt = NaN;
    let bytesBeforePress = NaN;
    if (mode === "chat") {
      bytesBeforePress = net.bytes;
      pressedAt = await page.evaluate(() => performance.now());
      await page.locator("#prerendered .chat-launcher").click();
      chatOpenAt = await page.waitForFunction(() => document.activeElement?.closest("[role=dialog]") && performance.now(), null, { timeout: 60000, polling: "raf" }).then((h) => h.jsonValue());
    }
    if (mode === "comments") {
      bytesBeforeScroll = net.bytes;
      scrolledAt = await toComments(page, { wheel: true });
      await appSettled(page);
    }
    // LCP entries are queued after the paint: give them two frames and a beat.
    await page.waitForTimeout(1000);
    const b = await readBench(page);
    const last = b.lcp.at(-1) ?? {};
    const find = (re) => b.res.find((r) => re.test(r.name));
    const wasmEnd = find(/\.wasm$/)?.end;
    // Was the page served prerendered (seed in it), and did the app replace the prerendered nodes?
    // ...or did the interactive part attach to them (src/ui/conversation.rs)?
    const { seeded, replaced } = await page.evaluate(() => {
      const prerendered = document.getElementById("prerendered");
      return { seeded: !!document.getElementById("blog-seed"), replaced: !prerendered || prerendered.hasAttribute("data-interactive") };
    });
    return {
      seeded, replaced,
      lcp: last.t, lcpEl: last.el, lcpCount: b.lcp.length, fcp: b.fcp, cls: b.cls, tbt: tbt(b),
      // The app cannot start before its WASM is in: shifts from then on are the takeover's (and the comments').
      clsAfterWasm: b.shifts.filter((x) => x.t >= wasmEnd).reduce((sum, x) => sum + x.value, 0),
      bytes: net.bytes, requests: net.requests.length, external: net.external,
      htmlEnd: b.htmlEnd, cssEnd: find(/\.css$/)?.end, jsEnd: find(/\.js$/)?.end, wasmEnd,
      shifts: b.shifts.map((x) => `${x.value.toFixed(3)} at ${Math.round(x.t)} ms (${x.nodes || "?"})`).join("; "),
      longest: Math.max(0, ...b.longtasks.map((t) => t.duration)),
      longestAt: b.longtasks.reduce((m, t) => (t.duration > (m?.duration ?? 0) ? t : m), null)?.start,
      longCount: b.longtasks.length,
      started: b.started, postStart: find(/wp\/v2\/posts\?slug=/)?.start, postEnd: find(/wp\/v2\/posts\?slug=/)?.end,
      postRequests: net.requests.filter((r) => /wp\/v2\/posts\?/.test(r.url)).length,
      appRequests: net.requests.filter((r) => /\.(js|wasm)(\?|$)/.test(r.url)).length,
      // After the scroll to the comments (mode "comments"): the app's start on demand.
      scrolledAt, startedAfterScroll: b.started - scrolledAt,
      // The form is the app's once the comments' part has put its section in place.
      formAfterScroll: (b.attached ?? b.started) - scrolledAt,
      commentsAfterScroll: (b.commentsAt ?? NaN) - scrolledAt,
      bytesAfterScroll: net.bytes - bytesBeforeScroll,
      tbtAfterScroll: b.longtasks.filter((t) => t.start + t.duration > scrolledAt).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      longestAfterScroll: Math.max(0, ...b.longtasks.filter((t) => t.start + t.duration > scrolledAt).map((t) => t.duration)),
      // After pressing the chat launcher (mode "chat"): the chat's part on demand.
      chatAfterPress: chatOpenAt - pressedAt,
      bytesAfterPress: net.bytes - bytesBeforePress,
      tbtAfterPress: b.longtasks.filter((t) => t.start + t.duration > pressedAt).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      longestAfterPress: Math.max(0, ...b.longtasks.filter((t) => t.start + t.duration > pressedAt).map((t) => t.duration)),
      chatPartRequests: net.requests.filter((r) => /\/chat-[0-9a-f]+(_bg)?\.(js|wasm)(\?|$)/.test(r.url)).length,
    };
  } finally {
    await context.close();
  }
}

/** Waits in the page until the number of .comment stays put and no comment request is in flight. */
const settleComments = (page, sinceCount) => page.evaluate(async (since) => {
  const count = () => document.querySelectorAll(".comment").length;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  let n = count(), changedAt = performance.now(), firstAt = NaN;
  const t0 = performance.now();
  for (;;) {
    const t = await frame();
    const c = count();
    const titled = /\d+ comments|One comment/.test(document.querySelector("#comments-title")?.textContent ?? "");
    if (Number.isNaN(firstAt) && c > since && titled) firstAt = t;
    if (c !== n) { n = c; changedAt = t; }
    const busy = document.querySelector(".comments-loading, .show-more[disabled]");
    if (!Number.isNaN(firstAt) && !busy && t - changedAt > 1500) break;
    if (t - t0 > 90000) break;
  }
  return { firstAt, allAt: changedAt, count: n };
}, sinceCount);

async function heap(cdp) {
  await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
}

async function loadThread(url) {
  const { context, page, cdp, net } = await phone();
  try {
    await page.goto(url, { waitUntil: "commit" });
    // The reader goes to the comments as soon as the page is there.
    await toComments(page);
    await appSettled(page);
    // The part's refresh of the first screen: settled once no comment
    // request has been in flight for a while.
    await page.waitForFunction(() => {
      const b = window.__bench;
      const comments = performance.getEntriesByType("resource").filter((r) => /wp\/v2\/comments\?/.test(r.name));
      const last = Math.max(0, ...comments.map((r) => r.responseEnd));
      b.refreshedAt = comments.length ? last : NaN;
      return comments.length > 0 && performance.now() - last > 1500;
    }, null, { timeout: 90000, polling: 250 });
    const b = await readBench(page);
    const requests = net.requests.filter((r) => /wp\/v2\/comments\?/.test(r.url));
    return {
      first: b.commentsInHtml ? b.fcp : b.commentsAt, inHtml: b.commentsInHtml, attached: b.attached, refreshed: b.refreshedAt,
      count: await page.locator(".comment").count(),
      html: net.requests.find((r) => r.url === url)?.bytes ?? NaN,
      requests: requests.length, commentBytes: requests.reduce((x, r) => x + r.bytes, 0),
      heap: await heap(cdp), wasmMemory: b.wasmMemory, tbt: tbt(b),
    };
  } finally {
    await context.close();
  }
}

/** Clicks "Show more comments" up to `clicks` times; per click: added, shown, time to rendered, client time after the last response. */
async function showMore(url, clicks) {
  const { context, page, cdp } = await phone();
  try {
    await page.goto(url, { waitUntil: "commit" });
    await toComments(page);
    let s = await settleComments(page, 0);
    const steps = [{ shown: s.count }];
    for (let i = 0; i < clicks; i++) {
      if (!(await page.locator(".show-more").count())) break;
      const t0 = await page.evaluate(() => {
        const t = performance.now();
        document.querySelector(".show-more").click();
        return t;
      });
      const before = s.count;
      s = await settleComments(page, before);
      const b = await readBench(page);
      const last = Math.max(...b.res.filter((r) => /wp\/v2\/comments\?/.test(r.name) && r.start >= t0 && r.end <= s.allAt).map((r) => r.end));
      steps.push({ before, shown: s.count, added: s.count - before, total: s.allAt - t0, render: s.allAt - last });
    }
    steps.at(-1).heap = await heap(cdp);
    return steps;
  } finally {
    await context.close();
  }
}

async function typing(url, { app = true } = {}) {
  const { context, page } = await phone();
  try {
    await page.goto(url, { waitUntil: "commit" });
    if (app) {
      await toComments(page);
      await appSettled(page);
    }
    const box = page.locator("#comment");
    await box.scrollIntoViewIfNeeded();
    await box.click();
    await page.waitForTimeout(500);
    await page.evaluate(() => { window.__bench.events.length = 0; window.__bench.keyToFrame.length = 0; });
    const text = "Thank you, this helped me a lot";
    await page.keyboard.type(text, { delay: 120 });
    await page.waitForTimeout(1000);
    const b = await readBench(page);
    const typed = await box.inputValue();
    // An interaction is keydown+keypress+input+keyup; its latency is its longest event.
    const byInteraction = new Map();
    for (const e of b.events) if (e.id) byInteraction.set(e.id, Math.max(byInteraction.get(e.id) ?? 0, e.duration));
    const worstEvent = Math.max(0, ...byInteraction.values());
    return {
      keys: text.length, typedOk: typed === text,
      slow: byInteraction.size, worstEvent, worstFrame: Math.max(...b.keyToFrame), medianFrame: median(b.keyToFrame),
    };
  } finally {
    await context.close();
  }
}

async function repeat(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}
const med = (runs, key) => median(runs.map((r) => r[key]));

// ---------------------------------------------------------------- main

const started = Date.now();
const stamp = execFileSync("date", ["-u"]).toString().trim();
const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
const load0 = loadavg().map((x) => x.toFixed(2)).join(", ");
const tmp = mkdtempSync(join(tmpdir(), "blog-bench-"));
const data = commentsData({ sitePath: SITE_JSON, outPath: join(tmp, "site.json"), sizes: SIZES });
const shellHtml = readFileSync(join(DIST, existsSync(join(DIST, "shell.html")) ? "shell.html" : "index.html"), "utf8");
const staticPath = `/static-limit/${SEED}/`;
const typingPath = "/static-limit/typing/";

// The site's address is known before it starts: the dev API answers with
// links on it (as WordPress with its site address behind a CDN), and the
// prerenderer writes it into the pages.
const sitePort = await freePort();
const siteOrigin = `http://127.0.0.1:${sitePort}`;
const api = await startDevapi(["--data", data.path, "--store", join(tmp, "comments.jsonl"), "--flood-seconds", "0", "--public-origin", siteOrigin]);
// dist/ links to the API it was built against: prerender a copy from this one.
const benchDist = shellCopy(DIST, join(tmp, "dist"));
const build = prerender({ dir: benchDist, api: `${api.url}/wp-json`, siteUrl: siteOrigin });
const staticLimit = staticArticle({ sitePath: SITE_JSON, distIndexHtml: shellHtml, slug: SEED });
const site = await startSite({ root: benchDist, apiUrl: api.url, port: sitePort, pages: {
  [staticPath]: staticLimit,
  // The same page with a bare comment box: the floor for typing latency.
  [typingPath]: staticLimit.replace("</main>", '<section class="comments"><h2 id="comments-title">No comments yet</h2><form class="comment-form"><p class="field"><label for="comment">Comment</label><textarea id="comment" name="comment" rows="6"></textarea></p></form></section></main>'),
} });
// The same bundle with its prerendered pages ignored: every URL gets the shell,
// as a post published after the build does.
const fallback = await startSite({ root: benchDist, apiUrl: api.url, prerendered: false });
const site100 = await startSite({ root: benchDist, apiUrl: api.url, config: { commentsPerPage: 100 } });
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
  // Avatars (gravatar.com) must not reach the internet: fail them at once.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];
browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const chromiumVersion = browser.version();

try {
  console.log(`bench: ${RUNS} runs per figure, phone profile, prerendered bundle via ${site.url}, fallback via ${fallback.url}, dev API ${api.url}, load average ${load0}\n${build.log}`);

  // 0. Bytes of the first load of the prerendered article, as the budget test counts them.
  const sizes = firstLoadSizes(benchDist, `${SEED}/index.html`);
  const totalBr = sizes.reduce((s, r) => s + r.br, 0);
  const app = firstLoadSizes(benchDist, "shell.html");
  const appBr = app.reduce((s, r) => s + r.br, 0);
  section("First-load bytes of the prerendered article, and of the app (brotli 11; 1 kB = 1000 B)", [
    table(["file", "raw", "brotli"], [
      ...sizes.map((r) => [r.path, kB(r.raw), kB(r.br)]),
      ["total: a reader who only reads", kB(sizes.reduce((s, r) => s + r.raw, 0)), kB(totalBr)],
      ["budget (tests/e2e/budget.test.mjs)", "", `${kB(ARTICLE_BUDGET_BYTES)} → ${totalBr <= ARTICLE_BUDGET_BYTES ? "within" : "OVER"}`],
      ...app.filter((r) => /\.(js|wasm)$/.test(r.path)).map((r) => [`+ on demand: ${r.path}`, kB(r.raw), kB(r.br)]),
      ["the shell's first load (a post published after the build: shell, CSS, JS, WASM)", kB(app.reduce((s, r) => s + r.raw, 0)), kB(appBr)],
      ["guard of the app's bundle (tests/e2e/budget.test.mjs)", "", `${kB(APP_GUARD_BYTES)} → ${appBr <= APP_GUARD_BYTES ? "within" : "OVER"}; the ${kB(ARTICLE_BUDGET_BYTES)} budget is ${appBr <= ARTICLE_BUDGET_BYTES ? "met" : "not met"} on this path`],
    ]),
    "",
    `The fallback path loads /shell.html (${kB(Buffer.byteLength(shellHtml))} raw, ${kB(brotli(Buffer.from(shellHtml)).length)} brotli) in place of the article's page, then the article's JSON. The page carries the article twice, as HTML and as JSON in #blog-seed.`,
  ].join("\n"));

  // 1. The seed article three ways, taking turns so a busy moment of the
  // machine hits all three alike.
  const readRuns = [], preRuns = [], chatRuns = [], fbRuns = [], limRuns = [];
  for (let i = 0; i < RUNS; i++) {
    readRuns.push(await loadArticle(`${site.url}/${SEED}/`, { mode: "read" }));
    preRuns.push(await loadArticle(`${site.url}/${SEED}/`, { mode: "comments" }));
    chatRuns.push(await loadArticle(`${site.url}/${SEED}/`, { mode: "chat" }));
    fbRuns.push(await loadArticle(`${fallback.url}/${SEED}/`, { mode: "app" }));
    limRuns.push(await loadArticle(`${site.url}${staticPath}`, { mode: "static" }));
  }
  if (!readRuns.every((r) => r.seeded && !r.replaced && r.appRequests === 0)) throw new Error("a reader who only reads the prerendered article got the app");
  if (!preRuns.every((r) => r.seeded && r.replaced && r.postRequests === 0)) throw new Error("the prerendered article was not served prerendered, not taken over, or fetched its post");
  if (fbRuns.some((r) => r.seeded)) throw new Error("the fallback path was served a prerendered page");
  if (!chatRuns.every((r) => r.chatPartRequests === 2 && r.appRequests === 2)) throw new Error("opening the chat did not load the chat's part, or loaded more");
  const limLcp = med(limRuns, "lcp");
  const ratio = med(readRuns, "lcp") / limLcp;
  const scrolledRatio = med(preRuns, "lcp") / limLcp;
  const fbRatio = med(fbRuns, "lcp") / limLcp;
  const row = (name, runs, r) => [name, ms(med(runs, "lcp")), ms(med(runs, "fcp")), ms(med(runs, "tbt")), num(med(runs, "cls"), 3), kB(med(runs, "bytes")), num(med(runs, "requests")), r ? `${r.toFixed(2)}×` : ""];
  const lastShifts = (runs) => runs.at(-1).shifts || "none";
  section(`Seed article /${SEED}/: prerendered, fallback path and the static limit (median of ${RUNS}, taking turns)`, [
    table(["page", "LCP", "FCP", "TBT", "CLS", "bytes", "requests", "LCP / limit"], [
      row("prerendered article, read (the app is not loaded)", readRuns, ratio),
      row("prerendered article, then scrolled on to the comments (the comments' part loads and attaches)", preRuns, scrolledRatio),
      row("fallback path (shell, rendered in the browser)", fbRuns, fbRatio),
      row("static limit (plain HTML + same CSS)", limRuns, 1),
    ]),
    "",
    `**LCP ratio prerendered / static limit: ${ratio.toFixed(2)}×** (issue 14's target ≤ 1.05×): ${ratio <= 1.05 ? "meets the target" : "OVER the 1.05× target"}.`,
    `**LCP ratio fallback path / static limit: ${fbRatio.toFixed(2)}×** (the client-rendered app's target ≤ 2.5×, aim 1.5×): ${fbRatio <= 1.5 ? "meets the 1.5× aim" : fbRatio <= 2.5 ? "within the 2.5× target, not the 1.5× aim" : "OVER the 2.5× target"}.`,
    "",
    `A prerendered page carries its comments, and starts one of its parts when the reader needs it (index.html's starter): the comments' (src/ui/conversation.rs) or the chat's (src/ui/chat_part.rs): "read" loads the page and waits ${ms(3500)} after the load event (the chat launcher's delay) without scrolling: no JS glue, no WASM (${readRuns.map((r) => r.appRequests).join(", ")} app requests per run; every run checked). ` +
      `"Scrolled on to the comments" does the same, then scrolls with a wheel until the comments are just below the screen, which starts the comments' part (the starter looks one screen ahead): the comments are readable ${ms(Math.max(0, med(preRuns, "commentsAfterScroll")))} after the scroll (they are in the HTML, so 0 ms: the first poll after the scroll finds them), and the form is the app's (drafts kept, validation live: the part has put the section in place) ${ms(med(preRuns, "formAfterScroll"))} after the scroll (the WASM started ${ms(med(preRuns, "startedAfterScroll"))} after it; median; ${kB(med(preRuns, "bytesAfterScroll"))} downloaded after the scroll; ${kB(med(preRuns, "bytes"))} in all, page included). ` +
      `Its TBT is the part's start (compiling the WASM, rendering the comments section in steps, swapping it in, refreshing the comments), after the scroll: ${ms(med(preRuns, "tbtAfterScroll"))} blocked, the longest task ${ms(med(preRuns, "longestAfterScroll"))} (median); on the fallback path the same work comes before FCP and does not count. ` +
      `Attached without requesting the post (${num(med(preRuns, "postRequests"))} post requests; every run checked). ` +
      `CLS from the WASM's arrival to the end of the run (the part attaching and the comments' refresh): ${num(med(preRuns, "clsAfterWasm"), 3)} (median; per run ${preRuns.map((r) => r.clsAfterWasm.toFixed(3)).join(", ")}). ` +
      `LCP entries per load: ${preRuns.map((r) => r.lcpCount).join(", ")} (a new entry after the takeover would mean the swap repainted a larger element).`,
    "",
    `"Pressed the chat launcher" loads the page, waits as long, then presses the prerendered launcher: only the chat's part loads (its JS glue and WASM; every run checked), ${kB(med(chatRuns, "bytesAfterPress"))} after the press, and the chat window is open with focus in it ${ms(med(chatRuns, "chatAfterPress"))} after the press (median; per run ${chatRuns.map((r) => Math.round(r.chatAfterPress)).join(", ")} ms; ${kB(med(chatRuns, "bytes"))} in all, page included). After the press: TBT ${ms(med(chatRuns, "tbtAfterPress"))}, the longest task ${ms(med(chatRuns, "longestAfterPress"))} (median).`,
    `LCP element: prerendered \`${readRuns.at(-1).lcpEl}\`, fallback \`${fbRuns.at(-1).lcpEl}\`, static \`${limRuns.at(-1).lcpEl}\`. Individual LCPs: prerendered ${readRuns.map((r) => Math.round(r.lcp)).join(", ")} ms; fallback ${fbRuns.map((r) => Math.round(r.lcp)).join(", ")} ms; static ${limRuns.map((r) => Math.round(r.lcp)).join(", ")} ms.`,
    "",
    "Where the time goes (median ms from navigation start):",
    "",
    table(["milestone", "prerendered, scrolled to the comments", "fallback path", "static limit"], [
      ["HTML received", ms(med(preRuns, "htmlEnd")), ms(med(fbRuns, "htmlEnd")), ms(med(limRuns, "htmlEnd"))],
      ["CSS received", ms(med(preRuns, "cssEnd")), ms(med(fbRuns, "cssEnd")), ms(med(limRuns, "cssEnd"))],
      ["JS glue received", ms(med(preRuns, "jsEnd")), ms(med(fbRuns, "jsEnd")), ""],
      ["WASM received", ms(med(preRuns, "wasmEnd")), ms(med(fbRuns, "wasmEnd")), ""],
      ["app started (WASM compiled, instantiated, mounted; prerendered: took over, after the scroll)", ms(med(preRuns, "started")), ms(med(fbRuns, "started")), ""],
      ["post JSON requested", ms(med(preRuns, "postStart")), ms(med(fbRuns, "postStart")), ""],
      ["post JSON received", ms(med(preRuns, "postEnd")), ms(med(fbRuns, "postEnd")), ""],
      ["FCP", ms(med(preRuns, "fcp")), ms(med(fbRuns, "fcp")), ms(med(limRuns, "fcp"))],
      ["LCP", ms(med(preRuns, "lcp")), ms(med(fbRuns, "lcp")), ms(med(limRuns, "lcp"))],
    ]),
    "",
    `Long tasks (last run): prerendered ${preRuns.at(-1).longCount}, the longest ${ms(preRuns.at(-1).longest)} at ${ms(preRuns.at(-1).longestAt)}; fallback ${fbRuns.at(-1).longCount}, the longest ${ms(fbRuns.at(-1).longest)} at ${ms(fbRuns.at(-1).longestAt)}. ` +
      `Layout shifts (last run): prerendered ${lastShifts(preRuns)}; fallback ${lastShifts(fbRuns)}.`,
  ].join("\n"));

  // 1b. The same three pages in Lighthouse's mobile profile (simulated
  // throttling), the other way of measuring the issue asks for.
  const lh = await lighthouseRuns({
    prerendered: `${site.url}/${SEED}/`,
    fallback: `${fallback.url}/${SEED}/`,
    limit: `${site.url}${staticPath}`,
  }, LIGHTHOUSE_RUNS, { chromium: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  const lhLimit = med(lh.limit, "lcp");
  const lhRow = (name, runs) => [name, ms(med(runs, "lcp")), ms(med(runs, "fcp")), ms(med(runs, "tbt")), num(med(runs, "cls"), 3), kB(med(runs, "bytes")), `${(med(runs, "lcp") / lhLimit).toFixed(2)}×`];
  section(`The same pages in Lighthouse ${lh.limit[0].version} (${lh.limit[0].settings}; median of ${LIGHTHOUSE_RUNS}, taking turns)`, [
    table(["page", "LCP", "FCP", "TBT", "CLS", "bytes", "LCP / limit"], [
      lhRow("prerendered article (read: Lighthouse does not scroll)", lh.prerendered),
      lhRow("fallback path (shell, rendered in the browser)", lh.fallback),
      lhRow("static limit (plain HTML + same CSS)", lh.limit),
    ]),
    "",
    `Lighthouse loads each page unthrottled and simulates the phone (its \`simulate\` method): the same pages and server as above, so the two ways' ratios can be set side by side (the bench's own: ${ratio.toFixed(2)}× and ${fbRatio.toFixed(2)}×). Individual LCPs: prerendered ${lh.prerendered.map((r) => Math.round(r.lcp)).join(", ")} ms; fallback ${lh.fallback.map((r) => Math.round(r.lcp)).join(", ")} ms; static ${lh.limit.map((r) => Math.round(r.lcp)).join(", ")} ms.`,
  ].join("\n"));

  // 2. Comment threads, on prerendered post pages (what a reader of a
  // published post gets: the first screen in the HTML, refreshed by the
  // comments' part).
  const threadRows = [];
  for (const { size, slug } of data.posts) {
    const runs = await repeat(RUNS, () => loadThread(`${site.url}/${slug}/`));
    if (!runs.every((r) => r.inHtml)) throw new Error(`the prerendered thread of ${size} comments came without its comments in the HTML`);
    threadRows.push([num(size), kB(med(runs, "html")), ms(med(runs, "first")), num(med(runs, "count")), ms(med(runs, "attached")), num(med(runs, "requests")), kB(med(runs, "commentBytes")), ms(med(runs, "refreshed")), ms(med(runs, "tbt")), MB(med(runs, "heap")), MB(med(runs, "wasmMemory"))]);
  }
  section(`Comment threads, first screen (prerendered post pages; default 20 top-level per page; median of ${RUNS})`, [
    table(["comments on post", "page (with headers)", "comments readable", ".comment shown", "comments' part attached", "comment API requests", "comment JSON", "refresh received", "TBT", "JS heap (after GC)", "WASM memory"], threadRows),
    "",
    "Times from navigation start; the reader scrolls to the comments as soon as the page is there, which starts the comments' part. The first screen (20 top-level comments with their replies, as WordPress shows its first comment page) is in the page's HTML: readable when the page is, whatever the thread's size (\"comments readable\" is the page's FCP when the HTML holds them, checked at DOMContentLoaded in every run). The part then refreshes it from the API (the same requests the build made, level by level when the post has more than 100 replies); \"refresh received\" is the last of those responses. TBT includes the part's start, which comes after FCP.",
  ].join("\n"));

  // 3. Growing the thread with "Show more comments" (100 per page).
  const growRows = [];
  const growth = [];
  for (const { size, slug } of data.posts.filter((p) => p.size >= 1000)) {
    const runs = await repeat(SHOW_MORE_RUNS, () => showMore(`${site100.url}/${slug}/`, SHOW_MORE_CLICKS));
    const steps = Math.min(...runs.map((r) => r.length));
    for (let i = 1; i < steps; i++) {
      const at = (k) => median(runs.map((r) => r[i][k]));
      growRows.push([num(size), String(i), num(at("before")), num(at("added")), num(at("shown")), ms(at("total")), ms(at("render")), num(at("render") / at("added"), 2), num(at("render") / at("shown"), 2)]);
      growth.push({ size, shown: at("shown"), added: at("added"), render: at("render") });
    }
    growRows.push([num(size), "heap", "", "", num(median(runs.map((r) => r.at(-1).shown))), "", MB(median(runs.map((r) => r.at(-1).heap))), "", ""]);
  }
  // The longest series (the biggest thread) decides.
  const series = growth.filter((g) => g.size === Math.max(...growth.map((x) => x.size)));
  const a = series[0], z = series.at(-1);
  const perAdded = (g) => g.render / g.added, perShown = (g) => g.render / g.shown;
  // First half of the clicks against the second, by their medians: one
  // slow click (a GC, the machine) must not decide.
  const half = Math.floor(series.length / 2);
  const early = series.slice(0, half), late = series.slice(series.length - half);
  const mid = (xs, f) => median(xs.map(f));
  const addedGrowth = mid(late, perAdded) / mid(early, perAdded), shownRatio = mid(late, perShown) / mid(early, perShown), listGrowth = z.shown / a.shown;
  section(`Comment threads, "Show more" (prerendered post pages; commentsPerPage 100; ${SHOW_MORE_CLICKS} clicks; median of ${SHOW_MORE_RUNS})`, [
    table(["comments on post", "click", "shown before", "added", "shown after", "click → rendered", "client time after last response", "ms per added", "ms per shown"], growRows),
    "",
    `**Linearity.** Show more on the ${num(a.size ?? z.size)}-comment thread: from click 1 to click ${series.length} the list grew ×${num(listGrowth, 1)} (${num(a.shown)} → ${num(z.shown)} shown) with about the same number added per click; ` +
      `from clicks 1–${half} to clicks ${series.length - half + 1}–${series.length} (medians) the client time per click per comment *shown* changed ×${num(shownRatio, 2)} (${num(mid(early, perShown), 2)} → ${num(mid(late, perShown), 2)} ms) and per comment *added* ×${num(addedGrowth, 2)} (${num(mid(early, perAdded), 2)} → ${num(mid(late, perAdded), 2)} ms). ` +
      (shownRatio <= 1.5
        ? "So one render costs time linear in the comments shown (no worse than linear). "
        : "So one render costs MORE than linear time in the comments shown. ") +
      (addedGrowth > 1.5
        ? "But each click pays for every comment already shown, not only the ones it adds, so reading a whole thread page by page is quadratic in the pages shown."
        : "Each click pays only for what it adds (the list is keyed by thread: the new threads are rendered, the shown ones stay)."),
  ].join("\n"));

  // 4. Typing a comment, on the prerendered article once the app has taken over.
  const typeRuns = await repeat(TYPING_RUNS, () => typing(`${site.url}/${SEED}/`));
  const typeBase = await repeat(TYPING_RUNS, () => typing(`${site.url}${typingPath}`, { app: false }));
  const worst = (runs) => (runs.every((r) => r.slow === 0) ? "< 16 ms (none over the threshold)" : ms(med(runs, "worstEvent")));
  section(`Typing in the comment field (${typeRuns[0].keys} keystrokes, 120 ms apart; median of ${TYPING_RUNS})`, [
    table(["measure", "app comment form (prerendered page, after takeover)", "bare textarea (static page)"], [
      ["worst input → next paint (Event Timing, per interaction)", worst(typeRuns), worst(typeBase)],
      ["interactions over 16 ms", num(med(typeRuns, "slow")), num(med(typeBase, "slow"))],
      ["worst keydown → frame painted (rAF + task)", ms(med(typeRuns, "worstFrame")), ms(med(typeBase, "worstFrame"))],
      ["median keydown → frame painted", ms(med(typeRuns, "medianFrame")), ms(med(typeBase, "medianFrame"))],
      ["text arrived intact", typeRuns.every((r) => r.typedOk) ? "yes" : "NO", typeBase.every((r) => r.typedOk) ? "yes" : "NO"],
    ]),
    "",
    "Event Timing durations are rounded to 8 ms by the browser; the bare textarea on the same page under the same throttling is the floor.",
  ].join("\n"));

  // 5. What prerendering costs at build time, by the size of the site, and
  // what a rebuild over the same bundle costs.
  const trunkMs = trunkStep(tmp);
  const builds = await buildFigures({ dist: DIST, sitePath: SITE_JSON, counts: BUILD_POSTS, tmp });
  const perPage = (r) => r.htmlRaw / r.htmlFiles;
  const whole = (r) => ms(trunkMs + r.prerenderMs + r.postbuildMs);
  section(`Build time and bundle size by number of posts`, [
    table(["posts", "pages written", "API requests", "crawl", "render", "prerender (wall)", "postbuild (.br/.gz)", "peak memory", "with Trunk", "HTML raw", "of which #blog-seed", "HTML brotli", "HTML raw per file", "files in bundle", "bundle size"], builds.map((r) => [
      num(r.count), num(r.pages), num(r.requests), ms(r.crawlMs), ms(r.renderMs), ms(r.prerenderMs), ms(r.postbuildMs), `${Math.round(r.peakMb)} MB`, whole(r), MB(r.htmlRaw), `${Math.round((r.seedRaw / r.htmlRaw) * 100)}%`, MB(r.htmlBr), kB(perPage(r)), num(r.files), MB(r.total),
    ])),
    "",
    table(["posts", "rebuild after", "API requests", "pages rendered", "files compressed", "prerender (wall)", "postbuild", "outside Trunk (content changed)", "with Trunk (code changed too)"], builds.flatMap((r) => [
      [num(r.count), "one post edited", num(r.edit.requests), num(r.edit.rendered), num(r.edit.compressed), ms(r.edit.prerenderMs), ms(r.edit.postbuildMs), ms(r.edit.prerenderMs + r.edit.postbuildMs), whole(r.edit)],
      [num(r.count), "one comment approved", num(r.idle.requests), num(r.idle.rendered), num(r.idle.compressed), ms(r.idle.prerenderMs), ms(r.idle.postbuildMs), ms(r.idle.prerenderMs + r.idle.postbuildMs), whole(r.idle)],
    ])),
    "",
    `Trunk step: the three \`trunk build --release\` of the unchanged tree, as \`make dist\` runs them (the app, the comments' part, the chat's part; cargo has nothing to compile; wasm-bindgen and wasm-opt run again): ${ms(trunkMs)}, counted in every "with Trunk" figure. \`make dist\` runs these builds only when something they read changed (the Makefile's TRUNK_INPUTS: the code, styles, index.html): a rebuild after a change of content alone costs the "outside Trunk" figure and make's up-to-date checks. ` +
      "Generated posts (scripts/bench/fixtures.mjs postsData): 6–12 of the demo articles' paragraphs each (2–4 kB of HTML; the seed article's is 2.2 kB), a subheading, a quarter with a featured image, one or two of four categories (40/30/20/10%), half with a tag, one a day, 10 posts per listing page; comments (1–6, some replies) on a third of the posts, prerendered with them. " +
      "Pages written: every post, home page, category, tag and author page, every year and month page and the first page of every day (the prerenderer's own count). API requests: as the prerenderer counts them (list pages are cut from the posts, not asked for). Crawl and render: the prerenderer's own timings; prerender: wall time of target/prerender/prerender (Cargo.toml's `prerender` profile, as scripts/prerender.sh builds it; rendering on every core) reading the dev API on this machine (target/release/devapi); peak memory: its maximum resident set (GNU time). " +
      "Postbuild: wall time of scripts/postbuild.mjs (brotli 11 / gzip 9 for the app's files, brotli 7 / gzip 6 for pages, feeds and sitemap, only for files newer than their copies). " +
      "Rebuilds: the same bundle built again (`dist/.prerender/`): after one post's title and text were edited (its modified_gmt moved), and after one comment was approved on another post (only its page is rendered again). " +
      "HTML files: the pages plus shell.html and 404.html; bundle size: every file of the bundle, with its .br and .gz copies, as uploaded to a host.",
  ].join("\n"));

  const machine = [
    `- Date: ${stamp}`,
    `- Machine: ${availableParallelism()} CPUs (nproc), ${cpuModel}; load average at start ${load0}, at end ${loadavg().map((x) => x.toFixed(2)).join(", ")}`,
    `- Prerenderer: target/${PRERENDER_PROFILE}/prerender of ${statSync(prerenderBin()).mtime.toISOString().slice(0, 16).replace("T", " ")} UTC; dev API target/release/devapi of ${statSync(artifact("release", "devapi")).mtime.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `- Browser: Chromium ${chromiumVersion} (Debian), headless, --disable-gpu; Node ${process.version}`,
    `- Bundle: ${sizes.slice(1).map((r) => r.path).join(", ")}; prerendered for this run from its dev API: ${build.log.replace(/^prerender: /, "").replace(/ from http\S+/, "")}`,
    `- Duration: ${Math.round((Date.now() - started) / 1000)} s`,
  ].join("\n");
  const method = [
    `Phone profile: ${PHONE.viewport.width}×${PHONE.viewport.height} mobile viewport at DPR ${PHONE.deviceScaleFactor}, CPU slowed ${CPU_SLOWDOWN}× (Emulation.setCPUThrottlingRate), ${NETWORK.latency} ms round trip, 1.6 Mbit/s down, 750 kbit/s up (Network.emulateNetworkConditions, applied per request), HTTP cache disabled, a fresh browser context per run. ` +
      "The bench prerenders its own copy of Trunk's bundle from dist/ against its dev API (target/prerender/prerender, then scripts/postbuild.mjs; dist/ itself links to the API it was built with) and serves it with scripts/bench/server.mjs: brotli (quality 11, precompressed; API JSON at quality 5 on the fly), /a/ answered by a/index.html, other paths by shell.html, /wp-json and /wp-content proxied to the dev API (same origin, as behind a CDN; the dev API runs with --public-origin set to the site). " +
      "The prerendered article is /" + SEED + "/ as built; the fallback path is the same URL from a second instance of the server that ignores the prerendered pages, so the shell renders the article in the browser, as for a post published after the build. " +
      "The static limit is the seed article generated from devapi/data/site.json with the app's markup and the same CSS file, no script, from the same server. " +
      "LCP, FCP, CLS (layout shifts without recent input), long tasks and Event Timing come from PerformanceObservers installed before any page script; LCP is read 1 s after the article text is visible, the app has started (TrunkApplicationStarted; on a prerendered page, the comments' part has put its section in place) and the comments heading has its count. " +
      "TBT is the sum over 50 ms of long tasks ending after FCP, up to that moment (no TTI cut-off). Bytes are the sum of CDP Network.loadingFinished encodedDataLength for 127.0.0.1 (headers included); avatars on gravatar.com are failed by a host resolver rule and not counted. " +
      "Comment threads are generated posts (about half top-level, replies up to 3 levels below) in a copy of the site data served by target/release/devapi --flood-seconds 0; JS heap is Performance.getMetrics JSHeapUsedSize after a forced GC (WASM linear memory is not in it and is shown apart).",
    "",
    "Lighthouse's mobile profile (simulated throttling) measures the same pages in its own way: see its section below; the two ways' milliseconds are not comparable, their ratios to the limit are.",
  ].join("\n");
  const generated = `<!-- bench:begin (generated by scripts/bench/bench.mjs; edits here are overwritten) -->\n\n## Latest run\n\n${machine}\n\n### Method\n\n${method}\n\n${report.join("\n")}\n<!-- bench:end -->\n`;
  const mdPath = join(ROOT, "BENCHMARKS.md");
  const intro = `# Benchmarks

\`make bench\` measures the release build as a reader on a mid-range phone gets
it: an article prerendered at build time (what a published post serves), the
same article through the fallback path (the app's shell rendering it in the
browser, as for a post published after the build), and the fastest possible
version of the same article (one static HTML page, the limit). It also checks
that long comment threads and typing a comment stay cheap, and what
prerendering costs at build time for 10, 100 and 1,000 posts.
The figures below are overwritten by every run; compare runs made on the same
machine only, and distrust runs made while something else was busy (the load
average is recorded). The byte budget is enforced by
\`tests/e2e/budget.test.mjs\` (part of \`make test\`).

`;
  const old = existsSync(mdPath) ? readFileSync(mdPath, "utf8") : intro;
  const body = /<!-- bench:begin[\s\S]*<!-- bench:end -->\n?/.test(old)
    ? old.replace(/<!-- bench:begin[\s\S]*<!-- bench:end -->\n?/, generated)
    : old.trimEnd() + "\n\n" + generated;
  writeFileSync(mdPath, body);
  console.log(`\n${machine}\n\nwritten: BENCHMARKS.md`);
} finally {
  await browser.close();
  await site.close();
  await fallback.close();
  await site100.close();
  await api.stop();
  rmSync(tmp, { recursive: true, force: true });
}
