// Issue: accessibility. axe-core (WCAG 2.2 AA rules) on every page and state,
// in light and dark; a keyboard-only journey; visible focus; no horizontal
// scroll at 320 px and at 200% zoom; reduced motion; landmarks and headings.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startStack } from "./harness.mjs";
import { describe, runAxe } from "./axe.mjs";

const SCHEMES = ["light", "dark"];

const ARTICLE = "/therapist-client-connection/";
const PHONE = "+91 98765 43210";
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE_VIEW = { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true };

let stack;
let chatSite; // the launcher at once, not after 3 s
let pagedSite; // two posts a page, so there is a page 2
let prerendered; // a stack whose bundle is prerendered against its API
const checked = [];
const allViolations = [];

before(async () => {
  stack = await startStack();
  chatSite = await stack.siteWith({ chat: { phone: PHONE, name: "Nidhi", showDelayMs: 0 } });
  pagedSite = await stack.siteWith({ postsPerPage: 2, chat: { phone: PHONE, name: "Nidhi", showDelayMs: 0 } });
  prerendered = await startStack({ prerender: true });
});
after(async () => {
  console.log(
    `axe: ${new Set(checked.map((c) => c.state)).size} pages/states × ${SCHEMES.length} colour schemes checked, ${allViolations.length} violations`,
  );
  await stack?.clearFaults().catch(() => {});
  await stack?.stop();
  await prerendered?.stop();
});

/** Focus often moves on the next frame: wait for it (2 s at most). */
async function expectFocus(page, check, arg) {
  await page.waitForFunction(check, arg, { timeout: 2000 });
}

/** Lets transitions (0.2 s) and the next frames settle before measuring colours. */
const settle = (page) => page.waitForTimeout(350);

/** Landmarks: one banner, one main, one contentinfo. Headings: one h1, no skipped level. */
async function checkStructure(page, state) {
  for (const role of ["banner", "main", "contentinfo"]) {
    assert.equal(await page.getByRole(role).count(), 1, `${state}: expected one ${role} landmark`);
  }
  const levels = await page.evaluate(() =>
    [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
      .filter((h) => !h.closest("[hidden], [aria-hidden=true]") && getComputedStyle(h).display !== "none")
      .map((h) => ({ level: Number(h.getAttribute("aria-level") ?? h.tagName.slice(1)), text: h.textContent.trim().slice(0, 60) })),
  );
  const outline = levels.map((h) => `h${h.level} ${h.text}`).join("\n");
  assert.equal(levels.filter((h) => h.level === 1).length, 1, `${state}: expected one h1\n${outline}`);
  assert.equal(levels[0]?.level, 1, `${state}: the first heading is not the h1\n${outline}`);
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i].level <= levels[i - 1].level + 1, `${state}: heading level skipped at "${levels[i].text}"\n${outline}`);
  }
}

/**
 * Opens a fresh page of `on` in each colour scheme, brings it to `state`
 * with `prepare`, then runs axe and the structure checks. All violations of
 * both schemes are reported together.
 */
async function audit(state, options, prepare, on = stack) {
  const report = [];
  for (const colorScheme of SCHEMES) {
    const page = await on.newPage({ ...options, colorScheme });
    try {
      await prepare(page);
      await settle(page);
      const violations = await runAxe(page, options);
      checked.push({ state, colorScheme });
      allViolations.push(...violations);
      if (violations.length) report.push(describe(state, colorScheme, violations));
      await checkStructure(page, `${state} / ${colorScheme}`);
      assert.deepEqual(page.problems, [], `${state} / ${colorScheme}`);
    } finally {
      await page.context().close();
    }
  }
  assert.equal(report.length, 0, `axe found violations:\n${report.join("\n")}`);
}

async function openArticle(page, url = stack.siteUrl + ARTICLE) {
  await page.goto(url);
  await page.locator("#comments-title", { hasText: /comment/ }).waitFor();
  await page.locator(".comment-form").waitFor();
}

const launcher = (page) => page.getByRole("button", { name: "Open chat", exact: true });

async function openChat(page) {
  await launcher(page).waitFor({ state: "visible", timeout: 6000 });
  await launcher(page).click();
  await page.getByRole("dialog").waitFor();
}

// --- axe, every page and state, light and dark ---------------------------------

test("axe: home", () =>
  audit("home", DESKTOP, async (page) => {
    await page.goto(stack.siteUrl + "/");
    await page.locator(".post-summary").first().waitFor();
  }));

test("axe: home, page 2", () =>
  audit("home page 2", PHONE_VIEW, async (page) => {
    await page.goto(pagedSite + "/page/2/");
    await page.locator(".post-summary").first().waitFor();
    await page.locator(".pager").waitFor();
  }));

