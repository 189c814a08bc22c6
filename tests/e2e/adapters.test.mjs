// WordPress REST API posts and JSON Feed items, read by the widget itself (recorded sample replies
// under examples/, served locally): their HTML goes through the allowlist, never into the page.

import { test } from "node:test";
import assert from "node:assert/strict";

import { ARTICLE, eventually, norm, useHarness } from "./harness.mjs";

const h = useHarness();

const fr = ARTICLE.translations.fr;
const ru = ARTICLE.translations.ru;
const en = ARTICLE.translations.en;

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
