// WordPress REST API posts and JSON Feed items, read by the widget itself (recorded sample replies
// under examples/, served locally): their HTML goes through the allowlist, never into the page.

import { test } from "node:test";
import assert from "node:assert/strict";

import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { ARTICLE, ROOT, eventually, norm, useHarness, waitForReady } from "./harness.mjs";

const h = useHarness();

const fr = ARTICLE.translations.fr;
const ru = ARTICLE.translations.ru;
const en = ARTICLE.translations.en;
const EN = JSON.parse(readFileSync(resolve(ROOT, "locales/en.json"), "utf8"));
const ADAPTERS = /\/article_reader_adapters(_bg\.wasm|\.js)$/;

test("a WordPress post and its Polylang translation become one article", async () => {
  const warnings = [];
  const p = await h.openPage("/examples/wordpress.html", { ready: ["#reader"] });
  p.page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const { page } = p;
  assert.equal(norm(await page.locator("#reader h1").textContent()), norm(en.title));
  const langs = await page.locator("#reader button.lang").evaluateAll((b) => b.map((x) => x.dataset.lang));
  assert.deepEqual(langs, ["en", "fr"]);
  assert.ok(p.requests.some((u) => u.includes("/posts/43?_embed=1")), "the translation was fetched by its id");
  // The allowlist: paragraphs, the quote with its source, links kept only when safe.
  assert.equal(await page.locator("#reader .body > p").first().textContent(), en.body[0].text);
  assert.equal(norm(await page.locator("#reader .body blockquote").textContent()), "Oil is our wealth; oil is our burden.");
  assert.equal(await page.locator("#reader .body figcaption").textContent(), "An Iraqi saying");
  assert.equal(await page.locator('#reader .body a[href="https://journal-neo.su"]').count(), 1);
  assert.equal(await page.locator("#reader .body").getByText("this hostile link").count(), 1);
  const hrefs = await page.locator("#reader .body a").evaluateAll((a) => a.map((x) => x.getAttribute("href")));
  assert.ok(hrefs.every((u) => /^https?:/.test(u)), hrefs.join(" "));
  assert.equal(await page.evaluate(() => window.__xss), undefined, "the post's script did not run");
  assert.equal(await page.locator("#reader script").count(), 0);
  await page.locator("#reader button[data-lang=fr]").click();
  await eventually(async () => assert.equal(norm(await page.locator("#reader h1").textContent()), norm(fr.title)));
  assert.equal(await page.locator("#reader .byline .author").textContent(), fr.author_name);
  assert.deepEqual(p.pageErrors, []);
  await p.close();
});

test("a JSON Feed item with a second language from data-src-ru", async () => {
  const p = await h.openPage("/examples/json-feed.html", { ready: ["#reader"] });
  const { page } = p;
  assert.equal(norm(await page.locator("#reader h1").textContent()), norm(en.title));
  assert.equal(await page.locator("#reader .body > p").count(), 2);
  assert.equal(await page.locator("#reader time").getAttribute("datetime"), "2021-07-16");
  await page.locator("#reader button[data-lang=ru]").click();
  await eventually(async () => assert.equal(norm(await page.locator("#reader h1").textContent()), norm(ru.title)));
  assert.equal(await page.locator("#reader .body > p").nth(1).textContent(), ru.body[1].text);
  assert.deepEqual(p.consoleErrors, []);
  await p.close();
});

test("a post that is not one gives a clear error", async () => {
  const p = await h.openPage("/examples/wordpress.html");
  await p.page.evaluate(() => {
    document.getElementById("reader").setAttribute("data-src", "feed/item-ru.json");
    document.getElementById("reader").setAttribute("data-format", "wordpress");
  });
  await eventually(async () =>
    assert.equal(await p.page.locator("#reader [role=alert]").getAttribute("data-code"), "invalid-article"),
  );
  assert.ok(p.consoleErrors.some((m) => m.includes("not a WordPress post")), p.consoleErrors.join("\n"));
  await p.close();
});

test("the adapters' module is downloaded only by pages whose documents need it", async () => {
  const plain = await h.openPage("/", { ready: ["#reader-1", "#reader-2"] });
  assert.deepEqual(plain.requests.filter((u) => ADAPTERS.test(u)), [], "an article document needs no adapters");
  await plain.close();
  const wp = await h.openPage("/examples/wordpress.html", { ready: ["#reader"] });
  assert.equal(wp.requests.filter((u) => ADAPTERS.test(u)).length, 2, wp.requests.join("\n"));
  await wp.close();
});

test("when the adapters' module cannot be downloaded, the widget says so, and Retry works", async () => {
  const p = await h.openPage("/favicon.svg");
  let blocked = true;
  await p.context.route(ADAPTERS, (route) => (blocked ? route.abort("connectionrefused") : route.continue()));
  await p.page.goto(new URL("examples/wordpress.html", p.url).href);
  const alert = p.page.locator('#reader div.status.error[role="alert"]');
  await alert.waitFor({ state: "visible" });
  assert.equal(await alert.getAttribute("data-code"), "network");
  assert.equal(norm(await alert.locator(".error-message").textContent()), norm(EN.error_network));
  assert.ok(
    p.consoleErrors.some((m) => m.includes("on-demand module") && m.includes("article_reader_adapters") && m.includes("posts/42")),
    p.consoleErrors.join("\n"),
  );
  blocked = false;
  await alert.locator("button.retry").click();
  await waitForReady(p.page, "#reader");
  assert.equal(norm(await p.page.locator("#reader h1").textContent()), norm(en.title));
  assert.deepEqual(p.pageErrors, []);
  await p.close();
});
