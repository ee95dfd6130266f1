// Issue 3: threaded comments, a form that validates in the browser, posts to
// the (dev) WordPress API and never loses what the visitor typed.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./harness.mjs";

/** Focus often moves on the next frame: wait for it (2 s at most). */
async function expectFocus(page, check, arg) {
  await page.waitForFunction(check, arg, { timeout: 2000 });
}

const ARTICLE = "/therapist-client-connection/";
let stack;
let n = 0;
/** A unique visitor, so duplicate and moderation checks see a new author. */
const visitor = () => ({ name: `Visitor ${++n}`, email: `visitor${n}.${Date.now()}@example.com` });

/**
 * Every test runs twice: through the app's shell (a post rendered in the
 * browser, as for one published after the build), and on the prerendered
 * page, where the interactive part (src/ui/conversation.rs) attaches to the
 * comments the HTML already has.
 */
let prerendered = false;

async function openArticle(page, url = stack.siteUrl + ARTICLE) {
  await page.goto(url);
  await attached(page);
}

/** A reload; on a prerendered page, the part started again. */
async function reloaded(page) {
  await page.reload();
  if (prerendered) await attached(page);
}

/** The comments are the app's: the shell's, or the part's on a prerendered page (started by the comments coming near). */
async function attached(page) {
  if (prerendered) {
    await page.evaluate(() => document.querySelector("#prerendered .comments")?.scrollIntoView());
    await page.waitForFunction(() => document.getElementById("prerendered")?.hasAttribute("data-interactive"), null, { timeout: 15000 });
  }
  await page.locator("#comments-title", { hasText: /comment/ }).waitFor();
  await page.locator(".comment-form").waitFor();
}

// The fields by their accessible names (the `*` is hidden from them).
const field = (page, name) => page.getByRole("textbox", { name, exact: true });

async function fill(page, { comment, name, email, url }) {
  if (comment !== undefined) await field(page, "Comment").fill(comment);
  if (name !== undefined) await field(page, "Name").fill(name);
  if (email !== undefined) await field(page, "Email").fill(email);
  if (url !== undefined) await field(page, "Website").fill(url);
}

const summaryText = (page) => page.locator(".error-summary").innerText();

