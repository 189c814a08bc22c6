// Fixtures of tests/e2e/security.test.mjs: a corpus of well-known XSS payloads, hostile URLs, and
// article documents that carry them in every text and URL field.
//
// Every payload that could run announces itself: it bumps `window.__xss` (or `parent.__xss` from a
// frame) or opens a dialog with alert()/confirm()/prompt(), which the test records.

const HIT = "window.__xss=(window.__xss||0)+1";

/** Text payloads: each must be shown as literal text, exactly as written. */
export const TEXT_PAYLOADS = [
  `<script>${HIT}</script>`,
  `<img src=x onerror="${HIT}">`,
  `<img src=x onerror=alert(1)>`,
  `<svg onload=${HIT}>`,
  `<svg/onload=alert(1)>`,
  `<iframe srcdoc="<script>parent.__xss=(parent.__xss||0)+1</script>"></iframe>`,
  `<iframe src="javascript:parent.__xss=(parent.__xss||0)+1"></iframe>`,
  `<body onload=${HIT}>`,
  `<details open ontoggle="${HIT}">`,
  `<a href="javascript:${HIT}">click me</a>`,
  `"><script>${HIT}</script>`,
  `'><img src=x onerror='${HIT}'>`,
  `</script><script>${HIT}</script>`,
  `</textarea></title></style><script>${HIT}</script>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${HIT}">`,
  `<math><mi xlink:href="javascript:${HIT}">x</mi></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${HIT}>">`,
  `<svg><style><img src=x onerror="${HIT}"></style></svg>`,
  `<svg><script>${HIT}</script></svg>`,
  `<svg><animate onbegin="${HIT}" attributeName=x dur=1s>`,
  `<form><button formaction="javascript:${HIT}">go</button></form>`,
  `<input autofocus onfocus="${HIT}">`,
  `<video><source onerror="${HIT}"></video>`,
  `<audio src=x onerror="${HIT}">`,
  `<object data="javascript:${HIT}"></object>`,
  `<embed src="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${HIT}">`,
  `<div style="background:url(javascript:${HIT})">styled</div>`,
  `<style>@import "javascript:${HIT}";</style>`,
  `<x contenteditable onfocus=${HIT} autofocus>`,
  `<!--<img src="--><img src=x onerror=${HIT}//">`,
  `<img src=x:alert(alt) onerror=eval(src) alt=0>`,
  `<template><img src=x onerror="${HIT}"></template>`,
  `{{constructor.constructor('${HIT}')()}}`,
  `\${alert(1)} #{alert(1)} <%= alert(1) %>`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+alert(1)//'>`,
  `&lt;script&gt;${HIT}&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;`,
  `<marquee onstart="${HIT}">m</marquee>`,
];

/** URLs that the allow-list must refuse (and report with their JSON path). */
export const BAD_URLS = [
  `javascript:${HIT}`,
  `JaVaScRiPt:${HIT}`,
  ` javascript:${HIT}`,
  `\tjavascript:${HIT}`,
  `\njavascript:${HIT}`,
  `java\tscript:${HIT}`,
  `java\nscript:${HIT}`,
  `\u0001javascript:${HIT}`,
  `&#106;avascript:${HIT}`,
  `%6Aavascript:${HIT}`,
  `jav&#x09;ascript:${HIT}`,
  `javascript://%0a${HIT}`,
  `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  `data:image/svg+xml,<svg onload=alert(1)>`,
  `vbscript:msgbox(1)`,
  `//evil.example/x.js`,
  `/\\evil.example/x`,
  `https:///evil.example`,
  `https:evil.example`,
  `relative/path.html`,
];

/**
 * URLs that pass the allow-list although they look hostile: kept exactly as written (trimmed), they
 * must stay inside their attribute and never create one.
 */
export const ODD_BUT_SAFE_URLS = [
  `https://example.org/a?q=<script>${HIT}</script>`,
  `https://example.org/"onmouseover="${HIT}"x="`,
  `HTTP://example.org/'><img/src=x/onerror=alert(1)>`,
  `mailto:editor@example.org?subject=<svg/onload=alert(1)>`,
];

