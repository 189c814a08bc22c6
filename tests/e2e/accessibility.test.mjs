// Accessibility and reading-comfort tests of the reader widget in headless Chromium, against the
// release build in dist/:
//
//   node --test --test-concurrency=1 tests/e2e/accessibility.test.mjs
//
// 1. axe-core (WCAG 2.0/2.1/2.2 A and AA) in each theme, language and state; 2. a keyboard-only
// walk with visible focus; 3. contrast of text and icons in each theme; 4. remembered comfort
// settings; 5. reading progress; 6. a 320px wide screen; 7. print; 8. side-by-side reading;
// 9. read aloud against a fake speechSynthesis.
//
// axe-core is injected with page.addScriptTag, which the demo page's CSP would block: pages that
// run axe are opened with contextOptions: { bypassCSP: true }. Other tests use the page as is.

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { ARTICLE, eventually, norm, settle, useHarness } from "./harness.mjs";
import {
  axeViolations,
  colorsIn,
  contrast,
  describeViolations,
  effectiveBackground,
  fakeSpeech,
  focusKey,
  focused,
  hex,
  parseColor,
} from "./a11y-helpers.mjs";

const EN = ARTICLE.translations.en;
const plain = (block) => norm(block.text ?? (block.runs || []).map((r) => r.text).join(""));

