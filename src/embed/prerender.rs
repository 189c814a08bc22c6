//! Pre-rendered snippets (`article-reader render`): the mount element arrives with a declarative
//! shadow root already holding the widget's HTML, which the browser painted before any script ran.
//!
//! The widget keeps that content on screen, renders into a new container carrying `hidden`, and
//! when it first reaches its outcome (the `article-reader:ready` or `article-reader:error` event),
//! removes the pre-rendered nodes and the container's `hidden` in the same task: the browser paints
//! the swap in one frame, with no blank frame and no unstyled one. Until then the hidden container is
//! out of the accessibility tree, so a screen reader never meets two articles.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

pub use crate::core::config::PRERENDERED_ATTRIBUTE;

/// The pre-rendered elements of one widget and the container that replaces them.
pub struct Pending {
    root: ShadowRoot,
    container: Element,
    elements: Vec<Element>,
}

/// The element children of a node, as they are now.
fn children(parent: &web_sys::HtmlCollection) -> Vec<Element> {
    (0..parent.length()).filter_map(|i| parent.item(i)).collect()
}

/// Removes the templates of a snippet that the browser did not turn into a shadow root: a browser
/// without declarative shadow DOM, or markup inserted with `innerHTML`. They are inert and never
/// shown; the widget mounts as usual.
pub fn drop_unattached_templates(el: &Element) {
    for child in children(&el.children()) {
        if child.local_name() == "template" && child.has_attribute("shadowrootmode") {
            child.remove();
        }
    }
}

/// Readies a shadow root found on a mount element. When it holds pre-rendered content, keeps that
/// content (its `[data-prerendered]` element and the stylesheet beside it) and returns it, after
/// removing any other element (the container of an earlier mount of this element that never
/// became ready). Otherwise the root is the widget's own from an earlier mount: it is emptied.
pub fn prepare(root: &ShadowRoot) -> Option<Vec<Element>> {
    // (`:scope` matches nothing in a shadow root's querySelector: its children are looked at.)
    let all = children(&root.children());
    if !all.iter().any(|el| el.has_attribute(PRERENDERED_ATTRIBUTE)) {
        root.set_inner_html("");
        return None;
    }
    let mut kept = Vec::new();
    for el in all {
        if el.has_attribute(PRERENDERED_ATTRIBUTE) || matches!(el.local_name().as_str(), "link" | "style") {
            kept.push(el);
        } else {
            el.remove();
        }
    }
    Some(kept)
}

impl Pending {
    /// `container` (in `root`, hidden) replaces `elements` when the widget is ready.
    pub fn new(root: ShadowRoot, container: Element, elements: Vec<Element>) -> Self {
        let _ = container.set_attribute("hidden", "");
        Pending { root, container, elements }
    }

    /// The swap, in one task: the live widget takes the pre-rendered content's place. A control
    /// the reader had focused in the pre-rendered content hands its focus to its live twin.
    pub fn reveal(self) {
        let twin = self
            .root
            .active_element()
            .filter(|active| self.elements.iter().any(|el| el.contains(Some(active))))
            .and_then(|focused| live_twin(&focused, &self.container));
        for el in &self.elements {
            el.remove();
        }
        let _ = self.container.remove_attribute("hidden");
        if let Some(twin) = twin {
            let _ = twin.unchecked_into::<HtmlElement>().focus();
        }
    }
}

/// The control of the live widget that matches `el` of the pre-rendered one: same element, and the
/// same link target, language button, share target and class.
fn live_twin(el: &Element, container: &Element) -> Option<Element> {
    let same = |other: &Element| {
        ["href", "data-lang", "data-target", "class"].iter().all(|a| other.get_attribute(a) == el.get_attribute(a))
    };
    children(&container.get_elements_by_tag_name(&el.local_name())).into_iter().find(same)
}
