//! article-reader's adapters module: a WASM module of its own, separate from the widget's, that
//! converts a WordPress REST API post or a JSON Feed item (and their translations) into an article
//! document.
//!
//! Most pages show article documents and never need it, so it is not part of the widget's module:
//! `embed.js` downloads it the first time a widget meets another format (`data-format`, or a
//! document recognised by its shape) and the widget calls [`adapt`] through `embed.js`. The
//! conversion itself is the crate's pure core (`article_reader::core::adapters` and the HTML
//! allow-list `core::html`, shared with the CLI); this module adds the browser's HTML parser and the JSON in and out.

use article_reader::core::{
    adapters::{self, Reply, Request},
    html::{kept_attributes, HtmlNode, MAX_HTML_DEPTH},
};
use wasm_bindgen::{prelude::wasm_bindgen, JsCast};

/// Answers a JSON-encoded [`Request`] with a JSON-encoded [`Reply`].
#[wasm_bindgen]
pub fn adapt(request: &str) -> String {
    let parsed = serde_json::from_str(request).ok().and_then(|r| Request::from_json(&r));
    let reply = match parsed {
        Some(request) => adapters::adapt(&request, &parse_html),
        None => Reply::failed(format!("the adapters module could not read its request: {request:.100}")),
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

/// Parses an HTML fragment with the browser's own parser into an inert tree. DOMParser's document
/// runs no script, loads nothing and is never attached; nothing parsed here is inserted as HTML.
fn parse_html(html: &str) -> Vec<HtmlNode> {
    let Ok(parser) = web_sys::DomParser::new() else { return Vec::new() };
    let Ok(doc) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else { return Vec::new() };
    doc.body().map(|b| children_of(&b, 0)).unwrap_or_default()
}

fn children_of(node: &web_sys::Node, depth: usize) -> Vec<HtmlNode> {
    let mut out = Vec::new();
    if depth >= MAX_HTML_DEPTH {
        return out;
    }
    let mut child = node.first_child();
    while let Some(c) = child {
        match c.node_type() {
            web_sys::Node::TEXT_NODE => out.push(HtmlNode::Text(c.node_value().unwrap_or_default())),
            web_sys::Node::ELEMENT_NODE => {
                if let Some(el) = c.dyn_ref::<web_sys::Element>() {
                    let attrs = kept_attributes(&|name| el.get_attribute(name));
                    out.push(HtmlNode::Element {
                        tag: el.local_name().to_ascii_lowercase(),
                        attrs,
                        children: children_of(&c, depth + 1),
                    });
                }
            }
            _ => {}
        }
        child = c.next_sibling();
    }
    out
}
