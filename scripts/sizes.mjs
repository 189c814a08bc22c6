// Prints the raw, gzip -9 and brotli sizes of what a host downloads from dist/, and checks them
// against the budget in docs/size-budget.json (exits 1 when over). `--markdown` prints a table.
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

import { MODULES, glue, wasm } from "./dist-files.mjs";

const dist = new URL("../dist/", import.meta.url);
const [WIDGET, ADAPTERS_MODULE, HTML_MODULE] = MODULES;
const files = {
  "embed.js": "loader",
  [glue(WIDGET)]: "wasm-bindgen glue",
  [wasm(WIDGET)]: "the widget (WASM)",
  "default-article.json": "default article (only when the host gives none)",
  [glue(ADAPTERS_MODULE)]: "adapters' glue (only for WordPress / JSON Feed documents)",
  [wasm(ADAPTERS_MODULE)]: "adapters (WASM; only for WordPress / JSON Feed documents)",
  [glue(HTML_MODULE)]: "html module's glue (only for `data-format=\"html\"` pages)",
  [wasm(HTML_MODULE)]: "html module (WASM; only for `data-format=\"html\"` pages)",
};
// Downloaded only by pages whose widgets show WordPress posts or JSON Feed items (the adapters),
// or article pages (the html module).
const ADAPTERS = [glue(ADAPTERS_MODULE), wasm(ADAPTERS_MODULE)];
const HTML = [glue(HTML_MODULE), wasm(HTML_MODULE)];
const ON_DEMAND = [...ADAPTERS, ...HTML];
const budget = JSON.parse(readFileSync(new URL("../docs/size-budget.json", import.meta.url)));

const rows = Object.entries(files).map(([name, what]) => {
  const body = readFileSync(new URL(name, dist));
  const gzip = gzipSync(body, { level: 9 }).length;
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { name, what, raw: body.length, gzip, brotli };
});
const first = rows.filter((r) => !ON_DEMAND.includes(r.name));
const own = first.filter((r) => r.name !== "default-article.json");
const adapted = [...own, ...rows.filter((r) => ADAPTERS.includes(r.name))];
const paged = [...own, ...rows.filter((r) => HTML.includes(r.name))];
const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
const kb = (n) => (n / 1024).toFixed(1);

if (process.argv.includes("--markdown")) {
  console.log("| file | what | raw KiB | gzip -9 KiB | brotli KiB |\n|---|---|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.name} | ${r.what} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  console.log(`| **host with its own article** | embed.js + glue + WASM (CSS is inside the WASM) | ${kb(sum(own, "raw"))} | ${kb(sum(own, "gzip"))} | ${kb(sum(own, "brotli"))} |`);
  console.log(`| **default snippet** | the above + default article | ${kb(sum(first, "raw"))} | ${kb(sum(first, "gzip"))} | ${kb(sum(first, "brotli"))} |`);
  console.log(`| **host with a WordPress post or JSON Feed item** | host with its own article + adapters | ${kb(sum(adapted, "raw"))} | ${kb(sum(adapted, "gzip"))} | ${kb(sum(adapted, "brotli"))} |`);
  console.log(`| **host with an article page (\`data-format="html"\`)** | host with its own article + html module | ${kb(sum(paged, "raw"))} | ${kb(sum(paged, "gzip"))} | ${kb(sum(paged, "brotli"))} |`);
} else {
  for (const r of rows) {
    console.log(`${r.name.padEnd(26)} raw ${kb(r.raw).padStart(7)} KiB  gzip ${kb(r.gzip).padStart(6)} KiB  brotli ${kb(r.brotli).padStart(6)} KiB`);
  }
  console.log(`host with its own article: gzip ${kb(sum(own, "gzip"))} KiB, ${sum(own, "gzip")} bytes (budget ${budget.own_article_gzip_kib} KiB)`);
}
if (sum(own, "gzip") / 1024 > budget.own_article_gzip_kib) {
  console.error(`size budget exceeded: ${kb(sum(own, "gzip"))} KiB gzip > ${budget.own_article_gzip_kib} KiB`);
  process.exit(1);
}