test("axe: a category", () =>
  audit("category", DESKTOP, async (page) => {
    const categories = await (await fetch(`${stack.apiUrl}/wp-json/wp/v2/categories`)).json();
    const category = categories.find((c) => c.count > 0) ?? categories[0];
    await page.goto(`${stack.siteUrl}/category/${category.slug}/`);
    await page.locator(".post-summary").first().waitFor();
  }));

test("axe: the article with its comments", () =>
  audit("article", DESKTOP, async (page) => {
    await openArticle(page);
    await page.locator(".comment").first().waitFor();
  }));

test("axe: the comment form after an empty submit", () =>
  audit("form errors", PHONE_VIEW, async (page) => {
    await openArticle(page);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.locator(".error-summary").waitFor();
    await expectFocus(page, () => document.activeElement?.classList.contains("error-summary"));
  }));

test("axe: reply open", () =>
  audit("reply open", DESKTOP, async (page) => {
    await openArticle(page);
    await page.getByRole("button", { name: "Reply to Meera" }).first().click();
    await page.locator(".comment .comment-respond").waitFor();
  }));

test("axe: chat open on a desktop, with the QR code", () =>
  audit("chat desktop", DESKTOP, async (page) => {
    await openArticle(page, chatSite + ARTICLE);
    await openChat(page);
    await page.getByRole("dialog").getByText("Scan the code").waitFor();
  }));

test("axe: chat open on a phone", () =>
  audit("chat phone", PHONE_VIEW, async (page) => {
    await openArticle(page, chatSite + ARTICLE);
    await openChat(page);
  }));

test("axe: not found", () =>
  audit("not found", DESKTOP, async (page) => {
    await page.goto(stack.siteUrl + "/no-such-page-at-all/");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
  }));

test("axe: the article cannot load (API 500)", async () => {
  try {
    await audit("error 500", DESKTOP, async (page) => {
      await stack.fault({ path_prefix: "/wp-json/wp/v2/posts", kind: "500" });
      await page.goto(stack.siteUrl + ARTICLE);
      await page.getByRole("alert").waitFor();
      await page.getByRole("button", { name: "Retry" }).waitFor();
    });
  } finally {
    await stack.clearFaults();
  }
});

test("axe: the API is down", async () => {
  await stack.stopApi();
  try {
    await audit("api down", PHONE_VIEW, async (page) => {
      await page.goto(stack.siteUrl + ARTICLE);
      await page.getByRole("alert").waitFor();
    });
  } finally {
    await stack.startApi();
  }
});

// A prerendered article (scripts/prerender.sh) as a reader without
// JavaScript gets it, and once the app has taken it over.
test("axe: the prerendered article, JavaScript off", () =>
  audit("prerendered, no JavaScript", { ...DESKTOP, javaScriptEnabled: false }, async (page) => {
    const response = await page.goto(prerendered.siteUrl + ARTICLE);
    assert.match(await response.text(), /id="prerendered"/);
    await page.locator(".comments .noscript-note").waitFor();
    assert.equal(await page.locator(".comment-respond").isVisible(), false);
    assert.equal(await page.evaluate(() => matchMedia("(scripting: none)").matches), true);
  }, prerendered));

test("axe without JavaScript still finds violations (self-check)", async () => {
  const page = await prerendered.newPage({ ...DESKTOP, javaScriptEnabled: false });
  try {
    await page.goto(prerendered.siteUrl + ARTICLE);
    await page.evaluate(() => document.querySelector(".entry-content").append(document.createElement("img")));
    const violations = await runAxe(page, { javaScriptEnabled: false });
    assert.deepEqual(violations.map((v) => v.id), ["image-alt"]);
    assert.equal(await page.evaluate(() => !!document.getElementById("prerendered") && matchMedia("(scripting: none)").matches), true);
  } finally {
    await page.context().close();
  }
});

test("axe: the prerendered article being read, before the app (launcher shown)", () =>
  audit("prerendered, reading", PHONE_VIEW, async (page) => {
    await page.addInitScript(() => addEventListener("TrunkApplicationStarted", () => (window.__appStarted = true)));
    const response = await page.goto(prerendered.siteUrl + ARTICLE);
    assert.match(await response.text(), /id="prerendered"/);
    await page.locator("#prerendered .chat.chat-visible").waitFor({ timeout: 10000 });
    assert.equal(await page.evaluate(() => window.__appStarted), undefined, "the app started for a reader who only reads");
  }, prerendered));

