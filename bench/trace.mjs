// Where the widget's start-up time goes: a Chromium trace of cold loads, summed by phase.
//
//   node bench/trace.mjs [--dist DIR] [--page NAME[,NAME]] [--reps N] [--throttle RATE]
//                        [--save FILE] [--markdown] [--shaping]
//
// Loads each page (default: widget-default, widget-prerendered; any page bench/generate.mjs
// writes, without .html) N times (default 5), each in a fresh browser context with the same probe
// as bench/run.mjs, records a trace from navigation until the title is painted, and prints the
// median of each phase:
//   - the request chain: when embed.js, the glue, the WASM and the article arrived (Resource Timing);
//   - compilation: the module's streaming compilation on background threads, and the lazy
//     compilation of each function on its first call, on the main thread (V8 compiles WebAssembly
//     functions when they are first called);
//   - instantiation;
//   - the main thread's work by phase, up to the title's paint: HTML parsing, JavaScript (embed.js
//     and the glue), JSON, validation, virtual DOM (Yew), DOM (the calls through the glue into the
//     browser), other WASM, style, layout, paint, garbage collection. The browser's own phases are
//     the trace's events; the time inside script is split among JSON, validation, virtual DOM, DOM
//     and other by V8's sampling profiler, whose frames carry the module's function names when the
//     build keeps the name section: scripts/build-profiling writes such a build into
//     dist-profiling/ (never shipped), and this script uses it when it exists (--dist to choose).
// The fonts: the time the font cache spent finding each font family the page's styles name (on
// Linux a synchronous call to the browser's font service for each name, found or missing, and one
// for the rendering settings of each new font size), with the families' names; --shaping adds the
// time spent shaping text (it records the "blink" category, which slows everything else traced).
// --save writes the last trace of each page to FILE-<page>.json (for chrome://tracing or
// DevTools' Performance panel); --markdown prints the tables as Markdown for BENCHMARKS.md.
// Never part of the test suite; the figures are a breakdown, the targets are bench/run.mjs's.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";

import { LAUNCH_OPTIONS } from "../tests/e2e/harness.mjs";
import { BENCH, ROOT, generate } from "./generate.mjs";
import { serveBench } from "./server.mjs";

function parseArgs(argv) {
  const o = { dist: null, pages: ["widget-default", "widget-prerendered"], reps: 5, throttle: null, save: null, markdown: false, shaping: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i]);
    if (a.startsWith("--dist")) o.dist = value();
    else if (a.startsWith("--page")) o.pages = value().split(",");
    else if (a.startsWith("--reps")) o.reps = Number(value());
    else if (a.startsWith("--throttle")) o.throttle = Number(value());
    else if (a.startsWith("--save")) o.save = value();
    else if (a === "--markdown") o.markdown = true;
    else if (a === "--shaping") o.shaping = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}
const OPT = parseArgs(process.argv.slice(2));
const DIST = resolve(ROOT, OPT.dist || (existsSync(resolve(ROOT, "dist-profiling/embed.js")) ? "dist-profiling" : "dist"));
const PROBE = readFileSync(resolve(BENCH, "probe.js"), "utf8");
const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink.user_timing",
  "loading",
  "v8",
  "v8.execute",
  "v8.wasm",
  "disabled-by-default-v8.wasm.detailed",
  "disabled-by-default-v8.cpu_profiler",
  // Font matching inside style and layout (see fontWork); text shaping is in "blink", added by
  // --shaping only: that category's many events slow the module's DOM calls and inflate the rest.
  "fonts",
];
if (OPT.shaping) CATEGORIES.push("blink");

