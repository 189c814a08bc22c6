// A small static file server for dist/: the demo page, the examples and the end-to-end tests.
// Loopback only; correct MIME types (application/wasm enables streaming instantiation).
//
//   node scripts/static-server.mjs [dir] [port]     (port 0 picks a free one)
//
// It can also be imported: `startServer({ root, port, routes })`, where `routes` maps a path to a
// handler `(req, res) => void` for test-only replies (errors, slow answers).

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
// The MIME types of mime-db (the table behind the CLI preview's mime_guess too is a maintained one):
// no table of our own to keep up to date.
import { contentType } from "mime-types";

export function startServer({ root, port = 0, host = "127.0.0.1", routes = {} }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    const route = routes[url.pathname];
    if (route) return route(req, res, url);
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      const body = await readFile(path);
      res.writeHead(200, {
        "Content-Type": contentType(extname(path)) || "application/octet-stream",
        "Cache-Control": "no-cache",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) => {
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || "dist";
  const port = Number(process.argv[3] || 8080);
  const { url } = await startServer({ root, port });
  console.log(`article-reader demo: ${url}  (serving ${root}/; Ctrl-C to stop)`);
}
