// Issue 16: where images and media may come from. The bundle's CSP allows
// the API's origin, the https origins the prerendered content uses (as the
// prerenderer found them: dist/media-origins.json) and the config's
// `imageHosts`; configure-dist.mjs re-points a built bundle without a
// rebuild. Real files: a copy of dist/, the real scripts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./harness.mjs";
import { contentMediaSources, imageHostSources } from "../../scripts/lib/headers.mjs";

const run = promisify(execFile);
const DIST = join(ROOT, "dist");

/** The CSP of a bundle's `_headers`, as directive → sources. */
function policyOf(bundle) {
  const line = readFileSync(join(bundle, "_headers"), "utf8").split("\n").find((l) => l.trim().startsWith("Content-Security-Policy:"));
  return Object.fromEntries(
    line.split(":").slice(1).join(":").split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]),
  );
}

test("imageHosts takes host names and https origins, and refuses anything else", () => {
  const warnings = [];
  const sources = imageHostSources(
    { imageHosts: ["cdn.example.org", "https://I0.wp.com/", "*.files.wordpress.com", "http://plain.example", "javascript:alert(1)", "a b", "https://x.example/path"] },
    (w) => warnings.push(w),
  );
  assert.deepEqual(sources, ["https://cdn.example.org", "https://i0.wp.com", "https://*.files.wordpress.com"]);
  assert.equal(warnings.length, 4, warnings.join("\n"));
});

test("content media origins: https ones are allowed, plain http ones reported", () => {
  const warnings = [];
  const sources = contentMediaSources(["https://uploads.example.org", "http://old.example.org", "http://127.0.0.1:8081", "http://api.example:8080"], "http://api.example:8080", (w) => warnings.push(w));
  assert.deepEqual(sources, ["https://uploads.example.org"]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /http:\/\/old\.example\.org/);
  assert.doesNotMatch(warnings[0], /127\.0\.0\.1|api\.example/);
});

test("a built bundle allows its content's media origins and, after configure-dist, the imageHosts given", async () => {
  assert.ok(existsSync(join(DIST, "media-origins.json")), "dist/ was not prerendered: run 'make dist'");
  const bundle = mkdtempSync(join(tmpdir(), "blog-policy-"));
  try {
    cpSync(DIST, bundle, { recursive: true });
    // As if the content came from a WordPress whose uploads live on a CDN.
    writeFileSync(join(bundle, "media-origins.json"), JSON.stringify({ origins: ["https://uploads.example.org", "http://old.example.org"] }));
    await run(process.execPath, [join(ROOT, "scripts/configure-dist.mjs"), bundle, JSON.stringify({ apiBase: "https://cms.example.org/wp-json", imageHosts: ["images.example.net", "http://plain.example"] })]);
    const csp = policyOf(bundle);
    for (const directive of ["img-src", "media-src"]) {
      for (const source of ["'self'", "https://cms.example.org", "https://uploads.example.org", "https://images.example.net"]) {
        assert.ok(csp[directive].includes(source), `${directive} lacks ${source}: ${csp[directive].join(" ")}`);
      }
      for (const source of ["http://old.example.org", "http://plain.example", "https://plain.example"]) {
        assert.ok(!csp[directive].includes(source), `${directive} allows ${source}`);
      }
    }
    assert.deepEqual(csp["connect-src"], ["'self'", "https://cms.example.org"]);
    // Every page carries the new config, the shell and prerendered pages alike.
    for (const page of ["shell.html", "index.html", "block-editor-images/index.html"]) {
      const html = readFileSync(join(bundle, page), "utf8");
      assert.match(html, /"imageHosts":\["images\.example\.net","http:\/\/plain\.example"\]/, page);
    }
  } finally {
    rmSync(bundle, { recursive: true, force: true });
  }
});
