// Shared set-up for the end-to-end tests: the real release build (dist/),
// served by the dev API binary in static mode on one port, the dev API on
// another (so the app talks to it cross-origin, with CORS, as a CDN-hosted
// site talks to its WordPress), and Debian's headless Chromium.
//
// dist/ is prerendered against a dev API on a fixed port, so its pages are
// not served as they are. By default a stack serves the client-rendered copy
// of the bundle (what a build that could not reach its API ships); with
// `prerender: true` it prerenders a fresh copy against its own API.
import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { artifact, prerenderBin } from "../../scripts/lib/target-dir.mjs";
import { shellCopy } from "../../scripts/lib/shell-copy.mjs";

export const ROOT = resolve(import.meta.dirname, "../..");
const DEVAPI = artifact("release", "devapi");
const PRERENDER = prerenderBin();
const DIST = join(ROOT, "dist");
const DATA = join(ROOT, "devapi/data");
/** Bundles built for this run; one folder per test process, named by its pid. */
const BUNDLES = join(ROOT, "target/e2e");
const run = promisify(execFile);

export async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Starts the devapi binary and resolves once it says it is listening. */
export async function startDevapi(args) {
  if (!existsSync(DEVAPI)) throw new Error(`${DEVAPI} is missing: run 'cargo build -p devapi --release'`);
  const proc = spawn(DEVAPI, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`devapi did not start: ${log}`)), 15000);
    const onData = (chunk) => {
      log += chunk;
      if (log.includes("listening on")) {
        clearTimeout(timer);
        ok();
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`devapi exited with ${code}: ${log}`));
    });
  });
  proc.removeAllListeners("exit");
  return proc;
}

/** Removes bundles left by test processes that are gone. */
function pruneBundles(kind) {
  const dir = join(BUNDLES, kind);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = Number(name.split("-")[0]);
    let alive = pid === process.pid;
    if (!alive && pid > 0) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = e.code === "EPERM";
      }
    }
    if (!alive) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * A fresh `dir` with dist/'s top-level files only: no prerendered pages (they
 * are folders), no .br/.gz, and the app's shell as index.html. That is the
 * bundle a build ships when the prerenderer cannot read its API.
 */
const copyShellBundle = (dir) => shellCopy(DIST, dir);

let spaBundle;
/** The client-rendered bundle, built once per process. */
export function clientRenderedBundle() {
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run 'make dist'");
  if (!spaBundle) {
    pruneBundles("spa");
    spaBundle = join(BUNDLES, "spa", String(process.pid));
    copyShellBundle(spaBundle);
  }
  return spaBundle;
}

let prerenderedCount = 0;
/**
 * A prerendered bundle, as `make dist` builds it (scripts/prerender.sh, then
 * postbuild), read from `api` and published at `siteUrl`. Returns the
 * prerenderer's report; throws unless it wrote pages.
 */
async function prerenderBundle(dir, api, siteUrl) {
  if (!existsSync(PRERENDER)) throw new Error(`${PRERENDER} is missing: run 'cargo build --profile prerender --no-default-features --features ssr --bin prerender' (make dist)`);
  copyShellBundle(dir);
  const { stdout, stderr } = await run(PRERENDER, ["--api", api, "--dist", dir, "--site-url", siteUrl], { maxBuffer: 64 << 20 });
  const report = `${stdout}${stderr}`.trim();
  // The prerenderer exits 0 when it cannot read the API: that must not pass.
  if (!/prerender: \d+ pages from/.test(report) || /NOT PRERENDERED/.test(report)) throw new Error(`nothing prerendered:\n${report}`);
  await run(process.execPath, [join(ROOT, "scripts/postbuild.mjs"), dir]);
  return report;
}

/**
 * The demo content plus `posts` ({ slug, title, content }), as a data file
 * for `devapi --data`. Unlike POST /__test/posts, which the API answers by
 * slug but never lists, these are listed like any post, so the prerenderer
 * finds them. Published in Practice Notes by Nidhi, newest first.
 */
function contentWith(posts) {
  for (const p of posts) {
    if (typeof p.slug !== "string" || typeof p.title !== "string" || typeof p.content !== "string") {
      throw new Error(`a post needs slug, title and content strings: ${JSON.stringify(p).slice(0, 200)}`);
    }
  }
  const site = JSON.parse(readFileSync(join(DATA, "site.json"), "utf8"));
  const start = Date.parse("2024-01-01T00:00:00Z");
  site.posts.push(
    ...posts.map((p, i) => ({
      id: 5000 + i,
      slug: p.slug,
      title: p.title,
      date: new Date(start + i * 60000).toISOString().slice(0, 19),
      author: 2,
      categories: [3],
      content: p.content,
    })),
  );
  const dir = mkdtempSync(join(tmpdir(), "blog-e2e-data-"));
  writeFileSync(join(dir, "site.json"), JSON.stringify(site));
  // Uploads are read next to the data file.
  symlinkSync(join(DATA, "uploads"), join(dir, "uploads"));
  return join(dir, "site.json");
}

export async function stopProcess(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode) return;
  await new Promise((ok) => {
    proc.once("exit", ok);
    proc.kill("SIGTERM");
    setTimeout(() => proc.kill("SIGKILL"), 5000).unref();
  });
}

