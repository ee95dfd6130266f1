// Issue 5: iframes only from the configured embed hosts, sandboxed; every
// other frame, srcdoc and handler dropped. Issue 16: a frame from another
// web address becomes a link card (its title, its host), not nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./harness.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

test("a post keeps a sandboxed embed from a configured host and turns every other frame into a link card", async () => {
  const content = [
    "<p>A talk worth watching:</p>",
    '<figure><iframe src="https://video.example/embed/abc" width="560" height="315" title="The talk" srcdoc="<script>parent.alert(1)</script>" onload="alert(2)" allow="camera"></iframe></figure>',
    '<iframe src="https://evil.example/frame" title="A  map of\nthe coast" onload="alert(4)"></iframe>',
    '<iframe src="javascript:alert(5)"></iframe>',
    '<iframe src="http://video.example/embed/insecure"></iframe>',
    '<iframe srcdoc="<script>alert(3)</script>"></iframe>',
  ].join("\n");
  const res = await fetch(`${stack.apiUrl}/__test/posts`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ slug: "embed-test", title: "Embeds", content }),
  });
  assert.equal(res.status, 201);
  const site = await stack.siteWith({ embedHosts: ["video.example"] });
  const page = await stack.newPage();
  // The embed host does not exist here: answer its request locally.
  await page.route("https://video.example/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>player</p>" }));
  await page.goto(site + "/embed-test/");
  await page.locator("article.post .entry-content p").first().waitFor();
  const frames = await page.locator(".entry-content iframe").evaluateAll((els) =>
    els.map((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]))),
  );
  assert.equal(frames.length, 1, JSON.stringify(frames));
  const [frame] = frames;
  assert.equal(frame.src, "https://video.example/embed/abc");
  assert.equal(frame.sandbox, "allow-scripts allow-same-origin allow-presentation allow-popups");
  assert.equal(frame.width, "560");
  assert.equal(frame.title, "The talk");
  assert.equal(frame.srcdoc, undefined);
  assert.equal(frame.onload, undefined);
  assert.notEqual(frame.allow, "camera");
  const cards = await page.locator(".entry-content a.embed-card").evaluateAll((els) =>
    els.map((el) => ({
      href: el.getAttribute("href"),
      rel: el.getAttribute("rel"),
      title: el.querySelector(".embed-card-title")?.textContent,
      host: el.querySelector(".embed-card-host")?.textContent,
      attrs: [...el.attributes].map((a) => a.name).sort().join(" "),
    })),
  );
  assert.deepEqual(cards, [
    { href: "https://evil.example/frame", rel: "noopener", title: "A map of the coast", host: "evil.example", attrs: "class href rel" },
    { href: "http://video.example/embed/insecure", rel: "noopener", title: "video.example", host: "video.example", attrs: "class href rel" },
  ]);
  assert.deepEqual(page.problems, []);
});

test("WordPress's YouTube and Vimeo embeds fill their column at their aspect ratio, on a phone and a desktop", async () => {
  const site = await stack.siteWith({ embedHosts: ["www.youtube.com", "player.vimeo.com"] });
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    const page = await stack.newPage({ viewport });
    // The providers do not exist here: answer their players locally.
    await page.route(/^https:\/\/(www\.youtube\.com|player\.vimeo\.com)\//, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>player</p>" }));
    await page.goto(site + "/block-editor-embeds/");
    await page.locator("article.post .entry-content iframe").first().waitFor();
    const frames = await page.locator(".wp-block-embed.wp-has-aspect-ratio").evaluateAll((figures) =>
      figures.map((f) => {
        const frame = f.querySelector("iframe")?.getBoundingClientRect();
        const ratio = [...f.classList].find((c) => c.startsWith("wp-embed-aspect-"))?.slice(16).split("-").map(Number);
        return { frame: frame && { width: frame.width, height: frame.height }, wrapper: f.getBoundingClientRect().width, ratio };
      }),
    );
    assert.ok(frames.length >= 2, JSON.stringify(frames));
    for (const { frame, wrapper, ratio } of frames) {
      assert.ok(frame, "an allowed embed lost its frame");
      assert.ok(Math.abs(frame.width - wrapper) <= 1, `${viewport.width} px: the frame is ${frame.width} px wide in a ${wrapper} px figure`);
      assert.ok(Math.abs(frame.width / frame.height - ratio[0] / ratio[1]) < 0.02, `${viewport.width} px: ${frame.width}×${frame.height} is not ${ratio.join(":")}`);
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
