// Starts target/release/devapi on a free port with the given arguments.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { artifact } from "../lib/target-dir.mjs";

const DEVAPI = artifact("release", "devapi");

/** Resolves to { url, stop } once the dev API listens. */
export async function startDevapi(args) {
  if (!existsSync(DEVAPI)) throw new Error(`${DEVAPI} is missing: run 'cargo build -p devapi --release'`);
  const proc = spawn(DEVAPI, ["--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`devapi did not start: ${log}`)), 30000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (?:http:\/\/)?([\d.]+:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        ok(`http://${m[1]}`);
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.once("exit", (code) => fail(new Error(`devapi exited with ${code}: ${log}`)));
  });
  proc.removeAllListeners("exit");
  return { url, stop: () => new Promise((ok) => (proc.exitCode !== null ? ok() : (proc.once("exit", ok), proc.kill("SIGTERM")))) };
}
