// The files of dist/ that make up the widget (what a host serves), as opposed to the demo pages.
export const WIDGET_FILES = [
  "embed.js",
  "article_reader.js",
  "article_reader_bg.wasm",
  "article_reader_adapters.js",
  "article_reader_adapters_bg.wasm",
  "article_reader_html.js",
  "article_reader_html_bg.wasm",
  "article-reader.css",
  "default-article.json",
  "embed.html",
  "frame.js",
  "frame.css",
];
