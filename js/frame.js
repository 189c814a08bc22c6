// The iframe form (embed.html?src=...&lang=...): builds the mount element from the query string,
// loads the widget, and reports the content's height to the parent page so it can size the frame
// ({type: "article-reader:height", height}). A file, not an inline script: it runs under strict CSP.

const params = new URLSearchParams(location.search);
const mount = document.getElementById("reader");
for (const [param, attribute] of [
  ["src", "data-src"],
  ["lang", "data-lang"],
  ["share", "data-share"],
  ["share-url", "data-share-url"],
  ["theme", "data-theme"],
  ["ui-lang", "data-ui-lang"],
  ["timeout", "data-timeout"],
  ["images-from", "data-images-from"],
]) {
  const value = params.get(param);
  if (value !== null) mount.setAttribute(attribute, value);
}
mount.setAttribute("data-article-reader", "");

let last = -1;
function report() {
  const height = Math.ceil(mount.getBoundingClientRect().height);
  if (height !== last && window.parent !== window) {
    last = height;
    window.parent.postMessage({ type: "article-reader:height", height }, "*");
  }
}
new ResizeObserver(report).observe(mount);

await import("./embed.js");
