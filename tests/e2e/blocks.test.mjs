// Issue 16: content as WordPress lays it out. Every post of the block- and
// classic-editor corpus (devapi/data/site.json, WordPress 6.1's own markup),
// prerendered and then taken over by the app, in real Chromium: the layout
// at a phone's and a desktop's width (layout-facts.mjs), every image allowed
// by the CSP and shown, no sideways scroll at 320 px, axe-core clean in light
// and dark, and the same markup from the native and the browser sanitiser.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startStack, wasmGate } from "./harness.mjs";
import { layoutFacts, loadEveryImage, scrollsSideways } from "./layout-facts.mjs";
import { describe, runAxe } from "./axe.mjs";

const site = JSON.parse(readFileSync(join(ROOT, "devapi/data/site.json"), "utf8"));
const corpusCategories = site.categories.filter((c) => ["block-editor", "classic-editor"].includes(c.slug)).map((c) => c.id);
const CORPUS = site.posts.filter((p) => p.categories?.some((c) => corpusCategories.includes(c)));
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const NARROW = { viewport: { width: 320, height: 640 } };

let stack;
before(async () => {
  stack = await startStack({ prerender: true });
});
after(async () => {
  await stack?.stop();
});

/** Images that did not arrive (refused by the CSP, missing, undecodable). */
const brokenImages = (page) =>
  page.evaluate(() => [...document.querySelectorAll("article.post img")].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src));

/**
 * A corpus post in a fresh page. With `holdApp`, the app's WASM is held
 * until `page.releaseApp()`: on a desktop the comments of a short post are
 * within a screen, and the app would take the page over at once.
 */
/** Players, frames and images that take no room (not shown to the reader). */
const collapsedMedia = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("article.post :is(img, audio, video, iframe, .embed-card)")]
      .filter((el) => !el.closest("details:not([open])"))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width < 1 || r.height < 1;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );

async function open(post, options, { holdApp = false } = {}) {
  const page = await stack.newPage(options);
  if (holdApp) {
    const gate = await wasmGate(page);
    gate.close();
    page.releaseApp = () => gate.release();
  }
  await page.goto(`${stack.siteUrl}/${post.slug}/`);
  await page.locator("article.post .entry-content").waitFor();
  return page;
}

/**
 * The featured image: its box reserved, the page's one high-priority image,
 * and on a phone a smaller copy than the original from its `srcset`.
 */
async function checkFeaturedImage(page, post) {
  const media = site.media.find((m) => m.id === post.featured_media);
  const img = await page.locator(".featured-image img").evaluate((el) => ({
    width: el.getAttribute("width"),
    height: el.getAttribute("height"),
    srcset: el.getAttribute("srcset"),
    sizes: el.getAttribute("sizes"),
    natural: el.naturalWidth,
    current: el.currentSrc,
  }));
  assert.deepEqual([img.width, img.height], [String(media.width), String(media.height)], "the featured image's box is not reserved");
  assert.ok(img.srcset && img.sizes, `no srcset/sizes on the featured image: ${JSON.stringify(img)}`);
  if ((media.sizes ?? []).some((s) => s.width >= 390 && s.width < media.width && Math.abs(s.height / s.width - media.height / media.width) < 0.01)) {
    assert.ok(img.natural < media.width, `a phone fetched the ${media.width} px original: ${img.current}`);
  }
  const eager = await page.evaluate(() => [...document.querySelectorAll("img[fetchpriority=high]")].length);
  assert.equal(eager, 1, "more than one high-priority image");
}

test("the corpus covers the block editor and the classic editor", () => {
  assert.ok(CORPUS.length >= 12, `only ${CORPUS.length} corpus posts`);
  const all = CORPUS.map((p) => p.content).join("\n");
  for (const block of ["wp-block-columns", "wp-block-gallery", "wp-block-cover", "wp-block-media-text", "wp-block-buttons", "wp-block-pullquote", "wp-block-table", "wp-block-embed", "wp-block-file", "wp-block-audio", "wp-block-video", "wp-block-latest-posts", "alignwide", "alignfull", "wp-caption", "gallery-item"]) {
    assert.ok(all.includes(block), `no ${block} in the corpus`);
  }
});

