// Start-up as a reader sees it, against the release build in dist/: a long article's first screen
// comes before the rest of it, the rest follows whole and in order, and a language switch always
// shows a whole translation.
//
//   node --test --test-concurrency=1 tests/e2e/startup.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";

import { fakeSpeech } from "./a11y-helpers.mjs";
import { shownError } from "./embed-helpers.mjs";
import { ARTICLE, RECORD_EVENTS, eventually, readerEvents, useHarness } from "./harness.mjs";

const BLOCKS = 3000;
const paragraphs = (word) => Array.from({ length: BLOCKS }, (_, i) => ({ type: "paragraph", text: `${word} ${i + 1}.` }));
const LONG = {
  schema: "article-reader/1",
  id: "long",
  default_lang: "en",
  translations: {
    en: { title: "A long article", body: paragraphs("Paragraph") },
    fr: { title: "Un long article", body: paragraphs("Paragraphe") },
  },
};

// A long document whose first screen is valid and whose 2,000th block is not.
const BROKEN_AT = 1999;
const BROKEN = {
  ...LONG,
  id: "broken",
  translations: {
    en: { title: "A broken long article", body: paragraphs("Paragraph").map((b, i) => (i === BROKEN_AT ? { type: "vid" } : b)) },
    fr: { title: "Un long article", body: paragraphs("Paragraphe") },
  },
};

// A long document over the block limit (10,000 body blocks over all its translations).
const OVER_HALF = 5001;
const OVER = {
  ...LONG,
  id: "over",
  translations: {
    en: { title: "Too long an article", body: paragraphs("Paragraph").concat(paragraphs("Paragraph")).slice(0, OVER_HALF) },
    fr: { title: "Un article trop long", body: paragraphs("Paragraphe").concat(paragraphs("Paragraphe")).slice(0, OVER_HALF) },
  },
};

// The document as the mount element's inline child.
const inline = (doc) =>
  `<div data-article-reader id="long" data-lang="en"><script type="application/json">${JSON.stringify(doc).replace(/</g, "\\u003c")}</script></div>`;

