// Helpers of tests/e2e/embedding.test.mjs: one static server on dist/ (plus test-only routes) and one
// headless Chromium per test file, a NEW browser context per page, and a record of each page's
// requests, console errors and uncaught exceptions.
//
// (Its own server and page opener, apart from harness.mjs, because these tests also need request
// interception before the first navigation and replies that never come.)

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";

import { startServer } from "../../scripts/static-server.mjs";
import { DIST, LAUNCH_OPTIONS, ROOT } from "./harness.mjs";

// The helpers both suites share live in harness.mjs.
export { DIST, LAUNCH_OPTIONS, ROOT, TIMEOUT, eventually, norm, settle, waitForReady } from "./harness.mjs";

export const readJson = (path) => JSON.parse(readFileSync(resolve(ROOT, path), "utf8"));

/** A route handler serving a fixed HTML page. */
export const html = (body) => (req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(body);
};

/**
 * A route handler answering `value` as JSON (a string or Buffer is sent as it is), with extra
 * `headers`, after `delay` ms.
 */
export const json =
  (value, { headers = {}, delay = 0 } = {}) =>
  (req, res) => {
    const send = () =>
      res
        .writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers })
        .end(typeof value === "string" || Buffer.isBuffer(value) ? value : JSON.stringify(value));
    if (delay > 0) setTimeout(send, delay);
    else send();
  };

/** A minimal host page (no CSP) with `body` and the loader. */
export const hostPage = (body, { head = "", loader = true } = {}) =>
  html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>embedding test</title><link rel="icon" href="data:,">${head}</head>
<body>
${body}
${loader ? '<script type="module" src="/embed.js"></script>' : ""}
</body>
</html>`);

/**
 * Starts the server (dist/ + `routes`) and Chromium. Returns { url, origin, server, browser,
 * open(path, options), close() }. Requests left hanging by routes should be registered with
 * `hanging.add(res)`; close() ends them.
 */
export async function startEnv({ routes = {} } = {}) {
  const { server, url } = await startServer({ root: process.env.E2E_DIST || DIST, port: 0, routes });
  const browser = await chromium.launch(LAUNCH_OPTIONS).catch((error) => {
    server.close();
    throw error;
  });
  const origin = new URL(url).origin;

  /**
   * Opens `path` in a new browser context. options: { initScript, beforeGoto(context, page),
   * contextOptions, waitUntil }. Returns { page, context, requests, consoleErrors, pageErrors,
   * count(pattern), close() }.
   */
  async function open(path, options = {}) {
    const context = await browser.newContext({
      locale: "en-US",
      viewport: { width: 1000, height: 800 },
      ...(options.contextOptions || {}),
    });
    const requests = [];
    const consoleErrors = [];
    const pageErrors = [];
    context.on("request", (r) => requests.push(r.url()));
    if (options.initScript) await context.addInitScript(options.initScript);
    const page = await context.newPage();
    if (options.beforeGoto) await options.beforeGoto(context, page);
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => pageErrors.push(String(e?.stack || e)));
    await page.goto(new URL(path.replace(/^\//, ""), url).href, { waitUntil: options.waitUntil || "load" });
    return {
      page,
      context,
      requests,
      consoleErrors,
      pageErrors,
      /** How many requests so far had a URL whose pathname ends with `suffix`. */
      count: (suffix) => requests.filter((u) => new URL(u).pathname.endsWith(suffix)).length,
      close: () => context.close().catch(() => {}),
    };
  }

  async function close() {
    await browser.close().catch(() => {});
    server.closeAllConnections?.();
    await new Promise((ok) => server.close(() => ok()));
  }

  return { url, origin, server, browser, open, close };
}

/** getComputedStyle(el)[prop] for each prop, of the first element `locator` matches. */
export function styleOf(locator, ...props) {
  return locator.first().evaluate((el, props) => {
    const cs = getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
  }, props);
}

/** Init script: every widget event that reaches `document` by bubbling goes to window.__events. */
export const RECORD_EVENTS = `(() => {
  window.__events = [];
  for (const type of ["article-reader:ready", "article-reader:langchange", "article-reader:share", "article-reader:error"]) {
    document.addEventListener(type, (e) => {
      window.__events.push({
        type,
        target: e.target && e.target.id ? e.target.id : null,
        detail: e.detail == null ? null : JSON.parse(JSON.stringify(e.detail)),
        bubbles: e.bubbles,
        composed: e.composed,
        phase: e.eventPhase,
      });
    });
  }
})();`;

export const events = (page, type) =>
  page.evaluate((type) => (window.__events || []).filter((e) => !type || e.type === type), type);

/** The error a widget shows: its code and message, or null while it shows none. */
export const shownError = (page, id) =>
  page.evaluate((id) => {
    const box = document.getElementById(id)?.shadowRoot?.querySelector(".status.error");
    return box
      ? { code: box.dataset.code, message: box.querySelector(".error-message")?.textContent, retry: !!box.querySelector(".retry") }
      : null;
  }, id);