for (const post of CORPUS) {
  test(`${post.slug}: laid out on desktop and phone, every image shown, no CSP report, the same markup through the app`, async () => {
    // Desktop, light: the layout, the images, then the app's takeover.
    const desk = await open(post, DESKTOP, { holdApp: true });
    const prerenderedHtml = await desk.locator("#prerendered article.post .entry-content").innerHTML();
    await desk.evaluate(loadEveryImage);
    assert.deepEqual(await brokenImages(desk), [], "images not shown on desktop");
    assert.deepEqual(await collapsedMedia(desk), [], "media that take no room on desktop");
    const wide = await desk.evaluate(layoutFacts, "article.post .entry-content");
    for (const [kind, want] of [
      ["columns", "side by side"],
      ["galleries", "in rows"],
      ["wide", "wider than the text"],
      ["full", "full width"],
      ["covers", "text over"],
      ["mediaText", "side by side"],
    ]) {
      for (const [i, got] of (wide[kind] ?? []).entries()) assert.equal(got, want, `desktop: ${kind} #${i + 1}`);
    }
    for (const [i, got] of (wide.floats ?? []).entries()) assert.match(got, /^text beside/, `desktop: aligned image #${i + 1}`);
    assert.equal(await desk.evaluate(scrollsSideways), false, "desktop scrolls sideways");

    // The interactive part leaves the article as prerendered; the app
    // renders it in the browser for an address the build did not write
    // (the shell), and its own sanitiser must write the same markup the
    // native one prerendered: the shell, then the app's own navigation.
    desk.releaseApp();
    assert.deepEqual(desk.problems, [], "desktop");
    await desk.goto(`${stack.siteUrl}/not-prerendered-${Date.now()}/`);
    await desk.waitForFunction(() => !document.getElementById("prerendered") && document.querySelector("main h1"), null, { timeout: 20000 });
    await desk.evaluate((path) => {
      history.pushState(null, "", path);
      dispatchEvent(new PopStateEvent("popstate"));
    }, `/${post.slug}/`);
    await desk.locator("article.post .entry-content").waitFor({ timeout: 20000 });
    assert.equal(await desk.locator("article.post .entry-content").innerHTML(), prerenderedHtml, "the browser's sanitiser wrote other markup than the native one");
    assert.deepEqual(desk.problems, [], "desktop, through the app");
    await desk.context().close();

    // Phone, light and dark: stacked where WordPress stacks, axe-clean.
    const report = [];
    for (const colorScheme of ["light", "dark"]) {
      const phone = await open(post, { ...PHONE, colorScheme });
      await phone.evaluate(loadEveryImage);
      if (colorScheme === "light") {
        assert.deepEqual(await brokenImages(phone), [], "images not shown on a phone");
        assert.deepEqual(await collapsedMedia(phone), [], "media that take no room on a phone");
        const narrow = await phone.evaluate(layoutFacts, "article.post .entry-content");
        const keepsColumns = await phone.evaluate(() => [...document.querySelectorAll("article.post .wp-block-columns")].map((c) => c.classList.contains("is-not-stacked-on-mobile")));
        for (const [i, got] of (narrow.columns ?? []).entries()) assert.equal(got, keepsColumns[i] ? "side by side" : "stacked", `phone: columns #${i + 1}`);
        const stacks = await phone.evaluate(() => [...document.querySelectorAll("article.post .wp-block-media-text")].map((m) => m.classList.contains("is-stacked-on-mobile")));
        for (const [i, got] of (narrow.mediaText ?? []).entries()) if (stacks[i]) assert.equal(got, "stacked", `phone: media & text #${i + 1}`);
        for (const [i, got] of (narrow.galleries ?? []).entries()) assert.equal(got, "in rows", `phone: gallery #${i + 1}`);
        for (const [i, got] of (narrow.covers ?? []).entries()) assert.equal(got, "text over", `phone: cover #${i + 1}`);
        assert.equal(await phone.evaluate(scrollsSideways), false, "a phone scrolls sideways");
        if (post.featured_media) await checkFeaturedImage(phone, post);
      }
      const violations = await runAxe(phone);
      if (violations.length) report.push(describe(post.slug, colorScheme, violations));
      assert.deepEqual(phone.problems, [], `phone, ${colorScheme}`);
      await phone.context().close();
    }
    assert.equal(report.length, 0, `axe found violations:\n${report.join("\n")}`);

    // The narrowest phone: nothing wider than the screen.
    const narrowest = await open(post, NARROW);
    await narrowest.evaluate(loadEveryImage);
    assert.equal(await narrowest.evaluate(scrollsSideways), false, "scrolls sideways at 320 px");
    assert.deepEqual(narrowest.problems, [], "320 px");
    await narrowest.context().close();
  });
}
