// End-to-end tests of embedding: style isolation both ways, strict CSP, late mounts and removals,
// the loader's once-per-page guarantees, attribute changes, data-src failures, events, theming
// and the iframe form. Headless Chromium (playwright-core) against the release build in dist/.
//
//   node --test --test-concurrency=1 tests/e2e/

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  RECORD_EVENTS,
  eventually,
  events,
  hostPage,
  norm,
  readJson,
  settle,
  startEnv,
  styleOf,
  waitForReady,
} from "./embed-helpers.mjs";

const ARTICLE = readJson("content/default-article.json");
const ARABIC = readJson("examples/articles/iraq-ar.json");
const EN = readJson("locales/en.json");
const TITLE = Object.fromEntries(Object.entries(ARTICLE.translations).map(([lang, t]) => [lang, t.title]));
const WASM = "article_reader_bg.wasm";
const GLUE = "article_reader.js";

// --- Test-only replies --------------------------------------------------------------------------

const hanging = new Set();
let flakyRequests = 0;

const routes = {
  // Chromium asks every new origin for /favicon.ico; dist has none, and a 404 is a console error.
  "/favicon.ico": (req, res) => res.writeHead(204).end(),
  // The default article, 600 ms late.
  "/slow/article.json": (req, res) => {
    setTimeout(() => {
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify(ARTICLE));
    }, 600);
  },
  "/fail/404.json": (req, res) => res.writeHead(404, { "Content-Type": "text/plain" }).end("not found"),
  "/fail/500.json": (req, res) => res.writeHead(500, { "Content-Type": "text/plain" }).end("server error"),
  "/fail/html.json": (req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<html>"),
  // Never answers; close() ends it.
  "/fail/hang.json": (req, res) => {
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
  },
  // 500 the first time, the default article afterwards.
  "/fail/flaky.json": (req, res) => {
    flakyRequests += 1;
    if (flakyRequests === 1) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end("try later");
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(JSON.stringify(ARTICLE));
  },

  "/t/double.html": hostPage(
    `<div data-article-reader id="a" data-lang="en"></div>
<div data-article-reader id="b" data-lang="fr"></div>
<script type="module" src="/embed.js?again"></script>`,
  ),
  "/t/lazy.html": hostPage(`<main id="main"><p>No widget here yet.</p></main>`),
  "/t/attrs.html": hostPage(`<div data-article-reader id="r" data-lang="en" data-theme="light"></div>`),
  "/t/attrs-loading.html": hostPage(`<div data-article-reader id="r" data-lang="en" data-src="/slow/article.json"></div>`),
  "/t/events.html": hostPage(`<div data-article-reader id="r" data-lang="en" data-theme="light"></div>`),
  "/t/theme.html": hostPage(
    `<div data-article-reader id="r" data-lang="en" data-theme="light"
     style="--reader-accent: rgb(1, 2, 3); --reader-font-size: 21px"></div>`,
    { head: "<style>#r::part(title) { color: rgb(4, 5, 6) }</style>" },
  ),
  "/t/failures.html": hostPage(
    `<div data-article-reader id="e404" data-src="/fail/404.json"></div>
<div data-article-reader id="e500" data-src="/fail/500.json"></div>
<div data-article-reader id="ehtml" data-src="/fail/html.json"></div>
<div data-article-reader id="enet" data-src="http://127.0.0.1:9/x.json"></div>
<div data-article-reader id="etimeout" data-src="/fail/hang.json" data-timeout="500"></div>`,
  ),
  "/t/retry.html": hostPage(`<div data-article-reader id="r" data-src="/fail/flaky.json" data-lang="en"></div>`),
  "/t/frames.html": hostPage(
    `<iframe id="f1" title="English, dark" src="/embed.html?lang=en&amp;theme=dark"></iframe>
<iframe id="f2" title="Arabic" src="/embed.html?src=/examples/articles/iraq-ar.json&amp;lang=ar&amp;theme=sepia"></iframe>`,
    { head: "<style>body{margin:0 auto;max-width:46rem;padding:1rem} iframe{display:block;width:100%;border:0;margin:1rem 0}</style>" },
  ),
};

