// Screenshots of the real app for the README: the seed article on a phone
// (light and dark) and a desktop, and the chat launcher and window on both.
// Needs dist/ and target/release/devapi (make dist; cargo build -p devapi --release).
// Usage: node scripts/screenshots.mjs [out-dir]   (default docs/screenshots)
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { startStack } from "../tests/e2e/harness.mjs";

const out = resolve(process.argv[2] ?? "docs/screenshots");
mkdirSync(out, { recursive: true });
const ARTICLE = "/therapist-client-connection/";
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

const stack = await startStack();
try {
  const shots = [
    ["article-phone-light.png", PHONE, "light", null],
    ["article-phone-dark.png", { ...PHONE }, "dark", null],
    ["article-desktop-light.png", DESKTOP, "light", null],
    ["chat-launcher-phone.png", PHONE, "light", "launcher"],
    ["chat-open-phone.png", PHONE, "light", "open"],
    ["chat-launcher-desktop.png", DESKTOP, "light", "launcher"],
    ["chat-open-desktop.png", DESKTOP, "dark", "open"],
  ];
  for (const [name, options, colorScheme, chat] of shots) {
    const page = await stack.newPage({ ...options, colorScheme });
    await page.goto(stack.siteUrl + ARTICLE);
    await page.locator("article.post .entry-content p").first().waitFor();
    const launcher = page.getByRole("button", { name: "Open chat", exact: true });
    if (chat) await launcher.waitFor({ state: "visible", timeout: 10000 });
    if (chat === "open") {
      await launcher.click();
      await page.getByRole("dialog").waitFor();
      await page.mouse.move(0, 0);
    }
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, name) });
    await page.context().close();
    console.log("wrote", join(out, name));
  }
} finally {
  await stack.stop();
}
