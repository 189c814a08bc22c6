// End-to-end tests of languages and sharing (SPEC sections 4 and 5, docs/decisions.md) in headless
// Chromium, against the release build in dist/.
//
//   node --test --test-concurrency=1 tests/e2e/languages.test.mjs
//
// Every page opens in a fresh browser context (fresh localStorage and permissions) unless a test
// reloads on purpose to see what was remembered. Expected texts come from content/ and locales/.

import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import {
  ARTICLE,
  RECORD_EVENTS,
  ROOT,
  eventually,
  norm,
  readerEvents,
  settle,
  useHarness,
  waitForReady,
  textOf,
} from "./harness.mjs";

const LOCALES = Object.fromEntries(
  ["en", "fr", "ru", "de", "es", "ar"].map((l) => [l, JSON.parse(readFileSync(resolve(ROOT, `locales/${l}.json`), "utf8"))]),
);
const EN = ARTICLE.translations.en;
const FR = ARTICLE.translations.fr;
const RU = ARTICLE.translations.ru;
/** The publication key under which a reader's language choice is saved. */
// The saved choice's key names the origin the document came from (the default article is served
// beside embed.js, on the test server) and the publication it names (docs/decisions.md).
const langKey = () => `article-reader:lang:${h.origin} ${ARTICLE.publication.url}`;
const fill = (template, args) => template.replace(/\{(\w+)\}/g, (m, k) => (k in args ? args[k] : m));
const blockText = (b) => b.text ?? (b.runs || []).map((r) => r.text).join("");

// --- test-only host pages -------------------------------------------------------------------------

