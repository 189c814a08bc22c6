// End-to-end tests of the pre-rendered snippet (`article-reader render`): the article is painted
// from the declarative shadow root before the WebAssembly module may load; the widget then takes
// over in one step, with one article in the DOM and the accessibility tree, working controls, no
// console error and no CSP violation; and the snippet degrades cleanly (no declarative shadow DOM,
// no CSS, no module). The snippets are made by the CLI itself, here, from the project's articles.
//
//   node --test --test-concurrency=1 tests/e2e/prerender.test.mjs

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";

import { ROOT } from "./harness.mjs";
import { RECORD_EVENTS, eventually, events, norm, readJson, settle, startEnv } from "./embed-helpers.mjs";

const ARTICLE = readJson("content/default-article.json");
const TITLE = Object.fromEntries(Object.entries(ARTICLE.translations).map(([lang, t]) => [lang, norm(t.title)]));
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:";

/** The snippet the CLI prints for `args` (the same binary a publisher runs). */
function renderSnippet(args) {
  return execFileSync("cargo", ["run", "-q", "-p", "article-reader-cli", "--", "render", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 15 * 60_000,
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** The snippet and the note the CLI prints beside it (on standard error) for `args`. */
function renderWithNote(args) {
  const r = spawnSync("cargo", ["run", "-q", "-p", "article-reader-cli", "--", "render", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 15 * 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return { snippet: r.stdout, note: r.stderr };
}

/** The snippet's mount element alone (without its module script), with an id. */
const mountOf = (snippet, id) =>
  snippet.slice(0, snippet.lastIndexOf("<script type=\"module\"")).replace("<div data-article-reader", `<div id="${id}" data-article-reader`);
/** The snippet with an id on its mount element. */
const withId = (snippet, id) => snippet.replace("<div data-article-reader", `<div id="${id}" data-article-reader`);

const html = (body) => (req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(body);
};
const hostPage = (body, { csp = false } = {}) =>
  html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8">${csp ? `\n<meta http-equiv="Content-Security-Policy" content="${csp === true ? STRICT_CSP : csp}">` : ""}
<title>pre-rendered snippet</title></head>
<body>
<h2>A host page</h2>
${body}
<p id="after">Text after the widget.</p>
</body>
</html>`);

// Filled in before(), once the server's origin (part of the page URLs) is known.
const routes = { "/favicon.ico": (req, res) => res.writeHead(204).end() };

let env;
before(async () => {
  env = await startEnv({ routes });
  const page = (path) => new URL(path, env.url).href;
  // French, inline JSON, share links for this very page.
  routes["/p/inline.html"] = hostPage(
    withId(renderSnippet(["content/default-article.json", "--lang", "fr", "--base", "/", "--page-url", page("/p/inline.html")]), "r"),
  );
  // The strict policy of SPEC section 1, the document by URL.
  const strict = renderSnippet(["content/default-article.json", "--src", "/default-article.json", "--lang", "en", "--base", "/"]);
  routes["/p/strict.html"] = hostPage(withId(strict, "r"), { csp: true });
  // A browser without declarative shadow DOM: markup inserted by innerHTML keeps its template inert.
  const inline = renderSnippet(["content/default-article.json", "--lang", "ru", "--base", "/", "--page-url", page("/p/nodsd.html")]);
  const markup = JSON.stringify(mountOf(inline, "r")).replace(/</g, "\\u003c");
  routes["/p/nodsd.html"] = hostPage(
    `<div id="slot"></div>
<script>document.getElementById("slot").innerHTML = ${markup};</script>
<script type="module" src="/embed.js"></script>`,
  );
  // --inline-css on a page whose policy forbids inline styles (what the option's help warns about).
  const inlineCss = renderSnippet(["content/default-article.json", "--src", "/default-article.json", "--lang", "en", "--base", "/", "--inline-css"]);
  routes["/p/inline-css-strict.html"] = hostPage(withId(inlineCss, "r"), { csp: true });
  // --inline-css on a strict page that lists the style's hash, as the CLI's note says.
  const hashed = renderWithNote(["content/default-article.json", "--src", "/default-article.json", "--lang", "en", "--base", "/", "--inline-css"]);
  const source = hashed.note.match(/style-src 'self' ('sha256-[A-Za-z0-9+/=]+')/)?.[1];
  assert.ok(source, `render --inline-css names the style's hash: ${hashed.note}`);
  routes["/p/inline-css-hash.html"] = hostPage(withId(hashed.snippet, "r"), { csp: STRICT_CSP.replace("style-src 'self'", `style-src 'self' ${source}`) });
  // The snippet's stylesheet cannot be loaded.
  routes["/p/nocss.html"] = hostPage(withId(strict, "r").replace('href="/article-reader.css"', 'href="/missing.css"'));
});
after(async () => {
  await env?.close();
});

/** Holds every request matching `pattern` until release() (or the page closes). */
async function hold(page, pattern) {
  let release;
  const released = new Promise((ok) => (release = ok));
  const held = [];
  await page.route(pattern, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue().catch(() => {});
  });
  return { release, held };
}

/** Opens `path` with the module (and `alsoHold`) held; returns the page with release functions. */
async function openHeld(path, { alsoHold = [], ...options } = {}) {
  const holds = {};
  const p = await env.open(path, {
    initScript: RECORD_EVENTS + CSP_RECORDER,
    waitUntil: "domcontentloaded",
    ...options,
    beforeGoto: async (context, page) => {
      holds.wasm = await hold(page, "**/article_reader_bg.wasm");
      for (const pattern of alsoHold) holds[pattern] = await hold(page, pattern);
    },
  });
  return { ...p, holds };
}

/** Init script: CSP violations anywhere in the page go to window.__csp. */
const CSP_RECORDER = `(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
  }, true);
})();`;

/** What the widget's shadow root holds, as the tests look at it. */
const shadowState = (page, sel = "#r") =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const root = el.shadowRoot;
    if (!root) return { root: false, templates: el.querySelectorAll(":scope > template").length };
    const visible = (n) => !!n && n.getClientRects().length > 0;
    return {
      root: true,
      children: [...root.children].map((c) => c.localName + (c.hasAttribute("data-prerendered") ? "[data-prerendered]" : "") + (c.hidden ? "[hidden]" : "")),
      articles: root.querySelectorAll("article").length,
      visibleArticles: [...root.querySelectorAll("article")].filter(visible).length,
      prerendered: root.querySelectorAll("[data-prerendered]").length,
      titleVisible: visible(root.querySelector("h1.title")),
      title: ([...root.querySelectorAll("h1.title")].find(visible) || {}).textContent || null,
      templates: el.querySelectorAll(":scope > template").length,
      inlineJson: el.querySelectorAll(':scope > script[type="application/json"]').length,
    };
  }, sel);

