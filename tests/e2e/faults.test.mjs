// Issue 5: every API fault survived. For the home page, the article, the
// comments and the comment POST, each fault the dev API can inject must end
// in a clear message with a working way back; no panic, no blank page, no
// spinner forever, no lost draft. Prints the matrix of what the visitor sees.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./harness.mjs";

const ARTICLE = "/therapist-client-connection/";
const KINDS = ["500", "502html", "503html", "slow", "malformed", "wrongshape", "empty", "404", "reset"];
const TIMEOUT_MS = 2000;

let stack;
let site;
const matrix = [];
before(async () => {
  stack = await startStack();
  // A short bound, so "slower than the timeout" takes seconds, not minutes.
  site = await stack.siteWith({ timeoutMs: TIMEOUT_MS });
});
after(async () => {
  console.log("\nfault matrix: what the visitor sees");
  console.log("surface".padEnd(10) + "fault".padEnd(12) + "message");
  for (const [surface, kind, message] of matrix) console.log(surface.padEnd(10) + kind.padEnd(12) + message);
  await stack?.stop();
});

const alertText = async (page) => (await page.getByRole("alert").first().innerText()).replace(/\s+/g, " ").trim();

/** Loads a page under a fault, reads the message, lifts the fault, retries. */
async function survives(surface, kind, { path, fault, ready, recovered }) {
  const page = await stack.newPage();
  await stack.clearFaults();
  await stack.fault({ kind, ...fault });
  try {
    await page.goto(site + path);
    if (ready) await ready(page);
    const message = page.getByRole("alert").first();
    await message.waitFor({ timeout: TIMEOUT_MS + 8000 });
    const text = await alertText(page);
    matrix.push([surface, kind, text]);
    assert.ok(text.length > 20, `${surface}/${kind}: no clear message`);
    assert.equal(await page.locator("[aria-busy=true]").count(), 0, `${surface}/${kind}: still loading`);
  } finally {
    await stack.clearFaults();
  }
  await page.getByRole("button", { name: "Retry" }).first().click();
  await recovered(page);
  assert.deepEqual(page.problems, [], `${surface}/${kind}`);
  await page.context().close();
}

for (const kind of KINDS) {
  test(`home page survives ${kind}`, async () => {
    await survives("home", kind, {
      path: "/",
      fault: { path_prefix: "/wp-json/wp/v2/posts" },
      recovered: (page) => page.locator(".post-summary").first().waitFor(),
    });
  });

  test(`article survives ${kind}`, async () => {
    await survives("article", kind, {
      path: ARTICLE,
      fault: { path_prefix: "/wp-json/wp/v2/posts" },
      recovered: (page) => page.locator("article.post .entry-content p").first().waitFor(),
    });
  });

  test(`comments survive ${kind}`, async () => {
    await survives("comments", kind, {
      path: ARTICLE,
      fault: { path_prefix: "/wp-json/wp/v2/comments", method: "GET" },
      ready: (page) => page.locator("article.post .entry-content p").first().waitFor(),
      recovered: (page) => page.locator(".comment").first().waitFor(),
    });
  });

  test(`comment POST survives ${kind}, the draft kept`, async () => {
    const page = await stack.newPage();
    await page.goto(site + ARTICLE);
    await page.locator(".comment-form").waitFor();
    const text = `Kept through ${kind} ${Date.now()}.`;
    await page.locator("#comment").fill(text);
    await page.locator("#author").fill(`Fault ${kind}`);
    await page.locator("#email").fill(`fault.${kind}.${Date.now()}@example.com`);
    await stack.clearFaults();
    await stack.fault({ kind, path_prefix: "/wp-json/wp/v2/comments", method: "POST" });
    try {
      await page.getByRole("button", { name: "Post Comment" }).click();
      const summary = page.locator(".error-summary");
      await summary.waitFor({ timeout: TIMEOUT_MS + 8000 });
      const message = (await summary.innerText()).replace(/\s+/g, " ").trim();
      matrix.push(["POST", kind, message]);
      assert.equal(await page.locator("#comment").inputValue(), text, "the draft was lost");
      assert.equal(await page.getByRole("button", { name: "Post Comment" }).isEnabled(), true);
    } finally {
      await stack.clearFaults();
    }
    // Sending again works once the fault is gone (or says it already arrived).
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page
      .locator(".comment.held", { hasText: text })
      .or(page.locator(".error-summary", { hasText: /already/ }))
      .first()
      .waitFor();
    assert.deepEqual(page.problems, [], `POST/${kind}`);
    await page.context().close();
  });
}
