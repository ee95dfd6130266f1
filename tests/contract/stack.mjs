// Shared set-up for the contract tests: where the real WordPress is (started
// by scripts/wordpress/setup.sh + seed.sh), and fresh dev API processes.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const DEVAPI = join(ROOT, "target/release/devapi");
export const DIST = join(ROOT, "dist");
export const WP_URL = process.env.WP_URL ?? `http://127.0.0.1:${process.env.WP_PORT ?? 8891}`;

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

/** Starts target/release/devapi with `args` (plus a free --port); resolves to { proc, url }. */
export async function startDevapi(args) {
  if (!existsSync(DEVAPI)) throw new Error(`${DEVAPI} is missing: run 'cargo build -p devapi --release'`);
  const port = await freePort();
  const proc = spawn(DEVAPI, ["--port", String(port), ...args], { stdio: ["ignore", "pipe", "pipe"] });
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
  return {
    proc,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode) return;
      await new Promise((ok) => {
        proc.once("exit", ok);
        proc.kill("SIGTERM");
        setTimeout(() => proc.kill("SIGKILL"), 5000).unref();
      });
    },
  };
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