const page = (body) => (req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>start-up</title></head>
<body>${body}<script type="module" src="/embed.js"></script></body></html>`);
};
const h = useHarness({
  routes: {
    "/startup/long.json": (req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(LONG));
    },
    "/startup/long.html": page(`<div data-article-reader id="long" data-lang="en" data-src="/startup/long.json"></div>`),
    "/startup/broken.json": (req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(BROKEN));
    },
    "/startup/broken.html": page(`<div data-article-reader id="long" data-lang="en" data-src="/startup/broken.json"></div>`),
    "/startup/over.json": (req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(OVER));
    },
    "/startup/over.html": page(`<div data-article-reader id="long" data-lang="en" data-src="/startup/over.json"></div>`),
    "/startup/inline-over.html": page(inline(OVER)),
    "/startup/inline.html": page(inline(LONG)),
    "/startup/inline-broken.html": page(inline(BROKEN)),
    "/startup/default.html": page(`<div data-article-reader id="d" data-lang="fr"></div>`),
  },
});

// Watches every animation frame from the page's start: `window.__first` is the number of body
// blocks in the first frame that shows the title; with `switchAt`, that frame also clicks the
// button of that language.
const firstFrame = (switchAt) => `(() => {
  const frame = () => {
    const root = document.querySelector("#long")?.shadowRoot;
    if (root && root.querySelector("h1")) {
      window.__first = root.querySelector("div.body").childElementCount;
      window.__firstReadTime = root.querySelector("p.byline .read-time")?.textContent ?? null;
      if (${JSON.stringify(switchAt)}) root.querySelector('nav.toggle button.lang[data-lang=${switchAt}]').click();
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

// Records, in every animation frame from the page's start until the title is shown, whether the
// widget #d shows its box and whether it shows its title: `window.__frames`, [box, title] each.
const FRAMES = `(() => {
  window.__frames = [];
  const frame = () => {
    const root = document.querySelector("#d")?.shadowRoot;
    const title = !!root?.querySelector("h1");
    window.__frames.push([!!root?.querySelector(".reader"), title]);
    if (!title) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

/** The body's paragraphs, as text. */
const body = (p) => p.page.locator("#long div.body").evaluate((b) => [...b.children].map((c) => c.textContent));

/**
 * Clicks `lang`'s button and returns the title and the number of body blocks in the first frame
 * that shows the new title.
 */
const switchTo = (p, lang) =>
  p.page.evaluate((lang) => {
    const root = document.querySelector("#long").shadowRoot;
    const before = root.querySelector("h1").textContent;
    root.querySelector(`nav.toggle button.lang[data-lang=${lang}]`).click();
    return new Promise((ok) => {
      const frame = () => {
        const title = root.querySelector("h1").textContent;
        if (title !== before) return ok({ title, blocks: root.querySelector("div.body").childElementCount });
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }, lang);

test("a long article paints its first screen first, then every block, in order, each once", async (t) => {
  const p = await h.openFor(t, "/startup/long.html", { initScript: firstFrame(null), ready: ["#long"] });
  const first = await p.page.evaluate(() => window.__first);
  assert.ok(first > 0 && first < BLOCKS, `the first frame with the title shows ${first} of ${BLOCKS} blocks`);
  await eventually(async () => assert.equal((await body(p)).length, BLOCKS));
  assert.deepEqual(await body(p), LONG.translations.en.body.map((b) => b.text));
  // A switch shows the other translation whole in the frame that shows its title.
  assert.deepEqual(await switchTo(p, "fr"), { title: "Un long article", blocks: BLOCKS });
  assert.deepEqual(await body(p), LONG.translations.fr.body.map((b) => b.text));
  assert.deepEqual([...p.consoleErrors, ...p.pageErrors], []);
});

for (const [source, path] of [["data-src", "/startup/long.html"], ["inline", "/startup/inline.html"]]) {
test(`a long article's reading time counts its whole body, not its first screen (${source})`, async (t) => {
  const p = await h.openFor(t, path, { initScript: firstFrame(null), ready: ["#long"] });
  // 3,000 paragraphs of two words and a title of three, at 228 words a minute in English.
  const minutes = Math.ceil((BLOCKS * 2 + 3) / 228);
  assert.equal(await p.page.locator("#long p.byline .read-time").textContent(), `${minutes} min read`);
  const first = await p.page.evaluate(() => window.__firstReadTime);
  assert.ok(first === null || first === `${minutes} min read`, `the first frame's reading time: ${first}`);
  await eventually(async () => assert.equal((await body(p)).length, BLOCKS));
});
}

for (const [source, path] of [["data-src", "/startup/broken.html"], ["inline", "/startup/inline-broken.html"]]) {
test(`a long document's first screen comes before the rest is read; a fault in the rest then shows the error, never ready (${source})`, async (t) => {
  const p = await h.openFor(t, path, { initScript: `${firstFrame(null)};${RECORD_EVENTS}` });
  const shown = await eventually(async () => {
    const e = await shownError(p.page, "long");
    assert.ok(e, "the widget shows an error");
    return e;
  });
  assert.equal(shown.code, "invalid-article");
  const first = await p.page.evaluate(() => window.__first);
  assert.ok(first > 0 && first < BLOCKS, `the first screen was shown, with ${first} blocks, before the fault was found`);
  const [error, ...more] = await readerEvents(p.page, "article-reader:error");
  assert.deepEqual(more, []);
  assert.equal(error.detail.path, `translations.en.body[${BROKEN_AT}].type`);
  assert.deepEqual(await readerEvents(p.page, "article-reader:ready"), [], "no ready for a document with a fault");
  assert.ok(p.consoleErrors.some((e) => e.includes(`body[${BROKEN_AT}]`)), p.consoleErrors.join("\n"));
  assert.equal(await p.page.locator("#long h1").count(), 0, "the first screen is gone");
});
}

test("a switch before a long document's rest is read, when the rest has a fault: the error, and no langchange", async (t) => {
  const p = await h.openFor(t, "/startup/broken.html", { initScript: `${firstFrame("fr")};${RECORD_EVENTS}` });
  const shown = await eventually(async () => {
    const e = await shownError(p.page, "long");
    assert.ok(e, "the widget shows an error");
    return e;
  });
  assert.equal(shown.code, "invalid-article");
  assert.ok((await p.page.evaluate(() => window.__first)) > 0, "the first screen was shown and clicked");
  assert.deepEqual(await readerEvents(p.page, "article-reader:langchange"), [], "no switch happened");
  assert.equal((await readerEvents(p.page, "article-reader:error")).length, 1);
});

// Clicks "Listen" in the first frame that offers it.
const LISTEN_AT_ONCE = `(() => {
  const frame = () => {
    const listen = document.querySelector("#long")?.shadowRoot?.querySelector("button.listen");
    if (listen) return listen.click();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

test("reading aloud, started as soon as it is offered, reads a long article's every block", async (t) => {
  const initScript = `${fakeSpeech([["en-US", "Fake EN"]])};${LISTEN_AT_ONCE}`;
  const p = await h.openFor(t, "/startup/long.html", { initScript, ready: ["#long"] });
  await eventually(async () => assert.ok((await p.page.evaluate(() => window.__spoken.length)) > 0, "reading aloud started"));
  const spoken = await p.page.evaluate(() => window.__spoken.map((u) => u.text));
  assert.deepEqual(spoken, LONG.translations.en.body.map((b) => b.text));
});

test("switching while a long article is still being drawn shows each translation whole", async (t) => {
  const p = await h.openFor(t, "/startup/long.html", { initScript: firstFrame("fr"), ready: ["#long"] });
  assert.ok((await p.page.evaluate(() => window.__first)) < BLOCKS);
  await eventually(async () => assert.equal(await p.page.locator("#long h1").textContent(), "Un long article"));
  assert.deepEqual(await body(p), LONG.translations.fr.body.map((b) => b.text));
  assert.deepEqual(await switchTo(p, "en"), { title: "A long article", blocks: BLOCKS });
  assert.deepEqual(await body(p), LONG.translations.en.body.map((b) => b.text));
  assert.deepEqual([...p.consoleErrors, ...p.pageErrors], []);
});

// What the widget #d shows in the first frame with its title, and when it says it is ready.
const SNAPSHOTS = `(() => {
  window.__seen = {};
  const look = () => {
    const root = document.querySelector("#d")?.shadowRoot;
    return { share: !!root.querySelector("nav.share"), date: root.querySelector("time")?.textContent ?? null };
  };
  const frame = () => {
    const root = document.querySelector("#d")?.shadowRoot;
    if (root && root.querySelector("h1")) return (window.__seen.first = look());
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener("article-reader:ready", () => (window.__seen.ready = look()));
})()`;

test("the first screen comes first; the date's words and the share row follow, and ready waits for them", async (t) => {
  const p = await h.openFor(t, "/startup/default.html", { initScript: SNAPSHOTS, ready: ["#d"] });
  await eventually(async () => assert.ok(await p.page.evaluate(() => window.__seen.ready)));
  const seen = await p.page.evaluate(() => window.__seen);
  const published = ARTICLE.published;
  const words = new Intl.DateTimeFormat("fr", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${published}T00:00:00Z`));
  assert.deepEqual(seen.first, { share: false, date: null }, "the first frame: title and body, without the date or the share row");
  assert.deepEqual(seen.ready, { share: true, date: words }, "at ready: the whole widget, the date in French words");
  assert.deepEqual([...p.consoleErrors, ...p.pageErrors], []);
});

