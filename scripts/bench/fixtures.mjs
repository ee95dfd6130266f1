// Generated inputs for the bench: the seed article as one plain static page
// (the "static limit"), a data file for the dev API with posts carrying
// large comment threads, and sites of many posts for the build figures.
import { readFileSync, writeFileSync } from "node:fs";
import { firstLoadPaths } from "./assets.mjs";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const esc = (s) => String(s).replace(/&(?!#?\w+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The article as the app renders it (same markup and classes, same CSS file), with no script at all. */
export function staticArticle({ sitePath, distIndexHtml, slug }) {
  const site = JSON.parse(readFileSync(sitePath, "utf8"));
  const post = site.posts.find((p) => p.slug === slug);
  if (!post) throw new Error(`no post ${slug} in ${sitePath}`);
  const author = site.users.find((u) => u.id === post.author)?.name ?? "";
  const cats = (post.categories ?? []).map((id) => site.categories.find((c) => c.id === id)).filter(Boolean);
  const [y, m, d] = post.date.slice(0, 10).split("-").map(Number);
  const content = post.content ?? post.paragraphs.map((p) => `<p>${p}</p>`).join("\n\n");
  const css = firstLoadPaths(distIndexHtml).filter((p) => p.endsWith(".css"));
  const decoded = post.title.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>${esc(decoded)} – ${esc(site.site.name)}</title>
    ${css.map((href) => `<link rel="stylesheet" href="${href}" />`).join("\n    ")}
  </head>
  <body>
<a class="skip-link" href="#content">Skip to content</a><header class="site-header"><a class="site-title" href="/">${esc(site.site.name)}</a></header>
<main id="content" tabindex="-1"><article class="post"><header class="post-header"><h1>${post.title}</h1><p class="byline"><span class="author">By ${esc(author)}</span><time datetime="${post.date.slice(0, 10)}">${d} ${MONTHS[m - 1]} ${y}</time><span class="categories"><span class="visually-hidden">Filed under </span>${cats.map((c) => `<a href="/category/${c.slug}/">${esc(c.name)}</a>`).join(", ")}</span></p></header>
<div class="entry-content">${content}</div></article></main>
<footer class="site-footer"><p>${esc(site.site.name)}</p><nav aria-label="Footer"><a href="/">All posts</a></nav></footer>
  </body>
</html>
`;
}

// A small deterministic PRNG, so every run benches the same threads.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const NAMES = ["Asha", "Ben", "Chitra", "Dev", "Elena", "Farah", "Gabriel", "Hana", "Imran", "Jo", "Kavya", "Leo", "Maya", "Nikhil", "Olu", "Pia", "Quinn", "Rhea", "Sami", "Tara"];
const OPENERS = ["Thank you for writing this.", "This resonated with me.", "I needed to read this today.", "Beautifully put.", "As a trainee, this helps.", "I shared this with my group.", "Such an honest post.", "This made me cry a little."];
const MIDDLES = [
  "My therapist once said something very similar and it stayed with me.",
  "It is comforting to know the care goes both ways.",
  "I have been in therapy for two years and the relationship is everything.",
  "The part about boundaries is what I keep coming back to.",
  "I wish more people talked about this side of the work.",
  "Some weeks the session is the only hour I feel heard.",
  "Reading this before my first appointment made me less nervous.",
  "",
];
const CLOSERS = ["Thank you.", "Keep writing, please.", "Saving this one.", "", "With gratitude.", "More of this, please."];
const REPLIES = ["Same here.", "Thank you for saying this.", "I felt that too.", "So glad it helped you.", "Exactly this.", "Sending you strength.", "This is lovely to read."];

/**
 * Copies the site data and adds one post per size with that many approved
 * comments: about half top-level, the rest replies nested up to 3 levels
 * below a top-level comment (depth 2–4 counting the top level as 1).
 * Returns { path, posts: [{ size, id, slug }] }.
 */
export function commentsData({ sitePath, outPath, sizes }) {
  const site = JSON.parse(readFileSync(sitePath, "utf8"));
  const random = rng(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const posts = [];
  let nextId = 100000;
  sizes.forEach((size, i) => {
    const id = 1000 + i;
    const slug = `bench-comments-${size}`;
    posts.push({ size, id, slug });
    site.posts.push({
      id, slug,
      title: `A thread of ${size} comments`,
      date: `2024-01-${String(10 + i).padStart(2, "0")}T09:00:00`,
      author: 2,
      categories: [2],
      paragraphs: ["This post exists for the benchmark: its conversation is generated.", "Scroll down for the comments."],
    });
    const start = Date.UTC(2024, 0, 10 + i, 10);
    const byDepth = [[], [], [], []]; // ids at depth 1..4
    for (let n = 0; n < size; n++) {
      const r = random();
      // The first comment is top-level; then ~50% top-level, 30% replies,
      // 14% replies to replies, 6% a third level down.
      let depth = n === 0 ? 0 : r < 0.5 ? 0 : r < 0.8 ? 1 : r < 0.94 ? 2 : 3;
      while (depth > 0 && byDepth[depth - 1].length === 0) depth--;
      const cid = nextId++;
      const parents = byDepth[depth - 1];
      // Replies mostly answer recent comments, as conversations do.
      const parent = depth === 0 ? 0 : parents[Math.max(0, parents.length - 1 - Math.floor(random() * Math.min(parents.length, 30)))];
      byDepth[depth].push(cid);
      const name = pick(NAMES);
      const text = depth === 0
        ? [pick(OPENERS), pick(MIDDLES), pick(CLOSERS)].filter(Boolean).join(" ")
        : [pick(REPLIES), random() < 0.5 ? pick(MIDDLES) : ""].filter(Boolean).join(" ");
      site.comments.push({
        id: cid,
        post: id,
        ...(parent ? { parent } : {}),
        author_name: `${name} ${String.fromCharCode(65 + (cid % 26))}.`,
        author_email: `${name.toLowerCase()}${cid}@example.com`,
        date: new Date(start + n * 7 * 60 * 1000).toISOString().slice(0, 19),
        status: "approved",
        content: text,
      });
    }
  });
  writeFileSync(outPath, JSON.stringify(site));
  return { path: outPath, posts };
}

const TITLES = [
  "What clients teach me about patience", "What silence does in a session", "How I prepare for a first session",
  "When boundaries feel unkind", "Notes on supervision", "On endings in therapy", "Self-care for therapists",
  "Why I write after sessions", "How trust is built", "When grief shows up at work", "What makes a room feel safe",
  "Progress is not a straight line",
];
const SUBHEADS = ["What I noticed", "In the room", "Afterwards", "What helps", "A small practice"];

/**
 * A site for build figures: the demo site's people, media and terms, with
 * `count` generated posts in place of its own, with comments on a third of
 * them (1–6 each). Each post has 6–12 of the demo articles' paragraphs
 * (2–4 kB of HTML, like the seed article), a subheading, sometimes a quote
 * or a featured image, and one category (a quarter of them two) out of four,
 * unevenly, so category pages paginate differently. Returns outPath.
 */
export function postsData({ sitePath, outPath, count }) {
  const site = JSON.parse(readFileSync(sitePath, "utf8"));
  const random = rng(7);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const pool = site.posts.flatMap((p) => p.paragraphs ?? []);
  site.categories.push({ id: 6, name: "Self-care", slug: "self-care" }, { id: 7, name: "Training", slug: "training" });
  const weighted = [2, 2, 2, 2, 3, 3, 3, 6, 6, 7]; // Therapy 40%, Practice Notes 30%, Self-care 20%, Training 10%
  const day = 24 * 3600 * 1000;
  site.posts = Array.from({ length: count }, (_, i) => {
    const paragraphs = [...pool];
    for (let j = paragraphs.length - 1; j > 0; j--) {
      const k = Math.floor(random() * (j + 1));
      [paragraphs[j], paragraphs[k]] = [paragraphs[k], paragraphs[j]];
    }
    paragraphs.length = 6 + Math.floor(random() * 7);
    const html = paragraphs.map((p) => `<p>${p}</p>`);
    html.splice(Math.ceil(html.length / 2), 0, `<h2 class="wp-block-heading">${pick(SUBHEADS)}</h2>`);
    if (random() < 0.3) html.splice(2, 0, `<blockquote class="wp-block-quote"><p>${pick(pool).split(". ")[0]}.</p></blockquote>`);
    const first = pick(weighted);
    const second = random() < 0.25 ? pick(weighted) : first;
    return {
      id: 1000 + i,
      slug: `post-${i + 1}`,
      title: `${pick(TITLES)}, part ${i + 1}`,
      date: new Date(Date.UTC(2024, 11, 31, 9) - i * day).toISOString().slice(0, 19),
      author: 2,
      categories: [...new Set([first, second])],
      tags: random() < 0.5 ? [pick([4, 5])] : [],
      ...(i % 4 === 0 ? { featured_media: site.media[0].id } : {}),
      content: "\n" + html.join("\n\n\n\n") + "\n",
    };
  });
  // Comments on a third of the posts (1–6, some replies), as a blog has
  // them: the prerenderer reads them all and puts each post's in its page.
  site.comments = [];
  site.generated_comments = [];
  let commentId = 100000;
  for (const post of site.posts) {
    if (random() >= 1 / 3) continue;
    const ids = [];
    for (let k = 0, n = 1 + Math.floor(random() * 6); k < n; k++) {
      const parent = ids.length && random() < 0.3 ? pick(ids) : 0;
      ids.push(++commentId);
      site.comments.push({
        id: commentId,
        post: post.id,
        parent,
        author_name: pick(["Asha", "Ravi", "Meera", "Tom", "Lena"]),
        author_email: "reader@example.com",
        date: post.date,
        content: pick(pool).split(". ")[0] + ".",
        status: "approved",
      });
    }
  }
  writeFileSync(outPath, JSON.stringify(site));
  return outPath;
}
