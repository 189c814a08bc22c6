// The files of dist/ that make up the widget (what a host serves), as opposed to the demo pages.
// The WASM modules, by the name Trunk and wasm-bindgen give them: the widget's, and the on-demand
// ones (`embed.js` loads `article_reader_${name}.js` for core::format::Format::module's names).
export const MODULES = ["article_reader", "article_reader_adapters", "article_reader_html"];
export const glue = (module) => `${module}.js`;
export const wasm = (module) => `${module}_bg.wasm`;

export const WIDGET_FILES = [
  "embed.js",
  ...MODULES.flatMap((m) => [glue(m), wasm(m)]),
  "article-reader.css",
  "default-article.json",
  "embed.html",
  "frame.js",
  "frame.css",
];
