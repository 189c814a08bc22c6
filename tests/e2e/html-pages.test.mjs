// data-format="html" (issue 16): an existing article page of the same site shown by the widget,
// read in the browser by the html module (core::extract, as the CLI's convert --from html reads
// it). The page is one of Mozilla Readability's test pages (tests/e2e/fixtures/, Apache-2.0).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { RECORD_EVENTS, ROOT, TIMEOUT, eventually, norm, readerEvents, useHarness, waitForReady } from "./harness.mjs";
import { hostPage, shownError } from "./embed-helpers.mjs";

const EN = JSON.parse(readFileSync(resolve(ROOT, "locales/en.json"), "utf8"));
const STORY = readFileSync(resolve(ROOT, "tests/e2e/fixtures/readability-base-url/source.html"));
const HTML_MODULE = /\/article_reader_html(_bg\.wasm|\.js)$/;
const ADAPTERS = /\/article_reader_adapters(_bg\.wasm|\.js)$/;
const LIMIT = { timeout: 6 * TIMEOUT };
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

// What the article page's requests asked for (their Accept header).
const accepted = [];
const routes = {
  "/articles/story.html": (req, res) => {
    accepted.push(req.headers.accept);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(STORY);
  },
  "/articles/foo/bar/baz.png": (req, res) => res.writeHead(200, { "Content-Type": "image/png" }).end(PNG),
  "/foo/bar/baz.png": (req, res) => res.writeHead(200, { "Content-Type": "image/png" }).end(PNG),
  // Over the 2 MiB of a JSON document, under the 16 MiB of a page: shown.
  "/articles/long.html": (req, res) =>
    res
      .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
      .end(String(STORY).replace("</body>", `<!-- ${"x".repeat(3 * 1024 * 1024)} --></body>`)),
  // Announces 17 MiB: refused before it is read (the reply is then cut off).
  "/articles/huge.html": (req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(17 * 1024 * 1024) });
    res.write("<!doctype html><p>");
    setTimeout(() => res.destroy(), 3000);
  },
  "/limits.html": hostPage(
    `<div id="long" data-article-reader data-format="html" data-src="/articles/long.html"></div>
     <div id="huge" data-article-reader data-format="html" data-src="/articles/huge.html"></div>`,
  ),
  "/page.html": hostPage(`<div id="story" data-article-reader data-format="html" data-src="/articles/story.html"></div>`),
  "/framed.html": hostPage(`<iframe id="frame" title="Story" src="/embed.html?format=html&amp;src=/articles/story.html"></iframe>`),
  "/other-site.html": hostPage(
    `<div id="far" data-article-reader data-format="html" data-src="https://other.example/articles/story.html"></div>`,
  ),
};
const h = useHarness({ routes });


test("an article page of the same site is shown: its title, its text, its links and images resolved against it", LIMIT, async (t) => {
  accepted.length = 0;
  const p = await h.openFor(t, "/page.html");
  await waitForReady(p.page, "#story", { timeout: 4 * TIMEOUT });
  const { page, origin } = p;
  assert.equal(norm(await page.locator("#story h1").textContent()), "Base URL test");
  const body = norm(await page.locator("#story .body").textContent());
  assert.ok(body.includes("Lorem ipsum dolor sit amet, consectetur adipisicing elit"), body);
  assert.ok(body.includes("Tempor incididunt ut labore"), body);
  const hrefs = await page.locator("#story .body a").evaluateAll((a) => a.map((x) => x.getAttribute("href")));
  assert.ok(hrefs.includes(`${origin}/articles/foo/bar/baz.html`), hrefs.join(" "));
  assert.ok(hrefs.includes(`${origin}/foo/bar/baz.html`), hrefs.join(" "));
  // Images follow the image policy: the page's own origin loads at once.
  const srcs = await page.locator("#story .body img").evaluateAll((i) => i.map((x) => x.getAttribute("src")));
  assert.ok(srcs.includes(`${origin}/articles/foo/bar/baz.png`), srcs.join(" "));
  await eventually(async () => assert.ok(p.requests.includes(`${origin}/articles/foo/bar/baz.png`)));
  // Read as a page (text/html), by the html module; the adapters' module is not needed.
  assert.ok(accepted.length >= 1 && accepted.every((a) => a === "text/html"), accepted.join(" | "));
  assert.equal(p.requests.filter((u) => HTML_MODULE.test(u)).length, 2, "the html module and its glue, once");
  assert.equal(p.requests.filter((u) => ADAPTERS.test(u)).length, 0);
  assert.equal(await page.locator("#story script").count(), 0);
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
});

test("the iframe form reads an article page too: its query has every attribute a widget reads, format included", LIMIT, async (t) => {
  const p = await h.openFor(t, "/framed.html");
  const title = p.page.frameLocator("#frame").locator("[data-article-reader] h1");
  await title.waitFor({ timeout: 4 * TIMEOUT });
  assert.equal(norm(await title.textContent()), "Base URL test");
  assert.ok(p.requests.some((u) => HTML_MODULE.test(u)), "the html module read it");
  assert.deepEqual(p.pageErrors, []);
});

test("an article page on another origin is refused in its widget, and nothing is requested from there", LIMIT, async (t) => {
  const p = await h.openFor(t, "/other-site.html", { initScript: RECORD_EVENTS });
  const shown = await eventually(async () => {
    const e = await shownError(p.page, "far");
    assert.ok(e, "#far shows an error");
    return e;
  });
  assert.deepEqual(shown, { code: "cross-origin", message: EN.error_cross_origin, retry: false });
  const [error] = await readerEvents(p.page, "article-reader:error");
  assert.equal(error.detail.code, "cross-origin");
  assert.ok(error.detail.message.includes("https://other.example/articles/story.html"), error.detail.message);
  assert.ok(error.detail.message.includes("same-origin pages only"), error.detail.message);
  assert.ok(p.consoleErrors.some((m) => m.includes("other.example") && m.includes("same-origin pages only")), p.consoleErrors.join("\n"));
  assert.deepEqual(p.requests.filter((u) => u.includes("other.example")), [], "no request to the other origin");
  assert.equal(p.requests.filter((u) => HTML_MODULE.test(u)).length, 0, "the html module is not downloaded for nothing");
  assert.deepEqual(p.pageErrors, []);
});

test("a page is held to the page limit (16 MiB), not the 2 MiB of a JSON document", LIMIT, async (t) => {
  const p = await h.openFor(t, "/limits.html");
  await waitForReady(p.page, "#long", { timeout: 4 * TIMEOUT });
  assert.equal(norm(await p.page.locator("#long h1").textContent()), "Base URL test");
  const shown = await eventually(async () => {
    const e = await shownError(p.page, "huge");
    assert.ok(e, "#huge shows an error");
    return e;
  });
  assert.equal(shown.code, "too-large");
  assert.ok(p.consoleErrors.some((m) => m.includes(`${17 * 1024 * 1024} bytes`)), p.consoleErrors.join("\n"));
  assert.deepEqual(p.pageErrors, []);
});

test("a WordPress post does not download the html module", LIMIT, async (t) => {
  const p = await h.openFor(t, "/examples/wordpress.html", { ready: ["#reader"] });
  assert.ok(p.requests.some((u) => ADAPTERS.test(u)), "the adapters' module is downloaded");
  assert.equal(p.requests.filter((u) => HTML_MODULE.test(u)).length, 0);
  assert.deepEqual(p.pageErrors, []);
});
