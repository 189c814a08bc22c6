// Writes a versioned copy of the widget's files into dist/v/<hash>/, where <hash> is a digest of
// their contents: hosts that pin that URL can cache it forever (Cache-Control: immutable), while
// dist/embed.js keeps its stable name for hosts that want the latest. embed.js loads its siblings
// relative to its own URL, so the copy works as it is.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";

import { WIDGET_FILES } from "./dist-files.mjs";

const dist = new URL("../dist/", import.meta.url);
const files = WIDGET_FILES;
const hash = createHash("sha256");
for (const f of files) hash.update(f).update(readFileSync(new URL(f, dist)));
const version = hash.digest("hex").slice(0, 12);

rmSync(new URL("v/", dist), { recursive: true, force: true });
const target = new URL(`v/${version}/`, dist);
mkdirSync(target, { recursive: true });
for (const f of files) cpSync(new URL(f, dist), new URL(f, target));
writeFileSync(new URL("v/latest.txt", dist), `${version}\n`);
console.log(`versioned copy: dist/v/${version}/ (${readdirSync(target).length} files)`);
