// Takes the screenshots shown in the README (docs/screenshots/) from the release build in dist/
// (or E2E_DIST): the demo page in light and dark, side-by-side reading, and a 320 px phone.
//   node scripts/screenshots.mjs
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

import { LAUNCH_OPTIONS } from "../tests/e2e/harness.mjs";
import { startServer } from "./static-server.mjs";

const out = new URL("../docs/screenshots/", import.meta.url);
mkdirSync(out, { recursive: true });
const root = process.env.E2E_DIST || new URL("../dist/", import.meta.url).pathname;
const { server, url } = await startServer({ root });
const browser = await chromium.launch(LAUNCH_OPTIONS);

async function shoot(name, { scheme = "light", width = 1000, height = 1200, prepare, fullPage = false, clip } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.locator("#reader-1 h1.title").waitFor();
  await page.locator("#reader-2 h1.title").waitFor();
  if (prepare) await prepare(page);
  await page.waitForTimeout(200);
  const path = new URL(`${name}.png`, out).pathname;
  await page.screenshot({ path, fullPage, clip: clip && (await clip(page)) });
  await page.close();
  console.log(`docs/screenshots/${name}.png`);
}

const around = (selector, above = 40, height = 900) => async (page) => {
  const box = await page.locator(selector).boundingBox();
  const y = Math.max(0, box.y + (await page.evaluate(() => window.scrollY)) - above);
  return { x: 0, y, width: page.viewportSize().width, height };
};

await shoot("demo-light", { height: 1000 });
await shoot("demo-dark", { scheme: "dark", height: 1000 });
await shoot("second-widget-sepia", { fullPage: true, clip: around("#reader-2", 40, 700) });
await shoot("share-row", {
  fullPage: true,
  prepare: async (page) => {
    await page.locator("#reader-1 button[data-lang=fr]").click();
    await page.locator("#reader-1 nav.share").scrollIntoViewIfNeeded();
  },
  clip: around("#reader-1 nav.share", 260, 420),
});
await shoot("settings-panel", {
  prepare: (page) => page.locator("#reader-1 button.settings-toggle").click(),
  height: 700,
});
await shoot("side-by-side", {
  width: 1400,
  height: 1000,
  prepare: async (page) => {
    await page.locator("#reader-1 button.settings-toggle").click();
    await page.locator("#reader-1 .parallel-choice select").selectOption({ label: "Русский" });
    await page.locator("#reader-1 button.settings-toggle").click();
  },
});
await shoot("phone-320", { width: 320, height: 760 });

await browser.close();
server.close();