// Test-only host pages, without a CSP (the widget's own page is the demo at "/").
function html(body, { head = "" } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>article-reader test page</title>${head}</head>
<body><main>
${body}
</main><script type="module" src="/embed.js"></script></body></html>`;
}
function route(render) {
  return (req, res, url) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
    res.end(render(url));
  };
}
const THEMES = ["light", "dark", "sepia"];
const ROUTES = {
  // One widget with the default article in the theme given by ?theme=.
  "/a11y/theme.html": route((url) => {
    const theme = THEMES.includes(url.searchParams.get("theme")) ? url.searchParams.get("theme") : "auto";
    return html(`<div data-article-reader id="r" data-theme="${theme}"></div>`);
  }),
  // A broken inline article: the widget's error state.
  "/a11y/broken.html": route(() =>
    html(`<div data-article-reader id="r"><script type="application/json">{"schema": "article-reader/1", oops</script></div>`),
  ),
  // The host's own text size.
  "/a11y/host-font.html": route(() => html(`<div data-article-reader id="r" style="--reader-font-size: 20px"></div>`)),
};

const h = useHarness({ routes: ROUTES });

const open = (t, path, options) => h.openFor(t, path, options);

/** The classes of div.reader of a widget. */
async function readerClasses(page, widget) {
  return (await page.locator(`${widget} div.reader`).getAttribute("class")).split(/\s+/);
}

/** Clicks the language button `lang` of `widget` and waits until <article lang> is `lang`. */
async function switchTo(page, widget, lang) {
  await page.locator(`${widget} nav.toggle button[data-lang="${lang}"]`).click();
  await eventually(async () => assert.equal(await page.locator(`${widget} article`).getAttribute("lang"), lang));
}

async function openSettings(page, widget) {
  const toggle = page.locator(`${widget} button.settings-toggle`);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.locator(`${widget} #reader-settings`).waitFor({ state: "visible" });
}

async function closeSettings(page, widget) {
  const toggle = page.locator(`${widget} button.settings-toggle`);
  if ((await toggle.getAttribute("aria-expanded")) === "true") await toggle.click();
  await page.locator(`${widget} #reader-settings`).waitFor({ state: "detached" });
}

async function expectNoAxeViolations(page, where) {
  await settle(page, 50);
  const violations = await axeViolations(page);
  assert.deepEqual(
    violations.map((v) => `${v.id} (${v.impact}) on ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(", ")}`),
    [],
    describeViolations(violations, where),
  );
}

const pxOf = async (locator, property) => parseFloat(await locator.evaluate((el, p) => getComputedStyle(el)[p], property));

// 1. axe-core ---------------------------------------------------------------------------------------
describe("axe-core finds no WCAG 2.x A/AA violation", () => {
  const AXE = { contextOptions: { bypassCSP: true } };

  for (const theme of THEMES) {
    test(`own page, data-theme="${theme}"`, async (t) => {
      const { page } = await open(t, `/a11y/theme.html?theme=${theme}`, { ...AXE, ready: ["#r"] });
      assert.ok((await readerClasses(page, "#r")).includes(`theme-${theme}`), `div.reader has theme-${theme}`);
      await expectNoAxeViolations(page, `theme ${theme}`);
    });
  }

  test("demo page (English #reader-1, Russian sepia #reader-2), then French, then Russian", async (t) => {
    const { page } = await open(t, "/", { ...AXE, ready: ["#reader-1", "#reader-2"] });
    await expectNoAxeViolations(page, "demo page, English");
    await switchTo(page, "#reader-1", "fr");
    await expectNoAxeViolations(page, "demo page, #reader-1 in French");
    await switchTo(page, "#reader-1", "ru");
    await expectNoAxeViolations(page, "demo page, #reader-1 in Russian");
    // theme-auto follows the reader's colour scheme: the dark one too.
    await page.emulateMedia({ colorScheme: "dark" });
    await eventually(async () =>
      assert.equal(parseColor(await page.locator("#reader-1 div.reader").evaluate((el) => getComputedStyle(el).backgroundColor)).slice(0, 3).join(), "22,27,34"),
    );
    await expectNoAxeViolations(page, "demo page, dark colour scheme (theme-auto is dark)");
  });

  test("demo page with the reading settings open, in each theme", async (t) => {
    const { page } = await open(t, "/", { ...AXE, ready: ["#reader-1"] });
    await openSettings(page, "#reader-1");
    // Every theme is looked at before the assertion, so a failure tells which themes it concerns.
    const found = [];
    const reports = [];
    for (const theme of ["auto", ...THEMES]) {
      await page.locator(`#reader-1 input[name="theme"][value="theme-${theme}"]`).check();
      await eventually(async () => assert.ok((await readerClasses(page, "#reader-1")).includes(`theme-${theme}`)));
      await settle(page, 50);
      const violations = await axeViolations(page);
      for (const v of violations) found.push(`theme ${theme}: ${v.id} (${v.impact}) on ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(", ")}`);
      if (violations.length) reports.push(describeViolations(violations, `settings panel open, theme ${theme}`));
    }
    assert.deepEqual(found, [], reports.join("\n"));
  });

  test("demo page in side-by-side reading (English | Français)", async (t) => {
    const { page } = await open(t, "/", { ...AXE, ready: ["#reader-1"], contextOptions: { bypassCSP: true, viewport: { width: 1400, height: 900 } } });
    await openSettings(page, "#reader-1");
    await page.locator("#reader-1 .parallel-choice select").selectOption({ label: "Français" });
    await page.locator("#reader-1 div.body.parallel").waitFor();
    // The panel has its own test: this one looks at the side-by-side article alone.
    await closeSettings(page, "#reader-1");
    await expectNoAxeViolations(page, "side by side");
  });

  test("error state (inline article that is not JSON)", async (t) => {
    const { page } = await open(t, "/a11y/broken.html", AXE);
    await page.locator("#r .status.error").waitFor({ state: "visible" });
    await expectNoAxeViolations(page, "error state");
  });

  test("examples/inline.html (Arabic, right to left)", async (t) => {
    const { page } = await open(t, "/examples/inline.html", { ...AXE, ready: ["#reader"] });
    assert.equal(await page.locator("#reader article").getAttribute("dir"), "rtl", "<article dir>");
    await expectNoAxeViolations(page, "examples/inline.html");
  });
});

// 2. Keyboard ---------------------------------------------------------------------------------------
/** A visible focus indicator: an outline of some width, or a box-shadow. */
function assertFocusVisible(f, bg, step) {
  const outline = f.outlineStyle !== "none" && f.outlineWidth > 0;
  const shadow = f.boxShadow && f.boxShadow !== "none";
  assert.ok(outline || shadow, `${step}: no focus indicator (outline ${f.outlineStyle} ${f.outlineWidth}px, box-shadow ${f.boxShadow})`);
  if (outline) {
    const ratio = contrast(parseColor(f.outlineColor), bg);
    assert.ok(ratio >= 3, `${step}: focus outline ${f.outlineColor} on ${hex(bg)} has contrast ${ratio.toFixed(2)}, below 3`);
  }
}

test("keyboard only: Tab order through #reader-1, visible focus, settings operated with keys", async (t) => {
  const { page } = await open(t, "/", { ready: ["#reader-1", "#reader-2"] });
  const readerBg = effectiveBackground((await colorsIn(page, "#reader-1", "div.reader")).layers);
  const hasListen = (await page.locator("#reader-1 button.listen").count()) > 0;

  const walk = [];
  let entered = false;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.host !== "reader-1") {
      if (entered) break;
      assert.equal(walk.length, 0, `nothing before #reader-1 takes the focus, but ${f.host} ${f.tag} did`);
      walk.push(`(outside: ${f.host} ${f.tag})`);
      continue;
    }
    entered = true;
    const key = focusKey(f);
    assertFocusVisible(f, readerBg, `Tab ${i + 1} (${key})`);
    walk.push(key);
  }
  const expected = [
    "lang:English",
    "lang:Français",
    "lang:Русский",
    "settings",
    ...(hasListen ? ["listen"] : []),
    "share:x",
    "share:facebook",
    "share:telegram",
    "share:whatsapp",
    "share:linkedin",
    "share:email",
    "share:copy",
    "follow:Website (opens in a new tab)",
    "follow:RSS (opens in a new tab)",
  ];
  assert.deepEqual(walk, expected, "Tab order inside #reader-1");

  // Back to the settings button, open the panel with Enter.
  for (let i = 0; i < 20 && focusKey(await focused(page)) !== "settings"; i++) await page.keyboard.press("Shift+Tab");
  assert.equal(focusKey(await focused(page)), "settings", "Shift+Tab leads back to the settings button");
  const toggle = page.locator("#reader-1 button.settings-toggle");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await page.keyboard.press("Enter");
  await eventually(async () => assert.equal(await toggle.getAttribute("aria-expanded"), "true", "Enter opens the settings"));
  assert.ok(await page.locator("#reader-1 #reader-settings").isVisible(), "the settings panel is visible");

  // Tab into the panel: A−, then A+; Enter on A+ makes the text larger.
  const paragraph = page.locator("#reader-1 .body p").first();
  const before = await pxOf(paragraph, "fontSize");
  const inPanel = [];
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    assertFocusVisible(f, readerBg, `panel Tab ${i + 1} (${focusKey(f)})`);
    inPanel.push(focusKey(f));
  }
  assert.deepEqual(inPanel, ["button.size-down", "button.size-up"], "the panel follows its button in the Tab order");
  assert.ok((await readerClasses(page, "#reader-1")).includes("size-1"), "default text size step");
  await page.keyboard.press("Enter");
  await eventually(async () => assert.ok((await readerClasses(page, "#reader-1")).includes("size-2"), "Enter on A+ → size-2"));
  const grown = await pxOf(paragraph, "fontSize");
  assert.ok(grown > before, `body paragraph font-size grew: ${before}px → ${grown}px`);
  assert.equal(norm(await page.locator("#reader-1 output.size-value").textContent()), "113 %", "size shown");

  // Tab to the theme radio group; arrow keys choose the theme.
  await page.keyboard.press("Tab");
  let f = await focused(page);
  assert.equal(`${f.tag}[${f.value}]`, "input[theme-auto]", "Tab after A+ reaches the checked theme radio");
  assertFocusVisible(f, readerBg, "theme radio");
  const themeClass = async () => (await readerClasses(page, "#reader-1")).find((c) => c.startsWith("theme-"));
  assert.equal(await themeClass(), "theme-auto");
  for (const [key, theme] of [["ArrowDown", "theme-light"], ["ArrowDown", "theme-dark"], ["ArrowRight", "theme-sepia"], ["ArrowUp", "theme-dark"]]) {
    await page.keyboard.press(key);
    await eventually(async () => assert.equal(await themeClass(), theme, `${key} in the theme radio group`));
    f = await focused(page);
    assert.equal(f.value, theme, `focus follows the checked radio after ${key}`);
  }
});

