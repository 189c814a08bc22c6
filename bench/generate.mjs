// Generates what the benchmark serves under /bench/: the article documents (1,000 paragraphs in
// three languages; the scaling series) and the bench pages (widget, static HTML, plain JavaScript,
// and the widget's pre-rendered snippet, made by the CLI: `article-reader render`).
// Everything goes to bench/generated/ (git-ignored); run.mjs calls this before measuring.
//
//   node bench/generate.mjs        (also done by node bench/run.mjs)

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH, "..");
export const GENERATED = resolve(BENCH, "generated");

/** The widget refuses documents over 2 MiB and over 10,000 blocks (src/core/validate.rs). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
export const MAX_BLOCKS = 10_000;

/** Sizes of the scaling series (c): total blocks in the document. */
export const SCALES = [100, 1000, 10_000];

// Lorem-like vocabularies: plain ASCII for "en", accented Latin for "fr", Cyrillic for "ru", so the
// byte sizes are like real text in those languages.
const WORDS = {
  en: `lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore
    et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex
    ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla
    pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim
    id est laborum river market window harbour council evening letter garden station`.split(/\s+/),
  fr: `le la les des une pour avec dans sur été très après déjà même où être fenêtre marché rivière
    conseil soirée lettre jardin gare ville pays année gouvernement économie problème société général
    côté première dernière état région président accord sécurité développement réforme élève ouvrage
    lumière chemin forêt château église écrivain`.split(/\s+/),
  ru: `и в не на что как это по но из за от так уже год дом мир река окно рынок совет вечер письмо сад
    город страна время народ слово дело жизнь вопрос власть право война земля лес путь свет море край
    часть школа книга поле голос`.split(/\s+/),
};
const LABEL = { en: "Paragraph", fr: "Paragraphe", ru: "Абзац" };
const TITLE = {
  en: (n) => `Benchmark article, ${n} paragraphs`,
  fr: (n) => `Article de mesure, ${n} paragraphes`,
  ru: (n) => `Статья для замеров, ${n} абзацев`,
};

