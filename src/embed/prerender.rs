//! Pre-rendered snippets (`article-reader render`): the mount element arrives with a declarative
//! shadow root already holding the widget's HTML, which the browser painted before any script ran.
//!
//! The widget keeps that content on screen, renders into a new container carrying `hidden`, and
//! when it first reaches its outcome (the `article-reader:ready` or `article-reader:error` event),
//! removes the pre-rendered nodes and the container's `hidden` in the same task: the browser paints
//! the swap in one frame, with no blank frame and no unstyled one. Until then the hidden container is
//! out of the accessibility tree, so a screen reader never meets two articles.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node, ShadowRoot};

/// The attribute of the pre-rendered content in the snippet's shadow root.
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";

/// The pre-rendered nodes of one widget and the container that replaces them.
pub struct Pending {
    container: Element,
    nodes: Vec<Node>,
}

/// Removes the templates of a snippet that the browser did not turn into a shadow root: a browser
/// without declarative shadow DOM, or markup inserted with `innerHTML`. They are inert and never
/// shown; the widget mounts as usual.
pub fn drop_unattached_templates(el: &Element) {
    let Ok(list) = el.query_selector_all(":scope > template[shadowrootmode]") else { return };
    for i in 0..list.length() {
        if let Some(node) = list.item(i) {
            let _ = el.remove_child(&node);
        }
    }
}

/// Readies a shadow root found on a mount element. When it holds pre-rendered content, keeps that
/// content (its `[data-prerendered]` element and the stylesheet beside it) and returns it, after
/// removing anything else (the container of an earlier mount of this element that never became
/// ready). Otherwise the root is the widget's own from an earlier mount: it is emptied.
pub fn prepare(root: &ShadowRoot) -> Option<Vec<Node>> {
    // (`:scope` matches nothing in a shadow root's querySelector: its children are looked at.)
    let children = root.child_nodes();
    let all: Vec<Node> = (0..children.length()).filter_map(|i| children.item(i)).collect();
    let is_prerendered =
        |node: &Node| node.dyn_ref::<Element>().is_some_and(|el| el.has_attribute(PRERENDERED_ATTRIBUTE));
    if !all.iter().any(is_prerendered) {
        root.set_inner_html("");
        return None;
    }
    let mut kept = Vec::new();
    for node in all {
        let keep = is_prerendered(&node)
            || node.dyn_ref::<Element>().is_some_and(|el| matches!(el.local_name().as_str(), "link" | "style"));
        if keep {
            kept.push(node);
        } else {
            let _ = root.remove_child(&node);
        }
    }
    Some(kept)
}

impl Pending {
    /// `container` (already in the shadow root, hidden) replaces `nodes` when the widget is ready.
    pub fn new(container: Element, nodes: Vec<Node>) -> Self {
        let _ = container.set_attribute("hidden", "");
        Pending { container, nodes }
    }

    /// The swap, in one task: the live widget takes the pre-rendered content's place. A control
    /// the reader had focused in the pre-rendered content hands its focus to its live twin.
    pub fn reveal(self) {
        let root = self.container.parent_node().and_then(|p| p.dyn_into::<ShadowRoot>().ok());
        let focused = root.as_ref().and_then(ShadowRoot::active_element).filter(|active| {
            let active: &Node = active.as_ref();
            self.nodes.iter().any(|n| n.contains(Some(active)))
        });
        let twin = focused.and_then(|f| live_twin(&f, &self.container));
        for node in &self.nodes {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(node);
            }
        }
        let _ = self.container.remove_attribute("hidden");
        if let Some(twin) = twin.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
            let _ = twin.focus();
        }
    }
}

/// The control of the live widget that matches `el` of the pre-rendered one: same element, and the
/// same link target, language button, share target or class.
fn live_twin(el: &Element, container: &Element) -> Option<Element> {
    let mut selector = el.local_name();
    for attr in ["href", "data-lang", "data-target", "class"] {
        if let Some(value) = el.get_attribute(attr) {
            selector.push_str(&format!("[{attr}=\"{}\"]", css_string(&value)));
        }
    }
    container.query_selector(&selector).ok().flatten()
}

/// A value for a double-quoted CSS attribute selector.
fn css_string(value: &str) -> String {
    value.chars().fold(String::with_capacity(value.len()), |mut out, c| {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\u{c}' => out.push(' '),
            c => out.push(c),
        }
        out
    })
}
