// Shared set-up for the contract tests: where the real WordPress is (started
// by scripts/wordpress/setup.sh + seed.sh), and fresh dev API processes.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, startDevapi as startHarnessDevapi, stopProcess } from "../e2e/harness.mjs";

export { freePort };

export const ROOT = resolve(import.meta.dirname, "../..");
export const DEVAPI = join(ROOT, "target/release/devapi");
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
