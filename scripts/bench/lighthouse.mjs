// Lighthouse's mobile profile (simulated throttling: a Moto G Power, 4× CPU,
// slow 4G), the other way issue 14 asks the LCP figures in: the bench's own
// runs throttle for real (DevTools), Lighthouse loads the page unthrottled
// and computes what the phone would get. Both against the same server in
// the same run, so their ratios to the static limit can be set side by side.
// Installed by `scripts/setup.sh bench` (scripts/bench/package.json), never
// by `make test`: it is a measuring tool, not part of the bundle or the suite.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CLI = join(import.meta.dirname, "node_modules/.bin/lighthouse");

/** One Lighthouse run of `url` (performance only, mobile, simulated). */
function once(url, { chromium, chromeFlags }) {
  const dir = mkdtempSync(join(tmpdir(), "blog-lighthouse-"));
  const out = join(dir, "report.json");
  return new Promise((resolve, reject) => {
    execFile(
      CLI,
      [url, "--only-categories=performance", "--output=json", `--output-path=${out}`, "--quiet", `--chrome-flags=${chromeFlags.join(" ")}`],
      { env: { ...process.env, CHROME_PATH: chromium }, timeout: 120_000 },
      (err) => {
        try {
          if (err) throw err;
          const report = JSON.parse(readFileSync(out, "utf8"));
          if (report.runtimeError) throw new Error(`Lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`);
          const value = (id) => report.audits[id]?.numericValue;
          resolve({
            lcp: value("largest-contentful-paint"),
            fcp: value("first-contentful-paint"),
            tbt: value("total-blocking-time"),
            cls: value("cumulative-layout-shift"),
            bytes: value("total-byte-weight"),
            settings: `${report.configSettings.formFactor}, ${report.configSettings.throttlingMethod} throttling`,
            version: report.lighthouseVersion,
          });
        } catch (e) {
          reject(e);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  });
}

/**
 * `runs` Lighthouse runs of each of `pages` ({ name: url }), taking turns
 * so that a busy moment of the machine hits every page alike.
 * Returns { name: [result, …] }.
 */
export async function lighthouseRuns(pages, runs, options) {
  const results = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, url] of Object.entries(pages)) results[name].push(await once(url, options));
  }
  return results;
}