/** Chromium's own accessibility tree: the roles of the nodes it exposes, with their names. */
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes.filter((n) => !n.ignored).map((n) => ({ role: n.role?.value, name: norm(n.name?.value) }));
  } finally {
    await cdp.detach().catch(() => {});
  }
}
const countRole = (nodes, role, name) => nodes.filter((n) => n.role === role && (name == null || n.name === name)).length;

const shareHrefs = (page, sel = "#r") =>
  page.locator(`${sel} nav.share a.share-link`).evaluateAll((links) => links.map((a) => a.getAttribute("href")));

describe("pre-rendered snippet (article-reader render)", () => {
  test("the title is painted before the module may load; then exactly one live article", async () => {
    const p = await openHeld("/p/inline.html");
    try {
      const { page } = p;
      // Before the module: the article is there, styled, from the HTML alone.
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1, "the module was requested (and is held)"));
      const before = await shadowState(page);
      assert.deepEqual(before.children, ["div[data-prerendered][hidden]", "link"]);
      assert.equal(before.titleVisible, true, "the pre-rendered title is visible");
      assert.equal(norm(before.title), TITLE.fr);
      const padding = await page.locator("#r div.reader").evaluate((el) => getComputedStyle(el).paddingTop);
      assert.notEqual(padding, "0px", "the widget's CSS applies to the pre-rendered content");
      assert.equal(await page.locator("#after").isVisible(), true, "the rest of the page is shown too");
      assert.deepEqual(await events(page), [], "no event before the module");
      const preHrefs = await shareHrefs(page);
      assert.ok(preHrefs.length >= 5 && preHrefs.every((h) => h.includes("reader-lang%3Dfr")), preHrefs.join("\n"));
      let ax = await axNodes(page);
      assert.equal(countRole(ax, "heading", TITLE.fr), 1, "the title is in the accessibility tree once");

      p.holds.wasm.release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const live = await shadowState(page);
      assert.deepEqual(live.children, ["div"], "only the live container is left");
      assert.equal(live.articles, 1);
      assert.equal(live.prerendered, 0);
      assert.equal(norm(live.title), TITLE.fr);
      assert.equal(live.inlineJson, 1);
      ax = await axNodes(page);
      assert.equal(countRole(ax, "article"), 1, "one article in the accessibility tree");
      assert.equal(countRole(ax, "heading", TITLE.fr), 1);
      // The live share links are the ones pre-rendered (the page URL was given to the CLI).
      assert.deepEqual(await shareHrefs(page), preHrefs);

      // The language toggle works, and the share links follow.
      await page.locator('#r button.lang[data-lang="ru"]').click();
      await eventually(async () => assert.equal(norm(await page.locator("#r h1.title").textContent()), TITLE.ru));
      const hrefs = await shareHrefs(page);
      assert.ok(hrefs.length >= 5 && hrefs.every((h) => h.includes("reader-lang%3Dru")), hrefs.join("\n"));
      assert.equal((await events(page, "article-reader:langchange")).length, 1);
      await settle(page);
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });

  test("under a strict CSP, while the document loads, the hidden widget is neither shown nor read", async () => {
    const p = await openHeld("/p/strict.html", { alsoHold: ["**/default-article.json"] });
    try {
      const { page } = p;
      const fetched = p.holds["**/default-article.json"];
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      assert.equal((await shadowState(page)).titleVisible, true);
      assert.equal(norm((await shadowState(page)).title), TITLE.en);

      // The module starts and mounts the widget, which waits for its document out of sight.
      p.holds.wasm.release();
      await eventually(async () => {
        assert.deepEqual((await shadowState(page)).children, ["div[data-prerendered][hidden]", "link", "div[hidden]"]);
      });
      await eventually(async () => assert.ok(fetched.held.length >= 1, "the document was requested"));
      const waiting = await shadowState(page);
      assert.equal(waiting.visibleArticles, 1, "the pre-rendered article alone is shown");
      const ax = await axNodes(page);
      assert.equal(countRole(ax, "article"), 1, "one article in the accessibility tree");
      assert.equal(countRole(ax, "heading", TITLE.en), 1);
      assert.equal(ax.filter((n) => n.name.includes("Loading")).length, 0, "the hidden loading view is not read");

      fetched.release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const live = await shadowState(page);
      assert.deepEqual(live.children, ["div"]);
      assert.equal(live.articles, 1);
      assert.equal(live.visibleArticles, 1);
      assert.equal(norm(live.title), TITLE.en);
      await page.locator('#r button.lang[data-lang="fr"]').click();
      await eventually(async () => assert.equal(norm(await page.locator("#r h1.title").textContent()), TITLE.fr));
      await settle(page);
      assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation");
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });

  test("the swap happens in one frame: no frame without the article, none with two", async () => {
    const p = await openHeld("/p/strict.html", { alsoHold: ["**/default-article.json"] });
    try {
      const { page } = p;
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      // Every animation frame from here on records how many articles are rendered (laid out).
      await page.evaluate(() => {
        window.__frames = [];
        const root = document.querySelector("#r").shadowRoot;
        const frame = () => {
          const shown = [...root.querySelectorAll("article")].filter((a) => a.getClientRects().length > 0).length;
          window.__frames.push(shown);
          if (window.__frames.length < 2000) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      p.holds.wasm.release();
      await eventually(async () => assert.ok(p.holds["**/default-article.json"].held.length >= 1));
      p.holds["**/default-article.json"].release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      await settle(page);
      const frames = await page.evaluate(() => window.__frames);
      assert.ok(frames.length > 3, `frames recorded: ${frames.length}`);
      assert.deepEqual([...new Set(frames)], [1], "every frame shows exactly one article");
    } finally {
      await p.close();
    }
  });

  test("a module that arrives after the pre-rendered article was painted starts at once, with no frame waited for", async () => {
    // Frames are counted by an animation-frame loop; the module's instantiation and the widget's
    // mount (its hidden container added to the shadow root) note the count they happened at.
    const counter = `(() => {
      window.__frame = 0;
      const tick = () => { window.__frame++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = function (...args) {
        return instantiate.apply(this, args).then((r) => ((window.__instantiatedAt = window.__frame), r));
      };
    })();`;
    const p = await openHeld("/p/inline.html", { initScript: RECORD_EVENTS + CSP_RECORDER + counter });
    try {
      const { page } = p;
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      await eventually(async () => assert.equal((await shadowState(page)).titleVisible, true));
      // Some frames with the pre-rendered article on screen.
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok)))));
      await page.evaluate(() => {
        const root = document.querySelector("#r").shadowRoot;
        new MutationObserver((records) => {
          if (records.some((r) => [...r.addedNodes].some((n) => n.localName === "div" && n.hidden))) window.__mountedAt ??= window.__frame;
        }).observe(root, { childList: true });
      });
      p.holds.wasm.release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const at = await page.evaluate(() => ({ instantiated: window.__instantiatedAt, mounted: window.__mountedAt }));
      assert.equal(typeof at.instantiated, "number", "the module was instantiated");
      assert.equal(at.mounted, at.instantiated, "the widget was mounted in the frame the module was ready in");
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });

  test("a control focused in the pre-rendered content keeps the focus in the live widget", async () => {
    const p = await openHeld("/p/strict.html", { alsoHold: ["**/default-article.json"] });
    try {
      const { page } = p;
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      await page.locator('#r a.share-link[data-target="telegram"]').focus();
      p.holds.wasm.release();
      await eventually(async () => assert.ok(p.holds["**/default-article.json"].held.length >= 1));
      p.holds["**/default-article.json"].release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const focused = await page.evaluate(() => {
        const root = document.querySelector("#r").shadowRoot;
        const a = root.activeElement;
        return a && { target: a.dataset.target, live: !a.closest("[data-prerendered]") && a.isConnected };
      });
      assert.deepEqual(focused, { target: "telegram", live: true });
    } finally {
      await p.close();
    }
  });

  test("moved before it is ready, the widget still ends with one article", async () => {
    const p = await openHeld("/p/strict.html", { alsoHold: ["**/default-article.json"] });
    try {
      const { page } = p;
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      p.holds.wasm.release();
      await eventually(async () => assert.equal((await shadowState(page)).children.length, 3));
      // Remove and re-add: the first widget is freed, a second mount finds the pre-rendered root.
      await page.evaluate(() => {
        const el = document.querySelector("#r");
        el.remove();
        document.body.prepend(el);
      });
      await settle(page);
      assert.deepEqual((await shadowState(page)).children, ["div[data-prerendered][hidden]", "link", "div[hidden]"]);
      p.holds["**/default-article.json"].release();
      await eventually(async () => assert.ok((await events(page, "article-reader:ready")).length >= 1));
      await eventually(async () => assert.deepEqual((await shadowState(page)).children, ["div"]));
      // Moved again once live: the widget's own root is emptied and drawn anew (as before).
      await page.evaluate(() => document.body.append(document.querySelector("#r")));
      await eventually(async () => {
        const s = await shadowState(page);
        assert.deepEqual(s.children, ["div"]);
        assert.equal(s.articles, 1);
        assert.equal(norm(s.title), TITLE.en);
      });
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });

  test("without declarative shadow DOM (markup inserted by innerHTML) the widget mounts cleanly", async () => {
    const p = await env.open("/p/nodsd.html", { initScript: RECORD_EVENTS });
    try {
      const { page } = p;
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const s = await shadowState(page);
      assert.equal(s.templates, 0, "the inert template is gone");
      assert.equal(s.inlineJson, 1, "the inline document is still there, and used");
      assert.deepEqual(s.children, ["div"]);
      assert.equal(s.articles, 1);
      assert.equal(norm(s.title), TITLE.ru);
      const ax = await axNodes(page);
      assert.equal(countRole(ax, "article"), 1);
      assert.deepEqual(p.consoleErrors, []);
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });

  test("when the snippet's stylesheet cannot load, the content is never shown unstyled", async () => {
    const p = await openHeld("/p/nocss.html");
    try {
      const { page } = p;
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      await page.locator("#after").waitFor({ state: "visible" });
      await settle(page);
      const s = await shadowState(page);
      assert.equal(s.prerendered, 1);
      assert.equal(s.titleVisible, false, "hidden until its CSS shows it");
      p.holds.wasm.release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const live = await shadowState(page);
      assert.equal(live.titleVisible, true, "the live widget is styled by its own stylesheet");
      assert.deepEqual(live.children, ["div"]);
    } finally {
      await p.close();
    }
  });

  test("--inline-css under a strict CSP is refused by the browser, and nothing is shown unstyled", async () => {
    const p = await openHeld("/p/inline-css-strict.html");
    try {
      const { page } = p;
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      await eventually(async () => assert.ok((await page.evaluate(() => window.__csp)).some((v) => v.startsWith("style-src"))));
      assert.equal((await shadowState(page)).titleVisible, false, "the blocked <style> leaves the content hidden");
      p.holds.wasm.release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      const live = await shadowState(page);
      assert.equal(live.titleVisible, true);
      assert.deepEqual(live.children, ["div"]);
    } finally {
      await p.close();
    }
  });

  test("--inline-css under a strict CSP that lists the printed hash paints the article before the module, with no request", async () => {
    const p = await openHeld("/p/inline-css-hash.html");
    try {
      const { page } = p;
      await eventually(async () => assert.equal(p.holds.wasm.held.length, 1));
      await eventually(async () => assert.equal((await shadowState(page)).titleVisible, true, "styled and shown while the module is held"));
      assert.ok(!p.requests.some((u) => u.endsWith(".css")), "no stylesheet request");
      p.holds.wasm.release();
      await eventually(async () => assert.equal((await events(page, "article-reader:ready")).length, 1));
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
    } finally {
      await p.close();
    }
  });

  test("when the module cannot load, the pre-rendered article stays and the page is told once", async () => {
    const p = await env.open("/p/inline.html", {
      initScript: RECORD_EVENTS,
      beforeGoto: (context, page) => page.route("**/article_reader_bg.wasm", (route) => route.fulfill({ status: 404, body: "gone" })),
    });
    try {
      const { page } = p;
      await eventually(async () => assert.equal((await events(page, "article-reader:error")).length, 1));
      // A later mutation of the page runs the fallback again: still one event, nothing added.
      await page.evaluate(() => document.body.append(document.createElement("p")));
      await settle(page);
      const errors = await events(page, "article-reader:error");
      assert.equal(errors.length, 1);
      assert.equal(errors[0].detail.code, "module-load");
      const s = await shadowState(page);
      assert.deepEqual(s.children, ["div[data-prerendered][hidden]", "link"]);
      assert.equal(s.titleVisible, true);
      assert.equal(norm(s.title), TITLE.fr);
    } finally {
      await p.close();
    }
  });
});
