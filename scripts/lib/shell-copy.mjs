// A fresh copy of the app's bundle from a `make dist` output, without the
// pages: its top-level files (no .br/.gz), the shell as index.html, and the
// parts' pages (.prerender/part.html, chat.html) for the prerenderer. That
// is what a prerender starts from; the tests and the bench prerender such
// copies against their own dev API.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export function shellCopy(dist, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(dist)) {
    if (/\.(br|gz)$/.test(name) || !statSync(join(dist, name)).isFile()) continue;
    copyFileSync(join(dist, name), join(out, name));
  }
  // A bundle built with PRERENDER=0 has no shell.html: its index.html is the shell.
  if (existsSync(join(out, "shell.html"))) copyFileSync(join(out, "shell.html"), join(out, "index.html"));
  const parts = join(dist, ".prerender");
  for (const name of existsSync(parts) ? readdirSync(parts).filter((f) => f.endsWith(".html")) : []) {
    mkdirSync(join(out, ".prerender"), { recursive: true });
    copyFileSync(join(parts, name), join(out, ".prerender", name));
  }
  return out;
}