// The browser's phases, by trace event name (main thread; nested ones counted once, innermost).
const PIPELINE = {
  ParseHTML: "HTML parsing",
  UpdateLayoutTree: "style",
  Layout: "layout",
  PrePaint: "paint",
  Paint: "paint",
  Layerize: "paint",
  Commit: "paint",
  MinorGC: "garbage collection",
  MajorGC: "garbage collection",
  "V8.GC_SCAVENGER": "garbage collection",
  "wasm.CompileLazy": "WASM compiled on first call (main thread)",
  "v8.compileModule": "JavaScript compiled",
  "v8.compile": "JavaScript compiled",
  "V8.CompileCode": "JavaScript compiled",
};
// Events inside which the main thread runs script: their time less the pipeline's is split by
// the profiler's samples.
const SCRIPT = new Set(["FunctionCall", "EvaluateScript", "v8.evaluateModule", "RunMicrotasks", "TimerFire", "FireAnimationFrame", "EventDispatch", "v8.callFunction", "V8.Execute"]);

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x == null ? "n/a" : x >= 100 ? `${Math.round(x)}` : x.toFixed(1));

/** The phase of one profiler sample, from its stack (leaf first). */
function sampleClass(stack) {
  const wasmAt = stack.findIndex((f) => f.wasm);
  const glue = (f) => /article_reader(_\w+)?\.js/.test(f.url);
  if (wasmAt < 0) {
    const leaf = stack[0];
    if (!leaf) return ["other"];
    if (stack.some((f) => /embed\.js/.test(f.url)) && !stack.some(glue)) return ["JavaScript: embed.js", leaf.name];
    if (stack.some(glue)) return ["JavaScript: the glue", leaf.name];
    return ["JavaScript: other", leaf.name];
  }
  // A call out of the module: JSON.parse, or a DOM (or storage, Intl, speech…) operation through
  // the glue's import shims, named after the function they call.
  const outside = stack.slice(0, wasmAt);
  if (outside.some((f) => /parse|stringify/i.test(f.name))) return ["JSON"];
  if (outside.length) {
    const shim = outside.map((f) => f.name).reverse().find((n) => n.startsWith("__wbg_")) || outside[outside.length - 1].name;
    return ["calls out of the module (DOM, storage, Intl…)", shim.replace(/^__wbg_/, "").replace(/_[0-9a-f]{8,}$/, "")];
  }
  // Inside the module: the innermost frame that belongs to a phase.
  for (const f of stack.slice(wasmAt).filter((f) => f.wasm)) {
    if (/json/i.test(f.name)) return ["JSON"];
    if (/validate/.test(f.name)) return ["validation"];
    if (/article_reader[^:]*::components/.test(f.name)) return ["our components (views, hooks)", stack.find((g) => g.wasm)?.name.replace(/\[[0-9a-f]+\]/g, "").slice(0, 90)];
    if (/^<*yew/.test(f.name) || /yew\[/.test(f.name)) return ["virtual DOM (Yew)"];
  }
  return ["other WASM"];
}

/** What the fonts cost the main thread inside style and layout (ms), from the "fonts" and "blink"
 * categories: the font cache's lookups of a family (a synchronous call to the browser's font
 * service on Linux, one per family name the first time, found or not), the rendering settings of
 * each new font size (another such call), and the shaping of text runs. */
function fontWork(intervals) {
  // Those not nested in another of the same kind (the font cache calls itself for each family).
  const outermost = (name) => {
    const found = [];
    for (const i of intervals.filter((i) => name.test(i.name)).sort((a, b) => a.s - b.s || b.e - a.e)) {
      const last = found[found.length - 1];
      if (!last || i.s >= last.e) found.push(i);
    }
    return found;
  };
  const sum = (xs) => xs.reduce((t, i) => t + (i.e - i.s), 0) / 1000;
  const lookups = outermost(/^FontCache::GetFontPlatformData$/);
  const families = intervals.filter((i) => i.name === "FontDataManager::onMatchFamilyStyle").map((i) => i.args?.family_name).filter(Boolean);
  const sizes = outermost(/GetWebFontRenderStyleForStrike$/);
  const shaping = outermost(/^InlineNode::ShapeText/);
  return {
    lookups: sum(lookups),
    families: [...new Set(families)],
    sizes: sum(sizes),
    sizeCount: sizes.length,
    shaping: sum(shaping),
  };
}

function analyse(trace, path, probe) {
  const events = trace.traceEvents;
  // The renderer's main thread that loaded the page.
  const nav = events.filter((e) => e.name === "navigationStart" && String(e.args?.data?.documentLoaderURL || "").includes(path));
  const start = nav[nav.length - 1];
  if (!start) throw new Error(`${path}: no navigationStart in the trace`);
  const { pid, tid } = start;
  const t0 = start.ts;
  const t1 = t0 + probe.title * 1000;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ts >= t0 && e.ts <= t1);
  // Complete events ('X') and begin/end pairs, as intervals.
  const intervals = [];
  const open = [];
  for (const e of main.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === "X") intervals.push({ name: e.name, s: e.ts, e: e.ts + (e.dur || 0), args: e.args });
    else if (e.ph === "B") open.push(e);
    else if (e.ph === "E") {
      const i = open.map((o) => o.name).lastIndexOf(e.name);
      if (i >= 0) intervals.push({ name: e.name, s: open[i].ts, e: e.ts }), open.splice(i, 1);
    }
  }
  const phases = {};
  const add = (k, us) => (phases[k] = (phases[k] || 0) + us / 1000);
  // Pipeline time, exclusive of pipeline events nested in it.
  const pipe = intervals.filter((i) => PIPELINE[i.name]).sort((a, b) => a.s - b.s || b.e - a.e);
  const nestedIn = (outer) => pipe.filter((i) => i !== outer && i.s >= outer.s && i.e <= outer.e);
  const topPipe = [];
  for (const i of pipe) {
    const inner = nestedIn(i);
    const own = i.e - i.s - inner.reduce((t, n) => t + (n.e - n.s), 0) + inner.filter((n) => nestedIn(n).length).length * 0;
    add(PIPELINE[i.name], Math.max(0, own));
    if (!pipe.some((o) => o !== i && o.s <= i.s && o.e >= i.e)) topPipe.push(i);
  }
  const inPipe = (t) => topPipe.some((i) => t >= i.s && t <= i.e);
  // Script time: the outermost script events, less the pipeline inside them.
  const script = intervals.filter((i) => SCRIPT.has(i.name)).sort((a, b) => a.s - b.s);
  let scriptUs = 0;
  let until = -Infinity;
  for (const i of script) {
    if (i.e <= until) continue;
    const s = Math.max(i.s, until);
    until = i.e;
    const inner = topPipe.filter((p) => p.s >= s && p.e <= i.e).reduce((t, p) => t + (p.e - p.s), 0);
    scriptUs += i.e - s - inner;
  }
  // The profiler's samples of this thread, by phase.
  const counts = {};
  const details = {};
  let total = 0;
  const nodes = new Map();
  let sampleTs = null;
  for (const e of events.filter((e) => e.pid === pid && (e.name === "Profile" || e.name === "ProfileChunk"))) {
    if (e.name === "Profile") {
      sampleTs = e.args.data.startTime;
      continue;
    }
    const p = e.args.data.cpuProfile || {};
    for (const n of p.nodes || []) nodes.set(n.id, n);
    const deltas = e.args.data.timeDeltas || [];
    (p.samples || []).forEach((id, k) => {
      sampleTs += deltas[k] || 0;
      if (sampleTs < t0 || sampleTs > t1 || inPipe(sampleTs)) return;
      const stack = [];
      for (let n = nodes.get(id); n; n = nodes.get(n.parent)) stack.push({ name: n.callFrame.functionName, url: n.callFrame.url || "", wasm: n.callFrame.codeType === "wasm" || /\.wasm$/.test(n.callFrame.url || "") });
      const leaf = stack[0]?.name;
      if (!leaf || leaf === "(idle)" || leaf === "(program)" || leaf === "(root)") return;
      if (leaf === "(garbage collector)") return;
      const [c, detail] = sampleClass(stack);
      counts[c] = (counts[c] || 0) + 1;
      if (detail) details[`${c}: ${detail}`] = (details[`${c}: ${detail}`] || 0) + 1;
      total++;
    });
  }
  for (const [c, n] of Object.entries(counts)) add(c, (scriptUs * n) / total);
  const top = Object.fromEntries(Object.entries(details).map(([k, n]) => [k, (scriptUs * n) / total / 1000]));
  if (!total && scriptUs) add("script (no samples)", scriptUs);
  // Compilation off the main thread, and instantiation.
  const wasm = events.filter((e) => /wasm/i.test(e.name) && e.ts >= t0 && e.ts <= t1 && e.ph === "X");
  const background = wasm.filter((e) => !(e.pid === pid && e.tid === tid) && /Compil|Execute/i.test(e.name));
  const instantiate = wasm.filter((e) => /Instantiate/i.test(e.name) && e.pid === pid && e.tid === tid);
  const fonts = fontWork(intervals);
  // The main thread's tasks of 2 ms or more, in order: what ran when.
  const tasks = intervals
    .filter((i) => i.name === "RunTask" && i.e - i.s >= 2000)
    .map((t) => {
      const inner = intervals.filter((i) => i !== t && i.s >= t.s && i.e <= t.e && i.name !== "RunTask");
      const by = {};
      for (const i of inner) if (PIPELINE[i.name] || SCRIPT.has(i.name)) by[i.name] = (by[i.name] || 0) + (i.e - i.s) / 1000;
      const what = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ");
      return [`${((t.s - t0) / 1000).toFixed(1)} ms: ${((t.e - t.s) / 1000).toFixed(1)} ms`, what];
    });
  return {
    tasks,
    phases,
    fonts,
    top,
    background: background.reduce((t, e) => t + (e.dur || 0), 0) / 1000,
    instantiate: instantiate.reduce((t, e) => t + (e.dur || 0), 0) / 1000,
    lazyCount: intervals.filter((i) => i.name === "wasm.CompileLazy").length,
    wasmNames: [...new Set(wasm.map((e) => e.name))],
  };
}

