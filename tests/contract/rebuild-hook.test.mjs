// The rebuild hook (wordpress/rebuild-hook.php) in the real WordPress:
// setup.sh installs it as a must-use plugin, off; this test turns it on for
// itself with a second mu-plugin defining the constants a site owner puts in
// wp-config.php (the URL of a listener this test runs on 127.0.0.1, a
// secret, a short delay), makes changes through WordPress's own PHP API
// (php-cli + wp-load.php, as seed.sh does: one process per change, like
// separate admin requests), runs WP-Cron by requesting wp-cron.php (the test
// site has DISABLE_WP_CRON, as a site with a system cron would), and checks
// what the listener received: the right events, signed, debounced into one
// call. Everything it created is deleted again and the hook turned off, so
// the other contract tests see the seeded site.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { copyFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { ROOT, WP_URL, requireWordPress } from "./stack.mjs";

const WP_DIR = process.env.WP_DIR ?? "/tmp/blog-wp";
const MU_PLUGINS = join(WP_DIR, "wp-content/mu-plugins");
const PLUGIN = join(MU_PLUGINS, "blog-rebuild-hook.php");
const CONFIG = join(MU_PLUGINS, "0-blog-rebuild-hook-test-config.php");
const WP_PORT = new URL(WP_URL).port;
const SECRET = `contract-${process.pid}-${Date.now().toString(36)}`;
const RUN = Date.now().toString(36);
const DELAY = 4; // seconds

let server;
let hookUrl;
const received = [];
const created = new Set();