let env;
before(async () => {
  env = await startEnv({ routes });
});
after(async () => {
  for (const res of hanging) res.destroy();
  await env?.close();
});

/** Opens a page in a fresh context, runs `fn(p)`, and always closes the context. */
async function withPage(path, options, fn) {
  const p = await env.open(path, options);
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

const articleAttr = (page, sel, name) => page.locator(`${sel} article`).getAttribute(name);
const titleOf = async (page, sel) => norm(await page.locator(`${sel} h1.title`).textContent());

// --- 1. Style isolation -------------------------------------------------------------------------

// The server of these tests, the demo and the benchmarks (scripts/static-server.mjs) types files
// by the mime-types package: the module must come as application/wasm, or the browser cannot
// compile it while it downloads.
test("the static server sends the module as application/wasm and the scripts as JavaScript", async () => {
  const type = async (path) => (await fetch(new URL(path, env.url))).headers.get("content-type");
  assert.equal(await type(WASM), "application/wasm");
  assert.match(await type("embed.js"), /^text\/javascript\b/);
  assert.match(await type("embed.html"), /^text\/html\b/);
  assert.match(await type("default-article.json"), /^application\/json\b/);
});

describe("style isolation (examples/hostile-css.html)", () => {
  test("host CSS does not reach into the widget", async () => {
    await withPage("/examples/hostile-css.html", {}, async ({ page }) => {
      await waitForReady(page, "#reader");
      const para = await styleOf(page.locator("#reader div.body p"), "color", "font-size");
      assert.notEqual(para.color, "rgb(255, 0, 0)", "host `p {color: red !important}` reached a body paragraph");
      assert.notEqual(para["font-size"], "40px", "host `p {font-size: 40px}` reached a body paragraph");

      const buttons = page.locator("#reader button.lang");
      assert.equal(await buttons.count(), 3, "one toggle button per translation");
      for (const display of await buttons.evaluateAll((els) => els.map((b) => getComputedStyle(b).display))) {
        assert.notEqual(display, "none", "host `button {display: none}` hid a toggle button");
      }
      await page.locator('#reader button.lang[data-lang="fr"]').click();
      await eventually(async () => assert.equal(await titleOf(page, "#reader"), norm(TITLE.fr)));

      const links = page.locator("#reader a.share-link");
      assert.ok((await links.count()) > 0, "the share row has links");
      for (const color of await links.evaluateAll((els) => els.map((a) => getComputedStyle(a).color))) {
        assert.notEqual(color, "rgb(0, 255, 0)", "host `a {color: lime !important}` reached a share link");
      }
    });
  });

  test("the widget's styles change nothing in the host page", async () => {
    await withPage("/examples/hostile-css.html", {}, async ({ page }) => {
      await waitForReady(page, "#reader");
      const hostPara = await styleOf(page.locator("#host-paragraph"), "color", "font-size");
      assert.deepEqual(hostPara, { color: "rgb(255, 0, 0)", "font-size": "40px" });
      assert.equal((await styleOf(page.locator("#host-button"), "display")).display, "none");

      // Host elements that carry the widget's class names get none of its rules.
      await page.evaluate(() => {
        const wrap = document.createElement("div");
        wrap.id = "lookalike";
        wrap.className = "reader theme-dark frame";
        wrap.innerHTML =
          '<p id="lookalike-p" class="title body share toggle lang status">host text</p>' +
          '<button id="lookalike-b" class="lang retry share-link">host button</button>';
        document.querySelector("main").append(wrap);
      });
      const p = await styleOf(page.locator("#lookalike-p"), "color", "font-size", "font-weight");
      assert.equal(p.color, "rgb(255, 0, 0)");
      assert.equal(p["font-size"], "40px");
      assert.equal(p["font-weight"], "400", "`.title {font-weight: 700}` leaked into the host page");
      const wrap = await styleOf(page.locator("#lookalike"), "padding-top", "background-color", "font-size");
      assert.equal(wrap["padding-top"], "0px", "`.reader {padding}` leaked into the host page");
      assert.equal(wrap["background-color"], "rgba(0, 0, 0, 0)", "a widget theme leaked into the host page");
      assert.equal((await styleOf(page.locator("#lookalike-b"), "display")).display, "none");

      // And no stylesheet of the document itself holds widget rules.
      const leaked = await page.evaluate(() => {
        const sheets = [...document.styleSheets, ...document.adoptedStyleSheets];
        return sheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).filter((t) => /\.reader\b|\.title\b|\.share-link\b/.test(t));
      });
      assert.deepEqual(leaked, []);
    });
  });
});

