// Issue 4: the chat launcher and QR panel, by mouse, keyboard and on phones.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./harness.mjs";

/** Focus often moves on the next frame: wait for it (2 s at most). */
async function expectFocus(page, check, arg) {
  await page.waitForFunction(check, arg, { timeout: 2000 });
}

const ARTICLE = "/therapist-client-connection/";
const PHONE = "+91 98765 43210";
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const MOBILE = { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true };

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

/** RFC 3986: everything but unreserved characters is percent-encoded. */
const encode = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

const launcher = (page) => page.getByRole("button", { name: "Open chat", exact: true });
const dialog = (page) => page.getByRole("dialog");

test("the launcher appears after its delay, without shifting the page", async () => {
  // A delay long enough that a slow machine still sees the page before it.
  const site = await stack.siteWith({ chat: { phone: PHONE, showDelayMs: 4000 } });
  const page = await stack.newPage(DESKTOP);
  await page.goto(site + ARTICLE);
  await page.locator("article.post h1").waitFor();
  const before = await page.locator("article.post h1").boundingBox();
  assert.equal(await launcher(page).isVisible(), false, "visible before the delay");
  await launcher(page).waitFor({ state: "visible", timeout: 10000 });
  assert.deepEqual(await page.locator("article.post h1").boundingBox(), before);
  assert.equal(await launcher(page).getAttribute("aria-expanded"), "false");
  assert.equal(await launcher(page).getAttribute("aria-controls"), "chat-window");
});

test("click opens a labelled dialog with the greeting and the exact wa.me link; Escape closes and focus returns", async () => {
  const page = await stack.newPage(DESKTOP);
  const events = [];
  await page.exposeFunction("__chatEvent", (name) => events.push(name));
  await page.addInitScript(() => {
    for (const name of ["blog:chat-open", "blog:chat-close", "blog:chat-start"]) {
      window.addEventListener(name, () => window.__chatEvent(name));
    }
  });
  await page.goto(stack.siteUrl + ARTICLE);
  await page.locator("article.post h1").waitFor();
  // The link names the page by its title, complete once the site name is in.
  await page.waitForFunction(() => document.title.endsWith("– Therapy Notes"), null, { timeout: 5000 });
  await launcher(page).click();
  await dialog(page).waitFor();
  assert.equal(await launcher(page).getAttribute("aria-expanded"), "true");
  assert.match(await dialog(page).innerText(), /Hello! Thank you for reaching out\.\s+How can we help you\?/);
  await expectFocus(page, () => document.activeElement?.id === "chat-window");
  assert.equal(await page.locator("#chat-title").innerText(), "Nidhi");

  const title = await page.title();
  const message = `Hi! I have a question about “${title}”: ${stack.siteUrl}${ARTICLE}`;
  const cta = dialog(page).getByRole("link", { name: /Open chat/ });
  assert.equal(await cta.getAttribute("href"), `https://wa.me/919876543210?text=${encode(message)}`);
  assert.equal(await cta.getAttribute("target"), "_blank");
  assert.match(await cta.getAttribute("rel"), /noopener/);

  // Desktop: the QR panel, with a text alternative.
  assert.equal(await dialog(page).getByText("Scan the code").isVisible(), true);
  const qr = dialog(page).getByRole("img");
  assert.match(await qr.getAttribute("aria-label"), /QR code/);

  await page.keyboard.press("Escape");
  await dialog(page).waitFor({ state: "hidden" });
  await expectFocus(page, () => document.activeElement?.getAttribute("aria-label") === "Open chat");
  assert.deepEqual(events, ["blog:chat-open", "blog:chat-close"]);
  assert.deepEqual(page.problems, []);
});

test("Enter and Space open it from the keyboard; Tab moves naturally; the close button works", async () => {
  const page = await stack.newPage(DESKTOP);
  await page.goto(stack.siteUrl + ARTICLE);
  await launcher(page).waitFor({ state: "visible", timeout: 6000 });
  await launcher(page).focus();
  await page.keyboard.press("Enter");
  await dialog(page).waitFor();
  // Focus enters the dialog on the next frame; Tab from there.
  await expectFocus(page, () => document.activeElement?.id === "chat-window");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Close chat");
  await page.keyboard.press("Tab");
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Open chat/);
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter"); // Close chat
  await dialog(page).waitFor({ state: "hidden" });
  await expectFocus(page, () => document.activeElement?.getAttribute("aria-label") === "Open chat");
  await page.keyboard.press("Space");
  await dialog(page).waitFor();
});

test("a phone gets no QR code, and the launcher steps aside while the visitor types", async () => {
  const page = await stack.newPage(MOBILE);
  await page.goto(stack.siteUrl + ARTICLE);
  await launcher(page).waitFor({ state: "visible", timeout: 6000 });
  await launcher(page).click();
  await dialog(page).waitFor();
  assert.equal(await dialog(page).getByText("Scan the code").count(), 0);
  await dialog(page).getByRole("button", { name: "Close chat" }).click();
  await page.locator("#comment").focus();
  await launcher(page).waitFor({ state: "hidden" });
  await page.locator("#comment").blur();
  await launcher(page).waitFor({ state: "visible" });
});

test("once closed, an auto-opening window stays closed after a reload", async () => {
  const site = await stack.siteWith({ chat: { phone: PHONE, showDelayMs: 0, autoOpenDelayMs: 300 } });
  const page = await stack.newPage(DESKTOP);
  await page.goto(site + ARTICLE);
  await dialog(page).waitFor({ timeout: 5000 });
  await dialog(page).getByRole("button", { name: "Close chat" }).click();
  await dialog(page).waitFor({ state: "hidden" });
  await page.reload();
  await launcher(page).waitFor({ state: "visible" });
  await page.waitForTimeout(1000);
  assert.equal(await dialog(page).isVisible(), false, "the window opened itself again");
});

test("an invalid phone number hides the launcher and says why in the console", async () => {
  const site = await stack.siteWith({ chat: { phone: "call me maybe", showDelayMs: 0 } });
  const page = await stack.newPage(DESKTOP);
  const logs = [];
  page.on("console", (m) => logs.push(m.text()));
  await page.goto(site + ARTICLE);
  await page.locator("article.post h1").waitFor();
  await page.waitForTimeout(500);
  assert.equal(await launcher(page).count(), 0);
  assert.ok(logs.some((l) => /chat launcher hidden/.test(l)), logs.join("\n"));
});