test("axe: the prerendered article, chat pressed while the app is on its way (launcher busy)", () =>
  audit("prerendered, chat pressed before the app", PHONE_VIEW, async (page) => {
    // The WASM never arrives: the page stays in the state between.
    await page.route(/_bg\.wasm(\?.*)?$/, () => {});
    await page.goto(prerendered.siteUrl + ARTICLE);
    await page.locator("#prerendered .chat.chat-visible").waitFor({ timeout: 10000 });
    await page.locator("#prerendered .chat-launcher").click();
    await page.locator('#prerendered .chat-launcher[aria-busy="true"]').waitFor();
  }, prerendered));

test("axe: the prerendered article once its interactive part has attached", () =>
  audit("prerendered, interactive", DESKTOP, async (page) => {
    await page.addInitScript(() => addEventListener("TrunkApplicationStarted", () => (window.__appStarted = true)));
    const response = await page.goto(prerendered.siteUrl + ARTICLE);
    assert.match(await response.text(), /id="prerendered"/);
    // The comments near the screen start the app (index.html's starter; on
    // this desktop screen they already are).
    await page.evaluate(() => document.querySelector("#prerendered .comments")?.scrollIntoView());
    await page.waitForFunction(() => window.__appStarted === true && document.getElementById("prerendered")?.hasAttribute("data-interactive"));
    await page.locator("#comments-title", { hasText: /\d+ comments?/ }).waitFor();
    await page.locator(".comment").first().waitFor();
    await page.locator(".comment-form").waitFor();
  }, prerendered));

test("css-orientation-lock, by hand: no stylesheet locks the orientation", async () => {
  const dist = join(ROOT, "dist");
  for (const name of readdirSync(dist).filter((n) => n.endsWith(".css"))) {
    const css = readFileSync(join(dist, name), "utf8");
    assert.doesNotMatch(css, /orientation\s*:/, `${name} has an orientation media query`);
  }
});

// --- keyboard ---------------------------------------------------------------------

/** Presses Tab until `check` holds for the focused element (at most `max` times). */
async function tabUntil(page, check, max = 150) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(check)) return;
  }
  throw new Error(`never reached by Tab: ${check}`);
}

test("keyboard only: skip link, a post, the comment form, the chat", async () => {
  const page = await stack.newPage(DESKTOP);
  await page.goto(chatSite + "/");
  await page.locator(".post-summary").first().waitFor();
  // The first Tab reaches the skip link, visibly; Enter moves focus to main.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  const box = await page.locator(".skip-link").boundingBox();
  assert.ok(box && box.y >= 0, "the focused skip link is on screen");
  await page.keyboard.press("Enter");
  await expectFocus(page, () => document.activeElement?.id === "content");
  // The next Tab is inside main: the first post's title.
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement.closest("main") !== null), "Tab after the skip link leaves main");
  await tabUntil(page, () => document.activeElement.matches(".post-summary h2 a"));
  const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === href);
  await page.locator("article.post h1").waitFor();
  await page.locator(".comment-form").waitFor();

  // To the comment form, and fill it in by keyboard alone.
  await tabUntil(page, () => document.activeElement.id === "comment");
  await page.keyboard.type("Written with the keyboard only.");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keyboard Visitor");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`keys.${Date.now()}@example.com`);
  await page.keyboard.press("Tab"); // Website
  await page.keyboard.press("Tab"); // consent
  await page.keyboard.press("Tab"); // Post Comment
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Post Comment");
  await page.keyboard.press("Enter");
  await page.locator(".comment.held", { hasText: "Written with the keyboard only." }).waitFor();

  // The chat: Enter opens, Escape closes, focus returns to the launcher.
  await launcher(page).waitFor({ state: "visible", timeout: 6000 });
  await tabUntil(page, () => document.activeElement.getAttribute("aria-label") === "Open chat", 200);
  await page.keyboard.press("Enter");
  await page.getByRole("dialog").waitFor();
  await expectFocus(page, () => document.activeElement?.id === "chat-window");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "hidden" });
  await expectFocus(page, () => document.activeElement?.getAttribute("aria-label") === "Open chat");
  assert.deepEqual(page.problems, []);
});

