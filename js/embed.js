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
// element still says so, in text, with a link to the article's document when one is known.
function showFallback(error) {
  const lang = (navigator.language || "en").slice(0, 2);
  const text = FALLBACK_TEXT[lang] || FALLBACK_TEXT.en;
  for (const el of document.querySelectorAll(MOUNT)) {
    if (el.shadowRoot && el.shadowRoot.childNodes.length) continue;
    const root = el.shadowRoot || el.attachShadow({ mode: "open" });
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.textContent = text + " ";
    const src = el.getAttribute("data-src");
    if (src) {
      const a = document.createElement("a");
      a.href = new URL(src, document.baseURI).href;
      a.textContent = a.href;
      p.append(a);
    }
    root.append(p);
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