// 3. Contrast ---------------------------------------------------------------------------------------
describe("contrast of text and icons", () => {
  for (const theme of THEMES) {
    test(`theme ${theme}`, async (t) => {
      const { page } = await open(t, `/a11y/theme.html?theme=${theme}`, { ready: ["#r"] });
      const readerBg = effectiveBackground((await colorsIn(page, "#r", "div.reader")).layers);
      const checks = [
        ["body paragraph", ".body p", 4.5],
        ["byline", "p.byline", 4.5],
        ["byline date", "p.byline time", 4.5],
        ["byline read time", "p.byline .read-time", 4.5],
        ["pressed language button", 'nav.toggle button[aria-pressed="true"]', 4.5],
        ["unpressed language button", 'nav.toggle button[aria-pressed="false"]', 4.5],
        ["share link icon", "nav.share a.share-link", 3],
        ["follow link icon", "nav.follow a.follow-link", 3],
      ];
      const report = [];
      for (const [name, selector, min] of checks) {
        const c = await colorsIn(page, "#r", selector);
        assert.ok(c, `${name}: ${selector} exists`);
        const fg = parseColor(c.color);
        const bg = effectiveBackground(c.layers);
        const ratio = contrast(fg[3] < 1 ? [...fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]))] : fg, bg);
        report.push({ name, fg: hex(fg), bg: hex(bg), ratio: Number(ratio.toFixed(2)), min });
      }
      t.diagnostic(JSON.stringify({ theme, readerBg: hex(readerBg), report }));
      const low = report.filter((r) => r.ratio < r.min);
      assert.deepEqual(low, [], `theme ${theme}: contrast below the minimum`);
    });
  }
});

