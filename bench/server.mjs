// The benchmark's server, shared by bench/run.mjs and bench/trace.mjs: a build folder (dist/, or
// the profiling build's) at `/`, and bench/pages/ plus bench/generated/ at /bench/, from one
// loopback origin (scripts/static-server.mjs).
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";

import { startServer } from "../scripts/static-server.mjs";
import { BENCH, GENERATED } from "./generate.mjs";

/** Routes /bench/<file> to bench/generated/<file> or bench/pages/<file>, read per request. */
function benchRoutes() {
  const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8" };
  const routes = {};
  for (const dir of [resolve(BENCH, "pages"), GENERATED]) {
    for (const name of readdirSync(dir)) {
      const file = resolve(dir, name);
      routes[`/bench/${name}`] = async (req, res) => {
        const body = await readFile(file);
        res.writeHead(200, { "Content-Type": TYPES[extname(name)] || "application/octet-stream", "Cache-Control": "no-cache" });
        res.end(body);
      };
    }
  }
  return routes;
}

/** Serves `root` and the bench pages; resolves to { server, url }. */
export const serveBench = (root) => startServer({ root, port: 0, routes: benchRoutes() });
