// The build step the bench depends on, run against the bench's own dev API:
// a fresh copy of Trunk's bundle, prerendered (target/prerender/prerender) and
// finished by scripts/postbuild.mjs, as `make dist` does. dist/ itself links
// to the API it was built against, so it cannot be served as is. Also: build
// time and bundle size for sites of 10, 100 and 1,000 posts.
//
//   node scripts/bench/build.mjs     # the build figures alone
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { writePartPages } from "../part-pages.mjs";
import { prerenderBin } from "../lib/target-dir.mjs";
import { shellCopy } from "../lib/shell-copy.mjs";
import { startDevapi } from "./devapi.mjs";
import { postsData } from "./fixtures.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const PRERENDER = prerenderBin();

/** Trunk's bundle from dist/, as a prerender starts from it. */
export { shellCopy };

const timed = (cmd, args) => {
  const t0 = performance.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stderr}`);
  const peakKb = Number(/maxrss (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return { ms: performance.now() - t0, stdout: result.stdout, peakKb };
};

/** Prerenders `dir` from `api` (the REST root) for a site at `siteUrl`, then postbuild. */
export function prerender({ dir, api, siteUrl }) {
  if (!existsSync(PRERENDER)) throw new Error(`${PRERENDER} is missing: run 'cargo build --profile prerender --no-default-features --features ssr --bin prerender' (make dist)`);
  // GNU time's %M: the prerenderer's peak resident memory, in kB.
  const pre = timed("/usr/bin/time", ["-f", "maxrss %M", PRERENDER, "--api", api, "--dist", dir, "--site-url", siteUrl]);
  // The prerenderer exits 0 without writing anything when the API cannot be read.
  if (/NOT PRERENDERED/.test(pre.stdout)) throw new Error(`prerender wrote nothing:\n${pre.stdout}`);
  const post = timed(process.execPath, [join(ROOT, "scripts/postbuild.mjs"), dir]);
  const line = pre.stdout.split("\n").find((l) => /^prerender: \d+ pages from/.test(l)) ?? "";
  const num = (re) => Number(re.exec(line)?.[1] ?? NaN);
  return {
    peakMb: pre.peakKb / 1000,
    prerenderMs: pre.ms,
    postbuildMs: post.ms,
    log: pre.stdout.trim(),
    requests: num(/\((\d+) requests/),
    crawlMs: num(/requests, ([\d.]+) s[,;]/) * 1000,
    renderMs: num(/rendered \d+ in ([\d.]+) s/) * 1000,
    rendered: num(/rendered (\d+) in/),
    compressed: Number(/\((\d+) made now/.exec(post.stdout)?.[1] ?? NaN),
  };
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
 * fresh shell copy prerendered from it (the full build), timed and
 * measured; then the rebuilds over the same bundle, as `make dist` run
 * again does: after one post is edited, and after one comment is approved
 * (`idle`: the post it is on is rendered again).
 */
export async function buildFigures({ dist, sitePath, counts, tmp }) {
  const out = [];
  for (const count of counts) {
    const data = postsData({ sitePath, outPath: join(tmp, `posts-${count}.json`), count });
    const apiArgs = ["--data", data, "--store", join(tmp, `posts-${count}.jsonl`), "--public-origin", "https://blog.example.org"];
    let api = await startDevapi(apiArgs);
    const dir = shellCopy(dist, join(tmp, `dist-${count}`));
    try {
      const run = prerender({ dir, api: `${api.url}/wp-json`, siteUrl: "https://blog.example.org" });
      const files = walk(dir);
      const html = files.filter((f) => f.name.endsWith(".html"));
      const htmlBr = files.filter((f) => f.name.endsWith(".html.br"));
      const row = {
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
      };
      // One post edited in WordPress: its text and title change, its
      // modified_gmt moves. The API restarts with it (another port).
      await api.stop();
      const site = JSON.parse(readFileSync(data, "utf8"));
      const edited = site.posts[Math.floor(count / 2)];
      edited.title += " (edited)";
      edited.content = edited.content.replace("<p>", "<p>Edited: ");
      edited.modified = "2025-06-01T12:00:00";
      writeFileSync(data, JSON.stringify(site));
      api = await startDevapi(apiArgs);
      row.edit = prerender({ dir, api: `${api.url}/wp-json`, siteUrl: "https://blog.example.org" });
      // One comment approved: the post it is on shows it, nothing else moves.
      await api.stop();
      const commented = site.posts[Math.floor(count / 3)];
      site.comments.push({ id: 999999, post: commented.id, parent: 0, author_name: "A new reader", author_email: "new@example.com", date: commented.date, content: "Approved after the build.", status: "approved" });
      writeFileSync(data, JSON.stringify(site));
      api = await startDevapi(apiArgs);
      row.idle = prerender({ dir, api: `${api.url}/wp-json`, siteUrl: "https://blog.example.org" });
      out.push(row);
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

/**
 * The Trunk builds of an unchanged tree (the app's and each part's, as
 * `make dist` runs them), into a scratch folder: the step every build pays.
 */
export function trunkStep(tmp) {
  const t0 = performance.now();
  const pages = [["index.html", "trunk-dist"], ...writePartPages(join(tmp, "part-pages")).map((page) => [page, `trunk-${basename(page, ".html")}`])];
  for (const [page, out] of pages) {
    const result = spawnSync("trunk", ["build", "--release", "--dist", join(tmp, out), page], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
    if (result.status !== 0) return NaN;
  }
  return performance.now() - t0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tmp = mkdtempSync(join(tmpdir(), "blog-build-"));
  const rows = await buildFigures({ dist: join(ROOT, "dist"), sitePath: join(ROOT, "devapi/data/site.json"), counts: process.argv.slice(2).map(Number).filter(Boolean).length ? process.argv.slice(2).map(Number) : [1000, 3000, 10000], tmp });
  for (const r of rows) {
    const brief = (b) => ({ ...b, log: undefined });
    console.log(JSON.stringify({ ...r, log: undefined, edit: brief(r.edit), idle: brief(r.idle) }), "\n ", r.log, "\n ", r.edit.log, "\n ", r.idle.log);
  }
  rmSync(tmp, { recursive: true, force: true });
}
