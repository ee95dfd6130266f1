// index.html's early loader, the real script, run in Node against the shared
// vectors (tests/vectors/early-requests.json): for every address it must
// start exactly the requests the app's Rust decides (transport::wordpress::
// first_requests, tested against the same vectors by `cargo test`), or the
// app would wait for a request the loader did not start, or the loader
// would start one nobody reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { ROOT } from "./harness.mjs";

const html = readFileSync(join(ROOT, "index.html"), "utf8");
const vectors = JSON.parse(readFileSync(join(ROOT, "tests/vectors/early-requests.json"), "utf8"));
const BASE = "https://cms.example/wp-json";
// The first inline script of the page is the early loader; it reads its
// rules from the #blog-boot block before it (written from Rust).
const loader = /<script>\s*([\s\S]*?)<\/script>/.exec(html)[1];
const bootRules = /<script type="application\/json" id="blog-boot">([\s\S]*?)<\/script>/.exec(html)[1];
assert.match(loader, /__blogEarly/, "the first inline script is not the early loader");

/** Runs the loader for one address; resolves to the routes it fetched. */
function requestsFor(path, search, { seeded = false } = {}) {
  const fetched = [];
  const window = {};
  const context = {
    window,
    location: { pathname: path, search },
    document: {
      getElementById: (id) =>
        id === "blog-config"
          ? { textContent: JSON.stringify({ apiBase: `${BASE}/` }) }
          : id === "blog-boot"
            ? { textContent: bootRules }
            : id === "blog-seed" && seeded
              ? {}
              : null,
    },
    fetch: (url) => {
      fetched.push(url);
      return new Promise(() => {});
    },
    AbortController: class {
      signal = {};
      abort() {}
    },
  };
  vm.runInNewContext(loader, context);
  return fetched.map((url) => {
    assert.ok(url.startsWith(`${BASE}/`), url);
    return url.slice(BASE.length + 1);
  });
}

test("the early loader starts, for every address of the vectors, the requests the app's Rust decides", () => {
  assert.ok(vectors.cases.length > 20);
  for (const { path, search, routes } of vectors.cases) {
    assert.deepEqual(requestsFor(path, search), [...routes, JSON.parse(bootRules).routes.siteInfo], `${path}${search}`);
  }
});

test("a prerendered page (it carries its seed) starts no request", () => {
  assert.deepEqual(requestsFor("/therapist-client-connection/", "", { seeded: true }), []);
});
