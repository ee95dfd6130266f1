// Screenshots of every post of the block- and classic-editor corpus, as a
// reader gets them (prerendered, then the app), for people to look at:
// full pages at a phone's width (light and dark) and a desktop's (light).
// Needs dist/, target/release/devapi and target/prerender/prerender (make dist).
// Usage: node scripts/screenshots-blocks.mjs [out-dir]   (default docs/blocks)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, startStack } from "../tests/e2e/harness.mjs";
import { loadEveryImage } from "../tests/e2e/layout-facts.mjs";

const out = resolve(process.argv[2] ?? join(ROOT, "docs/blocks"));
mkdirSync(out, { recursive: true });
const site = JSON.parse(readFileSync(join(ROOT, "devapi/data/site.json"), "utf8"));
const corpus = site.posts.filter((p) => typeof p.blocks === "string");
const VIEWS = [
  ["phone-light", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, colorScheme: "light" }],
  ["phone-dark", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, colorScheme: "dark" }],
  ["desktop-light", { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: "light" }],
];

const stack = await startStack({ prerender: true });
const index = ["# The block and classic corpus, as this frontend shows it", "", "Taken by `node scripts/screenshots-blocks.mjs` from the release build.", ""];
try {
  for (const post of corpus) {
    index.push(`## ${post.slug}`, "");
    for (const [view, options] of VIEWS) {
      const page = await stack.newPage(options);
      await page.goto(`${stack.siteUrl}/${post.slug}/`);
      await page.locator("article.post .entry-content").waitFor();
      await page.evaluate(loadEveryImage);
      await page.waitForTimeout(300);
      const name = `${post.slug}-${view}.jpg`;
      // The article's rows at the page's whole width (wide and full blocks
      // reach past the article's box); the comments and the footer are the
      // same on every page.
      const rows = await page.locator("article.post").evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { y: r.top + scrollY, height: r.height };
      });
      const width = options.viewport.width;
      await page.screenshot({ path: join(out, name), type: "jpeg", quality: 60, fullPage: true, clip: { x: 0, y: rows.y, width, height: rows.height } });
      await page.context().close();
      index.push(`![${post.slug}, ${view}](${name})`);
      console.log("wrote", join(out, name));
    }
    index.push("");
  }
  writeFileSync(join(out, "README.md"), index.join("\n"));
} finally {
  await stack.stop();
}
