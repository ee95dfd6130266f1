// Where cargo puts its artifacts (`target/` unless CARGO_TARGET_DIR or a
// cargo config says otherwise), asked of cargo itself, once per process:
// scripts and tests run target/release/devapi and target/prerender/prerender
// from there.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
let cached;

export function targetDir() {
  if (!cached) {
    try {
      const meta = execFileSync("cargo", ["metadata", "--no-deps", "--format-version", "1"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"] });
      cached = JSON.parse(meta).target_directory;
    } catch {
      cached = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, "target");
    }
  }
  return cached;
}

/** A binary of this workspace: `artifact("release", "devapi")`. */
export const artifact = (profile, name) => join(targetDir(), profile, name);

/**
 * The prerenderer as `make dist` builds it (scripts/prerender.sh): Cargo.toml's
 * `prerender` profile, optimised and built without LTO. PRERENDER_PROFILE
 * names another (`debug`) to compare.
 */
export const PRERENDER_PROFILE = process.env.PRERENDER_PROFILE || "prerender";
export const prerenderBin = () => artifact(PRERENDER_PROFILE, "prerender");
