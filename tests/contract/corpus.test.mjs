// The block-editor / classic-editor corpus (the posts of devapi/data/site.json
// that have `blocks`): the dev API must serve, as `content.rendered` and
// `excerpt.rendered`, exactly what the real WordPress renders from the same
// source (seed.sh stores `blocks` as post_content; render-corpus.sh wrote
// WordPress's output into site.json). Compared after making both server-
// neutral: each origin becomes {{home}}, WordPress's attachment and post ids
// become the dev API's (looked up by slug on WordPress, from site.json for
// the dev API), and the per-request counters (wp-container-N, …) are
// renumbered in order of appearance. Every upload the content names must
// also answer 200 on its own server (images with an image type).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SITE_JSON, corpusPosts, renumber, toDevApi, uploadUrls } from "../../scripts/wordpress/render-corpus.mjs";
import { WP_URL, freshDevapi, requireWordPress } from "./stack.mjs";

const site = JSON.parse(readFileSync(SITE_JSON, "utf8"));
const corpus = corpusPosts(site);

let dev;
const wpIds = { media: new Map(), posts: new Map() }; // WordPress id -> dev API id

async function getJson(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200, `GET ${url}`);
  return res.json();
}

/** WordPress ids of the corpus's media and posts, by slug. */
async function lookUpWordPressIds() {
  const bySlug = async (route, items, into) => {
    const slugs = items.map((x) => x.slug);
    const found = await getJson(`${WP_URL}/wp-json/wp/v2/${route}?slug=${slugs.join(",")}&per_page=100&_fields=id,slug`);
    for (const item of items) {
      const wp = found.find((f) => f.slug === item.slug);
      assert.ok(wp, `${route} ${item.slug} is not on WordPress (seed.sh?)`);
      into.set(wp.id, item.id);
    }
  };
  await bySlug("media", site.media, wpIds.media);
  await bySlug("posts", site.posts, wpIds.posts);
}

const fetchPost = async (base, slug) => {
  const [post] = await getJson(`${base}/wp-json/wp/v2/posts?slug=${slug}`);
  assert.ok(post, `no post ${slug} at ${base}`);
  return post;
};

async function checkUploads(html, origin) {
  const urls = uploadUrls(html, origin);
  const bad = [];
  for (const url of urls) {
    const res = await fetch(url);
    await res.arrayBuffer();
    const type = res.headers.get("content-type") ?? "";
    const image = /\.(jpe?g|png|gif|webp|svg)$/i.test(new URL(url).pathname);
    if (res.status !== 200 || (image && !type.startsWith("image/"))) bad.push(`${url}: ${res.status} ${type}`);
  }
  return { count: urls.length, bad };
}

before(async () => {
  await requireWordPress();
  dev = await freshDevapi(0);
  await lookUpWordPressIds();
});

after(async () => {
  await dev?.stop();
});

test("the corpus is there", () => {
  assert.ok(corpus.length >= 10, `only ${corpus.length} posts have blocks in site.json`);
});

for (const p of corpus) {
  describe(p.slug, () => {
    let wp;
    let mine;
    before(async () => {
      wp = await fetchPost(WP_URL, p.slug);
      mine = await fetchPost(dev.url, p.slug);
    });

    test("content.rendered: the dev API's is WordPress's", () => {
      const expected = renumber(toDevApi(wp.content.rendered, WP_URL, wpIds));
      const actual = renumber(toDevApi(mine.content.rendered, dev.url));
      assert.equal(actual, expected, "dev API (actual) vs WordPress (expected); run scripts/wordpress/render-corpus.sh if the corpus changed");
    });

    test("excerpt.rendered: the dev API's is WordPress's", () => {
      assert.equal(toDevApi(mine.excerpt.rendered, dev.url), toDevApi(wp.excerpt.rendered, WP_URL, wpIds));
    });

    test("every upload it names answers 200, on WordPress and on the dev API", async () => {
      const onWp = await checkUploads(wp.content.rendered, WP_URL);
      const onDev = await checkUploads(mine.content.rendered, dev.url);
      assert.deepEqual({ wordpress: onWp.bad, devapi: onDev.bad }, { wordpress: [], devapi: [] });
      assert.equal(onDev.count, onWp.count, "both name the same number of uploads");
    });
  });
}
