// Code and table blocks in the browser, from a document and from a WordPress post (through the
// adapters' module and the one HTML allow-list), against the release build in dist/:
//
//   node --test --test-concurrency=1 tests/e2e/blocks.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";

import { eventually, useHarness } from "./harness.mjs";
import { axeViolations, describeViolations } from "./a11y-helpers.mjs";

const CODE = 'fn main() {\n    let greeting = "a line long enough to be wider than a phone\'s column of text, surely";\n    println!("{greeting}");\n}';
const ROWS = [
  ["Year", "Tonnes", "Note"],
  ["2020", "12", ""],
  ["2021", "15", "a dry year"],
];
const DOC = {
  schema: "article-reader/1",
  id: "blocks",
  default_lang: "en",
  translations: {
    en: {
      title: "Code and tables",
      body: [
        { type: "paragraph", text: "Before." },
        { type: "code", text: CODE },
        { type: "table", header: true, caption: "Harvests", rows: ROWS },
      ],
    },
    ar: { title: "شيفرة", body: [{ type: "code", text: "x = 1\ny = 2" }] },
  },
};
const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const POST = {
  id: 9,
  date: "2021-07-16T09:00:00",
  link: "https://blog.example/blocks",
  title: { rendered: "Code and tables" },
  content: {
    rendered:
      `<p>Before.</p><pre class="wp-block-code"><code>${escapeHtml(CODE)}</code></pre>` +
      `<figure class="wp-block-table"><table><thead><tr>${ROWS[0].map((c) => `<th>${c}</th>`).join("")}</tr></thead><tbody>` +
      ROWS.slice(1).map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("") +
      `</tbody></table><figcaption>Harvests</figcaption></figure>`,
  },
  lang: "en",
};

const page = (body) => (req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>blocks</title></head>
<body><main>${body}</main><script type="module" src="/embed.js"></script></body></html>`);
};
const h = useHarness({
  routes: {
    "/blocks/doc.html": page(
      `<div data-article-reader id="doc" data-lang="en"><script type="application/json">${JSON.stringify(DOC)}</script></div>
       <div data-article-reader id="rtl" data-lang="ar"><script type="application/json">${JSON.stringify(DOC)}</script></div>`,
    ),
    "/blocks/post.json": (req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(POST));
    },
    "/blocks/post.html": page(`<div data-article-reader id="wp" data-format="wordpress" data-src="/blocks/post.json"></div>`),
  },
});

/** What a reader sees of the code and the table of `widget`. */
async function blocksOf(page, widget) {
  return page.locator(`${widget} .body`).evaluate((body) => {
    const pre = body.querySelector("pre");
    const table = body.querySelector("table");
    return {
      code: pre && pre.innerText,
      whiteSpace: pre && getComputedStyle(pre).whiteSpace,
      font: pre && getComputedStyle(pre).fontFamily,
      caption: table && table.caption && table.caption.textContent,
      headings: table ? [...table.rows[0].cells].map((c) => [c.tagName, c.textContent, c.scope]) : [],
      rows: table ? [...table.rows].slice(1).map((tr) => [...tr.cells].map((c) => [c.tagName, c.textContent])) : [],
    };
  });
}

const EXPECTED = {
  code: CODE,
  whiteSpace: "pre",
  caption: "Harvests",
  headings: ROWS[0].map((c) => ["TH", c, "col"]),
  rows: ROWS.slice(1).map((r) => r.map((c) => ["TD", c])),
};

test("a document's code keeps its lines and scrolls by keyboard; its table has headings and a caption", async (t) => {
  const p = await h.openFor(t, "/blocks/doc.html", { ready: ["#doc", "#rtl"], contextOptions: { viewport: { width: 320, height: 640 } } });
  const { page } = p;
  const { font, ...seen } = await blocksOf(page, "#doc");
  assert.deepEqual(seen, EXPECTED);
  assert.match(font, /monospace/);
  // Wider than a phone's column: it scrolls inside itself, not the page, and the keyboard scrolls it.
  const pre = page.locator("#doc pre");
  assert.ok(await pre.evaluate((el) => el.scrollWidth > el.clientWidth), "the long line overflows the block");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, "the page itself does not scroll sideways");
  await page.locator("#doc .body > p").click();
  await page.keyboard.press("Tab");
  assert.equal(await pre.evaluate((el) => el.getRootNode().activeElement === el), true, "Tab reaches the code");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await eventually(async () => assert.ok((await pre.evaluate((el) => el.scrollLeft)) > 0, "arrow keys scroll the code"));
  // In an Arabic article, the code still reads left to right.
  assert.equal(await page.locator("#rtl article").getAttribute("dir"), "rtl");
  assert.equal(await page.locator("#rtl pre").evaluate((el) => [el.innerText, getComputedStyle(el).direction].join("|")), "x = 1\ny = 2|ltr");
  assert.deepEqual([...p.consoleErrors, ...p.pageErrors], []);
});

test("code and tables pass axe in the light and dark themes", async (t) => {
  const p = await h.openFor(t, "/blocks/doc.html", { ready: ["#doc"], contextOptions: { bypassCSP: true } });
  for (const scheme of ["light", "dark"]) {
    await p.page.emulateMedia({ colorScheme: scheme });
    const violations = await axeViolations(p.page);
    assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations, scheme));
  }
});

test("a WordPress post's <pre> and <table> become the same code and table blocks", async (t) => {
  const p = await h.openFor(t, "/blocks/post.html", { ready: ["#wp"] });
  const { font, ...seen } = await blocksOf(p.page, "#wp");
  assert.deepEqual(seen, EXPECTED);
  assert.match(font, /monospace/);
  assert.deepEqual([...p.consoleErrors, ...p.pageErrors], []);
});

test("side by side, a long line of code scrolls inside its column instead of widening it", async (t) => {
  const p = await h.openFor(t, "/blocks/doc.html", { ready: ["#doc"], contextOptions: { viewport: { width: 900, height: 700 } } });
  const { page } = p;
  await page.locator("#doc button.settings-toggle").click();
  await page.locator("#doc .parallel-choice select").selectOption({ label: "العربية" });
  await page.locator("#doc div.body.parallel").waitFor();
  const widths = await page.locator("#doc div.body.parallel").evaluate((body) => {
    const pre = [...body.querySelectorAll("pre")].find((el) => el.textContent.includes("greeting"));
    const cell = pre.closest(".cell");
    const other = [...cell.parentElement.children].find((c) => c !== cell);
    return { pre: pre.getBoundingClientRect().width, cell: cell.getBoundingClientRect().width, other: other.getBoundingClientRect().width, body: body.getBoundingClientRect().width, scrolls: pre.scrollWidth > pre.clientWidth };
  });
  assert.ok(widths.scrolls, "the long line scrolls inside the code block");
  assert.ok(widths.pre <= widths.cell + 0.5, `the code stays in its column: ${JSON.stringify(widths)}`);
  assert.ok(Math.abs(widths.cell - widths.other) < 2, `the two columns stay equal: ${JSON.stringify(widths)}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, "the page does not scroll sideways");
});