// 4. Comfort settings -------------------------------------------------------------------------------
test("comfort settings: largest text, sepia, wide; remembered after a reload, for every widget", async (t) => {
  const { page } = await open(t, "/", { ready: ["#reader-1", "#reader-2"], contextOptions: { viewport: { width: 1280, height: 900 } } });
  const w = "#reader-1";
  const paragraph = (widget) => page.locator(`${widget} .body p`).first();
  const frame = (widget) => page.locator(`${widget} div.frame`);
  const fontBefore = await pxOf(paragraph(w), "fontSize");
  const widthBefore = await frame(w).evaluate((el) => getComputedStyle(el).maxWidth);
  assert.deepEqual(
    (await readerClasses(page, w)).filter((c) => /^(size|theme|measure)-/.test(c)).sort(),
    ["measure-normal", "size-1", "theme-auto"],
    "defaults",
  );

  await openSettings(page, w);
  const up = page.locator(`${w} button.size-up`);
  for (let i = 0; i < 5 && !(await up.isDisabled()); i++) await up.click();
  assert.ok(await up.isDisabled(), "A+ is disabled at the largest size");
  await page.locator(`${w} input[name="theme"][value="theme-sepia"]`).check();
  await page.locator(`${w} input[name="measure"][value="measure-wide"]`).check();
  await eventually(async () => {
    const classes = await readerClasses(page, w);
    for (const c of ["size-4", "theme-sepia", "measure-wide"]) assert.ok(classes.includes(c), `div.reader has ${c}: ${classes.join(" ")}`);
  });
  assert.equal(norm(await page.locator(`${w} output.size-value`).textContent()), "150 %");
  const fontAfter = await pxOf(paragraph(w), "fontSize");
  assert.ok(Math.abs(fontAfter - fontBefore * 1.5) < 0.6, `paragraph font-size ${fontBefore}px → ${fontAfter}px (×1.5 expected)`);
  const widthAfter = await frame(w).evaluate((el) => getComputedStyle(el).maxWidth);
  assert.ok(parseFloat(widthAfter) > parseFloat(widthBefore), `div.frame max-width ${widthBefore} → ${widthAfter}`);
  assert.equal(widthAfter, "896px", "wide measure is 56rem");
  const stored = await page.evaluate(() => localStorage.getItem("article-reader:prefs"));
  assert.equal(stored, "size=4;theme=sepia;measure=wide", "localStorage article-reader:prefs");

  await page.reload();
  for (const widget of ["#reader-1", "#reader-2"]) {
    await page.locator(`${widget} h1.title`).waitFor();
    const classes = await readerClasses(page, widget);
    for (const c of ["size-4", "theme-sepia", "measure-wide"]) assert.ok(classes.includes(c), `${widget} after reload has ${c}: ${classes.join(" ")}`);
    const font = await pxOf(paragraph(widget), "fontSize");
    assert.ok(Math.abs(font - fontAfter) < 0.6, `${widget} paragraph font-size after reload ${font}px`);
  }
});