function html(body, { head = "" } = {}) {
  return (req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>languages test</title>${head}</head><body>
${body}
<script type="module" src="/embed.js"></script>
</body></html>`);
  };
}

/** An inline article as the child script of a mount element (`</` escaped so it cannot end the script). */
function inline(doc) {
  return `<script type="application/json">${JSON.stringify(doc).replace(/<\//g, "<\\/")}</script>`;
}

const TRICKY_TITLE = 'Tom & "Jerry" 🐍 <b>';
const TRICKY = {
  schema: "article-reader/1",
  id: "TRICKY-1",
  default_lang: "en",
  translations: {
    en: { title: TRICKY_TITLE, body: [{ type: "paragraph", text: "A paragraph of the test article, long enough to read." }] },
  },
};
const SHARE_LIST = "x,bluesky,facebook,telegram,vk,whatsapp,linkedin,reddit,mastodon,email,copy,native,myspace";

// A language tag the validator accepts but Intl refuses (`a` is an extension singleton with nothing after it).
const ODD_LOCALE = {
  ...TRICKY,
  id: "ODD-LOCALE",
  default_lang: "en-a",
  published: "2021-07-16",
  translations: { "en-a": TRICKY.translations.en },
};

const ROUTES = {
  "/odd-locale.html": html(`<div data-article-reader id="o">${inline(ODD_LOCALE)}</div>`),
  "/lang-fr.html": html(`<div data-article-reader id="r" data-lang="fr"></div>`),
  "/ui.html": html(
    ["de", "es", "ar", "ja"].map((l) => `<div data-article-reader id="ui-${l}" data-lang="en" data-ui-lang="${l}"></div>`).join("\n") +
      `\n<div data-article-reader id="ui-en" data-lang="en"></div>` +
      `\n<div data-article-reader id="art-fr" data-lang="fr"></div>` +
      `\n<div data-article-reader id="art-ru" data-lang="ru"></div>`,
  ),
  "/share-targets.html": html(`<div data-article-reader id="s" data-share="${SHARE_LIST}">${inline(TRICKY)}</div>`),
};

// --- harness ---------------------------------------------------------------------------------------

const h = useHarness({ routes: ROUTES });

const open = (t, path, options) => h.openFor(t, path, options);

const text = textOf;

const articleLang = (page, w) => page.locator(`${w} article`).getAttribute("lang");
const titleOf = (page, w) => text(page.locator(`${w} h1.title`));

/** Waits until `widget` shows the translation `lang` (article lang and title). */
async function expectLang(page, w, lang, why = "") {
  const title = norm(ARTICLE.translations[lang]?.title ?? "");
  await eventually(async () => {
    assert.equal(await articleLang(page, w), lang, `${w} <article lang> ${why}`);
    if (title) assert.equal(await titleOf(page, w), title, `${w} title ${why}`);
  });
}

function assertClean(p, where) {
  assert.deepEqual(p.pageErrors, [], `${where}: page errors`);
  assert.deepEqual(p.consoleErrors, [], `${where}: console errors`);
}

/** The language of `url` with reader-lang set the way the widget sets it (appended to the query). */
function withLang(pageUrl, lang) {
  const u = new URL(pageUrl);
  u.hash = "";
  u.searchParams.delete("reader-lang");
  u.searchParams.append("reader-lang", lang);
  return u.href;
}

// 1. Negotiation ------------------------------------------------------------------------------------
describe("1. initial language", () => {
  for (const [locale, expected] of [
    ["ru-RU", "ru"],
    ["fr-CA", "fr"],
    ["de-DE", "en"],
  ]) {
    test(`(a) browser locale ${locale} → #reader-1 in ${expected}`, async (t) => {
      const p = await open(t, "/", { ready: ["#reader-1"], contextOptions: { locale } });
      const langs = await p.page.evaluate(() => [...navigator.languages]);
      assert.equal(langs[0], locale, `navigator.languages ${JSON.stringify(langs)} starts with the locale`);
      await expectLang(p.page, "#reader-1", expected, `for navigator.languages ${JSON.stringify(langs)}`);
      assertClean(p, locale);
    });
  }

  test("(b) deep link ?reader-lang=fr beats data-lang; #reader-lang=ru in the fragment works too", async (t) => {
    const q = await open(t, "/?reader-lang=fr", { ready: ["#reader-1", "#reader-2"] });
    await expectLang(q.page, "#reader-1", "fr", "with ?reader-lang=fr");
    await expectLang(q.page, "#reader-2", "fr", "with ?reader-lang=fr although data-lang=ru");
    assert.equal(await q.page.locator("#reader-2").getAttribute("data-lang"), "ru");
    assertClean(q, "?reader-lang=fr");

    const f = await open(t, "/#reader-lang=ru", { ready: ["#reader-1"] });
    await expectLang(f.page, "#reader-1", "ru", "with #reader-lang=ru");
    assertClean(f, "#reader-lang=ru");

    // A deep link to a language the article lacks is skipped: the next preference decides.
    const d = await open(t, "/?reader-lang=de", { ready: ["#reader-1", "#reader-2"] });
    await expectLang(d.page, "#reader-1", "en", "with ?reader-lang=de (no German translation)");
    await expectLang(d.page, "#reader-2", "ru", "with ?reader-lang=de: data-lang=ru decides");
    assertClean(d, "?reader-lang=de");
  });

  test("(c) a reader's choice is saved per publication and used on the next visit, beating data-lang", async (t) => {
    const p = await open(t, "/", { ready: ["#reader-1", "#reader-2"] });
    const { page } = p;
    await expectLang(page, "#reader-1", "en", "at first");
    await expectLang(page, "#reader-2", "ru", "at first (data-lang=ru)");

    // A click in #reader-1 changes #reader-1 only, and saves the choice.
    await page.locator('#reader-1 nav.toggle button.lang[data-lang="fr"]').click();
    await expectLang(page, "#reader-1", "fr", "after clicking Français");
    await settle(page);
    await expectLang(page, "#reader-2", "ru", "after a click in the other widget (independent until reload)");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), langKey()), "fr", `localStorage ${langKey()}`);

    // Next visit (same context, so same storage): the saved choice beats #reader-2's data-lang.
    await page.reload();
    await waitForReady(page, "#reader-1");
    await waitForReady(page, "#reader-2");
    await expectLang(page, "#reader-1", "fr", "after reload with saved fr");
    await expectLang(page, "#reader-2", "fr", "after reload with saved fr (saved choice beats data-lang=ru)");

    // The brief's case: Русский chosen in #reader-1, then both start in Russian.
    await page.locator('#reader-1 nav.toggle button.lang[data-lang="ru"]').click();
    await expectLang(page, "#reader-1", "ru", "after clicking Русский");
    await expectLang(page, "#reader-2", "fr", "the other widget keeps its language until reload");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), langKey()), "ru");
    await page.reload();
    await waitForReady(page, "#reader-1");
    await waitForReady(page, "#reader-2");
    await expectLang(page, "#reader-1", "ru", "after reload with saved ru");
    await expectLang(page, "#reader-2", "ru", "after reload with saved ru");
    assertClean(p, "saved choice");

    // A deep link still beats the saved choice.
    await page.goto(new URL("/?reader-lang=en", p.url).href);
    await waitForReady(page, "#reader-1");
    await expectLang(page, "#reader-1", "en", "deep link ?reader-lang=en beats the saved ru");
  });

  test("(d) data-lang beats the browser's languages", async (t) => {
    const p = await open(t, "/lang-fr.html", { ready: ["#r"], contextOptions: { locale: "ru-RU" } });
    assert.equal((await p.page.evaluate(() => navigator.languages[0])), "ru-RU");
    await expectLang(p.page, "#r", "fr", "with data-lang=fr and locale ru-RU");
    assertClean(p, "data-lang=fr");
  });

  test("(e) a localStorage that throws is ignored: the widget renders and switches, no error", async (t) => {
    const initScript = `Object.defineProperty(window, "localStorage", { configurable: true, get() { throw new DOMException("denied", "SecurityError"); } });`;
    const p = await open(t, "/", { ready: ["#reader-1", "#reader-2"], initScript });
    const { page } = p;
    assert.equal(
      await page.evaluate(() => {
        try {
          void window.localStorage;
          return "no exception";
        } catch (e) {
          return e.name;
        }
      }),
      "SecurityError",
      "the init script makes localStorage throw",
    );
    await expectLang(page, "#reader-1", "en", "with throwing storage");
    await expectLang(page, "#reader-2", "ru", "with throwing storage");
    await page.locator('#reader-1 nav.toggle button.lang[data-lang="fr"]').click();
    await expectLang(page, "#reader-1", "fr", "switching with throwing storage");
    await page.locator('#reader-1 nav.toggle button.lang[data-lang="ru"]').click();
    await expectLang(page, "#reader-1", "ru", "switching again with throwing storage");
    await settle(page);
    assertClean(p, "throwing localStorage");
  });
});

