// Adds a widget after load (the embed script's observer mounts it) and removes one (it is freed).
let added = 0;
document.getElementById("add").addEventListener("click", () => {
  const el = document.createElement("div");
  el.id = `reader-late-${++added}`;
  el.setAttribute("data-article-reader", "");
  el.setAttribute("data-lang", "fr");
  document.getElementById("late").append(el);
});
document.getElementById("remove").addEventListener("click", () => {
  const all = document.querySelectorAll("[data-article-reader]");
  all[all.length - 1]?.remove();
});
