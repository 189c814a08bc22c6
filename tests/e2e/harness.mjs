// Shared helpers of the end-to-end tests: a static server on dist/ (scripts/static-server.mjs), one
// headless Chromium per test file, a fresh browser context per page (fresh localStorage, cookies and
// permissions), and a record of what each page requested and complained about.
//
//   const h = await startHarness({ routes });   // in before()
//   const p = await h.openPage("/");            // p.page, p.requests, p.consoleErrors, p.pageErrors
//   await waitForReady(p.page, "#reader-1");
//   await h.close();                            // in after()
//
// E2E_DIST=/some/dir serves another build instead of dist/.
//
// Playwright's CSS locators pierce open shadow roots, so `page.locator("#reader-1 h1")` finds the
// title inside the widget's shadow root.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

import { startServer } from "../../scripts/static-server.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = resolve(ROOT, "dist");

export const LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
};

/** How long a condition may take to become true before a test fails (ms). */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT || 10_000);

/** The default article, as the widget's own source has it (the expected texts come from here). */
export const ARTICLE = JSON.parse(readFileSync(resolve(ROOT, "content/default-article.json"), "utf8"));

/** Spaces as a reader sees them: no-break and narrow no-break spaces count as plain spaces. */
export function norm(text) {
  return String(text ?? "")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Retries `check` (an async function that throws, typically with node:assert, while the condition
 * is not met) until it passes or `timeout` ms have passed; then rethrows its last error, so the
 * failure message is the assertion's own. Returns what `check` returned.
 */
export async function eventually(check, { timeout = TIMEOUT, interval = 25 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((ok) => setTimeout(ok, interval));
    }
  }
}

/** A locator's text as a reader sees it (see norm). */
export async function textOf(locator) {
  return norm(await locator.textContent());
}

/** Waits until the widget mounted on `selector` shows its article title (h1.title). */
export async function waitForReady(page, selector, { timeout = TIMEOUT } = {}) {
  const title = page.locator(`${selector} h1.title`);
  try {
    await title.waitFor({ state: "visible", timeout });
    // The first screen comes first; the rest (date, share row) once the widget is no longer busy.
    await page.locator(`${selector} div.reader:not([aria-busy])`).first().waitFor({ state: "attached", timeout });
  } catch (error) {
    // Say what the widget shows instead (an error message, a spinner, nothing at all).
    const shown = await page
      .evaluate((sel) => {
        const el = document.querySelector(sel);
        if (!el) return "(no such element on the page)";
        if (!el.shadowRoot) return "(no shadow root)";
        return el.shadowRoot.textContent.trim().slice(0, 300) || "(empty shadow root)";
      }, selector)
      .catch(() => "(page not readable)");
    throw new Error(`widget ${selector}: no visible h1.title within ${timeout} ms; it shows: ${shown}`, {
      cause: error,
    });
  }
  return title;
}

/**
 * Lets anything a previous action started reach the network: two animation frames, then `ms`
 * milliseconds (a request started by a click is reported well within that).
 */
export async function settle(page, ms = 150) {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.waitForTimeout(ms);
}

/**
 * An init script (for `openPage(path, { initScript: RECORD_EVENTS })`) that records every widget
 * event reaching `document` into `window.__readerEvents`: type, the id of the element it was
 * dispatched on, detail, bubbles, composed, and whether it reached document in the bubbling phase
 * (the listener is a capturing one, so non-bubbling events are recorded too and can be reported).
 */
export const RECORD_EVENTS = `(() => {
  const records = (window.__readerEvents = []);
  const byEvent = new WeakMap();
  for (const type of ["article-reader:ready", "article-reader:langchange", "article-reader:share", "article-reader:error"]) {
    document.addEventListener(type, (e) => {
      const record = {
        type,
        target: e.target && e.target.id ? e.target.id : null,
        detail: e.detail === undefined ? null : JSON.parse(JSON.stringify(e.detail)),
        bubbles: e.bubbles,
        composed: e.composed,
        reachedDocumentBubbling: false,
      };
      byEvent.set(e, record);
      records.push(record);
    }, true);
    document.addEventListener(type, (e) => {
      const record = byEvent.get(e);
      if (record) record.reachedDocumentBubbling = true;
    });
  }
})();`;