/** A small seeded PRNG (mulberry32), so the documents are the same on every run. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraph `i` in `lang`: "<Label> i." then `words` random words; distinct by construction. */
function paragraph(lang, i, words, next) {
  const vocab = WORDS[lang];
  const out = [];
  for (let w = 0; w < words; w++) out.push(vocab[Math.floor(next() * vocab.length)]);
  const text = out.join(" ");
  return `${LABEL[lang]} ${i + 1}. ${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** An article document with `paragraphs` paragraphs of `words` words in each of `langs`. */
export function makeArticle({ id, langs, paragraphs, words, titleCount = paragraphs }) {
  const next = rng(paragraphs * 31 + words);
  const translations = {};
  for (const lang of langs) {
    const body = [];
    for (let i = 0; i < paragraphs; i++) body.push({ type: "paragraph", text: paragraph(lang, i, words, next) });
    translations[lang] = { title: TITLE[lang](titleCount), body };
  }
  return {
    schema: "article-reader/1",
    id,
    published: "2024-01-15",
    author: { name: "Bench Mark" },
    publication: { name: "article-reader benchmark", url: "https://example.org" },
    default_lang: langs[0],
    translations,
  };
}

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** Plain text of a block (text, or runs). */
export function blockText(b) {
  return b.text ?? (b.runs || []).map((r) => r.text).join("");
}

/** The page style shared by the static and the plain JavaScript pages (and the widget's host). */
const STYLE = `body{font:18px/1.6 Georgia,"Times New Roman",serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:2rem;line-height:1.2}nav.toggle button{margin-right:.5rem}`;

function page(title, body, head = "") {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${STYLE}</style>
${head}</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The snippet `article-reader render` prints for the default article (with `options`), with the widget's files at
 * `/` (the CLI is built by cargo if needed, in the dev profile `cargo test` also uses; the widget
 * itself is never rebuilt here: the page loads dist/ as it is).
 */
function prerenderedSnippet(...options) {
  return execFileSync(
    "cargo",
    ["run", "-q", "-p", "article-reader-cli", "--", "render", "content/default-article.json", "--base", "/", ...options],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}

const widgetPage = (title, mounts, head = "") =>
  page(title, `${mounts}\n<script type="module" src="/embed.js"></script>`, head);
/** The README's preload hints for the widget's files at `/` and the default article. */
const PRELOAD = `<link rel="modulepreload" href="/embed.js">
<link rel="modulepreload" href="/article_reader.js">
<link rel="preload" href="/article_reader_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="/default-article.json" as="fetch" type="application/json" crossorigin>
`;
const plainPage = (title, src, attributes = "") =>
  page(title, `<div id="app" data-src="${esc(src)}"${attributes}></div>\n<script type="module" src="/bench/plain.js"></script>`);

function write(name, text) {
  writeFileSync(resolve(GENERATED, name), text);
  return Buffer.byteLength(text);
}

/**
 * Writes every document and page; returns a description of the documents
 * ({ name: { bytes, langs, paragraphs, words } }).
 */
export function generate() {
  mkdirSync(GENERATED, { recursive: true });
  const docs = {};
  const doc = (name, spec) => {
    const json = JSON.stringify(makeArticle({ id: name.toUpperCase(), ...spec }));
    const bytes = write(`${name}.json`, json);
    if (bytes > MAX_DOCUMENT_BYTES) throw new Error(`${name}.json is ${bytes} bytes, over the widget's 2 MiB limit`);
    if (spec.langs.length * spec.paragraphs > MAX_BLOCKS) throw new Error(`${name}.json has too many blocks`);
    docs[name] = { bytes, langs: spec.langs, paragraphs: spec.paragraphs, words: spec.words };
  };

  // (b): 1,000 paragraphs of about 60 words in en, fr and ru.
  doc("article-1000", { langs: ["en", "fr", "ru"], paragraphs: 1000, words: 60 });
  // (c): the same paragraph length at every size, short enough (20 words) that 10,000 blocks fit
  // under the 2 MiB limit. Render: one translation of N paragraphs. Switch: two translations of
  // N/2 paragraphs (N blocks in the document, the most the widget accepts at N = 10,000).
  for (const n of SCALES) {
    doc(`scale-render-${n}`, { langs: ["en"], paragraphs: n, words: 20 });
    doc(`scale-switch-${n}`, { langs: ["en", "fr"], paragraphs: n / 2, words: 20 });
  }

  // (a) and (d): pages on the default article.
  const article = JSON.parse(readFileSync(resolve(ROOT, "content/default-article.json"), "utf8"));
  const en = article.translations.en;
  const paras = en.body.filter((b) => b.type === "paragraph").map((b) => `<p>${esc(blockText(b))}</p>`);
  write(
    "static.html",
    page(en.title, `<article lang="en">\n<h1 class="title">${esc(en.title)}</h1>\n<div class="body">\n${paras.join("\n")}\n</div>\n</article>`),
  );
  write("plain-default.html", plainPage("plain JavaScript: default article", "/default-article.json"));
  // The same page, rendering only once the widget's module is loaded and instantiated (none of its
  // code run): the floor under any renderer inside that module.
  write(
    "plain-default-module.html",
    plainPage("plain JavaScript after the widget's module: default article", "/default-article.json", " data-module"),
  );
  write("widget-default.html", widgetPage("widget: default article", "<div data-article-reader></div>"));
  // The same two lines with the README's preload hints in the head (the publisher's guidance): the
  // module, its glue and the article requested with the page, not after embed.js has run.
  write("widget-default-preload.html", widgetPage("widget: default article, preload hints", "<div data-article-reader></div>", PRELOAD));
  // The same widget, with the article pre-rendered in a declarative shadow root (and inline).
  write("widget-prerendered.html", page("widget: pre-rendered snippet", prerenderedSnippet()));
  // ... with its CSS in a <style> (--inline-css: no request, but not for pages under a strict CSP).
  write("widget-prerendered-inline-css.html", page("widget: pre-rendered snippet, inline CSS", prerenderedSnippet("--inline-css")));
  write(
    "widget-x10.html",
    widgetPage("widget: ten widgets", Array.from({ length: 10 }, () => "<div data-article-reader></div>").join("\n")),
  );
  write("widget-none.html", widgetPage("embed.js, no widget", "<p>No widget on this page.</p>"));

  // (b) and (c): one page per document.
  for (const name of Object.keys(docs)) {
    write(`widget-${name}.html`, widgetPage(`widget: ${name}`, `<div data-article-reader data-src="/bench/${name}.json"></div>`));
    write(`plain-${name}.html`, plainPage(`plain JavaScript: ${name}`, `/bench/${name}.json`));
  }
  return { docs, staticParagraphs: paras.length, defaultTitle: en.title };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { docs } = generate();
  for (const [name, d] of Object.entries(docs)) {
    console.log(`${name}.json: ${d.bytes} bytes, ${d.langs.join("+")} x ${d.paragraphs} paragraphs of ${d.words} words`);
  }
}
