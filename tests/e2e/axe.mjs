// axe-core in a page of the real site, shared by the accessibility suites.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// axe is injected with `page.evaluate(source)`: a CDP Runtime.evaluate, which
// the page's CSP does not govern. `page.addScriptTag({content})` would be an
// inline <script> and the site's strict CSP (script-src 'self' + hash) would
// block it, and `bypassCSP: true` would test a page that is not the real one.
// So the site keeps its real CSP, and any CSP violation still fails the test.
// One consequence: axe's CSSOM preload re-parses the page's stylesheets in
// <style> elements, which `style-src 'self'` blocks (a CSP report at axe.min.js
// line 12). It is turned off (`preload: false`); it only feeds the
// css-orientation-lock rule, which the test below on main.css covers instead.
const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/**
 * With JavaScript off the page's event loop runs no timer, observer or queued
 * microtask (only promise reactions, which are V8's), and axe schedules its
 * work with setTimeout and MutationObserver. So there, and only there, axe
 * gets promise-based stand-ins: the page is audited as a reader without
 * JavaScript gets it (<noscript> parsed as markup, `scripting: none`).
 */
function timersWithoutJavaScript() {
  window.MutationObserver = undefined;
  window.WebKitMutationObserver = undefined;
  window.setTimeout = (fn, _ms, ...args) => {
    Promise.resolve().then(() => fn(...args));
    return 0;
  };
  window.clearTimeout = () => {};
}

export async function runAxe(page, { javaScriptEnabled = true } = {}) {
  if (!javaScriptEnabled) await page.evaluate(timersWithoutJavaScript);
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"], preload: false });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

export function describe(state, scheme, violations) {
  return violations
    .map((v) =>
      [`[${state} / ${scheme}] ${v.id} (${v.impact}): ${v.help}  ${v.helpUrl}`,
        ...v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, "\n      ")}`)].join("\n"),
    )
    .join("\n");
}

