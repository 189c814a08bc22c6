// Shortens the names by which each WASM module in dist/ and its wasm-bindgen glue call each other,
// after Trunk and before terser. wasm-bindgen names every import after the function and a 16-digit
// hash (`__wbg_addEventListener_f2d27251d333a631`) and some exports after the Rust closure type they
// call; those names are written twice, in the module's import and export sections and in the glue,
// and their hashes do not compress. binaryen's `--minify-imports-and-exports-and-modules` renames
// them in the module ("a", "b", … "$a"); this script makes the same renames in the glue:
//   - import names: the keys of the import object that `__wbg_get_imports` builds, and the module
//     names that object is keyed by;
//   - export names: every `wasm.<name>` the glue calls.
// The renames are read by comparing the module's imports and exports before and after, which the
// pass keeps in order; any name that is not found exactly where expected stops the build. The
// behaviour is unchanged (the end-to-end tests run on the result); docs/size.md has the figures.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { MODULES as NAMES, glue, wasm } from "./dist-files.mjs";

const dist = new URL("../dist/", import.meta.url);
const MODULES = NAMES.map((m) => [wasm(m), glue(m)]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function fail(message) {
  console.error(`shorten-bindings: ${message}`);
  process.exit(1);
}

/** Replaces `pattern` in `text`, which must match exactly `count` times (a guard against drift). */
function replaceExactly(text, pattern, replacement, count, what) {
  const found = text.match(pattern)?.length ?? 0;
  if (found !== count) fail(`${what}: expected ${count} occurrence(s), found ${found}`);
  return text.replace(pattern, replacement);
}

const scratch = mkdtempSync(join(tmpdir(), "shorten-bindings-"));
try {
  for (const [wasmName, glueName] of MODULES) {
    const wasmFile = new URL(wasmName, dist);
    const glueFile = new URL(glueName, dist);
    const shortened = join(scratch, wasmName);
    // Only the renaming pass (the module was optimized by Trunk's wasm-opt already), then the two
    // custom sections no browser reads: the tools' names and versions, and the features list
    // (wasm-opt needs it to read the module, so it goes last).
    const passes = ["--minify-imports-and-exports-and-modules", "--strip-producers", "--strip-target-features"];
    execFileSync("wasm-opt", [wasmFile.pathname, ...passes, "-o", shortened], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const before = new WebAssembly.Module(readFileSync(wasmFile));
    const after = new WebAssembly.Module(readFileSync(shortened));
    const [importsBefore, importsAfter] = [before, after].map((m) => WebAssembly.Module.imports(m));
    const [exportsBefore, exportsAfter] = [before, after].map((m) => WebAssembly.Module.exports(m));
    if (importsBefore.length !== importsAfter.length || exportsBefore.length !== exportsAfter.length) {
      fail(`${wasmName}: the pass changed the number of imports or exports`);
    }

    let glue = readFileSync(glueFile, "utf8");
    const start = glue.indexOf("function __wbg_get_imports()");
    const end = glue.indexOf("\n}\n", start);
    if (start < 0 || end < 0) fail(`${glueName}: no __wbg_get_imports function`);
    let imports = glue.slice(start, end);

    const modules = new Map();
    importsBefore.forEach((old, i) => {
      const now = importsAfter[i];
      if (old.kind !== now.kind) fail(`${wasmName}: import ${i} changed kind`);
      const known = modules.get(old.module);
      if (known !== undefined && known !== now.module) fail(`${wasmName}: module ${old.module} renamed twice`);
      modules.set(old.module, now.module);
      // The key of the import's function in the import object: `name: function(…) {…}`.
      imports = replaceExactly(
        imports,
        new RegExp(`(?<=[\\s{,])${escape(old.name)}(?=\\s*:)`, "g"),
        JSON.stringify(now.name),
        1,
        `${glueName}: import ${old.name}`,
      );
    });
    for (const [old, now] of modules) {
      imports = replaceExactly(imports, new RegExp(`"${escape(old)}"(?=\\s*:)`, "g"), JSON.stringify(now), 1, `${glueName}: module ${old}`);
    }
    glue = glue.slice(0, start) + imports + glue.slice(end);

    // One pass over every `wasm.<name>`, so that a new name is never taken for an old one. An
    // export the glue never calls is fine; a call to a name the module does not export is not.
    const exported = new Map(exportsBefore.map((old, i) => [old.name, exportsAfter[i].name]));
    glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
      const now = exported.get(name);
      if (now === undefined) fail(`${glueName}: calls wasm.${name}, which ${wasmName} does not export`);
      return IDENTIFIER.test(now) ? `wasm.${now}` : `wasm[${JSON.stringify(now)}]`;
    });
    if (/\bwasm\[/.test(glue.replaceAll(/wasm\["[^"]*"\]/g, ""))) fail(`${glueName}: computed access to the module's exports`);

    writeFileSync(glueFile, glue);
    writeFileSync(wasmFile, readFileSync(shortened));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
