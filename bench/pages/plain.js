// The plain JavaScript baseline: fetches the article JSON named by #app[data-src] and renders the
// title, a language toggle and the paragraphs with innerHTML templates (every text escaped).
// Clicking a language button re-renders the title and the body for that language.
//
// With data-module on #app, the page first loads the widget's WASM module as embed.js does (the
// glue imported and the module compiled while it streams, both requested with the article, then
// instantiated) and renders only once it is instantiated, without running any of its code: the
// floor under any renderer that lives in that module (BENCHMARKS.md, "What is measured").

const app = document.getElementById("app");
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);
const text = (b) => b.text ?? (b.runs || []).map((r) => r.text).join("");

function bodyHtml(t) {
  let html = "";
  for (const b of t.body) html += `<p>${esc(text(b))}</p>`;
  return html;
}

function render(article, lang) {
  const langs = Object.keys(article.translations);
  const t = article.translations[lang];
  const buttons = langs
    .map((l) => `<button type="button" class="lang" data-lang="${esc(l)}" aria-pressed="${l === lang}">${esc(l)}</button>`)
    .join("");
  app.innerHTML =
    `<article class="article" lang="${esc(lang)}">` +
    (langs.length > 1 ? `<nav class="toggle">${buttons}</nav>` : "") +
    `<h1 class="title">${esc(t.title)}</h1><div class="body">${bodyHtml(t)}</div></article>`;
}

function switchTo(article, lang) {
  const t = article.translations[lang];
  app.querySelector("article").lang = lang;
  app.querySelector("h1").textContent = t.title;
  app.querySelector("div.body").innerHTML = bodyHtml(t);
  for (const b of app.querySelectorAll("button.lang")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
}

// The widget's module, loaded and instantiated as embed.js loads it; none of its code is run.
async function widgetModule() {
  const module = WebAssembly.compileStreaming(fetch("/article_reader_bg.wasm"));
  const glue = await import("/article_reader.js");
  await glue.default({ module_or_path: await module });
}

const [response] = await Promise.all([fetch(app.dataset.src), "module" in app.dataset ? widgetModule() : null]);
const article = await response.json();
render(article, article.default_lang in article.translations ? article.default_lang : Object.keys(article.translations)[0]);
app.addEventListener("click", (e) => {
  const button = e.target.closest("button.lang");
  if (button) switchTo(article, button.dataset.lang);
});