async function sample(browser, baseUrl, name) {
  const path = `/bench/${name}.html`;
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
  try {
    const waitReady = name.includes("prerendered");
    await context.addInitScript({ content: PROBE.replace("const cfg = __BENCH_CONFIG__;", "const cfg = " + JSON.stringify({ probe: true, waitReady }) + ";") });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (OPT.throttle) await cdp.send("Emulation.setCPUThrottlingRate", { rate: OPT.throttle });
    await new Promise((ok) => setTimeout(ok, 100));
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(new URL(path.slice(1), baseUrl).href, { waitUntil: "load" });
    await page.evaluate(() => window.__bench.whenDone);
    const probe = await page.evaluate(() => {
      const resources = {};
      for (const e of performance.getEntriesByType("resource")) resources[new URL(e.name).pathname] = { start: e.startTime, end: e.responseEnd };
      const b = window.__bench;
      return { title: b.title, ready: b.ready, resources };
    });
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
    return { probe, trace, result: analyse(trace, path, probe) };
  } finally {
    await context.close();
  }
}

const ORDER = [
  "HTML parsing",
  "JavaScript compiled",
  "JavaScript: embed.js",
  "JavaScript: the glue",
  "JavaScript: other",
  "WASM compiled on first call (main thread)",
  "JSON",
  "validation",
  "our components (views, hooks)",
  "virtual DOM (Yew)",
  "calls out of the module (DOM, storage, Intl…)",
  "other WASM",
  "style",
  "layout",
  "paint",
  "garbage collection",
];

