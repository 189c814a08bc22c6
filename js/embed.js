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

async function describe(el) {
  const lang = el.getAttribute("data-lang") || (navigator.language || "en").slice(0, 2);
  const src = el.getAttribute("data-src");
  try {
    if (src) {
      const reply = await fetch(new URL(src, document.baseURI));
      return { ...fallbackTitle(await reply.json(), lang), link: new URL(src, document.baseURI).href };
    }
    const inline = el.querySelector(':scope > script[type="application/json"]');
    if (inline) return fallbackTitle(JSON.parse(inline.textContent), lang) || {};
  } catch {
    // The document is unusable too: the message alone will do.
  }
  return src ? { link: new URL(src, document.baseURI).href } : {};
}

function showFallback(error) {
  const lang = (navigator.language || "en").slice(0, 2);
  const text = FALLBACK_TEXT[lang] || FALLBACK_TEXT.en;
  for (const el of document.querySelectorAll(MOUNT)) {
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

function loadModule(state) {
  state.ready ??= import(new URL("article_reader.js", base).href)
    .then(async (glue) => {
      await glue.default({ module_or_path: new URL("article_reader_bg.wasm", base) });
      glue.start(base);
      return glue;
    })
    .catch((error) => {
      console.error("article-reader: the widget module could not be loaded from " + base, error);
      showFallback(error);
    });
  return state.ready;
}

/** Sizes an iframe of the iframe form to the height its content reports. */
export function resizeFrames(event) {
  const data = event.data;
  if (!data || data.type !== "article-reader:height") return;
  const height = Number(data.height);
  if (!Number.isFinite(height) || height < 0 || height > 1e6) return;
  for (const frame of document.querySelectorAll("iframe")) {
    if (frame.contentWindow === event.source) {
      frame.style.height = Math.ceil(height) + "px";
    }
  }
}

const state = (globalThis[KEY] ??= {});
if (!state.started) {
  state.started = true;
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
