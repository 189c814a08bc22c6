// Trust at the edges (issue 14): a mistyped attribute, a hostile document, a hostile frame. Each
// test here failed on the build before its fix (run it against another build with E2E_DIST=dir).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { RECORD_EVENTS, ROOT, TIMEOUT, eventually, norm, readerEvents, settle, useHarness, waitForReady } from "./harness.mjs";
import { hostPage, json as jsonRoute, shownError, startEnv } from "./embed-helpers.mjs";
import { scriptJson } from "./security-fixtures.mjs";

const EN = JSON.parse(readFileSync(resolve(ROOT, "locales/en.json"), "utf8"));

const doc = (id, body, extra = {}) => ({
  schema: "article-reader/1",
  id,
  default_lang: "en",
  translations: { en: { title: `Title ${id}`, body } },
  ...extra,
});
const para = (text) => ({ type: "paragraph", text });

// Documents answer any origin (the cross-origin tests fetch them from `localhost`).
const CORS = { "Access-Control-Allow-Origin": "*" };
const json = (value, { delay = 0 } = {}) => jsonRoute(value, { headers: CORS, delay });

const inline = (value) => `<script type="application/json">${scriptJson(value)}</script>`;


// --- fixtures ------------------------------------------------------------------------------------

const BAD_SOURCES = ["https://news example/a.json", "http://[", "https://x:99999/", "//"];
const ODD_TIMEOUTS = ["-5", "1.5", "1e3", "0x10", "2147483648"];

// A WordPress post naming 190,000 Polylang translations: four-letter keys, 1.7 MB in all.
const MANY_KEYS = {};
for (let i = 0; i < 190_000; i++) MANY_KEYS[(36 ** 3 + i).toString(36)] = 2;
const wpPost = (id, lang, title, paragraphs, translations) => ({
  id,
  lang,
  link: `https://blog.example/${lang}/${id}`,
  title: { rendered: title },
  content: { rendered: paragraphs.map((p) => `<p>${p}</p>`).join("") },
  excerpt: { rendered: "" },
  translations,
});
// Two translations of 1.1 MiB each: each under the 2 MiB document limit, together over it.
const LONG = (lang) => Array.from({ length: 4000 }, (_, i) => `${lang} paragraph ${i} ${"word ".repeat(56)}`);

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

const routes = {
  "/good.json": json(doc("GOOD", [para("good")])),
  "/slow.json": json(doc("SLOW", [para("slow")]), { delay: 1500 }),
  "/wp/v2/posts/1": json(wpPost(1, "en", "Many", ["x"], MANY_KEYS)),
  "/wp/v2/posts/10": json(wpPost(10, "en", "Long in English", LONG("en"), { en: 10, fr: 11 })),
  "/wp/v2/posts/11": json(wpPost(11, "fr", "Long en français", LONG("fr"), { en: 10, fr: 11 })),
  "/bad-items.json": json(doc("ITEMS", [{ type: "list", items: Array(1_000_000).fill(1) }])),
  "/empty-items.json": json(doc("EMPTY", [{ type: "list", items: Array(600_000).fill("") }])),
  "/a.json": json(doc("A", [para("first")])),
  "/b.json": json(doc("B", [para("second")])),
  "/fig-self.png": (req, res) => res.writeHead(200, { "Content-Type": "image/png" }).end(PNG),
};

const page = (body) => hostPage(body);
Object.assign(routes, {
  "/bad-src.html": page(
    BAD_SOURCES.map((src, i) => `<div id="bad-${i}" data-article-reader data-src="${src}"></div>`).join("\n") +
      `<div id="good" data-article-reader data-src="/good.json"></div>` +
      `<div id="inline" data-article-reader>${inline(doc("INLINE", [para("inline")]))}</div>`,
  ),
  "/timeouts.html": page(
    ODD_TIMEOUTS.map((t, i) => `<div id="t-${i}" data-article-reader data-src="/slow.json?${i}" data-timeout="${t}"></div>`).join("\n"),
  ),
  "/many.html": page(`<div id="many" data-article-reader data-src="/wp/v2/posts/1" data-format="wordpress"></div>`),
  "/long.html": page(`<div id="long" data-article-reader data-src="/wp/v2/posts/10"></div>`),
  "/items.html": page(
    `<div id="bad-items" data-article-reader data-src="/bad-items.json"></div>
     <div id="empty-items" data-article-reader data-src="/empty-items.json"></div>`,
  ),
  "/quoted.html": page(
    `<div id="forged" data-article-reader>${inline({
      ...doc("Q", [para("x")]),
      translations: { en: { title: "T", body: [para("x")] }, "x\ndoc.json: ok (1 translation: en)\u001b[2K": {} },
    })}</div>`,
  ),
  "/restyle.html": page(`<div id="w" data-article-reader data-src="/a.json"></div>`),
});