// 2. The toggle --------------------------------------------------------------------------------------
describe("2. the language toggle", () => {
  async function toggleState(page, w) {
    return page.locator(`${w} nav.toggle[part="toggle"] button.lang`).evaluateAll((buttons) =>
      buttons.map((b) => ({ text: b.textContent.trim(), lang: b.getAttribute("lang"), data: b.dataset.lang, pressed: b.getAttribute("aria-pressed") })),
    );
  }

  test("autonyms in document order, each with its own lang, exactly one pressed", async (t) => {
    const p = await open(t, "/", { ready: ["#reader-1", "#reader-2"] });
    const one = await toggleState(p.page, "#reader-1");
    assert.deepEqual(one.map((b) => b.text), ["English", "Français", "Русский"], "#reader-1 labels");
    assert.deepEqual(one.map((b) => b.lang), ["en", "fr", "ru"], "#reader-1 lang attributes");
    assert.deepEqual(one.map((b) => b.data), ["en", "fr", "ru"], "#reader-1 data-lang attributes");
    assert.deepEqual(one.map((b) => b.pressed), ["true", "false", "false"], "#reader-1 aria-pressed");
    const two = await toggleState(p.page, "#reader-2");
    assert.deepEqual(two.map((b) => b.pressed), ["false", "false", "true"], "#reader-2 (data-lang=ru) aria-pressed");

    const q = await open(t, "/examples/inline.html", { ready: ["#reader"] });
    const ar = await toggleState(q.page, "#reader");
    assert.deepEqual(ar.map((b) => b.text), ["العربية", "English"], "inline.html labels");
    assert.deepEqual(ar.map((b) => b.lang), ["ar", "en"], "inline.html lang attributes");
    assert.deepEqual(ar.map((b) => b.pressed), ["true", "false"], "inline.html aria-pressed");
    assertClean(p, "demo");
    assertClean(q, "inline.html");
  });

  test("keyboard: Tab reaches the toggle, Enter and Space switch, focus is visible, the change is announced", async (t) => {
    const p = await open(t, "/", { ready: ["#reader-1"], initScript: RECORD_EVENTS });
    const { page } = p;
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        const el = host?.shadowRoot?.activeElement;
        if (!el) return null;
        const cs = getComputedStyle(el);
        return {
          host: host.id,
          cls: el.className,
          text: el.textContent.trim(),
          focusVisible: el.matches(":focus-visible"),
          outlineStyle: cs.outlineStyle,
          outlineWidth: cs.outlineWidth,
        };
      });

    // Tab from the start of the page until the focus is in #reader-1's language toggle.
    await page.evaluate(() => document.activeElement?.blur());
    let f = null;
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      f = await focused();
      if (f?.host === "reader-1" && /\blang\b/.test(f.cls)) break;
    }
    assert.equal(f?.host, "reader-1", `Tab reaches #reader-1 (focus: ${JSON.stringify(f)})`);
    assert.equal(f.text, "English", "the first focusable control of the widget is the first language button");

    await page.keyboard.press("Tab");
    f = await focused();
    assert.equal(f?.text, "Français", "Tab moves to Français");
    assert.ok(f.focusVisible, "keyboard focus matches :focus-visible");
    assert.notEqual(f.outlineStyle, "none", `outline-style on :focus-visible (${f.outlineStyle})`);
    assert.notEqual(f.outlineWidth, "0px", `outline-width on :focus-visible (${f.outlineWidth})`);

    await page.keyboard.press("Enter");
    await expectLang(page, "#reader-1", "fr", "after Enter on Français");
    const pressed = page.locator("#reader-1 nav.toggle button.lang");
    assert.deepEqual(await pressed.evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-pressed"))), ["false", "true", "false"]);
    const live = page.locator('#reader-1 div.visually-hidden[role="status"][aria-live="polite"]');
    const fr = fill(LOCALES.fr.now_reading, { language: "Français" });
    await eventually(async () => assert.equal(await text(live), fr, "live region after switching to French"));
    // The UI follows the article: French labels.
    assert.equal(await p.page.locator("#reader-1 nav.share").getAttribute("aria-label"), LOCALES.fr.share, "share label in French");

    // Focus stays on the activated button; Tab to Русский and Space.
    f = await focused();
    assert.equal(f?.text, "Français", "focus stays on Français after activating it");
    await page.keyboard.press("Tab");
    assert.equal((await focused())?.text, "Русский", "Tab moves to Русский");
    await page.keyboard.press("Space");
    await expectLang(page, "#reader-1", "ru", "after Space on Русский");
    await eventually(async () => assert.equal(await text(live), fill(LOCALES.ru.now_reading, { language: "Русский" })));

    const changes = (await readerEvents(page, "article-reader:langchange")).map((e) => ({ target: e.target, ...e.detail }));
    assert.deepEqual(changes, [
      { target: "reader-1", id: "IRQ6532", from: "en", to: "fr" },
      { target: "reader-1", id: "IRQ6532", from: "fr", to: "ru" },
    ]);
    assertClean(p, "keyboard");
  });
});