test("the widget's first drawing is its article: no frame of an empty box before it, on a slow CPU either", async (t) => {
  const p = await h.openFor(t, "/startup/default.html", {
    initScript: FRAMES,
    ready: ["#d"],
    beforeGoto: async (context, page) => {
      // The CPU slowed as a phone's, where the widget's first render takes longer than a frame
      // (Yew's scheduler then lets the browser paint before the loader has read the reply); the
      // module held back until the article (requested by embed.js) has arrived whole.
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const article = page.waitForEvent("requestfinished", (r) => r.url().endsWith("/default-article.json"), { timeout: 0 }).catch(() => {});
      await page.route("**/article_reader_bg.wasm", async (route) => {
        await article;
        await new Promise((ok) => setTimeout(ok, 100));
        await route.continue();
      });
    },
  });
  const frames = await p.page.evaluate(() => window.__frames);
  const first = frames.findIndex(([box]) => box);
  assert.ok(first >= 0, "a frame showed the widget");
  assert.deepEqual(frames[first], [true, true], `the first frame that shows the widget shows its title: ${JSON.stringify(frames.slice(first))}`);
  assert.equal(await p.page.locator("#d h1").textContent(), ARTICLE.translations.fr.title);
  assert.deepEqual([...p.consoleErrors, ...p.pageErrors], []);
});

for (const [source, path] of [["data-src", "/startup/over.html"], ["inline", "/startup/inline-over.html"]]) {
test(`a long document over the block limit shows only its error, never its first screen (${source})`, async (t) => {
  const p = await h.openFor(t, path, { initScript: `${firstFrame(null)};${RECORD_EVENTS}` });
  const shown = await eventually(async () => {
    const e = await shownError(p.page, "long");
    assert.ok(e, "the widget shows an error");
    return e;
  });
  assert.equal(shown.code, "too-large");
  const [error, ...more] = await readerEvents(p.page, "article-reader:error");
  assert.deepEqual(more, []);
  assert.match(error.detail.message, /more than 10000 blocks/);
  assert.equal(await p.page.evaluate(() => window.__first), undefined, "no frame showed the article's title");
  assert.deepEqual(await readerEvents(p.page, "article-reader:ready"), []);
});
}
