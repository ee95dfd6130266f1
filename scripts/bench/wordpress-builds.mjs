// The builds of scripts/bench/wordpress.sh, against the WordPress it seeded:
// full, after one post is edited in WordPress (wp_update_post through
// php-cli, as an author's edit), and with nothing changed.
//   node scripts/bench/wordpress-builds.mjs <wp-json URL> <scratch dir>
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { prerender, shellCopy } from "./build.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const [api, tmp] = process.argv.slice(2);
const dir = shellCopy(join(ROOT, "dist"), join(tmp, "dist"));
const siteUrl = "https://blog.example.org";
const report = (label, run) => console.log(JSON.stringify({ build: label, ...run, log: undefined }), "\n ", run.log.split("\n").pop());

report("full", prerender({ dir, api, siteUrl }));
// One post edited, as its author would (title, text; WordPress moves modified_gmt).
const php = `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';
$p = get_posts(['numberposts' => 1, 'offset' => 100, 'post_status' => 'publish']);
wp_update_post(['ID' => $p[0]->ID, 'post_title' => $p[0]->post_title . ' (edited)', 'post_content' => 'Edited. ' . $p[0]->post_content]);
echo $p[0]->ID;`;
execFileSync("php", ["-d", "display_errors=stderr"], { input: php, stdio: ["pipe", "ignore", "inherit"] });
report("one post edited", prerender({ dir, api, siteUrl }));
report("nothing changed", prerender({ dir, api, siteUrl }));