test("the host's --reader-font-size is the default text size step", async (t) => {
  const { page } = await open(t, "/a11y/host-font.html", { ready: ["#r"] });
  const paragraph = page.locator("#r .body p").first();
  assert.ok((await readerClasses(page, "#r")).includes("size-1"));
  assert.equal(await pxOf(paragraph, "fontSize"), 20, "paragraph font-size at the default step");
  await openSettings(page, "#r");
  await page.locator("#r button.size-up").click();
  await eventually(async () => assert.equal(await pxOf(paragraph, "fontSize"), 22.5, "one step larger: 20px × 1.125"));
});

// 5. Reading progress -------------------------------------------------------------------------------
test("reading progress follows the scroll through #reader-1's article", async (t) => {
  const { page } = await open(t, "/", { ready: ["#reader-1"], contextOptions: { viewport: { width: 1000, height: 700 } } });
  const progress = page.locator("#reader-1 progress.progress");
  assert.equal(await progress.getAttribute("aria-hidden"), "true");
  assert.equal(await progress.getAttribute("max"), "100");
  const value = () => progress.evaluate((el) => el.value);
  await eventually(async () => assert.equal(await value(), 0, "progress at the top of the page"));

  const geometry = await page.evaluate(() => {
    const r = document.querySelector("#reader-1").shadowRoot.querySelector("article").getBoundingClientRect();
    return { top: r.top + scrollY, height: r.height, viewport: innerHeight };
  });
  assert.ok(geometry.height > geometry.viewport, `the article (${geometry.height}px) is taller than the viewport`);
  const scrollTo = (y) => page.evaluate((y) => window.scrollTo({ top: y, behavior: "instant" }), y);

  await scrollTo(geometry.top + (geometry.height - geometry.viewport) / 2);
  await eventually(async () => {
    const v = await value();
    assert.ok(v >= 20 && v <= 80, `progress in the middle of the article: ${v}`);
  });
  await scrollTo(geometry.top + geometry.height - geometry.viewport);
  await eventually(async () => {
    const v = await value();
    assert.ok(v >= 95, `progress at the end of the article: ${v}`);
  });
  await scrollTo(0);
  await eventually(async () => assert.equal(await value(), 0, "progress back at the top"));
});

