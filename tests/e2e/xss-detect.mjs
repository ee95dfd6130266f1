// What the XSS suites (xss.test.mjs, the corpus part of prerender.test.mjs)
// count as a payload executing or surviving, shared so both paths are held
// to the same detectors and the same policy.
//
// A payload executes if alert/confirm/prompt/print is called (they are
// replaced before any script runs; real dialogs are recorded too), if the
// page requests a host other than the site's and the API's (or a URL with
// the beacon marker), if the page leaves the URL it was opened at, or on any
// page error. It survives if `inspect` finds dangerous markup in a sanitised
// container. CSP reports are counted apart (see `outcome`).
import { BEACON_MARKER } from "./xss-corpus.mjs";

/** Hosts the app itself loads from (comment avatars). */
export const APP_HOSTS = /(^|\.)gravatar\.com$/;

/** Replaces the dialog functions in every frame before any of its scripts run. */
export function recorders() {
  const report = (kind, arg) => {
    try {
      window.__xssReport(kind, String(arg));
    } catch {
      // The binding is missing only in frames it cannot reach; the dialog
      // listener still catches a real dialog there.
    }
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const fake = function (arg) {
      report(name, arg);
      return name === "confirm" ? false : name === "prompt" ? null : undefined;
    };
    try {
      Object.defineProperty(window, name, { value: fake, writable: false, configurable: false });
    } catch {
      window[name] = fake;
    }
  }
}

/** Runs in the page: what is dangerous in each sanitised container. */
export function inspect(selector) {
  const BAD_ELEMENTS = new Set([
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "form", "input", "button", "textarea", "select", "svg", "math", "style",
    "template", "slot", "noscript", "portal", "fencedframe", "xmp", "plaintext", "title",
  ]);
  // <audio>, <video>, <source> and <track> are kept (WordPress's audio and
  // video blocks): players with the reader's controls, never autoplaying,
  // their URLs scheme-checked like any other (URL_ATTRS below).
  const BAD_ATTRS = new Set(["srcdoc", "formaction", "style", "id", "name", "ping", "background", "data", "autoplay"]);
  const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "cite", "poster", "background", "data", "lowsrc", "dynsrc"]);
  const BAD_SCHEME = /^(javascript|data|vbscript):/;
  const XHTML = "http://www.w3.org/1999/xhtml";
  // As a browser reads a URL: leading/trailing C0 controls and spaces
  // trimmed, tabs and newlines removed anywhere.
  const normal = (v) => v.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "").toLowerCase();
  const describe = (el) => el.outerHTML.slice(0, 160);
  return [...document.querySelectorAll(selector)].map((root) => {
    const owner = root.closest(".comment-body")?.querySelector(".comment-author")?.textContent ?? "";
    const found = [];
    for (const el of root.querySelectorAll("*")) {
      const tag = el.localName.toLowerCase();
      if (el.namespaceURI !== XHTML) found.push(`foreign element <${tag}> (${el.namespaceURI}): ${describe(el)}`);
      if (BAD_ELEMENTS.has(tag)) found.push(`element <${tag}>: ${describe(el)}`);
      if (el.shadowRoot) found.push(`shadow root on <${tag}>`);
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) found.push(`handler ${name} on <${tag}>: ${describe(el)}`);
        if (BAD_ATTRS.has(name)) found.push(`attribute ${name} on <${tag}>: ${describe(el)}`);
        const values = name === "srcset" ? attr.value.split(",").map((c) => c.trim().split(/\s+/)[0] ?? "") : URL_ATTRS.has(name) ? [attr.value] : [];
        for (const v of values) {
          if (BAD_SCHEME.test(normal(v))) found.push(`${name}=${JSON.stringify(attr.value)} on <${tag}>`);
        }
      }
    }
    return { owner, found };
  });
}

/** One worker: a browser context that records everything that must not happen. */
export async function newWorker(stack) {
  const page = await stack.newPage();
  const context = page.context();
  const own = new Set([new URL(stack.siteUrl).origin, new URL(stack.apiUrl).origin]);
  const w = { page, hits: [], requests: [], appRequests: 0, navigations: [], expectedUrl: null };
  await context.exposeBinding("__xssReport", (_source, kind, arg) => w.hits.push(`${kind}(${arg})`));
  await context.addInitScript(recorders);
  // Nothing leaves the machine: foreign requests are recorded and aborted.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return route.continue();
    }
    if (url.includes(BEACON_MARKER)) {
      w.requests.push(url);
      return route.abort();
    }
    if (own.has(parsed.origin) || !/^https?:$/.test(parsed.protocol)) return route.continue();
    if (APP_HOSTS.test(parsed.hostname)) {
      w.appRequests += 1;
      return route.abort();
    }
    w.requests.push(url);
    return route.abort();
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && w.expectedUrl && frame.url() !== w.expectedUrl) w.navigations.push(frame.url());
  });
  return w;
}

/** Forgets the last visit: the next one starts counting at `url`. */
export function resetWorker(w, url) {
  w.hits = [];
  w.requests = [];
  w.navigations = [];
  w.page.problems.length = 0;
  w.expectedUrl = url;
}

/** Scrolls through the whole page once, so every lazy image is requested. */
export async function scrollThrough(page) {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight - 100);
    for (let y = 0; y <= document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 40));
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
}

/** Lets lazy work under `selector` happen: every image requested, one error/load cycle, then the slowest handlers. */
export async function settleLazyWork(page, selector) {
  await scrollThrough(page);
  await page
    .waitForFunction(
      (sel) => [...document.querySelectorAll(`${sel} img`)].every((img) => img.complete),
      selector,
      { timeout: 3000 },
    )
    .catch(() => {});
  await page.waitForTimeout(300);
}

/** What executed since the last reset, and the CSP reports, counted apart. */
export function outcome(w) {
  const { page } = w;
  // A CSP report is not an execution: Chromium checks handler attributes,
  // <style> and <base> of attack markup against the policy even while the
  // inert parser reads them, and blocks them. Counted apart, as the policy
  // working as the second line of defence.
  const csp = page.problems.filter((p) => p.startsWith("csp: "));
  return {
    executed: [
      ...w.hits,
      ...w.requests.map((u) => `request ${u}`),
      ...w.navigations.map((u) => `navigated to ${u}`),
      ...page.problems.filter((p) => !p.startsWith("csp: ")),
    ],
    csp,
  };
}

/** Runs `jobs` (async (worker) => …) on `count` workers of `stack`. */
export async function runAll(stack, jobs, count) {
  const workers = await Promise.all(Array.from({ length: count }, () => newWorker(stack)));
  let next = 0;
  try {
    await Promise.all(
      workers.map(async (w) => {
        while (next < jobs.length) {
          const job = jobs[next++];
          await job(w);
        }
      }),
    );
  } finally {
    for (const w of workers) await w.page.context().close();
  }
}
