// A fresh copy of the app's bundle from a `make dist` output, without the
// pages: its top-level files (no .br/.gz, no `_redirects`), the shell as
// Trunk made it as index.html, and the
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
    // The built site's redirects (its feeds, its icon as /favicon.ico):
    // postbuild writes a copy's own.
    if (name === "_redirects") continue;
    copyFileSync(join(dist, name), join(out, name));
  }
  const parts = join(dist, ".prerender");
  // The shell as Trunk made it (sync-app.mjs keeps it there): without the
  // site icon the prerenderer added for the site the bundle was built from.
  const pristine = join(parts, "shell.html");
  if (existsSync(pristine)) copyFileSync(pristine, join(out, "shell.html"));
  // A bundle built with PRERENDER=0 has no shell.html: its index.html is the shell.
  if (existsSync(join(out, "shell.html"))) copyFileSync(join(out, "shell.html"), join(out, "index.html"));
  for (const name of existsSync(parts) ? readdirSync(parts).filter((f) => f.endsWith(".html") && f !== "shell.html") : []) {
    mkdirSync(join(out, ".prerender"), { recursive: true });
    copyFileSync(join(parts, name), join(out, ".prerender", name));
  }
  return out;
}