// 6. Small screens ----------------------------------------------------------------------------------
test("320px wide screen: no horizontal scroll, targets at least 24×24", async (t) => {
  const { page } = await open(t, "/", { ready: ["#reader-1", "#reader-2"], contextOptions: { viewport: { width: 320, height: 640 } } });
  const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok((await scrollWidth()) <= 320, `document scrollWidth ${await scrollWidth()} > 320`);

  const targets = () =>
    page.evaluate(() => {
      const out = [];
      for (const id of ["reader-1", "reader-2"]) {
        for (const el of document.getElementById(id).shadowRoot.querySelectorAll("button, a[href], select")) {
          const r = el.getBoundingClientRect();
          if (getComputedStyle(el).visibility === "hidden" || (r.width === 0 && r.height === 0)) continue;
          const name = el.getAttribute("aria-label") || el.textContent.trim() || el.className;
          out.push({ id, name, cls: el.className, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 });
        }
      }
      return out;
    });
  const small = (list) => list.filter((x) => x.width < 24 || x.height < 24);
  const list = await targets();
  const kinds = ["lang", "settings-toggle", "share-link", "follow-link"];
  for (const k of kinds) assert.ok(list.some((x) => x.cls.split(/\s+/).includes(k)), `a .${k} was measured`);
  assert.deepEqual(small(list), [], "buttons and links smaller than 24×24 px");

  await openSettings(page, "#reader-1");
  await settle(page, 50);
  assert.ok((await scrollWidth()) <= 320, `with the settings open, document scrollWidth ${await scrollWidth()} > 320`);
  const panel = await page.locator("#reader-1 #reader-settings").boundingBox();
  assert.ok(panel.x >= 0 && panel.x + panel.width <= 320, `settings panel inside the screen: x ${panel.x}, width ${panel.width}`);
  assert.deepEqual(small(await targets()), [], "with the settings open: buttons and links smaller than 24×24 px");
});

// 7. Print ------------------------------------------------------------------------------------------
test("print: controls hidden, article shown", async (t) => {
  const { page } = await open(t, "/", { ready: ["#reader-1"] });
  await page.emulateMedia({ media: "print" });
  // A printed copy carries the article's address (the URL share links carry), visible on paper only.
  assert.ok(await page.locator("#reader-1 .print-url").isVisible(), "the article's URL is printed");
  assert.equal(
    await page.locator("#reader-1 .print-url").textContent(),
    ARTICLE.translations.en.url,
    "the printed URL is the English translation's own",
  );
  assert.ok(await page.locator("#reader-1 h1.title").isVisible(), "title printed");
  assert.ok(await page.locator("#reader-1 .body p").first().isVisible(), "body printed");
  assert.equal(await page.locator("#reader-1 .body p:visible").count(), 9, "all nine paragraphs printed");
  const display = (selector) => page.locator(`#reader-1 ${selector}`).evaluate((el) => getComputedStyle(el).display);
  const shown = {};
  for (const s of ["div.toolbar", "nav.share", "nav.follow"]) shown[s] = await display(s);
  const printedControls = await page.evaluate(() =>
    [...document.querySelector("#reader-1").shadowRoot.querySelectorAll("button, a[href], select, input")]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.split(/\s+/).join(".")} "${el.getAttribute("aria-label") || el.textContent.trim()}"`),
  );
  assert.deepEqual(
    shown,
    { "div.toolbar": "none", "nav.share": "none", "nav.follow": "none" },
    `display of the widget's controls in print; controls that would print: ${JSON.stringify(printedControls)}`,
  );
  assert.deepEqual(printedControls, [], "no control of the widget is printed");
});

