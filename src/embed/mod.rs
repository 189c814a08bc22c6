//! The only code that touches the host page: finds mount elements, gives each an open shadow root
//! with the widget's stylesheet, renders a [`Reader`] into it, follows attribute changes and
//! removals, and frees widgets whose element left the page. A mount element that arrives with a
//! pre-rendered declarative shadow root keeps that content on screen until the widget is ready
//! (see `prerender`).

mod browser;
mod json;
mod prerender;
mod styles;

use std::{cell::RefCell, rc::Rc};

use wasm_bindgen::{prelude::*, JsCast};
use web_sys::{
    Element, MutationObserver, MutationObserverInit, MutationRecord, ShadowRoot, ShadowRootInit, ShadowRootMode,
};
use yew::AppHandle;

use crate::{
    components::{ArticleSource, Reader, ReaderProps},
    core::config::{WidgetConfig, ATTRIBUTES, DEFAULT_ARTICLE_FILE, INLINE_DOCUMENT, MOUNT_ATTRIBUTE},
    host::{Host, HostHandle},
};
use browser::{recovery, BrowserHost};

struct Widget {
    element: Element,
    config: WidgetConfig,
    source: ArticleSource,
    host: Rc<BrowserHost>,
    app: AppHandle<Reader>,
}

/// The page's MutationObserver with the callback it calls.
type Observer = (MutationObserver, Closure<dyn FnMut(js_sys::Array)>);

#[derive(Default)]
struct Registry {
    /// The URL of the folder holding embed.js (and the default article).
    base_url: String,
    widgets: Vec<Widget>,
    /// Elements left to another instance of the module, or failed (see `start`).
    skip: Vec<Element>,
    observer: Option<Observer>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

/// Entry point called once by `embed.js` after the module is instantiated: mounts every mount
/// element now and any added later. Calling it again only mounts what is not mounted yet.
///
/// `skip` lists elements this instance must leave alone: widgets that failed in an earlier instance
/// of the module (see `recovery`).
#[wasm_bindgen]
pub fn start(base_url: String, skip: Option<js_sys::Array>) {
    recovery::install_panic_hook();
    let first = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.base_url = base_url;
        r.skip = skip.map(|a| a.iter().filter_map(|v| v.dyn_into::<Element>().ok()).collect()).unwrap_or_default();
        r.observer.is_none()
    });
    if first {
        observe_document();
    }
    mount_all();
}

/// Stops this instance of the module: it stops watching the page and mounts nothing more. Called
/// by `embed.js` on an instance that panicked, before a fresh one takes over.
#[wasm_bindgen]
pub fn shutdown() {
    recovery::stop();
    REGISTRY.with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            if let Some((observer, _)) = r.observer.take() {
                observer.disconnect();
            }
        }
    });
}

/// A test hook: makes the widget on `element` panic at its next render, so the end-to-end tests can
/// check that one failing widget leaves the others working (see `recovery`). It needs the page's
/// own script to call it, which could break the widget anyway; it gives no new power to anyone.
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test(el: Element) {
    let handle = REGISTRY.with(|r| {
        let r = r.borrow();
        r.widgets.iter().find(|w| w.element == el).map(|w| (w.host.clone(), w.config.clone(), w.source.clone()))
    });
    if let Some((host, config, source)) = handle {
        host.poison();
        REGISTRY.with(|r| {
            if let Some(w) = r.borrow_mut().widgets.iter_mut().find(|w| w.element == el) {
                // A new config value makes Yew render the widget again, which then panics.
                w.app.update(ReaderProps {
                    config: Rc::new(WidgetConfig { timeout_ms: config.timeout_ms.wrapping_add(1), ..config }),
                    source,
                    host: HostHandle(host.clone()),
                });
            }
        });
    }
}

/// Mounts every mount element in the document that is not mounted yet.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() {
    if recovery::stopped() {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(list) = document.query_selector_all(&format!("[{MOUNT_ATTRIBUTE}]")) else { return };
    for i in 0..list.length() {
        if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            mount(&el);
        }
    }
}

fn is_mounted(el: &Element) -> bool {
    REGISTRY.with(|r| {
        let r = r.borrow();
        r.widgets.iter().any(|w| &w.element == el) || r.skip.contains(el)
    })
}

/// The widget's settings from its element's attributes.
fn config_of(el: &Element) -> WidgetConfig {
    let names: Vec<String> = el.get_attribute_names().iter().filter_map(|n| n.as_string()).collect();
    WidgetConfig::from_element(&names, |name| el.get_attribute(name))
}

fn source_for(el: &Element, config: &WidgetConfig, base_url: &str) -> ArticleSource {
    if let Some(src) = &config.src {
        return ArticleSource::Remote(src.clone());
    }
    let inline = el.query_selector(INLINE_DOCUMENT).ok().flatten().and_then(|s| s.text_content());
    match inline {
        Some(text) => ArticleSource::Inline(Rc::from(text)),
        None => ArticleSource::Remote(format!("{base_url}{DEFAULT_ARTICLE_FILE}")),
    }
}

