// Builds the npm package: copies the release build (dist/, run scripts/build first) into
// packages/article-reader/dist/ and runs `npm pack`, leaving the tarball in target/npm/.
// Prints the tarball's path.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { WIDGET_FILES } from "./dist-files.mjs";

const root = new URL("../", import.meta.url);
const pkg = new URL("packages/article-reader/", root);
// The widget, and its versioned copies (dist/v/).
const FILES = [...WIDGET_FILES, "v"];

rmSync(new URL("dist/", pkg), { recursive: true, force: true });
mkdirSync(new URL("dist/", pkg), { recursive: true });
for (const f of FILES) cpSync(new URL(`dist/${f}`, root), new URL(`dist/${f}`, pkg), { recursive: true });

const out = new URL("target/npm/", root);
mkdirSync(out, { recursive: true });
const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", fileURLToPath(out)], {
  cwd: fileURLToPath(pkg),
  encoding: "utf8",
})
  .trim()
  .split("\n")
  .pop();
console.log(fileURLToPath(new URL(name, out)));
