// The byte budgets (brotli, 1 kB = 1000 B), shared by budget.test.mjs,
// which enforces them, and make bench, which reports against them. See
// budget.test.mjs for what each one counts and why it is where it is.

/** The first load of a prerendered article: the speed issue's budget. */
export const ARTICLE_BUDGET_BYTES = 150 * 1000;
/** ...and its aim. */
export const ARTICLE_AIM_BYTES = 120 * 1000;
/**
 * The app's bundle (shell, CSS, JS glue, WASM): a regression guard at today's
 * size. 273 kB, then 284 kB with WordPress's block content (issue 16): the
 * block stylesheet (+4.5 kB) and, in the browser's sanitiser, media
 * elements, embed link cards, names for image-only links, inline layout as
 * classes, and the featured image's srcset (+6.9 kB of WASM). Then 317 kB
 * with every address a WordPress blog has (issue 13, +32.6 kB): pages,
 * tag / author / date archives, search, the password prompt, split posts,
 * titles with markup, the header's menu and search form: each page is its
 * own Leptos view types. Issue 14's small interactive part is where a
 * prerendered page's reader stops paying for them.
 */
export const APP_GUARD_BYTES = 317 * 1000;
/** What a reader of a plain (text) article downloads: HTML and CSS only. */
export const READING_BUDGET_BYTES = 50 * 1000;
/** The block stylesheet (style/blocks.css), part of every page. */
export const BLOCK_STYLES_BUDGET_BYTES = 5 * 1000;