/// The element's shadow root, ready for a widget, with the pre-rendered nodes it holds, if any.
fn shadow_root(el: &Element) -> Result<(ShadowRoot, Option<Vec<Element>>), JsValue> {
    prerender::drop_unattached_templates(el);
    if let Some(root) = el.shadow_root() {
        // A pre-rendered snippet's declarative shadow root (kept until the widget is ready), or
        // ours from an earlier mount of this element (it was moved or re-added: emptied).
        let prerendered = prerender::prepare(&root);
        return Ok((root, prerendered));
    }
    el.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map(|root| (root, None))
}

fn mount(el: &Element) {
    if recovery::stopped() || is_mounted(el) {
        return;
    }
    let (root, prerendered) = match shadow_root(el) {
        Ok(found) => found,
        Err(e) => {
            web_sys::console::error_3(
                &concat!(crate::console_prefix!(), "cannot attach a shadow root to this element (use a <div>):").into(),
                el,
                &e,
            );
            return;
        }
    };
    let base_url = REGISTRY.with(|r| r.borrow().base_url.clone());
    styles::apply(&root, &base_url);
    let Some(container) = el.owner_document().and_then(|d| d.create_element("div").ok()) else { return };
    // Hidden before it is attached: the pre-rendered content stays the only one shown and read.
    let pending = prerendered.map(|elements| prerender::Pending::new(root.clone(), container.clone(), elements));
    if root.append_child(&container).is_err() {
        return;
    }
    let config = config_of(el);
    let source = source_for(el, &config, &base_url);
    let host = Rc::new(BrowserHost::new(el.clone()));
    // Said once per mount (a new data-src mounts again).
    for warning in &config.warnings {
        host.log_warning(&format!(concat!(crate::console_prefix!(), "{}"), warning));
    }
    if let Some(pending) = pending {
        host.replace_when_shown(pending);
    }
    let app = render(&host, container, &config, &source);
    REGISTRY.with(|r| r.borrow_mut().widgets.push(Widget { element: el.clone(), config, source, host, app }));
}

fn props(host: &Rc<BrowserHost>, config: &WidgetConfig, source: &ArticleSource) -> ReaderProps {
    ReaderProps { config: Rc::new(config.clone()), source: source.clone(), host: HostHandle(host.clone()) }
}

fn render(
    host: &Rc<BrowserHost>,
    container: Element,
    config: &WidgetConfig,
    source: &ArticleSource,
) -> AppHandle<Reader> {
    yew::Renderer::<Reader>::with_root_and_props(container, props(host, config, source)).render()
}

/// Frees the widgets whose element is no longer in the document.
fn unmount_detached() {
    let gone: Vec<Widget> = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let (kept, gone): (Vec<_>, Vec<_>) = r.widgets.drain(..).partition(|w| w.element.is_connected());
        r.widgets = kept;
        gone
    });
    for w in gone {
        w.app.destroy();
    }
}

/// Applies changed attributes: a new `data-src` (or a removed mount attribute) remounts, anything
/// else updates the widget in place (a new `data-lang` switches language without a reload).
fn attributes_changed(el: &Element) {
    if recovery::stopped() || REGISTRY.with(|r| r.borrow().skip.contains(el)) {
        return;
    }
    if !el.has_attribute(MOUNT_ATTRIBUTE) {
        let widget = REGISTRY.with(|r| {
            let mut r = r.borrow_mut();
            let i = r.widgets.iter().position(|w| &w.element == el)?;
            Some(r.widgets.remove(i))
        });
        if let Some(w) = widget {
            w.app.destroy();
            if let Some(root) = el.shadow_root() {
                root.set_inner_html("");
            }
        }
        return;
    }
    let config = config_of(el);
    let base_url = REGISTRY.with(|r| r.borrow().base_url.clone());
    let source = source_for(el, &config, &base_url);
    let widget = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let i = r.widgets.iter().position(|w| &w.element == el)?;
        Some(r.widgets.remove(i))
    });
    let Some(mut widget) = widget else {
        mount(el);
        return;
    };
    if widget.config == config && widget.source == source {
        REGISTRY.with(|r| r.borrow_mut().widgets.push(widget));
        return;
    }
    if widget.source != source {
        // A new article: the widget is mounted again, by the one mount path (its stylesheet, and
        // the shadow root emptied of the old widget).
        widget.app.destroy();
        mount(el);
    } else {
        widget.app.update(props(&widget.host, &config, &source));
        widget.config = config;
        REGISTRY.with(|r| r.borrow_mut().widgets.push(widget));
    }
}

fn observe_document() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(|records: js_sys::Array| {
        if recovery::stopped() {
            return;
        }
        let mut added = false;
        let mut removed = false;
        for record in records.iter().filter_map(|r| r.dyn_into::<MutationRecord>().ok()) {
            match record.type_().as_str() {
                "attributes" => {
                    if let Some(el) = record.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                        attributes_changed(&el);
                    }
                }
                _ => {
                    added |= record.added_nodes().length() > 0;
                    removed |= record.removed_nodes().length() > 0;
                }
            }
        }
        if removed {
            unmount_detached();
        }
        if added {
            mount_all();
        }
    });
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else { return };
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_attributes(true);
    let filter: js_sys::Array = ATTRIBUTES.iter().chain([&MOUNT_ATTRIBUTE]).map(|a| JsValue::from_str(a)).collect();
    init.set_attribute_filter(&filter);
    if let Some(root) = document.document_element() {
        let _ = observer.observe_with_options(&root, &init);
    }
    REGISTRY.with(|r| r.borrow_mut().observer = Some((observer, callback)));
}
