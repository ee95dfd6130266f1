// Points a built bundle at another WordPress without a rebuild: sets keys of
// the blog-config block in every page (shell, 404.html, prerendered pages),
// and recomputes the CSP in
// _headers (connect-src and img-src follow apiBase).
// Usage: node scripts/configure-dist.mjs dist '{"apiBase":"https://cms.example.org/wp-json"}'
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { readConfig, writeConfig } from "./lib/headers.mjs";

const [dist = "dist", json = "{}"] = process.argv.slice(2);
const changes = JSON.parse(json);
// Every page: the shell, 404.html and each prerendered page carry the block.
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // .prerender/ is the prerenderer's memory (and the part's build page), not served.
    if (statSync(path).isDirectory()) {
      if (name !== ".prerender") walk(path);
    }
    else if (name.endsWith(".html")) {
      const html = readFileSync(path, "utf8");
      writeFileSync(path, writeConfig(html, { ...readConfig(html), ...changes }));
    }
  }
})(dist);
// Re-run the post-build step so _headers and the compressed copies agree.
await import("./postbuild.mjs");