const h = useHarness({ routes });

// A test that hangs (a main thread busy for minutes) fails instead of stalling the suite.
const LIMIT = { timeout: 6 * TIMEOUT };

// --- 1. a data-src that is not a URL ------------------------------------------------------------

test("a data-src that is not a URL shows that widget's error, and every other widget works", LIMIT, async (t) => {
  const p = await h.openFor(t, "/bad-src.html", { initScript: RECORD_EVENTS });
  await waitForReady(p.page, "#good");
  await waitForReady(p.page, "#inline");
  for (const [i, src] of BAD_SOURCES.entries()) {
    const shown = await eventually(async () => {
      const e = await shownError(p.page, `bad-${i}`);
      assert.ok(e, `#bad-${i} (${src}) shows an error`);
      return e;
    });
    assert.deepEqual(shown, { code: "bad-src", message: EN.error_bad_src, retry: false }, src);
  }
  const errors = await readerEvents(p.page, "article-reader:error");
  assert.deepEqual(errors.map((e) => [e.target, e.detail.code]).sort(), BAD_SOURCES.map((_, i) => [`bad-${i}`, "bad-src"]));
  for (const e of errors) assert.ok(e.detail.message.includes("is not a fetchable URL"), e.detail.message);
  assert.deepEqual(p.pageErrors, []);
});

// --- 2. data-timeout, read once -----------------------------------------------------------------

test("data-timeout is read by one rule: values that are not whole milliseconds keep the default", LIMIT, async (t) => {
  const warnings = [];
  const p = await h.openFor(t, "/timeouts.html", { initScript: RECORD_EVENTS });
  p.page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  // The documents answer after 1.5 s: none of these values may turn that into a timeout.
  for (const [i, value] of ODD_TIMEOUTS.entries()) {
    await waitForReady(p.page, `#t-${i}`).catch((e) => assert.fail(`data-timeout="${value}": ${e.message}`));
  }
  assert.deepEqual(await readerEvents(p.page, "article-reader:error"), []);
  await eventually(async () => assert.ok(warnings.filter((w) => w.includes("data-timeout")).length >= ODD_TIMEOUTS.length, warnings.join("\n")));
});

// --- 3 and 8. WordPress translations: limits before the work, size per document ---------------

test("a WordPress post naming 190,000 translations is refused at once, before anything is fetched", LIMIT, async (t) => {
  const p = await h.openFor(t, "/many.html", { initScript: RECORD_EVENTS });
  const shown = await eventually(async () => {
    const e = await shownError(p.page, "many");
    assert.ok(e, "the widget shows an error");
    return e;
  });
  assert.equal(shown.code, "too-large");
  const [event] = await readerEvents(p.page, "article-reader:error");
  assert.match(event.detail.message, /more than 100 translations/);
  assert.equal(p.requests.filter((u) => /\/posts\/2\b/.test(u)).length, 0, "no translation was fetched");
});

test("a WordPress post whose two translations pass 2 MiB together, each under it, is shown", LIMIT, async (t) => {
  const p = await h.openFor(t, "/long.html", { initScript: RECORD_EVENTS });
  await waitForReady(p.page, "#long", { timeout: 3 * TIMEOUT });
  assert.equal(norm(await p.page.locator("#long h1").textContent()), "Long in English");
  await p.page.locator("#long button[data-lang=fr]").click();
  await eventually(async () => assert.equal(norm(await p.page.locator("#long h1").textContent()), "Long en français"));
  assert.equal(await p.page.locator("#long .body > p").count(), 4000);
});

// --- 4. problems and parts are capped -----------------------------------------------------------