async function main() {
  if (!existsSync(resolve(DIST, "embed.js"))) throw new Error(`${DIST}/embed.js is missing: run scripts/build (and scripts/build-profiling)`);
  generate();
  const { server, url } = await serveBench(DIST);
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  const out = [];
  try {
    for (const name of OPT.pages) await sample(browser, url, name); // warm-up, discarded
    for (const name of OPT.pages) {
      const runs = [];
      let last;
      for (let r = 0; r < OPT.reps; r++) {
        last = await sample(browser, url, name);
        runs.push(last);
      }
      if (OPT.save) writeFileSync(`${OPT.save}-${name}.json`, JSON.stringify(last.trace));
      const med = (f) => median(runs.map(f));
      const res = (file, k) => med((r) => r.probe.resources[file]?.[k]);
      const rows = [];
      rows.push(["embed.js received", res("/embed.js", "end")]);
      rows.push(["glue (article_reader.js) received", res("/article_reader.js", "end")]);
      rows.push(["WASM received", res("/article_reader_bg.wasm", "end")]);
      if (runs[0].probe.resources["/article-reader.css"]) rows.push(["stylesheet (article-reader.css) received", res("/article-reader.css", "end")]);
      const doc = Object.keys(runs[0].probe.resources).find((p) => p.endsWith(".json"));
      if (doc) rows.push([`${doc.split("/").pop()} received`, res(doc, "end")]);
      rows.push(["title painted", med((r) => r.probe.title)]);
      if (runs[0].probe.ready != null) rows.push(["ready (interactive)", med((r) => r.probe.ready)]);
      const phases = new Set(runs.flatMap((r) => Object.keys(r.result.phases)));
      const work = [];
      for (const p of [...ORDER, ...[...phases].filter((p) => !ORDER.includes(p))]) {
        if (!phases.has(p)) continue;
        work.push([p, med((r) => r.result.phases[p] || 0)]);
      }
      work.push(["main thread, all of the above", med((r) => Object.values(r.result.phases).reduce((a, b) => a + b, 0))]);
      const other = [
        ["WASM functions compiled on first call (count)", med((r) => r.result.lazyCount)],
        ["WASM compilation on background threads (ms, all threads)", med((r) => r.result.background)],
        ["instantiation (main thread)", med((r) => r.result.instantiate)],
      ];
      // The costliest functions named in the samples (summed over the runs, per run).
      const top = {};
      for (const r of runs) for (const [k, v] of Object.entries(r.result.top)) top[k] = (top[k] || 0) + v / runs.length;
      const heaviest = Object.entries(top).sort((a, b) => b[1] - a[1]).slice(0, 12);
      const families = runs[runs.length - 1].result.fonts.families;
      const fonts = [
        [`font lookups (the last run's families: ${families.length ? families.join(", ") : "none"})`, med((r) => r.result.fonts.lookups)],
        ["of which the rendering settings of each font size (count)", med((r) => r.result.fonts.sizeCount)],
        ["of which the rendering settings of each font size", med((r) => r.result.fonts.sizes)],
      ];
      if (OPT.shaping) fonts.push(["text shaping", med((r) => r.result.fonts.shaping)]);
      out.push({ name, rows, work, other, heaviest, fonts, tasks: last.result.tasks, wasmNames: runs[0].result.wasmNames });
    }
  } finally {
    await browser.close();
    server.close();
  }
  const throttle = OPT.throttle ? `, CPU ${OPT.throttle}× slower` : "";
  for (const t of out) {
    const lines = [];
    const table = (title, head, rows) => {
      if (OPT.markdown) {
        lines.push(`**${title}**`, "", `| ${head.join(" | ")} |`, `|---|${head.slice(1).map(() => "---:").join("|")}|`);
        for (const [k, v] of rows) lines.push(`| ${k} | ${typeof v === "number" && !Number.isInteger(v) ? ms(v) : v ?? "n/a"} |`);
        lines.push("");
      } else {
        lines.push(title);
        for (const [k, v] of rows) lines.push(`  ${k.padEnd(60)} ${typeof v === "number" && !Number.isInteger(v) ? ms(v) : v ?? "n/a"}`);
      }
    };
    table(`${t.name}${throttle}: milestones from navigation start (ms, median of ${OPT.reps})`, ["milestone", "ms"], t.rows.map(([k, v]) => [k, v]));
    table(`${t.name}${throttle}: main-thread work from navigation to the title's paint (ms, median)`, ["phase", "ms"], t.work);
    table(`${t.name}${throttle}: fonts${OPT.shaping ? " and text shaping" : ""} inside style and layout (ms, median)`, ["part", "ms"], t.fonts);
    table(`${t.name}${throttle}: compilation and instantiation`, ["measure", "value"], t.other);
    table(`${t.name}${throttle}: the costliest calls by name (ms, mean)`, ["call", "ms"], t.heaviest);
    if (!OPT.markdown) table(`${t.name}${throttle}: the main thread's tasks of 2 ms or more, last run (start: length; what they held)`, ["task", "what"], t.tasks);
    console.log(lines.join("\n"));
  }
  console.log(`\nbuild: ${DIST}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
