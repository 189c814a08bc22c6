// article-reader: the one script a publisher adds.
//
// - Loads the WASM module once per page, and only when the page has (or gets) an element with
//   `data-article-reader`; the module then mounts every such element, now and when added later.
// - Loading this script twice (even from two URLs) loads and mounts nothing twice.
// - Parent side of the iframe form: an <iframe data-article-reader-frame src=".../embed.html?...">
//   is sized to its content, with no scroll bar, from the height the frame reports.

const KEY = Symbol.for("article-reader");
const base = new URL("./", import.meta.url).href;
const MOUNT = "[data-article-reader]";

const INTERNAL_TEXT = {
  en: "Something went wrong while showing the article.",
  fr: "Un problème est survenu lors de l’affichage de l’article.",
  ru: "При показе статьи произошла ошибка.",
  de: "Beim Anzeigen des Artikels ist ein Fehler aufgetreten.",
  es: "Se produjo un error al mostrar el artículo.",
  ar: "حدث خطأ أثناء عرض المقال.",
};

const FALLBACK_TEXT = {
  en: "This article could not be loaded.",
  fr: "Impossible de charger cet article.",
  ru: "Не удалось загрузить статью.",
  de: "Dieser Artikel konnte nicht geladen werden.",
  es: "No se pudo cargar este artículo.",
  ar: "تعذّر تحميل هذا المقال.",
};

// When the module itself cannot load (missing file, wrong MIME type, very old browser), each mount
// element still says so, in text, with the article's title and a link to it when they are known:
// from the inline JSON child, or from the data-src document when it can be fetched.
function fallbackTitle(doc, lang) {
  const translations = (doc && doc.translations) || {};
  const t = translations[lang] || translations[doc.default_lang] || Object.values(translations)[0];
  return t && typeof t.title === "string" ? { title: t.title, url: t.url } : null;
}

// The one reading of a document's address, for this script and the module (state.resolve): the
// URL fetch() would request, when the value is a URL a document can be fetched from (it parses,
// its scheme is https, http, blob or data, and its host holds no space or `%`, which no host name
// can: Chromium's parser takes `https://news example/` as the host `news%20example`); null
// otherwise (`https://news example/a.json`, `http://[`, `https://x:99999/`, `//`). Never a throw,
// so that one mistyped attribute cannot stop this script and with it every widget on the page:
// that widget shows why (code bad-src).
function resolved(src) {
  try {
    const url = new URL(src, document.baseURI);
    return /^(https?|blob|data):$/.test(url.protocol) && !/[\s%]/.test(url.hostname) ? url.href : null;
  } catch {
    return null;
  }
}

async function describe(el) {
  const lang = el.getAttribute("data-lang") || (navigator.language || "en").slice(0, 2);
  const src = el.getAttribute("data-src");
  const link = src ? resolved(src) : null;
  try {
    if (link) return { ...fallbackTitle(await (await fetch(link)).json(), lang), link };
    const inline = !src && el.querySelector(':scope > script[type="application/json"]');
    if (inline) return fallbackTitle(JSON.parse(inline.textContent), lang) || {};
  } catch {
    // The document is unusable too: the message alone will do.
  }
  return link ? { link } : {};
}

// Whether a shadow root holds the pre-rendered content of a snippet made by `article-reader render`
// (a declarative shadow root). (`:scope` matches nothing in a shadow root's querySelector.)
const hasPrerendered = (root) => !!root && [...root.children].some((c) => c.hasAttribute("data-prerendered"));
const reported = new WeakSet();
const pageHasPrerendered = () => [...document.querySelectorAll(MOUNT)].some((el) => hasPrerendered(el.shadowRoot));

// Resolves once the page has been painted (the frame after the next animation frame), or after
// 100 ms where frames are not produced (a hidden tab or frame). Starting the widgets is one long
// task: a page with pre-rendered widgets paints them first.
const painted = () =>
  new Promise((ok) => {
    requestAnimationFrame(() => setTimeout(ok));
    setTimeout(ok, 100);
  });

function showFallback(error) {
  const lang = (navigator.language || "en").slice(0, 2);
  const text = FALLBACK_TEXT[lang] || FALLBACK_TEXT.en;
  for (const el of document.querySelectorAll(MOUNT)) {
    if (hasPrerendered(el.shadowRoot)) {
      // The pre-rendered article is the best fallback there is: it stays, readable, with working
      // links (only the buttons do nothing). The page still hears why, once.
      if (!reported.has(el)) {
        reported.add(el);
        el.dispatchEvent(
          new CustomEvent("article-reader:error", {
            bubbles: true,
            composed: true,
            detail: { code: "module-load", message: String(error) },
          }),
        );
      }
      continue;
    }
    if (el.shadowRoot && el.shadowRoot.childNodes.length) continue;
    const root = el.shadowRoot || el.attachShadow({ mode: "open" });
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    const p = document.createElement("p");
    p.textContent = text;
    box.append(p);
    root.append(box);
    describe(el).then(({ title, url, link }) => {
      const href = [url, link].find((u) => typeof u === "string" && /^https?:/i.test(u));
      if (!title && !href) return;
      const line = document.createElement("p");
      const a = document.createElement(href ? "a" : "strong");
      a.textContent = title || href;
      if (href) a.href = href;
      line.append(a);
      box.append(line);
    });
    el.dispatchEvent(
      new CustomEvent("article-reader:error", {
        bubbles: true,
        composed: true,
        detail: { code: "module-load", message: String(error) },
      }),
    );
  }
}

