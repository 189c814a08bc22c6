// Helpers of the accessibility and reading-comfort tests (accessibility.test.mjs): axe-core
// injection and reporting, WCAG contrast arithmetic, reading computed colours through the widget's
// shadow root, the keyboard focus as seen through shadow roots, and a fake speechSynthesis.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The path of axe-core's browser bundle (a dev dependency). */
export const AXE_PATH = require.resolve("axe-core/axe.min.js");

/** The WCAG 2.x A/AA tags the pages are checked against. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core on the whole document (open shadow roots included) and returns its violations.
 * The page must allow the injected script (open it with contextOptions: { bypassCSP: true }).
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      tags: v.tags.filter((t) => /^wcag\d/.test(t)),
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** A readable account of axe violations: rule, impact, the first targets and why they fail. */
export function describeViolations(violations, where) {
  const lines = [`${where}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact}; ${v.tags.join(", ")}): ${v.help}; ${v.nodes.length} node(s)`);
    for (const n of v.nodes.slice(0, 3)) {
      lines.push(`    target ${JSON.stringify(n.target)}  ${n.html.slice(0, 160)}`);
      lines.push(`      ${String(n.failureSummary).replace(/\s*\n\s*/g, " | ")}`);
    }
  }
  return lines.join("\n");
}

// Colours -------------------------------------------------------------------------------------

/** Parses a computed colour ("rgb(…)", "rgba(…)", "color(srgb …)") into [r, g, b, a] (0..255, 0..1). */
export function parseColor(text) {
  const s = String(text).trim();
  let m = s.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith("%") ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  }
  m = s.match(/^color\(srgb\s+([\d.e-]+)\s+([\d.e-]+)\s+([\d.e-]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith("%") ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [m[1], m[2], m[3]].map((c) => Number(c) * 255).concat(a);
  }
  if (s === "transparent") return [0, 0, 0, 0];
  throw new Error(`unparsed colour ${JSON.stringify(text)}`);
}

/** `top` (with alpha) over the opaque `bottom`. */
export function composite(top, bottom) {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
}

/** WCAG 2 relative luminance of an sRGB colour (0..255 channels). */
export function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two opaque colours, 1..21. */
export function contrast(fg, bg) {
  const [l1, l2] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

export const hex = ([r, g, b]) => "#" + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("");

/**
 * The computed `color` of the element `inner` (a selector inside the shadow root of `host`) and the
 * background it sits on: its own background and its ancestors' (through the shadow boundary),
 * composited from the first opaque one; white if none is. Returns { color, layers } as strings.
 */
export async function colorsIn(page, host, inner) {
  return page.evaluate(
    ([host, inner]) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector(inner);
      if (!el) return null;
      const layers = [];
      for (let n = el; n; ) {
        if (n.nodeType === 1) {
          const bg = getComputedStyle(n).backgroundColor;
          layers.push(bg);
          n = n.parentNode;
        } else if (n instanceof ShadowRoot) {
          n = n.host;
        } else {
          n = null;
        }
      }
      return { color: getComputedStyle(el).color, layers };
    },
    [host, inner],
  );
}

/** The opaque background from the list of background layers, innermost first. */
export function effectiveBackground(layers) {
  const parsed = layers.map(parseColor);
  let base = [255, 255, 255, 1];
  const firstOpaque = parsed.findIndex((c) => c[3] >= 1);
  const stack = firstOpaque === -1 ? parsed : parsed.slice(0, firstOpaque + 1);
  for (const layer of stack.reverse()) base = layer[3] >= 1 ? layer : composite(layer, base);
  return base;
}

// Keyboard ------------------------------------------------------------------------------------

/**
 * What has the keyboard focus, looked at through shadow roots: the id of the top-level element
 * (the widget's mount element), the focused element inside, and its focus style.
 */
export async function focused(page) {
  return page.evaluate(() => {
    const top = document.activeElement;
    let el = top;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { host: null, tag: "BODY" };
    const cs = getComputedStyle(el);
    const cls = typeof el.className === "string" ? el.className : "";
    return {
      host: top.id || top.tagName,
      tag: el.tagName.toLowerCase(),
      cls,
      text: (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 40),
      label: el.getAttribute("aria-label"),
      target: el.getAttribute("data-target"),
      value: el.getAttribute("value"),
      outlineStyle: cs.outlineStyle,
      outlineWidth: parseFloat(cs.outlineWidth) || 0,
      outlineColor: cs.outlineColor,
      boxShadow: cs.boxShadow,
    };
  });
}

/** A short, stable name of a focused control inside the widget. */
export function focusKey(f) {
  if (!f || !f.cls) return `${f?.host}:${f?.tag}`;
  const cls = f.cls.split(/\s+/);
  if (cls.includes("lang")) return `lang:${f.text}`;
  if (cls.includes("settings-toggle")) return "settings";
  if (cls.includes("listen")) return "listen";
  if (cls.includes("stop")) return "stop";
  if (cls.includes("share-link")) return `share:${f.target}`;
  if (cls.includes("follow-link")) return `follow:${f.label}`;
  return `${f.tag}.${cls.join(".")}`;
}

// Speech --------------------------------------------------------------------------------------

/**
 * An init script replacing the Web Speech API with a recording fake, before the widget loads.
 * `voices` are [lang, name] pairs. The fake queues utterances like the real one: the first starts
 * (onstart) a tick after speak(); the next one only when the test calls window.__speechNext(),
 * which ends the current one (its onend, if set) and starts the next; cancel() empties the queue.
 * Everything is recorded in window.__spoken (texts, langs) and window.__speechCalls.
 *
 * The widget keeps only voices that are `instanceof SpeechSynthesisVoice` (web-sys dyn_into), so
 * the fake also replaces that constructor; it builds utterances with `new
 * SpeechSynthesisUtterance(text)` and sets .lang/.voice/.onstart/.onend, hence the fake class.
 */
export function fakeSpeech(voices) {
  return `(() => {
  class FakeVoice {
    constructor(lang, name) { this.lang = lang; this.name = name; this.voiceURI = name; this.default = false; this.localService = true; }
  }
  class FakeUtterance {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.onstart = null; this.onend = null; }
  }
  const voices = ${JSON.stringify(voices)}.map(([lang, name]) => new FakeVoice(lang, name));
  const spoken = (window.__spoken = []);
  const calls = (window.__speechCalls = []);
  let queue = [];
  let current = null;
  const startNext = () => {
    current = queue.shift() || null;
    if (current) setTimeout(() => { const u = current; if (u && typeof u.onstart === "function") u.onstart({ type: "start" }); }, 0);
  };
  const synth = {
    getVoices() { return voices.slice(); },
    speak(u) {
      calls.push("speak");
      spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
      queue.push(u);
      if (!current) startNext();
    },
    pause() { calls.push("pause"); },
    resume() { calls.push("resume"); },
    cancel() { calls.push("cancel"); queue = []; current = null; },
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent() { return true; },
    get speaking() { return !!current; },
    get pending() { return queue.length > 0; },
    get paused() { return false; },
  };
  window.__speechNext = () => {
    const u = current;
    if (u && typeof u.onend === "function") u.onend({ type: "end" });
    startNext();
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true, writable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
  window.SpeechSynthesisVoice = FakeVoice;
})();`;
}
