// index.html's starter, the real script, run in Node over a stand-in page:
// for every case of the shared vectors (tests/vectors/chat-shown.json) it
// keeps a prerendered chat launcher exactly where the app would show the
// chat (blog_core::chat::ChatConfig::resolve, tested against the same
// vectors by `cargo test`). It decides from the rule the prerenderer wrote
// into the page's #blog-app block, read here from the built bundle, and the
// config block as deployed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { ROOT } from "./harness.mjs";

const html = readFileSync(join(ROOT, "index.html"), "utf8");
const vectors = JSON.parse(readFileSync(join(ROOT, "tests/vectors/chat-shown.json"), "utf8"));
// The starter: the inline script that waits for the page's content.
const starter = [...html.matchAll(/<script>\s*([\s\S]*?)<\/script>/g)].map((m) => m[1]).find((s) => s.includes("DOMContentLoaded"));
assert.ok(starter, "index.html has no starter script");
const built = readFileSync(join(ROOT, "dist/index.html"), "utf8");
const appBlock = /<script type="application\/json" id="blog-app">([\s\S]*?)<\/script>/.exec(built)?.[1];

/** An element that records what is done to it. */
function element(found = {}) {
  const attrs = new Map();
  return {
    removed: false,
    classList: { add() {} },
    setAttribute: (name, value) => attrs.set(name, value),
    removeAttribute: (name) => attrs.delete(name),
    getAttribute: (name) => (attrs.has(name) ? attrs.get(name) : null),
    addEventListener() {},
    querySelector: (selector) => found[selector] ?? null,
    remove() {
      this.removed = true;
    },
  };
}

/** Runs the starter on a prerendered page with a chat and `chat` deployed; whether the chat stayed. */
function chatStays(chat) {
  const launcher = element();
  const widget = element({ ".chat-launcher": launcher });
  const page = element({ ".chat": widget });
  let ready;
  const blocks = {
    "blog-app": { textContent: appBlock },
    "blog-config": { textContent: JSON.stringify({ apiBase: "/wp-json", chat }) },
    prerendered: page,
  };
  const context = {
    window: {},
    location: { search: "" },
    setTimeout: () => 0,
    document: {
      addEventListener: (type, listener) => {
        if (type === "DOMContentLoaded") ready = listener;
      },
      getElementById: (id) => blocks[id] ?? null,
    },
  };
  vm.runInNewContext(starter, context);
  ready();
  return !widget.removed;
}

test("the starter keeps a prerendered chat exactly where the app shows it (shared vectors, the rule the build wrote)", () => {
  assert.ok(appBlock, "dist/index.html is not a prerendered page (run make dist)");
  assert.ok(JSON.parse(appBlock).chat, "the #blog-app block carries no chat rule");
  assert.ok(vectors.cases.some((c) => c.shown) && vectors.cases.some((c) => !c.shown));
  for (const { chat, shown } of vectors.cases) {
    assert.equal(chatStays(chat), shown, JSON.stringify(chat));
  }
});