// --- 2. Strict CSP ------------------------------------------------------------------------------

describe("strict Content Security Policy (examples/strict-csp.html)", () => {
  test("no violation, no console error, and the Arabic toggle reads right to left", async () => {
    const initScript = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});`;
    await withPage("/examples/strict-csp.html", { initScript }, async (p) => {
      const { page } = p;
      await waitForReady(page, "#reader");
      assert.equal(await articleAttr(page, "#reader", "lang"), "en");
      assert.equal(await titleOf(page, "#reader"), norm(ARABIC.translations.en.title));
      // The widget's stylesheet applied (a blocked stylesheet would leave a bold-less, unpadded box).
      assert.equal((await styleOf(page.locator("#reader h1.title"), "font-weight"))["font-weight"], "700");

      await page.getByRole("button", { name: "العربية" }).click();
      await eventually(async () => {
        assert.equal(await articleAttr(page, "#reader", "lang"), "ar");
        assert.equal(await articleAttr(page, "#reader", "dir"), "rtl");
      });
      assert.equal(await titleOf(page, "#reader"), norm(ARABIC.translations.ar.title));
      await settle(page);
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });
});

// --- 3. Late mount, removal, loading once -------------------------------------------------------

describe("mounting (examples/many.html and pages of the test's own)", () => {
  test("three widgets in three languages; a late one mounts, a removed one goes", async () => {
    await withPage("/examples/many.html", {}, async (p) => {
      const { page } = p;
      for (const lang of ["en", "fr", "ru"]) {
        await waitForReady(page, `#reader-${lang}`);
        assert.equal(await articleAttr(page, `#reader-${lang}`, "lang"), lang);
        assert.equal(await titleOf(page, `#reader-${lang}`), norm(TITLE[lang]));
      }
      await page.click("#add");
      await waitForReady(page, "#reader-late-1");
      assert.equal(await articleAttr(page, "#reader-late-1", "lang"), "fr");
      assert.equal(await titleOf(page, "#reader-late-1"), norm(TITLE.fr));
      assert.equal(await page.locator("[data-article-reader]").count(), 4);

      await page.click("#remove");
      await eventually(async () => assert.equal(await page.locator("#reader-late-1").count(), 0));
      assert.equal(await page.locator("[data-article-reader]").count(), 3);
      // The others are untouched.
      for (const lang of ["en", "fr", "ru"]) assert.equal(await titleOf(page, `#reader-${lang}`), norm(TITLE[lang]));
      await settle(page);
      assert.equal(p.count(WASM), 1, "the module is fetched once for all widgets");
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });

  test("the loader included twice (two URLs) mounts each element once and fetches the module once", async () => {
    await withPage("/t/double.html", {}, async (p) => {
      const { page } = p;
      await waitForReady(page, "#a");
      await waitForReady(page, "#b");
      assert.equal(p.count("/embed.js"), 2, "both script URLs were loaded");
      const readers = () =>
        page.evaluate(() => ["a", "b"].map((id) => document.getElementById(id).shadowRoot.querySelectorAll("div.reader").length));
      await settle(page, 300);
      assert.deepEqual(await readers(), [1, 1]);
      // A third copy loaded later changes nothing either.
      await page.evaluate(() => import("/embed.js?third").then((m) => m.ready()));
      await settle(page, 300);
      assert.deepEqual(await readers(), [1, 1]);
      assert.equal(p.count(WASM), 1, `${WASM} requests`);
      assert.equal(p.count(GLUE), 1, `${GLUE} requests`);
      assert.equal(await titleOf(page, "#b"), norm(TITLE.fr));
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });

  test("a page without a mount element loads no module until one appears", async () => {
    await withPage("/t/lazy.html", {}, async (p) => {
      const { page } = p;
      assert.equal(p.count("/embed.js"), 1);
      await page.waitForTimeout(1000);
      assert.equal(p.count(WASM), 0, "the module was fetched with no widget on the page");
      assert.equal(p.count(GLUE), 0);

      await page.evaluate(() => {
        const el = document.createElement("div");
        el.id = "late";
        el.setAttribute("data-article-reader", "");
        el.setAttribute("data-lang", "ru");
        document.getElementById("main").append(el);
      });
      await waitForReady(page, "#late");
      assert.equal(await titleOf(page, "#late"), norm(TITLE.ru));
      assert.equal(p.count(WASM), 1);

      // An element that gets the attribute later mounts too, without a second fetch.
      await page.evaluate(() => {
        const el = document.createElement("div");
        el.id = "later";
        document.getElementById("main").append(el);
        el.setAttribute("data-article-reader", "");
      });
      await waitForReady(page, "#later");
      assert.equal(p.count(WASM), 1);
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });
});

// --- 4. Attribute changes -----------------------------------------------------------------------

describe("attribute changes after mount", () => {
  test("data-lang switches language in place, data-theme restyles, data-src remounts", async () => {
    await withPage("/t/attrs.html", {}, async (p) => {
      const { page } = p;
      await waitForReady(page, "#r");
      await page.evaluate(() => (window.__marker = "same page"));
      assert.equal(p.count("default-article.json"), 1);

      await page.evaluate(() => document.getElementById("r").setAttribute("data-lang", "ru"));
      await eventually(async () => assert.equal(await titleOf(page, "#r"), norm(TITLE.ru)));
      assert.equal(await articleAttr(page, "#r", "lang"), "ru");
      assert.equal(await page.locator('#r button.lang[aria-pressed="true"]').getAttribute("data-lang"), "ru");
      assert.equal(await page.evaluate(() => window.__marker), "same page", "the page was reloaded");
      assert.equal(p.count("/t/attrs.html"), 1);
      assert.equal(p.count("default-article.json"), 1, "the article was fetched again for a language switch");

      await page.evaluate(() => document.getElementById("r").setAttribute("data-theme", "dark"));
      await eventually(async () => {
        const cls = await page.locator("#r div.reader").getAttribute("class");
        assert.match(cls, /\btheme-dark\b/);
        assert.doesNotMatch(cls, /\btheme-light\b/);
      });
      assert.equal(await articleAttr(page, "#r", "lang"), "ru", "a theme change reset the language");

      await page.evaluate(() => {
        const el = document.getElementById("r");
        el.setAttribute("data-src", "/examples/articles/iraq-ar.json");
        el.setAttribute("data-lang", "ar");
      });
      await eventually(async () => assert.match(norm(await page.locator("#r p.code").textContent()), /\bIRQ6532-AR$/));
      await waitForReady(page, "#r");
      assert.equal(await titleOf(page, "#r"), norm(ARABIC.translations.ar.title));
      assert.equal(await articleAttr(page, "#r", "lang"), "ar");
      assert.equal(await articleAttr(page, "#r", "dir"), "rtl");
      assert.match(await page.locator("#r div.reader").getAttribute("class"), /\btheme-dark\b/);
      assert.equal(await page.evaluate(() => document.getElementById("r").shadowRoot.querySelectorAll("div.reader").length), 1);
      assert.equal(await page.evaluate(() => window.__marker), "same page");
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });
});

describe("attribute changes before the article has loaded", () => {
  test("a data-lang set while the article is still loading is honoured once it arrives", async () => {
    await withPage("/t/attrs-loading.html", { initScript: RECORD_EVENTS }, async (p) => {
      const { page } = p;
      await page.locator('#r div.status.loading[role="status"]').waitFor({ state: "visible" });
      await page.evaluate(() => document.getElementById("r").setAttribute("data-lang", "fr"));
      await waitForReady(page, "#r");
      assert.equal(await page.locator("#r").getAttribute("data-lang"), "fr");
      await eventually(
        async () => assert.equal(await articleAttr(page, "#r", "lang"), "fr", 'data-lang="fr" was set while loading, yet the widget shows another language'),
        { timeout: 2000 },
      );
      assert.equal(await titleOf(page, "#r"), norm(TITLE.fr));
      assert.deepEqual(p.consoleErrors, []);
    });
  });
});

// --- 5. data-src failures -----------------------------------------------------------------------

describe("data-src failures", () => {
  const CASES = [
    { id: "e404", src: "/fail/404.json", code: "http-status", message: EN.error_status.replace("{status}", "404"), retry: true },
    { id: "e500", src: "/fail/500.json", code: "http-status", message: EN.error_status.replace("{status}", "500"), retry: true },
    { id: "ehtml", src: "/fail/html.json", code: "not-json", message: EN.error_invalid, retry: false },
    { id: "enet", src: "http://127.0.0.1:9/x.json", code: "network", message: EN.error_network, retry: true },
    { id: "etimeout", src: "/fail/hang.json", code: "timeout", message: EN.error_timeout, retry: true },
  ];

  test("each failure shows its message, Retry where it can help, logs the URL and fires article-reader:error", async () => {
    await withPage("/t/failures.html", { initScript: RECORD_EVENTS }, async (p) => {
      const { page } = p;
      for (const c of CASES) {
        const alert = page.locator(`#${c.id} div.status.error[role="alert"]`);
        await alert.waitFor({ state: "visible" });
        assert.equal(await alert.getAttribute("data-code"), c.code, `${c.id}: data-code`);
        assert.equal(norm(await alert.locator(".error-message").textContent()), norm(c.message), `${c.id}: message`);
        assert.equal(norm(await alert.locator(".error-title").textContent()), norm(EN.error_title), `${c.id}: title`);
        assert.equal(await alert.locator("button.retry").count(), c.retry ? 1 : 0, `${c.id}: Retry button`);
        if (c.retry) assert.equal(norm(await alert.locator("button.retry").textContent()), norm(EN.retry));
      }
      const errors = await events(page, "article-reader:error");
      for (const c of CASES) {
        const mine = errors.filter((e) => e.target === c.id);
        assert.equal(mine.length, 1, `${c.id}: one article-reader:error event on document`);
        assert.equal(mine[0].detail.code, c.code, `${c.id}: detail.code`);
        assert.equal(typeof mine[0].detail.message, "string");
        assert.ok(mine[0].bubbles && mine[0].composed, `${c.id}: bubbles and composed`);
        assert.ok(
          p.consoleErrors.some((m) => m.startsWith("article-reader") && m.includes(c.src)),
          `${c.id}: no console error of the widget names ${c.src}; got ${JSON.stringify(p.consoleErrors)}`,
        );
      }
      assert.deepEqual(p.pageErrors, []);
    });
  });

  test("Retry loads the article once the server recovers", async () => {
    await withPage("/t/retry.html", { initScript: RECORD_EVENTS }, async (p) => {
      const { page } = p;
      const retry = page.locator("#r button.retry");
      await retry.waitFor({ state: "visible" });
      assert.equal(norm(await page.locator("#r .error-message").textContent()), norm(EN.error_status.replace("{status}", "500")));
      await retry.click();
      await waitForReady(page, "#r");
      assert.equal(await titleOf(page, "#r"), norm(TITLE.en));
      assert.equal(await page.locator('#r [role="alert"]').count(), 0);
      assert.equal(flakyRequests, 2);
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
    });
  });
});

// --- 6. Events ----------------------------------------------------------------------------------

describe("events", () => {
  test("ready, langchange and share reach document, bubbling and composed", async () => {
    const popups = [];
    const beforeGoto = async (context, page) => {
      // Nothing leaves the machine: share links open popups to other origins, aborted here.
      await context.route("**/*", (route) => {
        const { hostname } = new URL(route.request().url());
        return hostname === "127.0.0.1" || hostname === "localhost" ? route.continue() : route.abort();
      });
      page.on("popup", (popup) => {
        popups.push(popup);
        popup.close().catch(() => {});
      });
    };
    await withPage("/t/events.html", { initScript: RECORD_EVENTS, beforeGoto }, async (p) => {
      const { page } = p;
      await waitForReady(page, "#r");
      const langs = Object.keys(ARTICLE.translations);
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const [ready] = await events(page, "article-reader:ready");
      assert.deepEqual(ready.detail, { id: ARTICLE.id, lang: "en", langs });

      await page.locator('#r button.lang[data-lang="fr"]').click();
      await eventually(async () => assert.equal((await events(page, "article-reader:langchange")).length, 1));
      const [change] = await events(page, "article-reader:langchange");
      assert.deepEqual(change.detail, { id: ARTICLE.id, from: "en", to: "fr" });

      await page.locator('#r a.share-link[data-target="telegram"]').click();
      await eventually(async () => assert.equal((await events(page, "article-reader:share")).length, 1));
      await page.locator('#r button[data-target="copy"]').click();
      await eventually(async () => assert.equal((await events(page, "article-reader:share")).length, 2));
      const shares = await events(page, "article-reader:share");
      assert.deepEqual(
        shares.map((e) => e.detail),
        [
          { id: ARTICLE.id, lang: "fr", target: "telegram" },
          { id: ARTICLE.id, lang: "fr", target: "copy" },
        ],
      );
      // The popup event reaches the test asynchronously.
      await eventually(async () => assert.equal(popups.length, 1, "the telegram link opened one popup"));

      for (const e of await events(page)) {
        assert.equal(e.target, "r", `${e.type} was dispatched on the mount element`);
        assert.equal(e.bubbles, true, `${e.type}.bubbles`);
        assert.equal(e.composed, true, `${e.type}.composed`);
        assert.equal(e.phase, 3, `${e.type} reached document by bubbling`);
      }
      assert.equal((await events(page, "article-reader:error")).length, 0);
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });
});

// --- 7. Theming ---------------------------------------------------------------------------------

describe("theming from the host", () => {
  test("--reader-* custom properties, ::part() and data-theme", async () => {
    await withPage("/t/theme.html", {}, async (p) => {
      const { page } = p;
      await waitForReady(page, "#r");
      const pressed = page.locator('#r button.lang[aria-pressed="true"]');
      assert.equal(await pressed.getAttribute("data-lang"), "en");
      assert.equal((await styleOf(pressed, "background-color"))["background-color"], "rgb(1, 2, 3)");
      assert.equal((await styleOf(page.locator("#r div.reader"), "font-size"))["font-size"], "21px");
      assert.equal((await styleOf(page.locator("#r h1.title"), "color")).color, "rgb(4, 5, 6)");

      const backgrounds = {};
      for (const theme of ["dark", "sepia", "light"]) {
        await page.evaluate((t) => document.getElementById("r").setAttribute("data-theme", t), theme);
        await eventually(async () => assert.match(await page.locator("#r div.reader").getAttribute("class"), new RegExp(`\\btheme-${theme}\\b`)));
        backgrounds[theme] = (await styleOf(page.locator("#r div.reader"), "background-color"))["background-color"];
        assert.notEqual(backgrounds[theme], "rgba(0, 0, 0, 0)", `${theme}: no background`);
      }
      assert.equal(new Set(Object.values(backgrounds)).size, 3, `themes share a background: ${JSON.stringify(backgrounds)}`);
      // The host's custom properties still win in every theme.
      assert.equal((await styleOf(pressed, "background-color"))["background-color"], "rgb(1, 2, 3)");
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });
});

// --- 8. The iframe form -------------------------------------------------------------------------

/** The iframe's height (parent side) against its content's, and whether the frame would scroll. */
async function frameFit(page, selector) {
  const handle = await page.locator(selector).elementHandle();
  const frame = await handle.contentFrame();
  const outer = await handle.evaluate((f) => f.clientHeight);
  const inner = await frame.evaluate(() => {
    const doc = document.documentElement;
    return {
      content: document.getElementById("reader").getBoundingClientRect().height,
      scrollHeight: doc.scrollHeight,
      clientHeight: doc.clientHeight,
      lang: document.querySelector("#reader").shadowRoot?.querySelector("article")?.getAttribute("lang") ?? null,
    };
  });
  return { frame: outer, ...inner };
}

/** Polls until the frame fits its content (within 3px, no overflow); returns the measures. */
function fits(page, selector, extra = () => {}) {
  return eventually(
    async () => {
      const m = await frameFit(page, selector);
      assert.ok(m.content > 100, `${selector}: the widget has no height (${JSON.stringify(m)})`);
      assert.ok(Math.abs(m.frame - m.content) <= 3, `${selector}: frame ${m.frame}px, content ${m.content}px`);
      assert.ok(m.scrollHeight <= m.clientHeight + 1, `${selector}: the frame scrolls (${m.scrollHeight} > ${m.clientHeight})`);
      extra(m);
      return m;
    },
    { timeout: 5000 },
  );
}

describe("iframe form", () => {
  test("examples/iframe.html: sized to its content, after a language switch and a resize too", async () => {
    await withPage("/examples/iframe.html", {}, async (p) => {
      const { page } = p;
      const inFrame = page.frameLocator("#frame");
      await inFrame.locator("#reader h1.title").waitFor({ state: "visible" });
      const first = await fits(page, "#frame", (m) => assert.equal(m.lang, "fr"));

      await inFrame.getByRole("button", { name: "Русский" }).click();
      const russian = await fits(page, "#frame", (m) => {
        assert.equal(m.lang, "ru");
        assert.notEqual(m.frame, first.frame, "the frame kept its French height");
      });

      await page.setViewportSize({ width: 420, height: 800 });
      await fits(page, "#frame", (m) => assert.ok(m.frame > russian.frame, `narrower, yet not taller: ${m.frame} <= ${russian.frame}`));
      assert.deepEqual(p.pageErrors, []);
      assert.deepEqual(p.consoleErrors, []);
    });
  });

  test("two different frames on one page are each sized to their own content", async () => {
    await withPage("/t/frames.html", {}, async (p) => {
      const { page } = p;
      await page.frameLocator("#f1").locator("#reader h1.title").waitFor({ state: "visible" });
      await page.frameLocator("#f2").locator("#reader h1.title").waitFor({ state: "visible" });
      const one = await fits(page, "#f1", (m) => assert.equal(m.lang, "en"));
      const two = await fits(page, "#f2", (m) => assert.equal(m.lang, "ar"));
      assert.ok(Math.abs(one.frame - two.frame) > 3, `both frames got one height: ${one.frame}, ${two.frame}`);
      // The parent has no widget: it loads no module; each frame loads its own.
      const wasmLoads = (target) =>
        target.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length);
      assert.equal(await wasmLoads(page), 0, "the parent page, which has no widget, loaded the module");
      for (const f of page.frames().filter((f) => f !== page.mainFrame())) assert.equal(await wasmLoads(f), 1);

      await page.setViewportSize({ width: 420, height: 800 });
      const narrow = [
        await fits(page, "#f1", (m) => assert.ok(m.frame > one.frame, "#f1: narrower, yet not taller")),
        await fits(page, "#f2", (m) => assert.ok(m.frame > two.frame, "#f2: narrower, yet not taller")),
      ];
      // And back: a frame shrinks as well as grows.
      await page.setViewportSize({ width: 1000, height: 800 });
      await fits(page, "#f1", (m) => assert.ok(m.frame < narrow[0].frame, "#f1: wider, yet not shorter"));
      await fits(page, "#f2", (m) => assert.ok(m.frame < narrow[1].frame, "#f2: wider, yet not shorter"));
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    });
  });
});
