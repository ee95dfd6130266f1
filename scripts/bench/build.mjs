// The build step the bench depends on, run against the bench's own dev API:
// a fresh copy of Trunk's bundle, prerendered (target/debug/prerender) and
// finished by scripts/postbuild.mjs, as `make dist` does. dist/ itself links
// to the API it was built against, so it cannot be served as is. Also: build
// time and bundle size for sites of 10, 100 and 1,000 posts.
//
//   node scripts/bench/build.mjs     # the build figures alone
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startDevapi } from "./devapi.mjs";
import { postsData } from "./fixtures.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const PRERENDER = join(ROOT, "target/debug/prerender");

/** Trunk's bundle from dist/: its top-level files, index.html back to the app's shell, no .br/.gz. */
export function shellCopy(dist, out) {
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(dist)) {
    if (/\.(br|gz)$/.test(name) || !statSync(join(dist, name)).isFile()) continue;
    copyFileSync(join(dist, name), join(out, name));
  }
  // A bundle built with PRERENDER=0 has no shell.html: its index.html is the shell.
  if (existsSync(join(out, "shell.html"))) copyFileSync(join(out, "shell.html"), join(out, "index.html"));
  return out;
}

const timed = (cmd, args) => {
  const t0 = performance.now();
  const stdout = execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return { ms: performance.now() - t0, stdout };
};

/** Prerenders `dir` from `api` (the REST root) for a site at `siteUrl`, then postbuild. */
export function prerender({ dir, api, siteUrl }) {
  if (!existsSync(PRERENDER)) throw new Error(`${PRERENDER} is missing: run 'cargo build --no-default-features --features ssr --bin prerender'`);
  const pre = timed(PRERENDER, ["--api", api, "--dist", dir, "--site-url", siteUrl]);
  // The prerenderer exits 0 without writing anything when the API cannot be read.
  if (/NOT PRERENDERED/.test(pre.stdout)) throw new Error(`prerender wrote nothing:\n${pre.stdout}`);
  const post = timed(process.execPath, [join(ROOT, "scripts/postbuild.mjs"), dir]);
  return { prerenderMs: pre.ms, postbuildMs: post.ms, log: pre.stdout.trim() };
}

/** Files under `dir`, with their sizes. */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path);
    return st.isDirectory() ? walk(path) : [{ path, name, size: st.size }];
  });
}

/**
 * For each number of posts: a dev API serving that many generated posts, a
 * fresh shell copy prerendered from it, timed, and measured.
 */
export async function buildFigures({ dist, sitePath, counts, tmp }) {
  const out = [];
  for (const count of counts) {
    const api = await startDevapi(["--data", postsData({ sitePath, outPath: join(tmp, `posts-${count}.json`), count }), "--store", join(tmp, `posts-${count}.jsonl`), "--public-origin", "https://blog.example.org"]);
    const dir = shellCopy(dist, join(tmp, `dist-${count}`));
    try {
      const run = prerender({ dir, api: `${api.url}/wp-json`, siteUrl: "https://blog.example.org" });
      const files = walk(dir);
      const html = files.filter((f) => f.name.endsWith(".html"));
      const htmlBr = files.filter((f) => f.name.endsWith(".html.br"));
      out.push({
        count, ...run,
        pages: html.filter((f) => f.name === "index.html").length,
        files: files.length,
        total: files.reduce((s, f) => s + f.size, 0),
        totalRaw: files.filter((f) => !/\.(br|gz)$/.test(f.name)).reduce((s, f) => s + f.size, 0),
        htmlFiles: html.length,
        htmlRaw: html.reduce((s, f) => s + f.size, 0),
        htmlBr: htmlBr.reduce((s, f) => s + f.size, 0),
        // The API responses each page carries for the app to start from.
        seedRaw: html.reduce((s, f) => s + Buffer.byteLength(/<script type="application\/json" id="blog-seed">([\s\S]*?)<\/script>/.exec(readFileSync(f.path, "utf8"))?.[1] ?? ""), 0),
      });
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tmp = mkdtempSync(join(tmpdir(), "blog-build-"));
  const rows = await buildFigures({ dist: join(ROOT, "dist"), sitePath: join(ROOT, "devapi/data/site.json"), counts: [10, 100, 1000], tmp });
  for (const r of rows) console.log(JSON.stringify({ ...r, log: undefined }), "\n ", r.log);
  rmSync(tmp, { recursive: true, force: true });
}
