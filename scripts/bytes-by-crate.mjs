// Sums `twiggy top --format csv` rows (on standard input) by crate: the first path segment of each
// item's name (`<yew::…>` counts for yew; generic std code instantiated for a crate counts for std).
import { readFileSync } from "node:fs";

const rows = readFileSync(0, "utf8").trim().split("\n").slice(1);
const totals = new Map();
for (const row of rows) {
  // Name,ShallowSize,… with the name quoted when it holds a comma or a quote.
  const m = row.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1];
  if (name.includes("function names")) continue; // stripped from the shipped module
  const group = name.startsWith("data segment")
    ? "data (strings, tables)"
    : (name.replace(/^(?:[<&*\s]+|(?:mut|dyn|const)\s+)+/, "").match(/^[A-Za-z_][A-Za-z0-9_]*/) || ["other"])[0];
  totals.set(group, (totals.get(group) || 0) + Number(m[2]));
}
const all = [...totals.values()].reduce((a, b) => a + b, 0);
for (const [group, bytes] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${String(bytes).padStart(9)}  ${((100 * bytes) / all).toFixed(1).padStart(5)}%  ${group}`);
}
console.log(`${String(all).padStart(9)}  100.0%  total`);
