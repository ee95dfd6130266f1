// Points a built bundle at another WordPress without a rebuild: sets keys of
// the blog-config block in index.html and 404.html, and recomputes the CSP in
// _headers (connect-src and img-src follow apiBase).
// Usage: node scripts/configure-dist.mjs dist '{"apiBase":"https://cms.example.org/wp-json"}'
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { readConfig, writeConfig } from "./lib/headers.mjs";

const [dist = "dist", json = "{}"] = process.argv.slice(2);
const changes = JSON.parse(json);
for (const page of ["index.html", "404.html"]) {
  const path = join(dist, page);
  if (!existsSync(path)) continue;
  const html = readFileSync(path, "utf8");
  writeFileSync(path, writeConfig(html, { ...readConfig(html), ...changes }));
}
// Re-run the post-build step so _headers and the compressed copies agree.
await import("./postbuild.mjs");
