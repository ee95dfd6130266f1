// A tiny production-like host for the bench: serves a dist/ compressed (brotli
// quality 11, precompressed once and kept in memory; gzip if the browser does
// not take br), answers /a/ with a/index.html (a prerendered page) and
// unknown paths with the app's shell (shell.html, or index.html in a bundle
// that was not prerendered), as a static host with `_redirects` does, and
// proxies /wp-json and /wp-content to the dev API so the app is same-origin,
// as behind a CDN rule. API JSON is compressed on the fly (brotli quality 5,
// like a web server's dynamic compression). Extra in-memory pages can be
// mounted.
import { createServer, request as httpRequest } from "node:http";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
};
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|wasm)|image\/svg)/;

function encodings(req) {
  const accept = String(req.headers["accept-encoding"] ?? "");
  return { br: /\bbr\b/.test(accept), gzip: /\bgzip\b/.test(accept) };
}

/** A body in its three encodings, computed lazily and cached. */
function variants(body, quality = 11) {
  const cache = {};
  return {
    identity: body,
    get br() {
      return (cache.br ??= brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }));
    },
    get gzip() {
      return (cache.gzip ??= gzipSync(body, { level: 9 }));
    },
  };
}

function send(req, res, status, type, v, headers = {}) {
  const enc = encodings(req);
  const compress = COMPRESSIBLE.test(type) && v.identity.length > 256;
  let body = v.identity;
  const out = { "Content-Type": type, "Cache-Control": "no-cache", Vary: "Accept-Encoding", ...headers };
  if (compress && enc.br) {
    body = v.br;
    out["Content-Encoding"] = "br";
  } else if (compress && enc.gzip) {
    body = v.gzip;
    out["Content-Encoding"] = "gzip";
  }
  out["Content-Length"] = body.length;
  res.writeHead(status, out);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Sets keys of the inert config block of an index.html (like devapi --site-config). */
export function withConfig(html, extra) {
  return html.replace(
    /(<script type="application\/json" id="blog-config">)([\s\S]*?)(<\/script>)/,
    (_, open, json, close) => open + JSON.stringify({ ...JSON.parse(json), ...extra }) + close,
  );
}

/** "/a/index.html" for every prerendered page (and the home) under root. */
function pagePaths(root, dir = "/") {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = dir + name;
    if (statSync(join(root, path)).isDirectory()) out.push(...pagePaths(root, path + "/"));
    else if (name === "index.html") out.push(path);
  }
  return out;
}

/** A free port on 127.0.0.1, for a site whose address must be known before it starts. */
export async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, "127.0.0.1", ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/**
 * Starts the server on 127.0.0.1 (`port`, default any free one). `config`:
 * keys merged into the config block of every HTML page; `pages`:
 * { "/path/": html } served as is; `prerendered: false` ignores the
 * prerendered pages, so every page URL gets the shell (the fallback path).
 * Resolves to { url, close, stats }.
 */
export async function startSite({ root, apiUrl, config = {}, pages = {}, prerendered = true, port = 0 }) {
  const shell = existsSync(join(root, "shell.html")) ? "/shell.html" : "/index.html";
  const files = new Map();
  const file = (path) => {
    if (!files.has(path)) {
      const full = normalize(join(root, path));
      if (!full.startsWith(normalize(root)) || !existsSync(full) || !statSync(full).isFile()) {
        files.set(path, null);
      } else {
        let data = readFileSync(full);
        // Every page carries the config block (the shell's, copied by the prerenderer).
        if (extname(full) === ".html" && Object.keys(config).length) data = Buffer.from(withConfig(data.toString("utf8"), config));
        files.set(path, { type: TYPES[extname(full)] ?? "application/octet-stream", v: variants(data) });
      }
    }
    return files.get(path);
  };
  /** The file for a URL path: the file itself, or a directory's prerendered index.html. */
  const lookup = (path) => {
    if (path.endsWith("/")) return prerendered ? file(path + "index.html") : null;
    return file(path);
  };
  // Precompress the shell and the prerendered pages now, so no run pays for brotli 11.
  file(shell)?.v.br;
  if (prerendered) for (const p of pagePaths(root)) file(p).v.br;
  const extra = new Map(Object.entries(pages).map(([p, html]) => [p, variants(Buffer.from(html))]));
  const stats = { encodings: new Set() };

  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname.startsWith("/wp-json") || url.pathname.startsWith("/wp-content")) {
      return proxy(req, res, url);
    }
    if (extra.has(url.pathname)) return send(req, res, 200, TYPES[".html"], extra.get(url.pathname));
    const hit = lookup(decodeURIComponent(url.pathname));
    const served = hit || file(shell);
    if (hit) stats.encodings.add(String(req.headers["accept-encoding"]));
    // Hashed names never change: a CDN caches them for a year (the bench disables the cache anyway).
    const headers = hit && /-[0-9a-f]{16}/.test(url.pathname) ? { "Cache-Control": "public, max-age=31536000, immutable" } : {};
    send(req, res, 200, served.type, served.v, headers);
  });

  function proxy(req, res, url) {
    const upstream = new URL(url.pathname + url.search, apiUrl);
    const headers = { ...req.headers, host: upstream.host };
    delete headers["accept-encoding"];
    const up = httpRequest(upstream, { method: req.method, headers }, (ur) => {
      const chunks = [];
      ur.on("data", (c) => chunks.push(c));
      ur.on("end", () => {
        const h = { ...ur.headers };
        for (const k of ["content-length", "transfer-encoding", "connection", "content-encoding", "access-control-allow-origin"]) delete h[k];
        send(req, res, ur.statusCode, ur.headers["content-type"] ?? "application/octet-stream", variants(Buffer.concat(chunks), 5), h);
      });
    });
    up.on("error", (e) => {
      res.writeHead(502, { "Content-Type": "text/plain" });
      res.end(String(e));
    });
    req.pipe(up);
  }

  // Warm the brotli cache for every file the shell names.
  const { firstLoadPaths } = await import("./assets.mjs");
  for (const p of firstLoadPaths(readFileSync(join(root, shell), "utf8"))) file(p)?.v.br;

  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  server.keepAliveTimeout = 60000;
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}
