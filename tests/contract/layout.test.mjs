// The corpus laid out by WordPress's own theme (Twenty Twenty-Three, on the
// contract site) and by this frontend (the release build's shell reading the
// same WordPress), at a desktop's width: the same layout facts
// (tests/e2e/layout-facts.mjs: columns side by side, galleries in rows, text
// beside aligned images, wide and full blocks, cover text over its image,
// media & text, buttons), compared block by block. Pixels differ on purpose
// (our type, our measure); the arrangement must not.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { layoutFacts, loadEveryImage } from "../e2e/layout-facts.mjs";
import { ROOT, WP_URL, appOnWordPress } from "./stack.mjs";

const site = JSON.parse(readFileSync(join(ROOT, "devapi/data/site.json"), "utf8"));
const CORPUS = site.posts.filter((p) => typeof p.blocks === "string");
const DESKTOP = { viewport: { width: 1280, height: 900 } };

/**
 * Where this frontend lays a post out otherwise than Twenty Twenty-Three, on
 * purpose: each fact that differs, ours, and why. Every other fact of every
 * post must be WordPress's.
 */
const BETTER_THAN_THE_THEME = {
  "classic-editor-gallery-shortcode": {
    galleries: {
      ours: "in rows",
      why: "the [gallery] shortcode's columns come from CSS WordPress prints only for classic themes (use_default_gallery_style); under a block theme its items stack one per row",
    },
  },
};

let ours;
let browser;

before(async () => {
  ours = await appOnWordPress();
  browser = ours.browser;
});
after(async () => {
  await ours?.stop();
});

/** The facts of a post's content on one site, every image loaded first. */
async function factsOf(url, contentSelector) {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.locator(contentSelector).first().waitFor({ timeout: 20000 });
    await page.evaluate(loadEveryImage);
    return await page.evaluate(layoutFacts, contentSelector);
  } finally {
    await context.close();
  }
}

test("the contract site has the corpus", () => {
  assert.ok(CORPUS.length >= 12, `${CORPUS.length} corpus posts`);
});

for (const post of CORPUS) {
  test(`${post.slug}: laid out as Twenty Twenty-Three lays it out`, async () => {
    const theirs = await factsOf(`${WP_URL}/${post.slug}/`, ".wp-block-post-content");
    const mine = await factsOf(`${ours.url}/${post.slug}/`, "article.post .entry-content");
    assert.ok(theirs, "WordPress's page has no post content");
    console.log(`${post.slug}: ${JSON.stringify(mine)}`);
    const expected = { ...theirs };
    for (const [fact, { ours: arrangement }] of Object.entries(BETTER_THAN_THE_THEME[post.slug] ?? {})) {
      assert.ok(theirs[fact], `${fact}: Twenty Twenty-Three has none, so the declared difference is stale`);
      assert.ok(theirs[fact].some((t) => t !== arrangement), `${fact}: Twenty Twenty-Three now matches ours, so the declared difference is stale`);
      expected[fact] = theirs[fact].map(() => arrangement);
    }
    assert.deepEqual(mine, expected);
  });
}