test("every element reached by Tab shows a visible focus indicator, light and dark", async () => {
  for (const colorScheme of SCHEMES) {
    const page = await stack.newPage({ ...DESKTOP, colorScheme });
    await openArticle(page, chatSite + ARTICLE);
    await page.getByRole("button", { name: "Post Comment" }).click(); // error summary links too
    await page.locator(".error-summary").waitFor();
    await launcher(page).waitFor({ state: "visible" });
    await page.evaluate(() => document.activeElement?.blur());
    await page.mouse.click(1, 1);
    const seen = [];
    const bad = [];
    const visit = async () => {
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow !== "none";
        const desc = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} “${(el.getAttribute("aria-label") ?? el.textContent).trim().slice(0, 40)}”`;
        return { desc, ok: el.matches(":focus-visible") && (outline || shadow), outline: `${s.outlineStyle} ${s.outlineWidth}`, shadow: s.boxShadow };
      });
      if (!info) return false;
      seen.push(info.desc);
      if (!info.ok) bad.push(`${info.desc}: outline ${info.outline}, box-shadow ${info.shadow}`);
      return true;
    };
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      await visit();
      if (await page.evaluate(() => document.activeElement?.getAttribute("aria-label") === "Open chat")) break;
    }
    assert.ok(seen.some((d) => /Open chat/.test(d)), `the launcher was never reached:\n${seen.join("\n")}`);
    // And inside the dialog.
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    await expectFocus(page, () => document.activeElement?.id === "chat-window");
    await visit();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      await visit();
    }
    assert.ok(seen.length >= 15, `only ${seen.length} focus stops`);
    assert.deepEqual(bad, [], `${colorScheme}: no visible focus on:\n${bad.join("\n")}`);
    await page.context().close();
  }
});

// --- reflow -------------------------------------------------------------------------

async function assertNoHorizontalScroll(page, what) {
  const m = await page.evaluate(() => {
    const d = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > d.clientWidth + 1 && getComputedStyle(el).position !== "fixed")
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, ".")} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scroll: d.scrollWidth, client: d.clientWidth, wide };
  });
  assert.ok(m.scroll <= m.client, `${what}: scrollWidth ${m.scroll} > clientWidth ${m.client}\n${m.wide.join("\n")}`);
}

for (const [label, options] of [
  ["320 px wide", { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }],
  // 200% zoom of a 1280 × 800 window: the layout viewport halves to 640 × 400
  // CSS px and each CSS px is two device pixels. That is what deviceScaleFactor 2
  // on a 640 px viewport gives (CSS `zoom` would not trigger the media queries).
  ["200% zoom (640 px at deviceScaleFactor 2)", { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
]) {
  test(`no horizontal scroll at ${label}: home, article with comments, chat open`, async () => {
    const page = await stack.newPage(options);
    await page.goto(chatSite + "/");
    await page.locator(".post-summary").first().waitFor();
    await assertNoHorizontalScroll(page, "home");
    await openArticle(page, chatSite + ARTICLE);
    await page.locator(".comment").first().waitFor();
    await assertNoHorizontalScroll(page, "article");
    await page.getByRole("button", { name: "Reply to Meera" }).first().click();
    await page.locator(".comment .comment-respond").waitFor();
    await assertNoHorizontalScroll(page, "reply open");
    await page.getByRole("button", { name: "Cancel reply" }).click();
    await openChat(page);
    await settle(page);
    await assertNoHorizontalScroll(page, "chat open");
    const dialogBox = await page.getByRole("dialog").boundingBox();
    const width = options.viewport.width;
    assert.ok(dialogBox.x >= 0 && dialogBox.x + dialogBox.width <= width, `the chat window overflows: ${JSON.stringify(dialogBox)}`);
    assert.deepEqual(page.problems, []);
  });
}

// --- reduced motion ---------------------------------------------------------------

test("prefers-reduced-motion: no animation or transition on the launcher and skeletons", async () => {
  const motion = (page, selector) =>
    page.locator(selector).first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { animation: s.animationName, transition: s.transitionDuration };
    });
  // Sanity: without the preference, they do move (else the test proves nothing).
  const moving = await stack.newPage({ ...DESKTOP, reducedMotion: "no-preference" });
  try {
    await stack.fault({ path_prefix: "/wp-json/wp/v2/posts", kind: "slow", times: 1 });
    await moving.goto(chatSite + ARTICLE);
    await moving.locator(".skeleton .bar").first().waitFor();
    assert.notEqual((await motion(moving, ".skeleton .bar")).animation, "none");
    assert.notEqual((await motion(moving, ".chat")).transition, "0s");
  } finally {
    await stack.clearFaults();
    await moving.context().close();
  }
  const page = await stack.newPage({ ...DESKTOP, reducedMotion: "reduce" });
  try {
    await stack.fault({ path_prefix: "/wp-json/wp/v2/posts", kind: "slow", times: 1 });
    await page.goto(chatSite + ARTICLE);
    await page.locator(".skeleton .bar").first().waitFor();
    for (const selector of [".skeleton .bar", ".skeleton"]) {
      assert.deepEqual(await motion(page, selector), { animation: "none", transition: "0s" }, selector);
    }
    await launcher(page).waitFor({ state: "visible" });
    for (const selector of [".chat", ".chat-launcher", ".chat-tooltip"]) {
      assert.deepEqual(await motion(page, selector), { animation: "none", transition: "0s" }, selector);
    }
    const smooth = await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    assert.notEqual(smooth, "smooth");
  } finally {
    await stack.clearFaults();
    await page.context().close();
  }
});
