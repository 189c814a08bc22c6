// The npm package: `npm pack` gives a tarball that installs into a scratch project (no network: it
// has no dependencies), and the installed files, served as a publisher would, show the widget.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { LAUNCH_OPTIONS, ROOT, waitForReady } from "./harness.mjs";
import { startServer } from "../../scripts/static-server.mjs";

let scratch;
let served;
let browser;

before(async () => {
  const tarball = execFileSync("node", ["scripts/pack.mjs"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop();
  scratch = mkdtempSync(join(tmpdir(), "article-reader-npm-"));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: scratch });
  // A publisher's page, next to the installed package's files.
  writeFileSync(
    join(scratch, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm install</title>
     <link rel="icon" href="data:,"></head><body>
     <div data-article-reader id="reader" data-lang="fr"></div>
     <script type="module" src="/node_modules/article-reader/dist/embed.js"></script></body></html>`,
  );
  served = await startServer({ root: scratch });
  browser = await chromium.launch(LAUNCH_OPTIONS);
});

after(async () => {
  await browser?.close();
  served?.server.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("the packed package installs and its files show the widget", async () => {
  const manifest = JSON.parse(readFileSync(join(scratch, "node_modules/article-reader/package.json"), "utf8"));
  assert.equal(manifest.exports["."], "./dist/embed.js");
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(served.url);
  await waitForReady(page, "#reader");
  assert.equal(await page.locator("#reader article").getAttribute("lang"), "fr");
  assert.match(await page.locator("#reader h1").textContent(), /L’Irak/);
  assert.deepEqual(errors, []);
  await page.close();
});