// 8. Side by side -----------------------------------------------------------------------------------
test("side by side: paired paragraphs aligned when wide, stacked when narrow; off when both are French", async (t) => {
  const { page } = await open(t, "/", { ready: ["#reader-1"], contextOptions: { viewport: { width: 1400, height: 900 } } });
  const w = "#reader-1";
  await openSettings(page, w);
  await page.locator(`${w} .parallel-choice select`).selectOption({ label: "Français" });
  await page.locator(`${w} div.body.parallel`).waitFor();
  assert.ok((await readerClasses(page, w)).includes("side-by-side"), "div.reader.side-by-side");
  await closeSettings(page, w);

  const pairs = () =>
    page.evaluate(() =>
      [...document.querySelector("#reader-1").shadowRoot.querySelectorAll("div.body.parallel > div.pair")].map((pair) =>
        [...pair.children].map((c) => {
          const r = c.getBoundingClientRect();
          return { cls: c.className, lang: c.getAttribute("lang"), dir: c.getAttribute("dir"), top: r.top, bottom: r.bottom, left: r.left };
        }),
      ),
    );
  let rows = await pairs();
  assert.equal(rows.length, 9, "one pair per paragraph");
  rows.forEach((cells, i) => {
    assert.deepEqual(
      cells.map((c) => [c.cls, c.lang, c.dir]),
      [["cell", "en", "ltr"], ["cell", "fr", "ltr"]],
      `pair ${i + 1}: an English and a French cell`,
    );
    assert.ok(Math.abs(cells[0].top - cells[1].top) <= 1, `pair ${i + 1}: tops ${cells[0].top} and ${cells[1].top} aligned`);
    assert.ok(cells[1].left > cells[0].left, `pair ${i + 1}: French beside English`);
  });

  await page.setViewportSize({ width: 500, height: 900 });
  await eventually(async () => {
    rows = await pairs();
    rows.forEach((cells, i) =>
      assert.ok(cells[1].top > cells[0].bottom - 1, `pair ${i + 1} at 500px: French (top ${cells[1].top}) below English (bottom ${cells[0].bottom})`),
    );
  });

  await switchTo(page, w, "fr");
  await eventually(async () => assert.equal(await page.locator(`${w} div.body.parallel`).count(), 0, "side by side is off"));
  assert.ok(!(await readerClasses(page, w)).includes("side-by-side"), "div.reader without side-by-side");
  assert.equal(await page.locator(`${w} .body > p`).count(), 9, "the French article alone");
});

