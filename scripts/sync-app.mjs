// Part of `make dist`, after `trunk build` into a staging folder: brings the
// app's new bundle into dist/ without wiping what earlier builds
// prerendered there, so the prerenderer can rebuild only what changed.
// - Trunk's index.html becomes dist/shell.html (the template every page is
//   rendered into, without its HTML comments); dist/index.html too, unless
//   it is a prerendered home. The prerenderer adds the site's icon to
//   shell.html; dist/.prerender/shell.html keeps it as Trunk made it, for
//   copies of the app that read another site (scripts/lib/shell-copy.mjs).
// - Every other file of the bundle is copied (public files, hashed assets).
// - Hashed assets of older builds go, except those the previous shell
//   named: pages still cached by browsers and CDNs keep working.
// - The builds of the parts prerendered pages load on demand (further
//   arguments, name=folder: part= the comments, chat= the chat): their
//   hashed JS and WASM are copied the same way, and the page Trunk wrote
//   for each goes to dist/.prerender/<name>.html, where the prerenderer
//   reads the bundles' addresses (no host serves that folder). Without
//   them, earlier builds' part pages go: the pages name only the app.
// Usage: node scripts/sync-app.mjs <trunk-output> <dist> [<name>=<part-output> ...]
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [from, dist, ...partArgs] = process.argv.slice(2);
const parts = partArgs.map((arg) => /^([a-z]+)=(.+)$/.exec(arg));
if (!from || !dist || parts.some((p) => !p)) {
  console.error("usage: node scripts/sync-app.mjs <trunk-output> <dist> [<name>=<part-output> ...]");
  process.exit(2);
}
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
mkdirSync(dist, { recursive: true });

const partPages = join(dist, ".prerender");
const oldPartPages = existsSync(partPages) ? readdirSync(partPages).filter((f) => f.endsWith(".html")) : [];
const read = (f) => (existsSync(f) ? readFileSync(f, "utf8") : "");
// What the previous build's pages name: kept for pages still cached.
const previousShell = read(join(dist, "shell.html")) + oldPartPages.map((f) => read(join(partPages, f))).join("");
// index.html's HTML comments, and its inline scripts' line comments, are
// notes for its readers; every page made from the shell would carry them
// (2 kB, and 0.4 kB brotli), so they go here. A script's comment is a line
// whose first non-blank characters are `//`, in a `<script>` without
// attributes (the JSON blocks have a type, and no comments). The CSP
// allows the scripts by the hash of their text as shipped: postbuild.mjs
// hashes them in this shell, which every page and copy is made from.
const shell = readFileSync(join(from, "index.html"), "utf8")
  .replace(/[ \t]*<!--[\s\S]*?-->[ \t]*\n?/g, "")
  .replace(/<script>([\s\S]*?)<\/script>/g, (_, body) => `<script>${body.replace(/^[ \t]*\/\/.*\n?/gm, "")}</script>`);
const fresh = readdirSync(from).filter((f) => statSync(join(from, f)).isFile());

let copied = 0;
for (const f of fresh) {
  if (f === "index.html") continue;
  const target = join(dist, f);
  const same = existsSync(target) && readFileSync(target).equals(readFileSync(join(from, f)));
  if (!same) {
    copyFileSync(join(from, f), target);
    copied++;
  }
}
// The template, always; the home page only if none was prerendered.
if (!existsSync(join(dist, "shell.html")) || readFileSync(join(dist, "shell.html"), "utf8") !== shell) {
  writeFileSync(join(dist, "shell.html"), shell);
  copied++;
}
mkdirSync(partPages, { recursive: true });
if (read(join(partPages, "shell.html")) !== shell) writeFileSync(join(partPages, "shell.html"), shell);
const home = join(dist, "index.html");
if (!existsSync(home) || !readFileSync(home, "utf8").includes('id="prerendered"')) writeFileSync(home, shell);

const partFresh = [];
for (const [, name, partFrom] of parts) {
  for (const f of readdirSync(partFrom).filter((f) => HASHED.test(f))) {
    partFresh.push(f);
    const target = join(dist, f);
    if (!existsSync(target) || !readFileSync(target).equals(readFileSync(join(partFrom, f)))) {
      copyFileSync(join(partFrom, f), target);
      copied++;
    }
  }
  mkdirSync(partPages, { recursive: true });
  copyFileSync(join(partFrom, "index.html"), join(partPages, `${name}.html`));
}
// Part pages this build did not make (the prerenderer would name them).
for (const f of oldPartPages) if (f !== "shell.html" && !parts.some(([, name]) => f === `${name}.html`)) rmSync(join(partPages, f));

let removed = 0;
for (const f of readdirSync(dist)) {
  const base = f.replace(/\.(br|gz)$/, "");
  if (!HASHED.test(base) || fresh.includes(base) || partFresh.includes(base) || previousShell.includes(base)) continue;
  rmSync(join(dist, f));
  removed++;
}
console.log(`sync-app: ${copied} files of the new bundle into ${dist}, ${removed} old hashed assets removed`);