/**
 * The whole stack: `site` (static bundle), `api` (dev API with test control),
 * and a browser. `stopApi()` / `startApi()` take the API down and bring it
 * back on the same port with the same store.
 *
 * `prerender: true` serves a bundle prerendered against this stack's API
 * (canonical URLs name `siteUrl`), after `beforePrerender(stack)` has had the
 * chance to add content; `posts` ({ slug, title, content }) are added to the
 * API's content before it starts; `apiArgs` are more of the dev API's
 * arguments (`--permalinks day`). Without it the site is client-rendered.
 */
export async function startStack({ floodSeconds = 0, prerender = false, beforePrerender, posts, apiArgs: moreApiArgs = [] } = {}) {
  const apiPort = await freePort();
  const sitePort = await freePort();
  const store = join(mkdtempSync(join(tmpdir(), "blog-e2e-")), "comments.jsonl");
  const apiArgs = ["--port", String(apiPort), "--store", store, "--test-control", "--flood-seconds", String(floodSeconds), ...moreApiArgs];
  if (posts?.length) apiArgs.push("--data", contentWith(posts));
  let bundle;
  if (prerender) {
    if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run 'make dist'");
    pruneBundles("prerendered");
    bundle = join(BUNDLES, "prerendered", `${process.pid}-${++prerenderedCount}`);
  } else {
    bundle = clientRenderedBundle();
  }
  const siteArgs = (port) => [
    "--port", String(port), "--static", bundle, "--no-api",
    "--api-base", `http://127.0.0.1:${apiPort}/wp-json`,
  ];
  const stack = {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    siteUrl: `http://127.0.0.1:${sitePort}`,
    /** The folder the site serves. */
    bundle,
    /** What the prerenderer said, when it ran. */
    prerenderReport: null,
    api: null,
    site: null,
    browser: null,
    async stopApi() {
      await stopProcess(stack.api);
      stack.api = null;
    },
    async startApi() {
      stack.api = await startDevapi(apiArgs);
    },
    async fault(body) {
      const res = await fetch(`${stack.apiUrl}/__test/fault`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`fault injection failed: ${res.status}`);
    },
    async clearFaults() {
      await fetch(`${stack.apiUrl}/__test/clear`, { method: "POST" });
    },
    /** POST /__test/posts or /__test/comments; resolves to the new id. */
    async control(path, body) {
      const res = await fetch(`${stack.apiUrl}/__test/${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status !== 201) throw new Error(`/__test/${path}: ${res.status} ${JSON.stringify(json)}`);
      return json.id;
    },
    /** A fresh page (own context: no shared storage) that records what went wrong. */
    async newPage(options = {}) {
      const context = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, ...options });
      const page = await context.newPage();
      page.problems = [];
      // The site is served with its real CSP (dist/_headers): any violation
      // is a failure of the test that caused it, and of the run.
      await context.exposeBinding("__reportCspViolation", (_source, text) => {
        page.problems.push(`csp: ${text}`);
        stack.cspViolations.push(text);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) =>
          window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`),
        );
      });
      page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
      page.on("dialog", (d) => {
        page.problems.push(`dialog: ${d.type()} ${d.message()}`);
        d.dismiss().catch(() => {});
      });
      return page;
    },
    /** Another static server of the same bundle whose config block gets `extra` keys. */
    async siteWith(extra) {
      const port = await freePort();
      stack.extraSites.push(await startDevapi([...siteArgs(port), "--site-config", JSON.stringify(extra)]));
      return `http://127.0.0.1:${port}`;
    },
    extraSites: [],
    cspViolations: [],
    async stop() {
      await stack.browser?.close();
      if (stack.cspViolations.length) {
        console.error(`CSP violations:\n${stack.cspViolations.join("\n")}`);
      }
      for (const site of stack.extraSites) await stopProcess(site);
      await stopProcess(stack.site);
      await stopProcess(stack.api);
    },
  };
  try {
    stack.api = await startDevapi(apiArgs);
    // The site holds its port from now on; it reads files per request, so
    // the bundle can be built after it starts.
    if (prerender) mkdirSync(bundle, { recursive: true });
    stack.site = await startDevapi(siteArgs(sitePort));
    if (prerender) {
      await beforePrerender?.(stack);
      stack.prerenderReport = await prerenderBundle(bundle, `${stack.apiUrl}/wp-json`, stack.siteUrl);
    }
    stack.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
      ],
    });
  } catch (e) {
    await stack.stop();
    throw e;
  }
  return stack;
}

/** Waits for a client-side navigation (pushState fires no load event). */
/**
 * Holds the page's WASM (every request for it) from `close()` until
 * `release()`: the prerendered page alone, for as long as a test needs it,
 * instead of a guessed delay.
 */
export async function wasmGate(page) {
  let opened = Promise.resolve();
  const gate = {
    requested: 0,
    release: () => {},
    close() {
      opened = new Promise((ok) => (gate.release = ok));
    },
  };
  await page.route(/_bg\.wasm(\?.*)?$/, async (route) => {
    gate.requested += 1;
    await opened;
    await route.fallback().catch(() => {}); // the page may be gone
  });
  return gate;
}

export async function waitForPath(page, url) {
  await page.waitForURL(url, { waitUntil: "commit" });
}
