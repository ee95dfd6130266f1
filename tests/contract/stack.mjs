// Shared set-up for the contract tests: where the real WordPress is (started
// by scripts/wordpress/setup.sh + seed.sh), and fresh dev API processes.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { shellCopy } from "../../scripts/bench/build.mjs";
import { artifact } from "../../scripts/lib/target-dir.mjs";
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import { freePort, startDevapi as startHarnessDevapi, stopProcess } from "../e2e/harness.mjs";

export { freePort };

export const ROOT = resolve(import.meta.dirname, "../..");
export const DEVAPI = artifact("release", "devapi");
export const DIST = join(ROOT, "dist");
export const WP_URL = process.env.WP_URL ?? `http://127.0.0.1:${process.env.WP_PORT ?? 8891}`;

/** Starts target/release/devapi with `args` (plus a free --port); resolves to { proc, url, stop }. */
export async function startDevapi(args) {
  const port = await freePort();
  const proc = await startHarnessDevapi(["--port", String(port), ...args]);
  return { proc, url: `http://127.0.0.1:${port}`, stop: () => stopProcess(proc) };
}

/** A fresh dev API (empty comment store) with the given flood window. */
export function freshDevapi(floodSeconds) {
  const store = join(mkdtempSync(join(tmpdir(), "blog-contract-")), "comments.jsonl");
  return startDevapi(["--store", store, "--flood-seconds", String(floodSeconds)]);
}

/** Fails early, in words, when WordPress is not there. */
export async function requireWordPress() {
  let res;
  try {
    res = await fetch(`${WP_URL}/wp-json/`);
  } catch (e) {
    throw new Error(`no WordPress at ${WP_URL} (${e.cause?.code ?? e.message}): run scripts/wordpress/setup.sh and seed.sh, or make test-contract`);
  }
  if (res.status !== 200) throw new Error(`GET ${WP_URL}/wp-json/ answered ${res.status}`);
}

/**
 * The release build's app reading this WordPress, and a browser: a
 * client-rendered copy of dist/ (every path gets the shell) served by the dev
 * API binary in static mode, its config pointing at WordPress. Not dist/'s
 * prerendered pages: they were built from the dev API's demo content, so they
 * would test the build's data, not the app reading WordPress. Resolves to
 * `{ url, browser, stop }`.
 */
export async function appOnWordPress() {
  await requireWordPress();
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run 'make dist'");
  const spa = shellCopy(DIST, mkdtempSync(join(tmpdir(), "contract-spa-")));
  const site = await startDevapi(["--static", spa, "--no-api", "--api-base", `${WP_URL}/wp-json`]);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  return {
    url: site.url,
    browser,
    async stop() {
      await browser.close();
      await site.stop();
      rmSync(spa, { recursive: true, force: true });
    },
  };
}
