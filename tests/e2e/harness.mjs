// Shared set-up for the end-to-end tests: the real release build (dist/),
// served by the dev API binary in static mode on one port, the dev API on
// another (so the app talks to it cross-origin, with CORS, as a CDN-hosted
// site talks to its WordPress), and Debian's headless Chromium.
import { spawn } from "node:child_process";
import { mkdtempSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
const DEVAPI = join(ROOT, "target/release/devapi");
const DIST = join(ROOT, "dist");

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

export async function stopProcess(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode) return;
  await new Promise((ok) => {
    proc.once("exit", ok);
    proc.kill("SIGTERM");
    setTimeout(() => proc.kill("SIGKILL"), 5000).unref();
  });
}

/**
 * The whole stack: `site` (static dist), `api` (dev API with test control),
 * and a browser. `stopApi()` / `startApi()` take the API down and bring it
 * back on the same port with the same store.
 */
export async function startStack({ floodSeconds = 0 } = {}) {
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run 'make dist'");
  const apiPort = await freePort();
  const sitePort = await freePort();
  const store = join(mkdtempSync(join(tmpdir(), "blog-e2e-")), "comments.jsonl");
  const apiArgs = ["--port", String(apiPort), "--store", store, "--test-control", "--flood-seconds", String(floodSeconds)];
  const stack = {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    siteUrl: `http://127.0.0.1:${sitePort}`,
    api: await startDevapi(apiArgs),
    site: await startDevapi([
      "--port", String(sitePort), "--static", DIST, "--no-api",
      "--api-base", `http://127.0.0.1:${apiPort}/wp-json`,
    ]),
    browser: await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
      ],
    }),
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
    /** Another static server of dist/ whose config block gets `extra` keys. */
    async siteWith(extra) {
      const port = await freePort();
      stack.extraSites.push(await startDevapi([
        "--port", String(port), "--static", DIST, "--no-api",
        "--api-base", `http://127.0.0.1:${apiPort}/wp-json`, "--site-config", JSON.stringify(extra),
      ]));
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
  return stack;
}

/** Waits for a client-side navigation (pushState fires no load event). */
export async function waitForPath(page, url) {
  await page.waitForURL(url, { waitUntil: "commit" });
}
