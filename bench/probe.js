// Injected into every bench page with page.addInitScript (before any script of the page runs);
// run.mjs replaces __BENCH_CONFIG__ with { paragraphs, widgets, probe, waitReady }.
//
// - "Title painted": polls every animation frame for the title element (inside the first widget's
//   open shadow root, or the document's own h1 on the pages without a widget). In the frame where
//   it first exists with a non-zero size it is about to be painted; performance.now() is taken in
//   the NEXT frame's callback (double requestAnimationFrame), after that paint. Times are from
//   navigation start (performance.timeOrigin).
// - "Last paragraph present": the same, for div.body having all its paragraphs (cfg.paragraphs).
// - All titles: every [data-article-reader] on the page shows its title (the 10-widget page).
// - FCP and LCP from PerformanceObserver, for reference; the article-reader:ready event time
//   (waited for as well when cfg.waitReady: the pre-rendered page paints its title long before).
// - Every WebAssembly instance created through WebAssembly.instantiate / instantiateStreaming, and
//   its exported memories (window.__wasmInstances, window.__wasmMemories).
(() => {
  const cfg = __BENCH_CONFIG__;
  let finish;
  const b = (window.__bench = {
    title: null,
    last: null,
    allTitles: null,
    ready: null,
    fcp: null,
    lcp: null,
    lcpElement: null,
    done: false,
  });
  b.whenDone = new Promise((ok) => (finish = ok));

  // WebAssembly capture.
  const instances = (window.__wasmInstances = []);
  const memories = (window.__wasmMemories = []);
  const record = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
    if (instance) {
      instances.push(instance);
      for (const value of Object.values(instance.exports)) {
        if (value instanceof WebAssembly.Memory && !memories.includes(value)) memories.push(value);
      }
    }
    return result;
  };
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then(record);
    };
  }

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") b.fcp = e.startTime;
    }).observe({ type: "paint", buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const e = entries[entries.length - 1];
      b.lcp = e.startTime;
      const el = e.element;
      b.lcpElement = el ? el.tagName.toLowerCase() + (el.getRootNode() instanceof ShadowRoot ? " (in shadow root)" : "") : e.url || null;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } catch {}
  document.addEventListener("article-reader:ready", () => (b.ready ??= performance.now()), true);

  if (!cfg.probe) {
    b.done = true;
    finish();
    return;
  }

  const roots = () => {
    const hosts = document.querySelectorAll("[data-article-reader]");
    return hosts.length ? Array.from(hosts, (h) => h.shadowRoot) : [document];
  };
  const shown = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const wanted = cfg.widgets || 1;
  let titleSeen = false;
  let lastSeen = false;
  let allSeen = false;

  function frame() {
    const now = performance.now();
    // Seen in the previous frame, so painted by now.
    if (titleSeen && b.title === null) b.title = now;
    if (lastSeen && b.last === null) b.last = now;
    if (allSeen && b.allTitles === null) b.allTitles = now;
    const rs = roots();
    const first = rs[0];
    if (!titleSeen && first && shown(first.querySelector("h1"))) titleSeen = true;
    if (cfg.paragraphs && !lastSeen && first) {
      const body = first.querySelector("div.body");
      if (body && body.childElementCount >= cfg.paragraphs) lastSeen = true;
    }
    if (!allSeen && rs.length === wanted && rs.every((r) => r && shown(r.querySelector("h1")))) allSeen = true;
    if (b.title !== null && (!cfg.paragraphs || b.last !== null) && b.allTitles !== null && (!cfg.waitReady || b.ready !== null)) {
      b.done = true;
      finish();
    } else {
      requestAnimationFrame(frame);
    }
  }
  requestAnimationFrame(frame);
})();