// 9. Read aloud -------------------------------------------------------------------------------------
describe("read aloud", () => {
  const EN_FR_VOICES = [
    ["en-US", "Fake EN"],
    ["fr-FR", "Fake FR"],
  ];

  test("with English and French voices: listen, highlight, pause, resume, stop", async (t) => {
    const { page } = await open(t, "/", { ready: ["#reader-1"], initScript: fakeSpeech(EN_FR_VOICES) });
    const w = "#reader-1";
    const listen = page.locator(`${w} button.listen`);
    await listen.waitFor({ state: "visible" });
    assert.equal(await listen.getAttribute("data-speech"), "idle");
    assert.equal(norm(await listen.textContent()), "Listen");
    assert.equal(await page.locator(`${w} .speaking`).count(), 0);

    await listen.click();
    const spoken = await eventually(async () => {
      const s = await page.evaluate(() => window.__spoken);
      assert.equal(s.length, 9, "one utterance per body block");
      return s;
    });
    assert.deepEqual(spoken.map((u) => norm(u.text)), EN.body.map(plain), "the English paragraphs, in order");
    assert.deepEqual([...new Set(spoken.map((u) => u.lang))], ["en"], "utterance lang");
    assert.deepEqual([...new Set(spoken.map((u) => u.voice))], ["Fake EN"], "the English voice");

    const paragraphs = page.locator(`${w} .body > p`);
    await eventually(async () => assert.equal(await paragraphs.nth(0).getAttribute("class"), "speaking", "first paragraph highlighted"));
    assert.equal(await page.locator(`${w} .speaking`).count(), 1, "one block highlighted");
    assert.equal(await listen.getAttribute("data-speech"), "playing");
    assert.equal(norm(await listen.textContent()), "Pause");
    const stop = page.locator(`${w} button.stop`);
    assert.ok(await stop.isVisible(), "a Stop button while reading");

    await page.evaluate(() => window.__speechNext());
    await eventually(async () => assert.equal(await paragraphs.nth(1).getAttribute("class"), "speaking", "second paragraph highlighted next"));
    assert.equal(await page.locator(`${w} .speaking`).count(), 1, "still one block highlighted");

    await listen.click();
    await eventually(async () => assert.equal(await listen.getAttribute("data-speech"), "paused"));
    assert.equal(norm(await listen.textContent()), "Resume");
    assert.equal((await page.evaluate(() => window.__speechCalls)).at(-1), "pause", "pause() called");

    await listen.click();
    await eventually(async () => assert.equal(await listen.getAttribute("data-speech"), "playing"));
    assert.equal((await page.evaluate(() => window.__speechCalls)).at(-1), "resume", "resume() called");

    await stop.click();
    await eventually(async () => assert.equal(await page.locator(`${w} .speaking`).count(), 0, "highlight removed"));
    assert.equal((await page.evaluate(() => window.__speechCalls)).at(-1), "cancel", "cancel() called");
    assert.equal(await listen.getAttribute("data-speech"), "idle");
    assert.equal(norm(await listen.textContent()), "Listen");
    assert.equal(await stop.count(), 0, "no Stop button when idle");
  });

  test("the end of the last block ends reading", async (t) => {
    const { page } = await open(t, "/", { ready: ["#reader-1"], initScript: fakeSpeech(EN_FR_VOICES) });
    const listen = page.locator("#reader-1 button.listen");
    await listen.click();
    await eventually(async () => assert.equal(await listen.getAttribute("data-speech"), "playing"));
    for (let i = 0; i < 9; i++) {
      await eventually(async () =>
        assert.equal(await page.locator("#reader-1 .body > p").nth(i).getAttribute("class"), "speaking", `block ${i + 1} highlighted`),
      );
      await page.evaluate(() => window.__speechNext());
    }
    await eventually(async () => assert.equal(await listen.getAttribute("data-speech"), "idle", "idle after the last block"));
    assert.equal(await page.locator("#reader-1 .speaking").count(), 0);
  });

  test("no voice for Russian: the listen button goes away in Russian", async (t) => {
    const { page } = await open(t, "/", { ready: ["#reader-1"], initScript: fakeSpeech(EN_FR_VOICES) });
    const listen = page.locator("#reader-1 button.listen");
    await listen.waitFor({ state: "visible" });
    await switchTo(page, "#reader-1", "fr");
    assert.ok(await listen.isVisible(), "listen in French");
    await switchTo(page, "#reader-1", "ru");
    await eventually(async () => assert.equal(await listen.count(), 0, "no listen button in Russian"));
    // #reader-2 starts in Russian: no button either.
    assert.equal(await page.locator("#reader-2 button.listen").count(), 0, "#reader-2 (Russian) has no listen button");
  });

  test("without voices (headless Chromium as is): no listen button", async (t) => {
    const { page } = await open(t, "/", { ready: ["#reader-1"] });
    const voices = await page.evaluate(() => (window.speechSynthesis ? window.speechSynthesis.getVoices().length : -1));
    assert.ok(voices <= 0, `this browser has ${voices} voices`);
    await settle(page);
    assert.equal(await page.locator("#reader-1 .read-aloud, #reader-1 button.listen").count(), 0, "no read-aloud controls");
  });

  test("a browser without speech synthesis at all: no listen button, and nothing breaks", async (t) => {
    const initScript = `delete window.speechSynthesis; delete Window.prototype.speechSynthesis;`;
    const p = await open(t, "/", { ready: ["#reader-1"], initScript });
    assert.equal(await p.page.evaluate(() => "speechSynthesis" in window), false, "the init script removed speechSynthesis");
    await settle(p.page);
    assert.equal(await p.page.locator("#reader-1 .read-aloud, #reader-1 button.listen").count(), 0, "no read-aloud controls");
    assert.deepEqual(p.pageErrors, [], "no page error");
    assert.deepEqual(p.consoleErrors, [], "no console error");
  });
});
