// How a post's blocks are laid out, as relations between their boxes rather
// than pixels: are columns side by side, how many gallery items share a row,
// does text flow beside an aligned image, is a wide block wider than the
// text column, is a cover's text over its image. The end-to-end tests assert
// the facts at phone and desktop widths; the contract test compares them
// with WordPress's own theme on the same posts.

/** Runs in the page: the facts of the first `rootSelector` element. */
export function layoutFacts(rootSelector) {
  const root = document.querySelector(rootSelector);
  if (!root) return null;
  const box = (el) => el.getBoundingClientRect();
  const visible = (el) => box(el).width > 0 && box(el).height > 0;
  // Boxes that overlap vertically share a row (vertically centred items
  // start lower, yet sit beside each other); the largest row's size.
  const perRow = (items) => {
    const boxes = items.filter(visible).map(box).sort((a, b) => a.top - b.top);
    let best = 0;
    let row = [];
    for (const b of boxes) {
      if (row.length && b.top >= Math.min(...row.map((r) => r.bottom)) - 2) row = [];
      row.push(b);
      best = Math.max(best, row.length);
    }
    return best;
  };
  const plain = [...root.children].find((el) => el.tagName === "P" && !el.className && el.textContent.trim().length > 40);
  const textWidth = plain ? box(plain).width : box(root).width;
  const own = (list) => list.filter((el) => root.contains(el));
  const facts = {};

  facts.columns = own([...root.querySelectorAll(".wp-block-columns")]).map((c) => {
    const cols = [...c.children].filter((el) => el.classList.contains("wp-block-column"));
    return perRow(cols) === cols.length ? "side by side" : "stacked";
  });

  facts.galleries = own([...root.querySelectorAll(".wp-block-gallery, .gallery")]).map((g) => {
    const items = [...g.querySelectorAll(":scope > figure, :scope > .blocks-gallery-grid > li, :scope > .gallery-item")];
    return perRow(items) >= 2 ? "in rows" : "one per row";
  });

  // Text flowing beside a float: the first character of text after it sits
  // to its side and starts above its bottom edge.
  const firstTextAfter = (el) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    walker.currentNode = el;
    let node;
    while ((node = walker.nextNode())) {
      if (el.contains(node) || node.parentElement.closest("figcaption, .wp-caption-text")) continue;
      if (node.textContent.trim()) return node;
    }
    return null;
  };
  facts.floats = own([...root.querySelectorAll("figure.alignleft, figure.alignright, img.alignleft, img.alignright, div.wp-caption.alignleft, div.wp-caption.alignright")])
    .filter((el) => !el.parentElement.closest(".alignleft, .alignright"))
    .map((el) => {
      const text = firstTextAfter(el);
      if (!text) return "no text after";
      const range = document.createRange();
      const start = text.textContent.search(/\S/);
      range.setStart(text, start);
      range.setEnd(text, start + 1);
      const ch = range.getBoundingClientRect();
      const b = box(el);
      const left = el.classList.contains("alignleft");
      const beside = ch.top < b.bottom - 2 && (left ? ch.left >= b.right - 2 : ch.right <= b.left + 2);
      return beside ? `text beside (${left ? "left" : "right"})` : "text below";
    });

  const widthClass = (el) => {
    const w = box(el).width;
    if (w >= window.innerWidth - 24) return "full width";
    return w > textWidth + 24 ? "wider than the text" : "text width";
  };
  facts.wide = own([...root.querySelectorAll(".alignwide")]).map(widthClass);
  facts.full = own([...root.querySelectorAll(".alignfull")]).map(widthClass);

  facts.covers = own([...root.querySelectorAll(".wp-block-cover")]).map((c) => {
    const inner = c.querySelector(".wp-block-cover__inner-container");
    if (!inner) return "no text";
    const o = box(c);
    const i = box(inner);
    return i.top >= o.top - 1 && i.bottom <= o.bottom + 1 && i.left >= o.left - 1 && i.right <= o.right + 1 ? "text over" : "text outside";
  });

  facts.mediaText = own([...root.querySelectorAll(".wp-block-media-text")]).map((m) => {
    const parts = [m.querySelector(".wp-block-media-text__media"), m.querySelector(".wp-block-media-text__content")].filter(Boolean);
    return perRow(parts) === 2 ? "side by side" : "stacked";
  });

  facts.buttons = own([...root.querySelectorAll(".wp-block-buttons")]).map((b) => {
    const items = [...b.querySelectorAll(":scope > .wp-block-button")];
    return items.length < 2 ? "one" : perRow(items) === items.length ? "in a row" : "stacked";
  });

  for (const key of Object.keys(facts)) if (!facts[key].length) delete facts[key];
  return facts;
}

/** Whether the page scrolls sideways (it must not). */
export function scrollsSideways() {
  return document.documentElement.scrollWidth > window.innerWidth + 1;
}

/**
 * Runs in the page: scrolls through it so every lazy image loads, waits for
 * them (5 s at most each), then goes back to the top.
 */
export async function loadEveryImage() {
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await frame();
  }
  const pending = [...document.querySelectorAll("img")].filter((img) => !img.complete);
  await Promise.all(pending.map((img) => new Promise((r) => {
    img.addEventListener("load", r, { once: true });
    img.addEventListener("error", r, { once: true });
    setTimeout(r, 5000);
  })));
  scrollTo(0, 0);
  await frame();
}