/** The widget events recorded so far by RECORD_EVENTS, optionally of one type. */
export async function readerEvents(page, type) {
  const all = await page.evaluate(() => window.__readerEvents || []);
  return type ? all.filter((e) => e.type === type) : all;
}

/**
 * Starts the static server on dist/ (plus test-only `routes`) and one browser.
 * Returns { url, origin, server, browser, openPage(path, options), close() }.
 */
export async function startHarness({ routes = {}, root = process.env.E2E_DIST || DIST } = {}) {
  const { server, url } = await startServer({ root, port: 0, routes });
  let browser;
  try {
    browser = await chromium.launch(LAUNCH_OPTIONS);
  } catch (error) {
    server.close();
    throw error;
  }
  const origin = new URL(url).origin;
  const contexts = new Set();

  /**
   * Opens `path` (relative to the server root) in a NEW browser context.
   * options: { initScript, permissions, contextOptions, waitUntil, ready: [selectors],
   *            beforeGoto(context, page) }
   * (contextOptions.bypassCSP: true shows what a host page without a CSP would let through.)
   * Requests to any other origin are recorded, then aborted: the tests never reach the internet.
   * Returns { page, context, url, origin, requests, consoleErrors, pageErrors, failedRequests,
   *           badResponses, requestsSince(mark), mark(), close() }.
   */
  async function openPage(path = "/", options = {}) {
    const context = await browser.newContext({ locale: "en-US", ...(options.contextOptions || {}) });
    contexts.add(context);
    if (options.permissions) await context.grantPermissions(options.permissions, { origin });
    const requests = [];
    const consoleErrors = [];
    const pageErrors = [];
    const failedRequests = [];
    const badResponses = [];
    context.on("request", (r) => requests.push(r.url()));
    context.on("requestfailed", (r) => failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
    context.on("response", (r) => {
      if (r.status() >= 400) badResponses.push(`${r.status()} ${r.url()}`);
    });
    await context.route(
      (u) => u.origin !== origin,
      (route) => route.abort("blockedbyclient"),
    );
    if (options.initScript) await context.addInitScript(options.initScript);
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => pageErrors.push(String(e && e.stack ? e.stack : e)));
    if (options.beforeGoto) await options.beforeGoto(context, page);
    const target = new URL(path.replace(/^\//, ""), url).href;
    await page.goto(target, { waitUntil: options.waitUntil || "load" });
    for (const selector of options.ready || []) await waitForReady(page, selector);
    return {
      page,
      context,
      url: target,
      origin,
      requests,
      consoleErrors,
      pageErrors,
      failedRequests,
      badResponses,
      /** The number of requests so far, for requestsSince(). */
      mark: () => requests.length,
      requestsSince: (mark) => requests.slice(mark),
      close: async () => {
        contexts.delete(context);
        await context.close().catch(() => {});
      },
    };
  }

  async function close() {
    for (const context of contexts) await context.close().catch(() => {});
    contexts.clear();
    await browser.close().catch(() => {});
    await new Promise((ok) => server.close(() => ok()));
  }

  /** openPage for a test: the page's context is closed when test `t` ends. */
  async function openFor(t, path, options) {
    const p = await openPage(path, options);
    t.after(() => p.close());
    return p;
  }

  return { url, origin, server, browser, openPage, openFor, close };
}

/**
 * Starts a harness before the calling test file's tests and closes it after them; returns it (its
 * members are there once the tests run).
 */
export function useHarness(options) {
  const harness = {};
  before(async () => Object.assign(harness, await startHarness(options)));
  after(async () => harness.close?.());
  return harness;
}
