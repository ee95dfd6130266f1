// The byte budgets (brotli, 1 kB = 1000 B), shared by budget.test.mjs,
// which enforces them, and make bench, which reports against them. See
// budget.test.mjs for what each one counts and why it is where it is.

/** The first load of a prerendered article: the speed issue's budget. */
export const ARTICLE_BUDGET_BYTES = 150 * 1000;
/** ...and its aim. */
export const ARTICLE_AIM_BYTES = 120 * 1000;
/** The app's bundle (shell, CSS, JS glue, WASM): a regression guard at today's size. */
export const APP_GUARD_BYTES = 273 * 1000;