// The compiled module, shared by every instance (streaming compilation where the server sends
// application/wasm, a plain download otherwise).
function compileModule() {
  const url = new URL("article_reader_bg.wasm", base);
  return WebAssembly.compileStreaming(fetch(url)).catch(async () => {
    const reply = await fetch(url);
    if (!reply.ok) throw new Error(`${url} answered ${reply.status}`);
    return WebAssembly.compile(await reply.arrayBuffer());
  });
}

// One instance of the module runs every widget of the page. `skip` lists elements it must leave
// alone (widgets that failed in an earlier instance).
async function instantiate(state, skip) {
  if (!state.module) {
    state.module = compileModule();
    // Awaited below, after the glue arrives: until then a failure must not count as unhandled.
    state.module.catch(() => {});
  }
  const n = (state.instances = (state.instances || 0) + 1);
  // A second instance needs its own copy of the glue module, hence its own URL.
  const glue = await import(new URL(`article_reader.js${n > 1 ? `?instance=${n}` : ""}`, base).href);
  await glue.default({ module_or_path: await state.module });
  if (pageHasPrerendered()) await painted();
  glue.start(base, skip);
  state.glue = glue;
  return glue;
}

// Shows the fallback in every mount element, now and in those added later.
function fallBack(error) {
  showFallback(error);
  new MutationObserver(() => showFallback(error)).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-article-reader"],
  });
}

// The article documents the widgets on the page will ask for, requested now, while the module
// downloads and compiles, instead of after it starts (the module takes them from state.prefetch,
// keyed by the very string it would fetch: the data-src value, or the default article's URL).
// No timer here: data-timeout is read by the module alone (core/config.rs), whose timer also stops
// the request started here. A value that is not a URL is not requested: its widget says why.
// An article page (data-format="html", as the module's Format::parse reads it) is asked for as
// HTML, with the html module that reads it, and only from this page's origin: the module refuses
// any other without a request (code cross-origin).
function prefetchArticles(state) {
  state.prefetch ??= new Map();
  for (const el of document.querySelectorAll(MOUNT)) {
    const src = (el.getAttribute("data-src") || "").trim();
    if (!src && el.querySelector(':scope > script[type="application/json"]')) continue;
    const key = src || new URL("default-article.json", base).href;
    const url = resolved(key);
    if (!url || state.prefetch.has(key)) continue;
    // A widget that says its document is another format needs the adapters (the names the module's
    // Format::parse reads as WordPress or JSON Feed) or the html module: fetched alongside.
    const format = el.getAttribute("data-format") || "";
    const page = /^\s*html\s*$/i.test(format);
    if (page && new URL(url).origin !== location.origin) continue;
    if (page || /^\s*(wordpress|wp|jsonfeed|json-feed)\s*$/i.test(format)) onDemand(state, page ? "html" : "adapters");
    const controller = new AbortController();
    const reply = fetch(url, { headers: { Accept: page ? "text/html" : "application/json" }, signal: controller.signal });
    reply.catch(() => {}); // Errors are the widget's to report.
    // The module calls abort() when it gives up on the reply (too large, failed): nothing more of
    // it is downloaded or kept.
    reply.abort = () => controller.abort();
    state.prefetch.set(key, reply);
  }
}

// The on-demand modules, each a WASM module of its own, downloaded the first time a widget needs
// it: most pages never do. "adapters" converts WordPress posts and JSON Feed items; "html" reads
// article pages (data-format="html"; eight times larger, so WordPress and JSON Feed pages never
// download it). The widget module calls state.adapt with a JSON request and gets the JSON reply.
function onDemand(state, name) {
  state[name] ??= import(new URL(`article_reader_${name}.js`, base).href).then(async (module) => {
    await module.default({ module_or_path: new URL(`article_reader_${name}_bg.wasm`, base) });
    return module;
  });
  // A failed download is reported to the widget that asked; the next one tries again. (This handler
  // also keeps a download started early, that no widget awaits yet, from counting as unhandled.)
  state[name].catch(() => (state[name] = null));
  return state[name];
}