test("a million bad list items make one short message; 600,000 empty ones draw nothing", LIMIT, async (t) => {
  const p = await h.openFor(t, "/items.html", { initScript: RECORD_EVENTS });
  for (const id of ["bad-items", "empty-items"]) {
    const shown = await eventually(async () => {
      const e = await shownError(p.page, id);
      assert.ok(e, `#${id} shows an error`);
      return e;
    });
    assert.equal(shown.code, "too-large", id);
  }
  assert.equal(await p.page.locator("#empty-items li").count(), 0);
  const events = await readerEvents(p.page, "article-reader:error");
  assert.equal(events.length, 2);
  for (const e of events) {
    assert.ok(e.detail.message.length < 1000, `${e.target}: a message of ${e.detail.message.length} characters`);
    assert.match(e.detail.message, /more than 100000 parts/);
  }
});

// --- 5. untrusted strings are quoted ------------------------------------------------------------

test("a translation key cannot forge a line or send escape sequences to the console", LIMIT, async (t) => {
  const messages = [];
  const p = await h.openFor(t, "/quoted.html", { initScript: RECORD_EVENTS });
  p.page.on("console", (m) => messages.push(m.text()));
  await p.page.reload();
  await eventually(async () => assert.ok(await shownError(p.page, "forged")));
  const mine = await eventually(async () => {
    const found = messages.filter((m) => m.includes("doc.json: ok"));
    assert.ok(found.length > 0, messages.join("\n"));
    return found;
  });
  for (const m of mine) {
    assert.ok(!m.includes("\n") && !m.includes("\u001b"), `raw control characters in ${JSON.stringify(m)}`);
    assert.ok(m.includes(String.raw`translations["x\ndoc.json: ok (1 translation: en)\u{1b}[2K"]`), m);
  }
});

// --- 10. a new data-src keeps the widget styled -------------------------------------------------

test("changing data-src keeps the widget styled where constructable stylesheets are missing", LIMIT, async (t) => {
  const p = await h.openFor(t, "/restyle.html", {
    initScript: `CSSStyleSheet.prototype.replaceSync = function () { throw new TypeError("no constructable stylesheets here"); };`,
  });
  const styled = () =>
    p.page.evaluate(() => {
      const root = document.getElementById("w").shadowRoot;
      const hidden = root.querySelector(".visually-hidden");
      return {
        links: root.querySelectorAll('link[rel="stylesheet"]').length,
        position: hidden ? getComputedStyle(hidden).position : null,
      };
    });
  await waitForReady(p.page, "#w");
  await eventually(async () => assert.deepEqual(await styled(), { links: 1, position: "absolute" }, "styled at first"));
  await p.page.evaluate(() => document.getElementById("w").setAttribute("data-src", "/b.json"));
  await eventually(async () => assert.equal(norm(await p.page.locator("#w h1").textContent()), "Title B"));
  await eventually(async () => assert.deepEqual(await styled(), { links: 1, position: "absolute" }, "styled after data-src changed"));
});

// --- 6. images: no third-party request before the reader clicks ---------------------------------

describe("images", () => {
  const figure = (src, alt) => ({ type: "image", src, alt, caption: `caption of ${alt}` });
  const images = (origin) =>
    doc("IMG", [
      para("before"),
      figure(`${origin}/fig-self.png`, "own"),
      figure("https://cdn.example.org/fig-listed.png", "listed"),
      figure("https://tracker.example/fig-other.png", "other"),
      figure("https://tracker.example/fig-other-2.png", "other again"),
      figure("http://insecure.example/fig-http.png", "insecure"),
    ]);
  const requested = (p, name) => p.requests.filter((u) => u.endsWith(`/${name}`)).length;

  test("only chosen origins load at once; others wait for a click; http: never loads", LIMIT, async (t) => {
    routes["/images.html"] = (req, res) =>
      page(`<div id="img" data-article-reader data-images-from="https://cdn.example.org">${inline(images(h.origin))}</div>`)(req, res);
    const p = await h.openFor(t, "/images.html");
    await waitForReady(p.page, "#img");
    for (const f of await p.page.locator("#img figure").all()) await f.scrollIntoViewIfNeeded();
    await settle(p.page, 400);
    assert.equal(requested(p, "fig-self.png"), 1, "the page's own image");
    assert.equal(requested(p, "fig-listed.png"), 1, "the image from data-images-from");
    assert.equal(requested(p, "fig-other.png"), 0, "another site's image waits for the reader");
    assert.equal(requested(p, "fig-http.png"), 0, "an http: image never loads");
    // What the reader sees instead: the alt text, the caption, and the choice.
    const held = p.page.locator("#img figure", { hasText: "caption of other" }).first();
    assert.equal(await held.locator("img").count(), 0);
    assert.equal(norm(await held.locator(".image-alt").textContent()), "other");
    const show = held.getByRole("button", { name: "Show image from tracker.example" });
    assert.equal(await show.count(), 1);
    const insecure = p.page.locator("#img figure", { hasText: "caption of insecure" });
    assert.equal(await insecure.getByRole("button").count(), 0);
    assert.equal(norm(await insecure.locator(".image-note").textContent()), EN.image_insecure);
    // The click loads that site's images, and only then.
    await show.click();
    await eventually(async () => {
      assert.equal(requested(p, "fig-other.png"), 1);
      assert.equal(requested(p, "fig-other-2.png"), 1, "the same site's other image too");
    });
    await settle(p.page, 200);
    assert.equal(requested(p, "fig-http.png"), 0);
  });
});

