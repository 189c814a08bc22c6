// A widget that panics fails alone: it shows a localized error and fires article-reader:error
// {code: "internal"}; the other widgets of the page are mounted again by a fresh instance of the
// module and keep working, and widgets added later still mount. (The panic is requested through the
// module's test hook `panicForTest`, which makes one widget panic at its next render.)

import { test } from "node:test";
import assert from "node:assert/strict";

import { RECORD_EVENTS, eventually, readerEvents, useHarness, waitForReady } from "./harness.mjs";

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>three widgets</title>
<link rel="icon" href="/favicon.svg"></head><body>
<div data-article-reader id="a" data-lang="en"></div>
<div data-article-reader id="b" data-lang="fr"></div>
<div data-article-reader id="c" data-lang="ru"></div>
<button id="host-button" type="button">host</button>
<script type="module" src="/embed.js"></script>
<script type="module" src="/recovery-host.js"></script>
</body></html>`;
const HOST_SCRIPT = `document.getElementById("host-button").addEventListener("click", () => { window.__hostClicks = (window.__hostClicks || 0) + 1; });`;

const h = useHarness({
    routes: {
      "/recovery.html": (req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE),
      "/recovery-host.js": (req, res) => res.writeHead(200, { "Content-Type": "text/javascript" }).end(HOST_SCRIPT),
    },
  });

const shadowText = (page, id) => page.evaluate((id) => document.getElementById(id).shadowRoot.textContent, id);

test("a panicking widget fails alone; the others and later widgets keep working", async () => {
  const p = await h.openPage("/recovery.html", { ready: ["#a", "#b", "#c"], initScript: RECORD_EVENTS });
  const { page } = p;
  const wasmBefore = p.requests.filter((u) => u.endsWith(".wasm")).length;

  await page.evaluate(async () => (await import("/article_reader.js")).panicForTest(document.getElementById("b")));

  // The failing widget says so, in its own language (French), and reports an internal error.
  await eventually(async () => {
    assert.match(await shadowText(page, "b"), /Un problème est survenu lors de l’affichage de l’article/);
  });
  const errors = await readerEvents(page, "article-reader:error");
  assert.deepEqual(errors.map((e) => [e.target, e.detail.code]), [["b", "internal"]]);
  assert.match(errors[0].detail.message, /panicForTest/);
  assert.ok(p.consoleErrors.some((m) => m.includes("article-reader: internal error")), p.consoleErrors.join("\n"));

  // The others come back in a fresh instance and still switch language.
  await waitForReady(page, "#a");
  await waitForReady(page, "#c");
  await page.locator("#a button[data-lang=fr]").click();
  await eventually(async () => assert.equal(await page.locator("#a article").getAttribute("lang"), "fr"));
  await page.locator("#c button[data-lang=en]").click();
  await eventually(async () => assert.equal(await page.locator("#c article").getAttribute("lang"), "en"));
  assert.equal(await page.locator("#b h1").count(), 0, "the failed widget is not mounted again");

  // A widget added afterwards mounts; the compiled module was reused, not downloaded again.
  await page.evaluate(() => {
    const d = document.createElement("div");
    d.id = "d";
    d.setAttribute("data-article-reader", "");
    document.body.append(d);
  });
  await waitForReady(page, "#d");
  assert.equal(p.requests.filter((u) => u.endsWith(".wasm")).length, wasmBefore);

  // The host page is untouched: its own script still runs.
  await page.locator("#host-button").click();
  assert.equal(await page.evaluate(() => window.__hostClicks), 1);
  await p.close();
});