// The first use of Intl (its locale data) and of localStorage on a page costs 15-25 ms of main
// thread here; the widget's first render needs both (the article's date, the saved settings). Done
// now, in a task of its own while the module downloads, that time is not added to the first render.
function warmUp() {
  const el = document.querySelector(MOUNT);
  const lang = (el && el.getAttribute("data-lang")) || navigator.language || "en";
  try {
    new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(0);
  } catch {
    // An unknown tag or no Intl: the widget copes (it formats dates itself or falls back).
  }
  try {
    void localStorage.length;
  } catch {
    // Storage that throws (blocked cookies): the widget copes too.
  }
}

function loadModule(state) {
  // A request names its format first (adapters::Request::to_json): an article page goes to the html module.
  state.adapt ??= (request) =>
    onDemand(state, request.startsWith('{"format":"Html"') ? "html" : "adapters").then((m) => m.adapt(request));
  if (!state.ready) {
    prefetchArticles(state);
    // Pre-rendered content paints first: nothing of ours may hold that frame back.
    if (pageHasPrerendered()) painted().then(warmUp);
    else setTimeout(warmUp);
  }
  state.ready ??= instantiate(state, []).catch((error) => {
    console.error("article-reader: the widget module could not be loaded from " + base, error);
    fallBack(error);
  });
  return state.ready;
}

function showInternalError(el, message) {
  const lang = (el.getAttribute("data-ui-lang") || el.getAttribute("data-lang") || navigator.language || "en").slice(0, 2);
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.textContent = INTERNAL_TEXT[lang] || INTERNAL_TEXT.en;
  (el.shadowRoot || el.attachShadow({ mode: "open" })).replaceChildren(box);
  el.dispatchEvent(
    new CustomEvent("article-reader:error", { bubbles: true, composed: true, detail: { code: "internal", message } }),
  );
}

// A panic aborts the module (panic = "abort"), leaving its state unknown. The panic hook calls this
// with the widget that was running: that widget shows its error; the others are mounted again by a
// fresh instance of the module. After three restarts, every widget shows the error instead.
function restart(state, message, culprit) {
  try {
    state.glue?.shutdown();
  } catch {
    // The old instance is beyond saving; it was only asked to stop watching the page.
  }
  state.failed ??= [];
  state.restarts = (state.restarts || 0) + 1;
  if (culprit) {
    state.failed.push(culprit);
    showInternalError(culprit, message);
  }
  const others = [...document.querySelectorAll(MOUNT)].filter((el) => !state.failed.includes(el));
  if (state.restarts > 3) {
    for (const el of others) showInternalError(el, message);
    return;
  }
  for (const el of others) {
    // Pre-rendered content not yet replaced stays on screen until the fresh instance is ready.
    const root = el.shadowRoot;
    const kept = hasPrerendered(root)
      ? [...root.children].filter((n) => n.matches("[data-prerendered], link, style"))
      : [];
    root?.replaceChildren(...kept);
  }
  state.ready = instantiate(state, state.failed).catch((error) => {
    console.error("article-reader: the widget module could not be restarted", error);
    fallBack(error);
  });
}

// The tallest height a frame may ask for, in CSS pixels (a 10,000-block article fits).
const MAX_FRAME_HEIGHT = 1e6;
const FRAME_PAGE = new URL("embed.html", base).href;

/**
 * Sizes an iframe of the iframe form to the height its content reports: only a frame of the
 * widget's (marked data-article-reader-frame, or showing the embed.html beside this script: any
 * other frame on the page is none of ours to resize), only when the message comes from that
 * frame's window and from the origin its src names, and only to a height from 0 to
 * MAX_FRAME_HEIGHT.
 */
export function resizeFrames(event) {
  const height = event.data?.height;
  if (event.data?.type !== "article-reader:height" || typeof height !== "number" || !(height >= 0 && height <= MAX_FRAME_HEIGHT)) return;
  for (const frame of document.querySelectorAll("iframe")) {
    const src = frame.contentWindow === event.source && resolved(frame.getAttribute("src") || "");
    if (!src) continue;
    const url = new URL(src);
    const ours = frame.hasAttribute("data-article-reader-frame") || url.origin + url.pathname === FRAME_PAGE;
    if (ours && url.origin === event.origin) frame.style.height = Math.ceil(height) + "px";
  }
}

const state = (globalThis[KEY] ??= {});
if (!state.started) {
  state.started = true;
  // Called by the module's panic hook, from inside the failing call: act once it has unwound.
  state.onPanic = (message, culprit) => setTimeout(() => restart(state, message, culprit));
  state.resolve = resolved;
  addEventListener("message", resizeFrames);
  if (document.querySelector(MOUNT)) {
    loadModule(state);
  } else {
    // Pages without a widget yet pay nothing until one appears.
    const watcher = new MutationObserver(() => {
      if (document.querySelector(MOUNT)) {
        watcher.disconnect();
        loadModule(state);
      }
    });
    watcher.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["data-article-reader"],
    });
  }
}

/** Resolves once the widgets are running (for hosts that want to wait for it). */
export const ready = () => loadModule(state);