for (const mode of ["through the shell", "on a prerendered page"]) {
  describe(mode, () => {
    before(async () => {
      prerendered = mode === "on a prerendered page";
      stack = await startStack({ prerender: prerendered });
    });
    after(async () => {
      await stack?.stop();
    });
  test("the article shows its approved comments, counted and threaded, sanitised", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    assert.equal(await page.locator("#comments-title").innerText(), "6 comments");
    assert.equal(await page.locator(".comment-list li.comment").count(), 6);
    // A reply chain three levels deep: comment → reply → reply to the reply.
    assert.equal(await page.locator(".comment-list > .comment > .children > .comment > .children > .comment").count(), 1);
    const link = page.locator("a.comment-author").first();
    assert.equal(await link.getAttribute("rel"), "nofollow ugc noopener");
    const html = await page.locator(".comment-list").innerHTML();
    assert.doesNotMatch(html, /<script|onerror/i);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(page.problems, []);
  });

  test("an empty submit shows every error, next to each field and in a focused summary", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    await page.getByRole("button", { name: "Post Comment" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    const text = await summaryText(page);
    assert.match(text, /There is a problem/);
    for (const message of ["Enter your comment", "Enter your name", "Enter your email address"]) {
      assert.match(text, new RegExp(message));
    }
    await expectFocus(page, () => document.activeElement?.classList.contains("error-summary"));
    assert.equal(await page.locator("#comment").getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#author").getAttribute("aria-describedby"), /author-error/);
    assert.match(await page.locator("#author-error").innerText(), /Enter your name/);
    // The summary links to the field.
    await summary.getByRole("link", { name: /Enter your name/ }).click();
    // Focus moves on the next frame.
    await page.waitForFunction(() => document.activeElement?.id === "author", null, { timeout: 2000 });
    // Touched fields are re-checked as the visitor types.
    await field(page, "Name").fill("Asha");
    await page.locator("#author-error").waitFor({ state: "detached" });
    assert.equal(await page.locator("#author").getAttribute("aria-invalid"), "false");
  });

  test("a bad email, corrected, posts and shows the moderation notice, which survives a reload", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    const who = visitor();
    await fill(page, { comment: "Thank you for writing this.", name: who.name, email: "not-an-email" });
    await page.getByRole("button", { name: "Post Comment" }).click();
    assert.match(await summaryText(page), /Enter an email address in the correct format, like name@example.com/);
    await field(page, "Email").fill(who.email);
    await page.locator("#email-error").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Post Comment" }).click();
    const mine = page.locator(".comment.held", { hasText: "Thank you for writing this." });
    await mine.waitFor();
    assert.match(await mine.innerText(), /Your comment is awaiting moderation\./);
    assert.equal(await field(page, "Comment").inputValue(), "", "the posted text stays in the box");
    await reloaded(page);
    await page.locator(".comment.held", { hasText: "Thank you for writing this." }).waitFor();
    assert.deepEqual(page.problems, []);
  });

  test("an approved author's comment appears in its thread at once", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    const text = `Coming back to this one ${Date.now()}.`;
    await fill(page, { comment: text, name: "Meera", email: "meera@example.com" });
    await page.getByRole("button", { name: "Post Comment" }).click();
    const mine = page.locator(".comment:not(.held)", { hasText: text });
    await mine.waitFor();
    assert.equal(await page.locator("#comments-title").innerText(), "7 comments");
    await expectFocus(page, (id) => document.activeElement?.id === id, await mine.getAttribute("id"));
    await reloaded(page);
    await page.locator(".comment", { hasText: text }).waitFor();
  });

  test("the same comment twice is refused as a duplicate, in words", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    const who = visitor();
    const comment = `Saying this once ${Date.now()}.`;
    await fill(page, { comment, ...who });
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.locator(".comment.held", { hasText: comment }).waitFor();
    await fill(page, { comment, ...who });
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.locator(".error-summary", { hasText: /already/ }).waitFor();
    assert.equal(await field(page, "Comment").inputValue(), comment, "the text was lost");
  });

  test("posting too quickly is refused as a flood, in words, the text kept", async () => {
    const flooding = await startStack({ floodSeconds: 15, prerender: prerendered });
    try {
      const page = await flooding.newPage();
      await openArticle(page, flooding.siteUrl + ARTICLE);
      const who = visitor();
      await fill(page, { comment: "First thought.", ...who });
      await page.getByRole("button", { name: "Post Comment" }).click();
      await page.locator(".comment.held", { hasText: "First thought." }).waitFor();
      await fill(page, { comment: "Second thought, too soon.", ...who });
      await page.getByRole("button", { name: "Post Comment" }).click();
      await page.locator(".error-summary", { hasText: /too quickly/ }).waitFor();
      assert.equal(await field(page, "Comment").inputValue(), "Second thought, too soon.");
    } finally {
      await flooding.stop();
    }
  });

  test("with the API down the typed text survives the failure and a reload", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    const who = visitor();
    await fill(page, { comment: "Words I do not want to lose.", ...who });
    await stack.stopApi();
    try {
      await page.getByRole("button", { name: "Post Comment" }).click();
      await page.locator(".error-summary", { hasText: /couldn’t reach|could not reach|connection/i }).waitFor();
      assert.equal(await field(page, "Comment").inputValue(), "Words I do not want to lose.");
      // A reload while the API is down: the article cannot load, and says so.
      await reloaded(page);
      await page.getByRole("alert").waitFor();
    } finally {
      await stack.startApi();
    }
    await page.getByRole("button", { name: "Retry" }).click();
    await page.locator(".comment-form").waitFor();
    await page.waitForFunction(() => document.querySelector("#comment")?.value === "Words I do not want to lose.");
    assert.equal(await field(page, "Name").inputValue(), who.name);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.locator(".comment.held", { hasText: "Words I do not want to lose." }).waitFor();
  });

  test("reply moves the form under the comment; cancel moves it back; focus follows", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    const reply = page.getByRole("button", { name: "Reply to Meera" }).first();
    await reply.click();
    const form = page.locator(".comment .comment-respond");
    await form.waitFor();
    assert.match(await page.locator("#reply-title").innerText(), /Leave a Reply to Meera/);
    await expectFocus(page, () => document.activeElement?.id === "comment");
    await page.getByRole("button", { name: "Cancel reply" }).click();
    await form.waitFor({ state: "detached" });
    assert.match(await page.locator("#reply-title").innerText(), /Leave a Comment/);
    await expectFocus(page, () => document.activeElement?.getAttribute("aria-label") === "Reply to Meera");
  });

  test("the whole form works from the keyboard alone", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    const who = visitor();
    await field(page, "Comment").focus();
    await page.keyboard.type("Typed without a mouse.");
    await page.keyboard.press("Tab");
    await page.keyboard.type(who.name);
    await page.keyboard.press("Tab");
    await page.keyboard.type(who.email);
    await page.keyboard.press("Tab"); // Website
    await page.keyboard.press("Tab"); // consent
    await page.keyboard.press("Space");
    assert.equal(await page.locator("#wp-comment-cookies-consent").isChecked(), true);
    await page.keyboard.press("Tab"); // Post Comment
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Post Comment");
    await page.keyboard.press("Enter");
    await page.locator(".comment.held", { hasText: "Typed without a mouse." }).waitFor();
  });

  test("remember me keeps name, email and website on this device; unticked forgets them", async () => {
    const page = await stack.newPage();
    await openArticle(page);
    const who = visitor();
    await fill(page, { comment: "Remember me, please.", ...who, url: "https://example.org/me" });
    await page.getByLabel(/Save my name/).check();
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.locator(".comment.held", { hasText: "Remember me, please." }).waitFor();
    await reloaded(page);
    await page.waitForFunction((name) => document.querySelector("#author")?.value === name, who.name);
    assert.equal(await field(page, "Email").inputValue(), who.email);
    assert.equal(await field(page, "Website").inputValue(), "https://example.org/me");

    await page.getByLabel(/Save my name/).uncheck();
    await field(page, "Comment").fill("Now forget me.");
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.locator(".comment.held", { hasText: "Now forget me." }).waitFor();
    await reloaded(page);
    await page.locator(".comment-form").waitFor();
    await page.waitForTimeout(300);
    assert.equal(await field(page, "Name").inputValue(), "");
    assert.equal(await field(page, "Email").inputValue(), "");
  });

  test("the first screen of comments costs at most 3 requests, even with 120 comments", async () => {
    for (const slug of ["therapist-client-connection", "what-to-expect-first-therapy-session"]) {
      const page = await stack.newPage();
      const requests = [];
      page.on("request", (r) => {
        if (r.url().includes("/wp-json/wp/v2/comments") && r.method() === "GET") requests.push(r.url());
      });
      await openArticle(page, `${stack.siteUrl}/${slug}/`);
      await page.locator(".comment").first().waitFor();
      await page.waitForTimeout(300);
      assert.ok(requests.length <= 3, `${slug}: ${requests.length} requests\n${requests.join("\n")}`);
      if (slug.startsWith("what-to-expect")) {
        // Paged: the first 20 top-level comments, then "Show more comments".
        assert.equal(await page.locator(".comment-list > .comment").count(), 20);
        await page.getByRole("button", { name: "Show more comments" }).click();
        await page.locator(".comment-list > .comment").nth(39).waitFor();
        assert.match(await page.locator("#comments-title").innerText(), /^1\d\d comments$/);
      }
    }
  });

  test("a link to a comment past the first screen finds it: more comments load until it is there, and focus goes to it", async () => {
    const slug = "what-to-expect-first-therapy-session";
    const first = await stack.newPage();
    await openArticle(first, `${stack.siteUrl}/${slug}/`);
    await first.locator(".comment").first().waitFor();
    const shown = new Set(await first.locator(".comment").evaluateAll((els) => els.map((e) => e.id)));
    await first.close();
    const [post] = await (await fetch(`${stack.apiUrl}/wp-json/wp/v2/posts?slug=${slug}`)).json();
    const all = [];
    for (let p = 1; p <= 2; p++) {
      all.push(...(await (await fetch(`${stack.apiUrl}/wp-json/wp/v2/comments?post=${post.id}&parent=0&per_page=100&page=${p}`)).json()));
    }
    // The one furthest from the first screen, as a feed links the newest.
    const far = all.filter((c) => !shown.has(`comment-${c.id}`)).sort((a, b) => b.date_gmt.localeCompare(a.date_gmt))[0];
    assert.ok(far, "every comment was on the first screen");

    const page = await stack.newPage();
    // No scrolling: the address alone starts what finds it.
    await page.goto(`${stack.siteUrl}/${slug}/#comment-${far.id}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, `comment-${far.id}`, { timeout: 20000 });
    const box = await page.locator(`#comment-${far.id}`).boundingBox();
    const height = await page.evaluate(() => innerHeight);
    assert.ok(box && box.y < height && box.y + Math.min(box.height, 50) > 0, `comment-${far.id} is not on the screen: ${JSON.stringify(box)}`);
    assert.match(await page.locator(`#comment-${far.id}`).innerText(), new RegExp(far.author_name));

    // An address naming what the page holds starts nothing on its own.
    if (prerendered) {
      const still = await stack.newPage();
      const scripts = [];
      still.on("request", (r) => {
        if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) scripts.push(r.url());
      });
      // (The demo article's comments are more than a screen below.)
      await still.goto(`${stack.siteUrl}${ARTICLE}#content`);
      await still.waitForTimeout(1000);
      assert.deepEqual(scripts.filter((u) => !/\/chat-/.test(u)), [], `a part loaded for an anchor the page holds: ${scripts}`);
    }
  });
  });
}