// 3. Keeps the place ---------------------------------------------------------------------------------
describe("3. switching keeps the reader's place", () => {
  test("paragraph 5 stays where it was; at the top of the page nothing scrolls", async (t) => {
    const p = await open(t, "/", { ready: ["#reader-1", "#reader-2"], contextOptions: { viewport: { width: 900, height: 800 } } });
    const { page } = p;
    const frButton = page.locator('#reader-1 nav.toggle button.lang[data-lang="fr"]');
    const enButton = page.locator('#reader-1 nav.toggle button.lang[data-lang="en"]');

    // At the top: switching does not scroll the page, nor move #reader-2.
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    const r2Before = await page.locator("#reader-2").evaluate((e) => e.getBoundingClientRect().top);
    await frButton.evaluate((b) => b.click());
    await expectLang(page, "#reader-1", "fr", "from the top");
    await settle(page);
    assert.equal(await page.evaluate(() => window.scrollY), 0, "scrollY after switching at the top");
    const r2After = await page.locator("#reader-2").evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(r2After > r2Before, "sanity: the longer French text pushed #reader-2 down");
    await enButton.evaluate((b) => b.click());
    await expectLang(page, "#reader-1", "en", "back to English");
    await settle(page);
    assert.equal(await page.evaluate(() => window.scrollY), 0, "scrollY after switching back at the top");

    // Reading paragraph 5: it is at the top of the viewport, 20px scrolled past its top.
    const p5 = page.locator("#reader-1 .body > p:nth-child(5)");
    const readParagraph5 = async () => {
      await p5.evaluate((el) => {
        el.scrollIntoView();
        window.scrollBy(0, 20);
      });
      await settle(page, 50);
      const top = await p5.evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(Math.abs(top + 20) <= 2, `paragraph 5 is 20px above the viewport top (${top})`);
      return top;
    };
    const switchAndMeasure = async (button, lang, before, why) => {
      const scrollBefore = await page.evaluate(() => window.scrollY);
      await button.evaluate((b) => b.click());
      await expectLang(page, "#reader-1", lang, why);
      await settle(page);
      assert.equal(await text(p5), norm(blockText(ARTICLE.translations[lang].body[4])), `paragraph 5 is now in ${lang} (${why})`);
      const afterTop = await p5.evaluate((el) => el.getBoundingClientRect().top);
      const scrollAfter = await page.evaluate(() => window.scrollY);
      assert.ok(
        Math.abs(afterTop - before) <= 40,
        `${why}: paragraph 5 top moved from ${before} to ${afterTop} (scrollY ${scrollBefore} → ${scrollAfter})`,
      );
    };
    assert.equal(await text(p5), norm(blockText(EN.body[4])), "paragraph 5 in English");

    // (i) As Chromium ships (its CSS scroll anchoring helps too).
    await switchAndMeasure(frButton, "fr", await readParagraph5(), "en → fr");

    // (ii) Without the browser's scroll anchoring (Safari has none; a host may set overflow-anchor:
    // none): only the widget's own restore keeps the place. Without it the paragraph moves ~160px.
    await page.evaluate(() => {
      document.documentElement.style.overflowAnchor = "none";
      document.body.style.overflowAnchor = "none";
    });
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflowAnchor), "none");
    await switchAndMeasure(enButton, "en", await readParagraph5(), "fr → en without scroll anchoring");
    await switchAndMeasure(frButton, "fr", await readParagraph5(), "en → fr without scroll anchoring");
    assertClean(p, "keeps the place");
  });
});

// 4. Right to left -----------------------------------------------------------------------------------
describe("4. right to left", () => {
  test("examples/inline.html: Arabic article rtl with Arabic labels; English switches to ltr", async (t) => {
    const p = await open(t, "/examples/inline.html", { ready: ["#reader"] });
    const { page } = p;
    const article = page.locator("#reader article");
    assert.equal(await article.getAttribute("lang"), "ar");
    assert.equal(await article.getAttribute("dir"), "rtl");
    assert.equal(await page.locator("#reader nav.share").getAttribute("aria-label"), LOCALES.ar.share, "share nav label");
    assert.equal(await text(page.locator("#reader nav.share .share-label")), LOCALES.ar.share, "visible share label");
    assert.equal(
      await page.locator('#reader nav.share [data-target="copy"]').getAttribute("aria-label"),
      LOCALES.ar.copy_link,
      "copy button label",
    );

    const title = page.locator("#reader h1.title");
    const geometry = () =>
      title.evaluate((h1) => {
        const range = document.createRange();
        range.selectNodeContents(h1);
        const lines = [...range.getClientRects()];
        const box = h1.getBoundingClientRect();
        const cs = getComputedStyle(h1);
        const contentRight = box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
        const contentLeft = box.left + parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth);
        return {
          direction: cs.direction,
          textAlign: cs.textAlign,
          lastLineRight: lines.at(-1).right,
          lastLineLeft: lines.at(-1).left,
          contentRight,
          contentLeft,
        };
      });
    const g = await geometry();
    assert.equal(g.direction, "rtl", "title computed direction");
    // The last (or only) line of the title ends at the right edge and leaves room on the left.
    assert.ok(Math.abs(g.lastLineRight - g.contentRight) <= 2, `title text is right-aligned: ${JSON.stringify(g)}`);
    assert.ok(g.lastLineLeft - g.contentLeft > 20, `title's last line does not fill the width: ${JSON.stringify(g)}`);

    await page.locator('#reader nav.toggle button.lang[data-lang="en"]').click();
    await eventually(async () => assert.equal(await article.getAttribute("dir"), "ltr", "dir after switching to English"));
    assert.equal(await article.getAttribute("lang"), "en");
    assert.equal(await title.evaluate((e) => getComputedStyle(e).direction), "ltr", "title direction in English");
    assert.equal(await page.locator("#reader nav.share").getAttribute("aria-label"), LOCALES.en.share, "labels follow the article: English");
    assertClean(p, "inline.html");
  });
});