/** A JSON text safe inside an HTML <script type="application/json"> element. */
export function scriptJson(value) {
  // `\u003c` is valid JSON for `<`: no `</script>` or `<!--` can end or change the host's element.
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * Builds a document with one translation per tag of `langs`, with the text payloads spread over
 * every text field and the URLs over every URL field, starting `offset` places into each list (so
 * that documents differ in which payload lands in which field). Returns { doc, expect }, where
 * `expect` tells, per language, what the widget must show, and which URL paths it must drop.
 */
export function hostileDocument(id, langs, offset = 0) {
  let n = offset;
  const text = () => TEXT_PAYLOADS[n++ % TEXT_PAYLOADS.length];
  let b = offset;
  const bad = () => BAD_URLS[b++ % BAD_URLS.length];
  let s = offset;
  const odd = () => ODD_BUT_SAFE_URLS[s++ % ODD_BUT_SAFE_URLS.length];
  {
    const dropped = ["author.url", "publication.url", "publication.follow[0].url"];
    const doc = {
      schema: "article-reader/1",
      id,
      published: "2021-07-16",
      author: { name: text(), url: bad() },
      publication: {
        name: text(),
        url: bad(),
        follow: [
          { network: "telegram", url: bad() },
          { network: text(), url: odd() },
          { network: "x", url: "https://x.com/example" },
        ],
      },
      default_lang: langs[0],
      translations: {},
    };
    const expect = {
      id: doc.id,
      publicationName: doc.publication.name,
      // Shown as the link's text (the widget lower-cases network names) with the kept URL.
      follow: { network: doc.publication.follow[1].network, url: doc.publication.follow[1].url },
      langs: {},
    };
    for (const lang of langs) {
      const p = `translations.${lang}`;
      const t = {
        title: text(),
        url: bad(),
        summary: text(),
        author_name: text(),
        author_bio: text(),
        body: [
          { type: "paragraph", text: text() },
          {
            type: "paragraph",
            runs: [
              { text: text(), href: bad() },
              { text: text(), href: odd() },
              { text: text(), em: true, strong: true },
            ],
          },
          { type: "heading", text: text() },
          { type: "quote", text: text(), cite: text() },
          { type: "list", ordered: true, items: [text(), text()] },
          { type: "list", ordered: false, items: [text()] },
          { type: "image", src: odd().replace(/^mailto:/, "https://example.org/"), alt: text(), caption: text() },
          { type: "image", src: bad(), alt: text(), caption: text() },
          { type: "paragraph", runs: [{ text: text(), href: bad() }] },
        ],
      };
      doc.translations[lang] = t;
      const [p0, p1, h, q, ol, ul, img] = t.body;
      dropped.push(`${p}.url`, `${p}.body[1].runs[0].href`, `${p}.body[7].src`, `${p}.body[8].runs[0].href`);
      expect.langs[lang] = {
        title: t.title,
        author: t.author_name,
        bio: t.author_bio,
        // What each child of .body shows, in order (the image with a refused src is dropped whole).
        blocks: [
          { tag: "P", text: p0.text },
          { tag: "P", text: p1.runs.map((r) => r.text).join(""), links: [[p1.runs[1].text, p1.runs[1].href]] },
          { tag: "H2", text: h.text },
          { tag: "FIGURE", text: q.text + q.cite, parts: { blockquote: q.text, figcaption: q.cite } },
          { tag: "OL", items: ol.items },
          { tag: "UL", items: ul.items },
          // An https: image from the listed origin loads; an http: one never does: its alt text shows.
          /^https:/i.test(img.src)
            ? { tag: "FIGURE", parts: { figcaption: img.caption }, img: { src: img.src, alt: img.alt } }
            : { tag: "FIGURE", parts: { figcaption: img.caption }, img: null, heldAlt: img.alt },
          { tag: "P", text: t.body[8].runs[0].text, links: [] },
        ],
      };
    }
    expect.dropped = dropped;
    return { doc, expect };
  }
}

/**
 * HTML content for the adapters (WordPress `content.rendered`, JSON Feed `content_html`): links and
 * images with every refused URL first (their text must stay, unlinked), then the blocks the
 * allowlist keeps, each with a payload and event handlers, then every text payload in a paragraph
 * of its own. (Payloads that leave an element open, as browsers parse them, may swallow what follows
 * them: that is HTML, not the widget, so only the first part is checked for its text.)
 */
export function hostileHtml() {
  const links = BAD_URLS.map((u, i) => `<p><a href="${u}">bad link ${i}</a> and <img src="${u}" alt="bad image ${i}"></p>`);
  const P = (i) => TEXT_PAYLOADS[i % TEXT_PAYLOADS.length];
  const blocks = [
    `<h2 onclick="${HIT}" style="color:red">${P(0)}</h2>`,
    `<ul onmouseover="${HIT}"><li>${P(1)}</li><li onclick="${HIT}">second item</li></ul>`,
    `<p><a href="https://example.org/ok" onclick="${HIT}" target="_self">fine link</a></p>`,
    `<ol><li>${P(2)}</li></ol>`,
    `<blockquote><p>${P(3)}</p><cite>${P(4)}</cite></blockquote>`,
    `<figure><img src="https://example.org/fig.png" onerror="${HIT}" onload="${HIT}" alt="${P(5).replace(/"/g, "&quot;")}"><figcaption>${P(6)}</figcaption></figure>`,
    `<p><em onclick="${HIT}">em</em> <strong>${P(7)}</strong> <a href=" JaVaScRiPt:${HIT}">last bad link</a></p>`,
  ];
  const payloads = TEXT_PAYLOADS.map((p, i) => `<p>payload ${i}: ${p}</p>`);
  return [...links, ...blocks, ...payloads].join("\n");
}

export { HIT };
