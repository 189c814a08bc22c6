// node bench/exp-tmp.mjs REPS THROTTLE DIST1,DIST2 page1 page2 ...
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { LAUNCH_OPTIONS } from "../tests/e2e/harness.mjs";
import { serveBench } from "./server.mjs";
const [reps, throttle, dists, ...pages] = process.argv.slice(2);
const PROBE = readFileSync("/work/main/bench/probe.js", "utf8");
const servers = [];
for (const d of dists.split(",")) servers.push({ d, ...(await serveBench(resolve("/work/main", d))) });
const browser = await chromium.launch(LAUNCH_OPTIONS);
const res = {};
for (let i = 0; i < Number(reps); i++) for (const s of servers) for (const p of pages) {
  const key = s.d + " " + p;
  res[key] ??= { title: [], ready: [] };
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: PROBE.replace("const cfg = __BENCH_CONFIG__;", "const cfg = " + JSON.stringify({ probe: true, waitReady: p.startsWith("widget") }) + ";") });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (Number(throttle) > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(throttle) });
  await new Promise((ok) => setTimeout(ok, 100));
  await page.goto(new URL(`bench/${p}.html`, s.url).href, { waitUntil: "load" });
  await page.evaluate(() => window.__bench.whenDone);
  const m = await page.evaluate(() => ({ title: window.__bench.title, ready: window.__bench.ready }));
  res[key].title.push(m.title); if (m.ready) res[key].ready.push(m.ready);
  await context.close();
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[s.length >> 1].toFixed(0) : "-"; };
for (const [k, r] of Object.entries(res)) console.log(k.padEnd(50), "title", med(r.title).padStart(5), "ready", med(r.ready).padStart(5), " titles:", r.title.map((x) => x.toFixed(0)).join(" "));
await browser.close(); for (const s of servers) s.server.close();