// 5. Localized UI and dates --------------------------------------------------------------------------
describe("5. localized labels and dates", () => {
  test("data-ui-lang de, es, ar; dates follow the article language; unknown UI language → English", async (t) => {
    const ids = ["#ui-de", "#ui-es", "#ui-ar", "#ui-ja", "#ui-en", "#art-fr", "#art-ru"];
    const p = await open(t, "/ui.html", { ready: ids });
    const { page } = p;

    const readTime = async (w) => text(page.locator(`${w} p.byline .read-time`));
    const minutesOf = (w, template, got) => {
      const [pre, post] = template.split("{minutes}");
      const esc = (s) => s.replace(/[\u00a0\u202f]/g, " ").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const m = got.match(new RegExp(`^${esc(pre)}(\\d+)${esc(post)}$`));
      assert.ok(m, `${w}: reading time ${JSON.stringify(got)} matches ${JSON.stringify(template)}`);
      return Number(m[1]);
    };
    const enMinutes = minutesOf("#ui-en", LOCALES.en.min_read, await readTime("#ui-en"));
    assert.ok(enMinutes >= 2 && enMinutes <= 30, `English reading time ${enMinutes} min is plausible`);

    for (const [w, ui] of [
      ["#ui-de", "de"],
      ["#ui-es", "es"],
      ["#ui-ar", "ar"],
      ["#ui-ja", "en"],
      ["#ui-en", "en"],
    ]) {
      const L = LOCALES[ui];
      assert.equal(await articleLang(page, w), "en", `${w}: article in English`);
      assert.equal(await page.locator(`${w} nav.share`).getAttribute("aria-label"), L.share, `${w}: share nav label`);
      assert.equal(await text(page.locator(`${w} nav.share .share-label`)), norm(L.share), `${w}: visible share label`);
      assert.equal(await text(page.locator(`${w} nav.follow .follow-label`)), norm(L.follow_us), `${w}: follow label`);
      assert.equal(
        await page.locator(`${w} nav.follow`).getAttribute("aria-label"),
        `${L.follow_us} ${ARTICLE.publication.name}`,
        `${w}: follow nav label`,
      );
      assert.equal(
        await page.locator(`${w} nav.share [data-target="copy"]`).getAttribute("aria-label"),
        L.copy_link,
        `${w}: copy label`,
      );
      assert.equal(minutesOf(w, L.min_read, await readTime(w)), enMinutes, `${w}: minutes of the English text`);
      const date = await text(page.locator(`${w} p.byline time`));
      assert.match(date, /July/, `${w}: the date follows the article language (English): ${JSON.stringify(date)}`);
      assert.match(date, /16/);
      assert.match(date, /2021/);
    }
    // The widget's UI language is marked on its root (labels in Arabic read right to left).
    assert.equal(await page.locator("#ui-ar div.reader").getAttribute("lang"), "ar");
    assert.equal(await page.locator("#ui-ar article").getAttribute("dir"), "ltr", "the English article stays ltr in an Arabic UI");

    for (const [w, lang, month] of [
      ["#art-fr", "fr", /juillet/],
      ["#art-ru", "ru", /июля/],
    ]) {
      await expectLang(page, w, lang);
      const date = await text(page.locator(`${w} p.byline time`));
      assert.match(date, month, `${w}: date ${JSON.stringify(date)}`);
      assert.equal(await page.locator(`${w} nav.share`).getAttribute("aria-label"), LOCALES[lang].share, `${w}: UI follows the article`);
      assert.match(await readTime(w), new RegExp(norm(LOCALES[lang].min_read).replace("{minutes}", "\\d+")), `${w}: reading time`);
    }
    assertClean(p, "ui.html");
  });
});

test("a language Intl refuses: the date as written, and the widget unharmed", async (t) => {
  const p = await open(t, "/odd-locale.html", { ready: ["#o"] });
  const refused = await p.page.evaluate(() => {
    try {
      new Intl.DateTimeFormat("en-a");
      return false;
    } catch (e) {
      return e instanceof RangeError;
    }
  });
  assert.ok(refused, "this browser's Intl refuses en-a");
  assert.equal(await p.page.locator("#o p.byline time").textContent(), "2021-07-16", "the ISO date");
  assert.equal(await p.page.locator("#o p.byline time").getAttribute("datetime"), "2021-07-16");
  assert.deepEqual(p.pageErrors, [], "no page error");
  assert.deepEqual(p.consoleErrors, [], "no console error");
});