/** Runs PHP with WordPress loaded (as the admin); returns what it echoes, parsed as JSON. */
function wp(code) {
  const script = `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '${WP_PORT}';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
wp_set_current_user( 1 );
${code}
`;
  const r = spawnSync("php", ["-d", "display_errors=stderr"], { input: script, encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`php failed (${r.status}): ${r.stderr}\n${code}`);
  const out = r.stdout.trim();
  return out ? JSON.parse(out) : null;
}

/** The constants a site owner puts in wp-config.php, in a mu-plugin of their own. */
function configure(delay) {
  writeFileSync(
    CONFIG,
    `<?php\n// Written by tests/contract/rebuild-hook.test.mjs, deleted when it ends.\n` +
      `define( 'BLOG_REBUILD_HOOK_URL', '${hookUrl}' );\n` +
      `define( 'BLOG_REBUILD_HOOK_SECRET', '${SECRET}' );\n` +
      `define( 'BLOG_REBUILD_HOOK_DELAY', ${delay} );\n` +
      // Test site only: WP-Cron runs the hook's job alone. WordPress's own
      // jobs (update checks, HTTPS detection's request to the site itself,
      // which a single-threaded php -S answers only after a timeout) would
      // take minutes on a fresh site.
      `add_filter( 'pre_get_ready_cron_jobs', function () {\n` +
      `  $ready = array();\n` +
      `  foreach ( (array) _get_cron_array() as $at => $jobs ) {\n` +
      `    if ( $at <= microtime( true ) && isset( $jobs['blog_rebuild_hook_flush'] ) ) {\n` +
      `      $ready[ $at ] = array( 'blog_rebuild_hook_flush' => $jobs['blog_rebuild_hook_flush'] );\n` +
      `    }\n` +
      `  }\n` +
      `  return $ready;\n` +
      `} );\n`,
    { mode: 0o644 },
  );
}

/**
 * Publishes a post (then runs `extra`, which may list more ids it made in
 * `$more`); returns its id.
 */
function publishPost(slug, extra = "") {
  const { id, more } = wp(`
$id = wp_insert_post( array( 'post_title' => 'Rebuild hook ${slug}', 'post_name' => '${slug}', 'post_status' => 'publish',
  'post_content' => "<!-- wp:paragraph -->\\n<p>First version.</p>\\n<!-- /wp:paragraph -->" ), true );
if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
$more = array();
${extra}
echo json_encode( array( 'id' => $id, 'more' => $more ) );`);
  for (const x of [id, ...more]) created.add(x);
  return id;
}

function verify(body, signature, secret = SECRET) {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(signature ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the listener has `count` calls (or the time is up). */
async function waitForCalls(count, ms = 10_000) {
  const until = Date.now() + ms;
  while (received.length < count && Date.now() < until) await sleep(100);
  return received.length;
}

/** What WP-Cron has in store for the hook, and the queued changes. */
function queue() {
  return wp(`echo json_encode( array( 'next' => wp_next_scheduled( 'blog_rebuild_hook_flush' ), 'pending' => get_option( 'blog_rebuild_hook_pending' ) ) );`);
}

async function runCron() {
  const res = await fetch(`${WP_URL}/wp-cron.php`);
  await res.arrayBuffer();
  assert.equal(res.status, 200);
}

before(async () => {
  await requireWordPress();
  // As setup.sh installs it (again here: a site set up before the hook existed).
  copyFileSync(join(ROOT, "wordpress/rebuild-hook.php"), PLUGIN);
  server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
    req.on("error", () => {});
    res.on("error", () => {});
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${server.address().port}/hook`;
});

after(async () => {
  rmSync(CONFIG, { force: true });
  const ids = [...created].join(",");
  wp(`
foreach ( array( ${ids} ) as $id ) { wp_delete_post( $id, true ); }
delete_option( 'blog_rebuild_hook_pending' );
wp_clear_scheduled_hook( 'blog_rebuild_hook_flush' );`);
  await new Promise((resolve) => server?.close(resolve) ?? resolve());
});

test("off unless configured: changes send nothing and queue nothing", async () => {
  rmSync(CONFIG, { force: true });
  const id = publishPost(`rebuild-hook-off-${RUN}`);
  wp(`wp_trash_post( ${id} );`);
  await sleep(1_000);
  assert.equal(received.length, 0);
  assert.deepEqual(queue(), { next: false, pending: false });
});

test("changes within the delay: one signed call from WP-Cron, with every event", async () => {
  configure(DELAY);
  const t0 = Date.now();
  const slug = `rebuild-hook-${RUN}`;
  // Published; in the same request a draft and a reusable block (not a
  // public post type): neither is a change to the site.
  const id = publishPost(slug, `
$more[] = wp_insert_post( array( 'post_title' => 'Draft ${RUN}', 'post_status' => 'draft' ) );
$more[] = wp_insert_post( array( 'post_title' => 'Block ${RUN}', 'post_type' => 'wp_block', 'post_status' => 'publish' ) );`);
  // Updated (WordPress saves a revision too), then an autosave: a revision
  // of its own, which is not a change.
  wp(`wp_update_post( array( 'ID' => ${id}, 'post_content' => "<!-- wp:paragraph -->\\n<p>Second version.</p>\\n<!-- /wp:paragraph -->" ) );`);
  wp(`_wp_put_post_revision( get_post( ${id} ), true );`);
  // A comment held, then approved; another one stays held.
  const comment = wp(`
$c = wp_insert_comment( array( 'comment_post_ID' => ${id}, 'comment_author' => 'Rebuild Hook', 'comment_author_email' => 'hook@example.org',
  'comment_content' => 'Approved later.', 'comment_approved' => 0 ) );
wp_insert_comment( array( 'comment_post_ID' => ${id}, 'comment_author' => 'Held', 'comment_author_email' => 'held@example.org',
  'comment_content' => 'Stays held.', 'comment_approved' => 0 ) );
wp_set_comment_status( $c, 'approve' );
echo json_encode( $c );`);
  wp(`wp_trash_post( ${id} );`);
  const elapsed = Date.now() - t0;

  // Queued, nothing sent yet: one WP-Cron event, the delay after the first change.
  assert.equal(received.length, 0, "nothing before the delay");
  const { next, pending } = queue();
  assert.ok(next > 0, "a WP-Cron event is scheduled");
  assert.equal(next - pending.since, DELAY);
  assert.deepEqual(pending.events.map((e) => e.event), ["post_published", "post_updated", "comment_approved", "post_trashed"]);
  if (elapsed < (DELAY - 1) * 1000) {
    await runCron(); // not due yet
    await sleep(500);
    assert.equal(received.length, 0, "WP-Cron before the delay sends nothing");
  }
  await sleep(Math.max(0, t0 + (DELAY + 1.2) * 1000 - Date.now()));
  await runCron();
  assert.equal(await waitForCalls(1), 1, "one call");
  await sleep(500);
  assert.equal(received.length, 1, "only one call");

  const call = received[0];
  assert.equal(call.method, "POST");
  assert.equal(call.url, "/hook");
  assert.equal(call.headers["content-type"], "application/json");
  assert.equal(call.headers["x-blog-event"], "post_trashed");
  assert.match(call.headers["x-blog-signature"], /^sha256=[0-9a-f]{64}$/);
  assert.ok(verify(call.body, call.headers["x-blog-signature"]), "valid signature");
  assert.ok(!verify(call.body, call.headers["x-blog-signature"], "another secret"));
  assert.ok(!verify(Buffer.concat([call.body, Buffer.from(" ")]), call.headers["x-blog-signature"]));

  const body = JSON.parse(call.body);
  assert.equal(body.event, "post_trashed");
  assert.equal(body.id, id);
  assert.equal(body.type, "post");
  assert.equal(body.slug, slug);
  assert.match(body.modified_gmt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.equal(body.site, `${WP_URL}/`);
  assert.deepEqual(
    body.events.map(({ event, id, type, slug, comment_id }) => ({ event, id, type, slug, comment_id })),
    [
      { event: "post_published", id, type: "post", slug, comment_id: undefined },
      { event: "post_updated", id, type: "post", slug, comment_id: undefined },
      { event: "comment_approved", id, type: "post", slug, comment_id: comment },
      { event: "post_trashed", id, type: "post", slug, comment_id: undefined },
    ],
  );
  assert.deepEqual(queue(), { next: false, pending: false }, "nothing left queued");
});

test("the next change starts a new delay; an unpublished page is a change too", async () => {
  configure(DELAY);
  const before = received.length;
  const t0 = Date.now();
  const page = wp(`
$id = wp_insert_post( array( 'post_title' => 'Hook page ${RUN}', 'post_name' => 'hook-page-${RUN}', 'post_type' => 'page', 'post_status' => 'publish' ) );
echo json_encode( $id );`);
  created.add(page);
  wp(`wp_update_post( array( 'ID' => ${page}, 'post_status' => 'draft' ) );`);
  await sleep(Math.max(0, t0 + (DELAY + 1.2) * 1000 - Date.now()));
  await runCron();
  assert.equal(await waitForCalls(before + 1), before + 1);
  const body = JSON.parse(received[before].body);
  assert.ok(verify(received[before].body, received[before].headers["x-blog-signature"]));
  assert.deepEqual(body.events.map((e) => [e.event, e.id, e.type]), [
    ["post_published", page, "page"],
    ["post_unpublished", page, "page"],
  ]);
  assert.equal(body.event, "post_unpublished");
});

test("delay 0: one call at the end of the request, without WP-Cron", async () => {
  configure(0);
  const before = received.length;
  const id = publishPost(`rebuild-hook-now-${RUN}`, `
wp_update_post( array( 'ID' => $id, 'post_title' => 'Rebuild hook, edited' ) );
wp_insert_comment( array( 'comment_post_ID' => $id, 'comment_author' => 'Known', 'comment_author_email' => 'known@example.org',
  'comment_content' => 'Approved at once.', 'comment_approved' => 1 ) );`);
  assert.equal(await waitForCalls(before + 1, 5_000), before + 1, "sent at once");
  await sleep(300);
  assert.equal(received.length, before + 1, "one call for the request");
  const body = JSON.parse(received[before].body);
  assert.ok(verify(received[before].body, received[before].headers["x-blog-signature"]));
  assert.deepEqual(body.events.map((e) => [e.event, e.id]), [
    ["post_published", id],
    ["post_updated", id],
    ["comment_approved", id],
  ]);
  assert.deepEqual(queue(), { next: false, pending: false });
});
