//! The object `embed.js` shares with the module, `globalThis[Symbol.for("article-reader")]`, in one
//! typed declaration of what the module reads of it: the prefetched replies, the one reading of an
//! address, the on-demand modules' entry point and the panic callback. Every call is caught: a
//! page that replaced a member makes that call fail, never the module.

use js_sys::{Map, Promise, Reflect, Symbol};
use wasm_bindgen::{prelude::*, JsCast};
use web_sys::Element;

#[wasm_bindgen]
extern "C" {
    /// `embed.js`'s state object.
    pub type Loader;

    /// The replies `embed.js` requested while the module loaded: the `data-src` string (as written)
    /// to a [`Prefetched`].
    #[wasm_bindgen(method, getter)]
    pub fn prefetch(this: &Loader) -> Option<Map>;

    /// `resolved` in `embed.js`: an address made absolute against the page's base URL, or `null`
    /// when it is not one a document can be fetched from.
    #[wasm_bindgen(method, catch)]
    pub fn resolve(this: &Loader, url: &str) -> Result<Option<String>, JsValue>;

    /// Runs the on-demand module `module` (`core::format::Format::module`: the adapters', or the
    /// html module) on a JSON request, downloading it the first time: a promise of the JSON reply.
    #[wasm_bindgen(method, catch)]
    pub fn adapt(this: &Loader, request: &str, module: &str) -> Result<JsValue, JsValue>;

    /// Hands a panicked instance over to `embed.js`, which restarts the module for the other widgets.
    #[wasm_bindgen(method, catch, js_name = onPanic)]
    pub fn on_panic(this: &Loader, message: &str, culprit: Option<&Element>) -> Result<(), JsValue>;

    /// `painted` in `embed.js`: calls `then` once, in a task after the frame that shows what is on
    /// screen now and the frame after it have begun (or after 100 ms where no frame comes).
    #[wasm_bindgen(method, catch, js_name = afterPaint)]
    pub fn after_paint(this: &Loader, then: &JsValue) -> Result<(), JsValue>;

    /// A prefetched reply: the promise of its `Response`, which `embed.js` lets the module stop.
    #[wasm_bindgen(extends = Promise)]
    pub type Prefetched;

    #[wasm_bindgen(method, catch)]
    pub fn abort(this: &Prefetched) -> Result<(), JsValue>;
}

/// The loader's object, when `embed.js` is on the page.
pub fn loader() -> Option<Loader> {
    Reflect::get(&js_sys::global(), &Symbol::for_(crate::core::config::LOADER_KEY))
        .ok()
        .filter(JsValue::is_object)
        .map(JsCast::unchecked_into)
}

/// `url` resolved against the page's base URL, as `fetch` would resolve it, when it is one a
/// document can be fetched from. The rule is `embed.js`'s (`resolved`, shared as `state.resolve`),
/// which also decides what it requests before the module starts: one reading of an address.
pub fn fetchable_url(url: &str) -> Option<String> {
    loader()?.resolve(url).ok().flatten()
}

/// Runs the on-demand module `module` on a JSON request, through `embed.js`, and resolves with its
/// JSON reply.
pub async fn call_adapters(request: &str, module: &str) -> Result<String, JsValue> {
    let loader = loader().ok_or_else(|| JsValue::from_str("embed.js is not on the page"))?;
    let reply = wasm_bindgen_futures::JsFuture::from(Promise::resolve(&loader.adapt(request, module)?)).await?;
    reply.as_string().ok_or_else(|| JsValue::from_str("adapt() resolved with no text"))
}