// --- 7 and 9: two origins (127.0.0.1 and localhost, one server) ---------------------------------

describe("across origins", () => {
  let env;
  const other = () => env.url.replace("127.0.0.1", "localhost");
  const publication = { name: "Journal", url: "https://journal.example" };
  const three = (id) => ({
    ...doc(id, [para("en")], { publication }),
    translations: {
      en: { title: `${id} in English`, body: [para("en")] },
      fr: { title: `${id} en français`, body: [para("fr")] },
      ru: { title: `${id} по-русски`, body: [para("ru")] },
    },
  });
  before(async () => {
    env = await startEnv({
      routes: {
        "/pub-a.json": json(three("A")),
        "/pub-b.json": json(three("B")),
        "/lang-a.html": hostPage(`<div id="r" data-article-reader data-src="/pub-a.json"></div>`),
        "/lang-b.html": (req, res) => hostPage(`<div id="r" data-article-reader data-src="${other()}pub-b.json"></div>`)(req, res),
        "/hostile.html": hostPage(
          `<p>not a widget</p><script>setInterval(() => parent.postMessage({ type: "article-reader:height", height: 5000 }, "*"), 50);</script>`,
          { loader: false },
        ),
        "/redirect": (req, res) => res.writeHead(302, { Location: `${other()}hostile.html` }).end(),
        "/frames.html": hostPage(
          `<iframe id="foreign" src="/hostile.html"></iframe>
           <iframe id="spoof" data-article-reader-frame src="/redirect"></iframe>
           <iframe id="ours" data-article-reader-frame src="/embed.html?src=/pub-a.json"></iframe>`,
        ),
      },
    });
  });
  after(() => env?.close());

  test("only the widget's own frames are resized, from their own origin", LIMIT, async (t) => {
    const p = await env.open("/frames.html");
    t.after(() => p.close());
    const height = (id) => p.page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
    await eventually(async () => assert.ok((await height("ours")) > 300, `the widget's frame is sized: ${await height("ours")}`));
    await p.page.waitForTimeout(500);
    // (An iframe's default height is 150 px, plus its border.)
    assert.ok((await height("foreign")) < 200, `a frame that is not the widget's keeps its size: ${await height("foreign")}`);
    assert.ok((await height("spoof")) < 200, `a marked frame now showing another origin keeps its size: ${await height("spoof")}`);
  });

  test("a saved language is the choice of one origin: another site's document cannot read or overwrite it", LIMIT, async (t) => {
    const p = await env.open("/lang-a.html");
    t.after(() => p.close());
    await waitForReady(p.page, "#r");
    await p.page.locator("#r button[data-lang=fr]").click();
    await eventually(async () => assert.equal(norm(await p.page.locator("#r h1").textContent()), "A en français"));
    // A document from another origin that claims the same publication starts in its own default.
    await p.page.goto(`${env.url}lang-b.html`);
    await waitForReady(p.page, "#r");
    assert.equal(norm(await p.page.locator("#r h1").textContent()), "B in English");
    await p.page.locator("#r button[data-lang=ru]").click();
    await eventually(async () => assert.equal(norm(await p.page.locator("#r h1").textContent()), "B по-русски"));
    // And its choice did not overwrite the first site's.
    await p.page.goto(`${env.url}lang-a.html`);
    await waitForReady(p.page, "#r");
    assert.equal(norm(await p.page.locator("#r h1").textContent()), "A en français");
  });
});
