// Where the interactive part's start spends its main-thread time: loads the
// prerendered seed article on the bench's phone profile, scrolls to the
// comments, records a Chromium trace and prints the long tasks with the
// trace events inside them (compile, script, style, layout, paint),
// grouped. A diagnostic for issue 14's "longest task" figure. With --chat,
// the same for pressing the chat launcher (the chat's part). With
// --thread N, the comments' part on a post with a generated thread of N
// comments (the bench's fixture) instead of the seed article.
//
//   node scripts/bench/profile-part.mjs [runs] [--chat | --thread N]   (needs make dist, devapi release)
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { prerender, shellCopy } from "./build.mjs";
import { startDevapi } from "./devapi.mjs";
import { commentsData } from "./fixtures.mjs";
import { freePort, startSite } from "./server.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const SEED = "therapist-client-connection";
const { chromium } = createRequire(join(ROOT, "tests/e2e/package.json"))("playwright-core");
const args = process.argv.slice(2);
const threadAt = args.indexOf("--thread");
const THREAD = threadAt >= 0 ? Number(args[threadAt + 1]) : 0;
const RUNS = Number(args.find((a, i) => /^\d+$/.test(a) && i !== threadAt + 1) ?? 3);
const CHAT = args.includes("--chat");

const tmp = mkdtempSync(join(tmpdir(), "blog-profile-"));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const data = THREAD ? commentsData({ sitePath: join(ROOT, "devapi/data/site.json"), outPath: join(tmp, "site.json"), sizes: [THREAD] }) : null;
const slug = data ? data.posts[0].slug : SEED;
const api = await startDevapi(["--data", data ? data.path : join(ROOT, "devapi/data/site.json"), "--store", join(tmp, "c.jsonl"), "--flood-seconds", "0", "--public-origin", origin]);
const dir = shellCopy(join(ROOT, "dist"), join(tmp, "dist"));
prerender({ dir, api: `${api.url}/wp-json`, siteUrl: origin });
const site = await startSite({ root: dir, apiUrl: api.url, port });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"] });
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`${site.url}/${slug}/`, { waitUntil: "load" });
    await page.waitForTimeout(1000);
    const events = [];
    cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
    const done = new Promise((ok) => cdp.once("Tracing.tracingComplete", ok));
    await cdp.send("Tracing.start", { categories: "devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,blink.user_timing", transferMode: "ReportEvents" });
    if (CHAT) {
      await page.waitForTimeout(3000); // the launcher's delay
      await page.locator("#prerendered .chat-launcher").click();
      await page.waitForSelector('#prerendered[data-interactive~="chat"]', { timeout: 60000 });
    } else {
      await page.evaluate(() => document.querySelector(".comments").scrollIntoView({ block: "start" }));
      await page.waitForSelector('#prerendered[data-interactive~="comments"]', { timeout: 60000 });
    }
    await page.waitForTimeout(3000);
    await cdp.send("Tracing.end");
    await done;
    const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
    const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
    const tasks = mine.filter((e) => e.name === "RunTask" && e.dur > 50000 / 4).sort((a, b) => a.ts - b.ts);
    console.log(`run ${run + 1}: ${tasks.length} tasks over 12.5 ms (unthrottled scale; CPU 4x)`);
    for (const t of tasks) {
      const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
      // Top-level children only: events not inside another child.
      const top = inside.filter((e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
      const by = new Map();
      for (const e of top) by.set(e.name, (by.get(e.name) ?? 0) + e.dur);
      const parts = [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(", ");
      console.log(`  ${(t.dur / 1000).toFixed(1)} ms: ${parts}`);
      if (t.dur > 150000) {
        // The biggest: its direct children in order, with gaps.
        let at = t.ts;
        for (const e of top.sort((a, b) => a.ts - b.ts)) {
          if (e.dur < 1000) continue;
          console.log(`      +${((e.ts - t.ts) / 1000).toFixed(1)} gap ${((e.ts - at) / 1000).toFixed(1)} ${e.name} ${(e.dur / 1000).toFixed(1)}`);
          at = Math.max(at, e.ts + e.dur);
        }
        console.log(`      end gap ${((t.ts + t.dur - at) / 1000).toFixed(1)}`);
      }
      const fc = inside.filter((e) => /FunctionCall|v8.callFunction|EvaluateScript|v8.run|v8.compile|wasm/i.test(e.name));
      for (const e of fc.sort((a, b) => b.dur - a.dur).slice(0, 6)) console.log(`      ${e.name} ${(e.dur / 1000).toFixed(1)} ms ${JSON.stringify(e.args?.data?.functionName ?? e.args?.data?.url ?? e.args?.fileName ?? "").slice(0, 80)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.close?.();
  await api.stop();
  rmSync(tmp, { recursive: true, force: true });
}
