// The security and caching headers of the CDN bundle, computed from the
// built index.html: shared by postbuild.mjs and configure-dist.mjs.
import { createHash } from "node:crypto";

/** The deployment config block of an index.html. */
export function readConfig(html) {
  const m = html.match(/<script type="application\/json" id="blog-config">([\s\S]*?)<\/script>/);
  if (!m) throw new Error("index.html has no blog-config block");
  return JSON.parse(m[1]);
}

export function writeConfig(html, config) {
  const json = JSON.stringify(config).replace(/<\//g, "<\\/");
  return html.replace(
    /(<script type="application\/json" id="blog-config">)[\s\S]*?(<\/script>)/,
    (_, open, close) => open + json + close,
  );
}

/** sha256 sources for every inline executable script (Trunk's loader). */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? "";
    if (/\bsrc=/.test(attrs) || /type="application\/(ld\+)?json"/.test(attrs)) continue;
    hashes.push(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return hashes;
}

/** The origin of the API, or null when it is same-origin (a path). */
export function apiOrigin(config) {
  try {
    return new URL(config.apiBase ?? "/wp-json").origin;
  } catch {
    return null;
  }
}

/**
 * `https://host` for every entry of the config's `imageHosts` (a host name
 * or an https origin); anything else (http:, paths, wildcards beyond a
 * leading `*.`) is refused with a warning, never widened.
 */
export function imageHostSources(config, warn = console.warn) {
  const out = [];
  for (const entry of config.imageHosts ?? []) {
    const m = /^(?:https:\/\/)?((?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d+)?)\/?$/i.exec(String(entry).trim());
    if (m) {
      out.push(`https://${m[1].toLowerCase()}`);
    } else {
      warn(`imageHosts: ignored ${JSON.stringify(entry)} (give a host name or an https:// origin)`);
    }
  }
  return out;
}

/**
 * The origins the prerendered content loads images and media from, as the
 * prerenderer found them (`media-origins.json` in the bundle; none when the
 * bundle was not prerendered). Only https ones go into the policy: an http
 * image on an https page is mixed content, and the build says so.
 */
export function contentMediaSources(mediaOrigins, apiOrigin, warn = console.warn) {
  const https = mediaOrigins.filter((o) => o.startsWith("https://"));
  // Loopback addresses are a local build or test, served over http anyway.
  const http = mediaOrigins.filter((o) => o.startsWith("http://") && o !== apiOrigin && !/^http:\/\/(127\.|localhost[:/]|localhost$|\[::1\])/.test(o));
  if (http.length) warn(`content loads images over plain http from ${http.join(", ")}: an https page blocks or upgrades them; serve them over https`);
  return https;
}

/**
 * The Content-Security-Policy. Scripts: only our own files and the hash of
 * Trunk's inline loader (never 'unsafe-inline'), plus 'wasm-unsafe-eval' to
 * compile the WASM. Data: our origin and the API. Images and media: ours,
 * the API's origin, the origins the content uses (`mediaOrigins`), the
 * config's `imageHosts`, and the avatar host. Nothing may frame the site.
 */
export function contentSecurityPolicy(html, mediaOrigins = []) {
  const config = readConfig(html);
  const api = apiOrigin(config);
  const media = [api, ...imageHostSources(config), ...contentMediaSources(mediaOrigins, api)].filter(Boolean);
  const directives = [
    ["default-src", "'none'"],
    ["script-src", "'self'", ...inlineScriptHashes(html), "'wasm-unsafe-eval'"],
    ["connect-src", "'self'", api],
    ["img-src", "'self'", ...media, "https://*.gravatar.com"],
    ["media-src", "'self'", ...media],
    ["style-src", "'self'"],
    ["frame-src", ...(config.embedHosts ?? []).map((h) => `https://${h}`)],
    ["manifest-src", "'self'"],
    ["base-uri", "'none'"],
    ["object-src", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives
    .map(([name, ...sources]) => [name, ...new Set(sources.filter(Boolean))])
    .filter((d) => d.length > 1)
    .map((d) => d.join(" "))
    .join("; ");
}

export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

/**
 * `_headers` in the Netlify / Cloudflare Pages format: every path gets the
 * security headers; hashed assets are immutable for a year; HTML is
 * revalidated on every visit.
 */
export function headersFile(html, hashedAssets, mediaOrigins = []) {
  const lines = ["/*", `  Content-Security-Policy: ${contentSecurityPolicy(html, mediaOrigins)}`];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
  lines.push("");
  // Hosts merge the headers of every matching rule, so Cache-Control is set
  // per path only, never on `/*` (deep links and prerendered pages get the
  // host's default, which revalidates HTML).
  for (const page of ["/", "/index.html", "/shell.html", "/404.html"]) {
    lines.push(page, "  Cache-Control: no-cache", "");
  }
  for (const asset of hashedAssets) {
    lines.push(`/${asset}`, "  Cache-Control: public, max-age=31536000, immutable", "");
  }
  return lines.join("\n");
}