// 6. Share targets -----------------------------------------------------------------------------------
describe("6. share targets", () => {
  test("order, unknown name warned, exact encoding of a tricky title, safe link attributes, no request", async (t) => {
    const p = await open(t, "/share-targets.html", { waitUntil: "commit" });
    const { page } = p;
    const warnings = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    await waitForReady(page, "#s");
    const shareUrl = withLang(p.url, "en");
    assert.equal(shareUrl, `${p.url}?reader-lang=en`);

    // The title is shown as text, not markup.
    assert.equal(await page.locator("#s h1.title").textContent(), TRICKY_TITLE, "title text");
    assert.equal(await page.locator("#s h1.title b").count(), 0, "no <b> element from the title");

    const hasNative = await page.evaluate(() => typeof navigator.share === "function");
    const expected = SHARE_LIST.split(",").filter((n) => n !== "myspace" && (n !== "native" || hasNative));
    const controls = page.locator("#s nav.share li > [data-target]");
    const order = await controls.evaluateAll((els) => els.map((e) => e.dataset.target));
    assert.deepEqual(order, expected, `share controls in data-share order (navigator.share ${hasNative ? "present" : "absent"})`);
    assert.deepEqual(
      await controls.evaluateAll((els) => els.filter((e) => e.tagName === "BUTTON").map((e) => e.dataset.target)),
      expected.filter((n) => ["mastodon", "copy", "native"].includes(n)),
      "mastodon, copy and native are buttons",
    );
    await eventually(() => assert.ok(warnings.some((w) => w.includes("myspace")), `a console warning names myspace: ${JSON.stringify(warnings)}`));

    const links = await page.locator("#s nav.share a.share-link").evaluateAll((as) =>
      as.map((a) => ({ id: a.dataset.target, href: a.getAttribute("href"), target: a.getAttribute("target"), rel: a.getAttribute("rel") })),
    );
    const byId = Object.fromEntries(links.map((l) => [l.id, l]));
    const titleUrl = `${TRICKY_TITLE} ${shareUrl}`;
    const want = {
      x: { host: "x.com", params: { url: shareUrl, text: TRICKY_TITLE } },
      bluesky: { host: "bsky.app", params: { text: titleUrl } },
      facebook: { host: "www.facebook.com", params: { u: shareUrl } },
      telegram: { host: "t.me", params: { url: shareUrl, text: TRICKY_TITLE } },
      vk: { host: "vk.com", params: { url: shareUrl, title: TRICKY_TITLE } },
      whatsapp: { host: "wa.me", params: { text: titleUrl } },
      linkedin: { host: "www.linkedin.com", params: { url: shareUrl } },
      reddit: { host: "www.reddit.com", params: { url: shareUrl, title: TRICKY_TITLE } },
      email: { protocol: "mailto:", params: { subject: TRICKY_TITLE, body: shareUrl } },
    };
    assert.deepEqual(Object.keys(byId), Object.keys(want).sort((a, b) => expected.indexOf(a) - expected.indexOf(b)), "link targets");
    const shareHosts = [];
    for (const [id, w] of Object.entries(want)) {
      const link = byId[id];
      const u = new URL(link.href);
      if (w.host) {
        assert.equal(u.protocol, "https:", `${id}: https`);
        assert.equal(u.hostname, w.host, `${id}: host`);
        shareHosts.push(w.host);
      } else {
        assert.equal(u.protocol, w.protocol, `${id}: scheme`);
      }
      const params = Object.fromEntries(u.searchParams);
      assert.deepEqual(params, w.params, `${id}: decoded parameters of ${link.href}`);
      // Nothing that would end a value is left raw (+ would decode as a space in a form query).
      for (const raw of u.search.slice(1).split("&")) {
        assert.doesNotMatch(raw.split("=")[1] ?? "", /[ "<>#?+]|&/, `${id}: ${raw} is percent-encoded`);
      }
      assert.equal(link.target, "_blank", `${id}: target`);
      const rel = (link.rel || "").split(/\s+/);
      assert.ok(rel.includes("noopener") && rel.includes("noreferrer"), `${id}: rel="${link.rel}"`);
    }

    // Hover everything; nothing is fetched from a share service, nor from any other origin.
    for (const a of await page.locator("#s nav.share a.share-link").all()) await a.hover();
    await settle(page);
    const offenders = p.requests.filter((r) => new URL(r).origin !== p.origin);
    assert.deepEqual(offenders, [], "requests to other origins");
    assert.deepEqual(p.requests.filter((r) => shareHosts.some((host) => new URL(r).hostname.endsWith(host))), []);
    assertClean(p, "share targets");
  });

  test("a changed data-share is read again: names in any case, duplicates once, a new unknown name warned once", async (t) => {
    const p = await open(t, "/share-targets.html", { waitUntil: "commit" });
    const { page } = p;
    const warnings = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    await waitForReady(page, "#s");
    await page.evaluate(() => document.querySelector("#s").setAttribute("data-share", " Email, friendster,COPY, email,Mastodon"));
    const controls = page.locator("#s nav.share li > [data-target]");
    await eventually(async () =>
      assert.deepEqual(await controls.evaluateAll((els) => els.map((e) => e.dataset.target)), ["email", "copy", "mastodon"], "the new list, in its order"),
    );
    await eventually(() => assert.equal(warnings.filter((w) => w.includes("friendster")).length, 1, `one warning names friendster: ${JSON.stringify(warnings)}`));
    assert.equal(await page.locator("#s nav.share button[data-target=mastodon]").getAttribute("aria-expanded"), "false", "mastodon's button says its form is closed");
    assert.equal(await page.locator("#s nav.share button[data-target=copy]").getAttribute("aria-expanded"), null, "copy has no aria-expanded");
  });
});

// 7. Mastodon ----------------------------------------------------------------------------------------
describe("7. mastodon", () => {
  test("asks for the server, refuses a non-host, opens its share page, remembers it", async (t) => {
    // Records window.open calls (and still opens the window).
    const recordOpen = `(() => { const o = window.open; window.__opens = []; window.open = function (...a) { window.__opens.push(a.map(String)); return o.apply(this, a); }; })();`;
    const p = await open(t, "/share-targets.html", { ready: ["#s"], initScript: RECORD_EVENTS + "\n" + recordOpen });
    const { page, context } = p;
    const shareUrl = withLang(p.url, "en");
    const button = page.locator('#s nav.share button[data-target="mastodon"]');
    const form = page.locator("#s form.mastodon-form");
    assert.equal(await form.count(), 0, "no form before the click");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    await button.click();
    await form.waitFor({ state: "visible" });
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    const input = form.locator('input[name="instance"]');
    assert.equal(await input.inputValue(), "", "empty on the first use");

    const pagesBefore = context.pages().length;
    await input.fill("not a host");
    await form.locator('button[type="submit"]').click();
    const error = form.locator("p.form-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await text(error), norm(LOCALES.en.mastodon_invalid), "error text");
    assert.equal(await input.getAttribute("aria-invalid"), "true");
    await settle(page);
    assert.equal(context.pages().length, pagesBefore, "no popup for an invalid server");
    assert.ok(!p.requests.some((r) => !r.startsWith(p.origin)), "no request elsewhere for an invalid server");
    assert.deepEqual(await readerEvents(page, "article-reader:share"), [], "no share event for an invalid server");

    await input.fill("mastodon.social");
    const popupPromise = context.waitForEvent("page", { timeout: 10_000 });
    await form.locator('button[type="submit"]').click();
    const popup = await popupPromise;
    t.after(() => popup.close().catch(() => {}));
    const requested = await eventually(() => {
      const r = p.requests.find((u) => u.startsWith("https://mastodon.social/"));
      assert.ok(r, `a request to mastodon.social: ${JSON.stringify(p.requests.filter((u) => !u.startsWith(p.origin)))}`);
      return r;
    });
    assert.ok(requested.startsWith("https://mastodon.social/share?text="), requested);
    assert.equal(new URL(requested).searchParams.get("text"), `${TRICKY_TITLE} ${shareUrl}`, "decoded text");
    assert.equal(await form.locator("p.form-error").count(), 0, "the error is gone");
    assert.equal(await page.evaluate(() => localStorage.getItem("article-reader:mastodon")), "mastodon.social");
    // window.open was called with noopener: the popup has no opener.
    const opens = await page.evaluate(() => window.__opens);
    assert.equal(opens.length, 1, "window.open called once");
    assert.equal(opens[0][0], requested, "window.open URL");
    assert.equal(opens[0][1], "_blank", "window.open target");
    const features = String(opens[0][2] ?? "").split(",").map((f) => f.trim());
    assert.ok(features.includes("noopener") && features.includes("noreferrer"), `window.open features ${JSON.stringify(opens[0][2])}`);
    const shares = await readerEvents(page, "article-reader:share");
    assert.deepEqual(
      shares.map((e) => e.detail),
      [{ id: "TRICKY-1", lang: "en", target: "mastodon" }],
      "share event",
    );

    await page.reload();
    await waitForReady(page, "#s");
    await button.click();
    await form.waitFor({ state: "visible" });
    assert.equal(await input.inputValue(), "mastodon.social", "the server is remembered");
    assert.deepEqual(p.pageErrors, [], "page errors");
  });
});

// 8. Copy --------------------------------------------------------------------------------------------
describe("8. copy link", () => {
  test("(a) with clipboard permission: 'Link copied' visible and announced, the URL on the clipboard", async (t) => {
    const p = await open(t, "/", { ready: ["#reader-1"], permissions: ["clipboard-read", "clipboard-write"], initScript: RECORD_EVENTS });
    const { page } = p;
    await page.locator('#reader-1 nav.share button[data-target="copy"]').click();
    const status = page.locator('#reader-1 nav.share p.copy-status[role="status"]');
    await eventually(async () => assert.equal(await text(status), norm(LOCALES.en.link_copied)));
    assert.ok(await status.locator(".copied").isVisible(), "confirmation visible");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), EN.url, "clipboard");
    assert.equal(await page.locator("#reader-1 input.copy-fallback").count(), 0, "no fallback");
    assert.deepEqual((await readerEvents(page, "article-reader:share")).map((e) => e.detail.target), ["copy"]);
    assertClean(p, "copy");
  });

  const fallbackCases = [
    ["(b) navigator.clipboard missing", `Object.defineProperty(Navigator.prototype, "clipboard", { configurable: true, get() { return undefined; } });`, "en"],
    [
      "(c) writeText rejecting (in French)",
      `navigator.clipboard.writeText = () => Promise.reject(new DOMException("no", "NotAllowedError"));`,
      "fr",
    ],
    ["(d) a clipboard without writeText", `Object.defineProperty(Navigator.prototype, "clipboard", { configurable: true, get() { return {}; } });`, "en"],
    ["(e) a clipboard that throws when asked for", `Object.defineProperty(Navigator.prototype, "clipboard", { configurable: true, get() { throw new DOMException("denied", "SecurityError"); } });`, "en"],
  ];
  for (const [name, initScript, lang] of fallbackCases) {
    test(`${name}: the link is shown in a read-only field with an explanation`, async (t) => {
      const p = await open(t, "/", { ready: ["#reader-1"], initScript });
      const { page } = p;
      if (lang !== "en") {
        await page.locator(`#reader-1 nav.toggle button.lang[data-lang="${lang}"]`).click();
        await expectLang(page, "#reader-1", lang);
      }
      const url = ARTICLE.translations[lang].url ?? withLang(p.url, lang);
      await page.locator('#reader-1 nav.share button[data-target="copy"]').click();
      const field = page.locator("#reader-1 nav.share p.copy-status input.copy-fallback");
      await field.waitFor({ state: "visible" });
      assert.equal(await field.inputValue(), url, "fallback field holds the share URL");
      assert.equal(await field.evaluate((i) => i.readOnly), true, "read-only");
      const status = page.locator('#reader-1 nav.share p.copy-status[role="status"]');
      assert.match(await text(status), new RegExp(`^${norm(LOCALES[lang].copy_failed).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`), "explanation");
      assert.doesNotMatch(await text(status), new RegExp(norm(LOCALES[lang].link_copied)), "does not claim success");
      await settle(page);
      assertClean(p, name);
    });
  }
});

// 9. Native share ------------------------------------------------------------------------------------
describe("9. native share", () => {
  test("with navigator.share: shares the current language's title and URL", async (t) => {
    const initScript =
      RECORD_EVENTS +
      `\nObject.defineProperty(Navigator.prototype, "share", { configurable: true, writable: true, value: function (data) { window.__shared = JSON.parse(JSON.stringify(data)); return Promise.resolve(); } });`;
    const p = await open(t, "/", { ready: ["#reader-1"], initScript });
    const { page } = p;
    const native = page.locator('#reader-1 nav.share button[data-target="native"]');
    await page.locator("#reader-1 nav.share").waitFor();
    assert.equal(await native.count(), 1, "native button shown");
    await page.locator('#reader-1 nav.toggle button.lang[data-lang="fr"]').click();
    await expectLang(page, "#reader-1", "fr");
    await native.click();
    await eventually(async () =>
      assert.deepEqual(await page.evaluate(() => window.__shared), { title: FR.title, url: withLang(p.url, "fr") }),
    );
    assert.equal(withLang(p.url, "fr"), `${p.origin}/?reader-lang=fr`);
    assert.deepEqual(
      (await readerEvents(page, "article-reader:share")).map((e) => e.detail),
      [{ id: "IRQ6532", lang: "fr", target: "native" }],
    );
    assertClean(p, "native share");
  });

  test("without navigator.share: no native button", async (t) => {
    const initScript = `delete Navigator.prototype.share; delete Navigator.prototype.canShare; delete navigator.share;`;
    const p = await open(t, "/", { ready: ["#reader-1", "#reader-2"], initScript });
    assert.equal(await p.page.evaluate(() => "share" in navigator), false, "the init script removed navigator.share");
    for (const w of ["#reader-1", "#reader-2"]) {
      assert.equal(await p.page.locator(`${w} nav.share [data-target="native"]`).count(), 0, `${w}: no native button`);
      assert.equal(await p.page.locator(`${w} nav.share [data-target="copy"]`).count(), 1, `${w}: the copy button is there`);
    }
    assertClean(p, "no native share");
  });

  test("a navigator.share that throws when looked at: no native button, and no error", async (t) => {
    const initScript = `Object.defineProperty(Navigator.prototype, "share", { configurable: true, get() { throw new DOMException("denied", "SecurityError"); } });`;
    const p = await open(t, "/", { ready: ["#reader-1"], initScript });
    assert.equal(await p.page.locator('#reader-1 nav.share [data-target="native"]').count(), 0, "no native button");
    assert.equal(await p.page.locator('#reader-1 nav.share [data-target="copy"]').count(), 1, "the copy button is there");
    assertClean(p, "a throwing share getter");
  });

  test("a navigator.share that throws at once: the widget carries on", async (t) => {
    const initScript =
      RECORD_EVENTS +
      `\nObject.defineProperty(Navigator.prototype, "share", { configurable: true, writable: true, value: function () { throw new TypeError("no sheet"); } });`;
    const p = await open(t, "/", { ready: ["#reader-1"], initScript });
    const { page } = p;
    await page.locator('#reader-1 nav.share button[data-target="native"]').click();
    await page.locator('#reader-1 nav.toggle button.lang[data-lang="fr"]').click();
    await expectLang(page, "#reader-1", "fr");
    assert.deepEqual(
      (await readerEvents(page, "article-reader:share")).map((e) => e.detail.target),
      ["native"],
      "the share event fired",
    );
    assert.deepEqual(p.pageErrors, [], "no page error");
    assertClean(p, "a throwing share");
  });
});

// 10. A shared link brings the next reader to the same language --------------------------------------
describe("10. shared links and languages", () => {
  test("the French link opens French for the next reader; English shares its own URL", async (t) => {
    const p = await open(t, "/", { ready: ["#reader-1", "#reader-2"] });
    const { page } = p;
    const telegramUrl = async (w) =>
      new URL(await page.locator(`${w} nav.share a[data-target="telegram"]`).getAttribute("href")).searchParams.get("url");

    assert.equal(await telegramUrl("#reader-1"), EN.url, "English shares the translation's own URL");
    assert.match(EN.url, /^https:\/\/journal-neo\.su\//);
    assert.equal(await telegramUrl("#reader-2"), withLang(p.url, "ru"), "#reader-2 (Russian) shares the page with reader-lang=ru");

    await page.locator('#reader-1 nav.toggle button.lang[data-lang="fr"]').click();
    await expectLang(page, "#reader-1", "fr");
    const shared = await telegramUrl("#reader-1");
    assert.equal(shared, withLang(p.url, "fr"), "French shares the page URL with reader-lang=fr");
    const u = new URL(shared);
    assert.equal(u.origin, p.origin);

    const next = await open(t, u.pathname + u.search, { ready: ["#reader-1", "#reader-2"] });
    await expectLang(next.page, "#reader-1", "fr", "for the next reader");
    await expectLang(next.page, "#reader-2", "fr", "for the next reader (deep link beats data-lang)");
    assertClean(next, "shared link");
  });
});

// 11. Privacy ----------------------------------------------------------------------------------------
describe("11. privacy", () => {
  test("switching, settings and hovering the share row request nothing from another origin", async (t) => {
    const p = await open(t, "/", { ready: ["#reader-1", "#reader-2"] });
    const { page } = p;
    await page.waitForLoadState("networkidle");
    const mark = p.mark();
    for (const [w, lang] of [
      ["#reader-1", "fr"],
      ["#reader-1", "ru"],
      ["#reader-2", "en"],
      ["#reader-2", "fr"],
    ]) {
      await page.locator(`${w} nav.toggle button.lang[data-lang="${lang}"]`).click();
      await expectLang(page, w, lang);
    }
    await settle(page);
    assert.deepEqual(p.requestsSince(mark), [], "switching languages requests nothing at all");

    for (const w of ["#reader-1", "#reader-2"]) {
      const toggle = page.locator(`${w} button.settings-toggle`);
      await toggle.click();
      await eventually(async () => assert.equal(await toggle.getAttribute("aria-expanded"), "true", `${w} settings open`));
      for (const a of await page.locator(`${w} nav.share a.share-link, ${w} nav.follow a`).all()) await a.hover();
      for (const b of await page.locator(`${w} nav.share button`).all()) await b.hover();
    }
    await settle(page, 300);
    const offenders = p.requests.filter((r) => new URL(r).origin !== p.origin);
    assert.deepEqual(offenders, [], "requests to another origin");
    assertClean(p, "privacy");
  });
});
