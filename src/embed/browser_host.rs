//! [`Host`] for a widget in a real page: fetch, Intl dates, storage, clipboard, Web Share and
//! events on the mount element. Every browser call that can throw is caught; none can panic.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use gloo::{
    events::{EventListener, EventListenerOptions},
    timers::callback::Timeout,
};
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{AbortController, CustomEvent, CustomEventInit, Element};
use yew::Callback;

use super::json;
use crate::{
    core::{
        adapters,
        events::WidgetEvent,
        failure::{Failure, Origin},
        lang::base_lang,
        share::ShareContent,
        validate::{JsonSyntaxError, Rejection, MAX_DOCUMENT_BYTES, MAX_PAGE_BYTES},
    },
    host::{Host, SpeechEvent, Subscription},
};

/// Prefix of the localStorage keys this widget uses.
const STORAGE_PREFIX: &str = "article-reader:";

/// An utterance queued for reading aloud, with the handlers it calls.
type Utterance = (web_sys::SpeechSynthesisUtterance, Vec<Closure<dyn FnMut()>>);

pub struct BrowserHost {
    element: Element,
    /// Pre-rendered content shown in this widget's place until its first outcome (see `prerender`).
    prerendered: RefCell<Option<super::prerender::Pending>>,
    /// Set by the test hook `panicForTest`: the widget panics at its next render.
    poisoned: Cell<bool>,
    /// The utterances being read with their event handlers, kept alive until reading stops.
    speech_queue: RefCell<Vec<Utterance>>,
}

impl BrowserHost {
    pub fn new(element: Element) -> Self {
        BrowserHost {
            element,
            prerendered: RefCell::new(None),
            poisoned: Cell::new(false),
            speech_queue: RefCell::new(Vec::new()),
        }
    }

    /// The widget renders out of sight; `pending` swaps it in when it is first shown (ready or
    /// failed), just before that event reaches the page.
    pub fn replace_when_shown(&self, pending: super::prerender::Pending) {
        *self.prerendered.borrow_mut() = Some(pending);
    }

    pub fn poison(&self) {
        self.poisoned.set(true);
    }

    /// The reading progress through this widget's article, 0 to 100.
    fn progress(&self) -> Option<u8> {
        let article = self.element.shadow_root()?.query_selector("article").ok()??;
        let rect = article.get_bounding_client_rect();
        let viewport = web_sys::window()?.inner_height().ok()?.as_f64()?;
        let scrollable = rect.height() - viewport;
        let done = if scrollable <= 0.0 {
            if rect.top() <= 0.0 {
                1.0
            } else {
                0.0
            }
        } else {
            -rect.top() / scrollable
        };
        Some((done.clamp(0.0, 1.0) * 100.0).round() as u8)
    }
}

impl Drop for BrowserHost {
    fn drop(&mut self) {
        if !self.speech_queue.borrow().is_empty() {
            self.stop_speech();
        }
    }
}

fn speech() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    // Absent in some browsers: look before touching it.
    if !Reflect::has(&window, &"speechSynthesis".into()).unwrap_or(false) {
        return None;
    }
    window.speech_synthesis().ok()
}

fn voice_for(lang: &str) -> Option<web_sys::SpeechSynthesisVoice> {
    let wanted = base_lang(lang);
    let voices = speech()?.get_voices();
    let voices: Vec<web_sys::SpeechSynthesisVoice> = voices.iter().filter_map(|v| v.dyn_into().ok()).collect();
    voices
        .iter()
        .find(|v| v.lang().eq_ignore_ascii_case(lang))
        .or_else(|| voices.iter().find(|v| base_lang(&v.lang()) == wanted))
        .cloned()
}

fn navigator() -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &"navigator".into()).ok().filter(|n| !n.is_undefined())
}

/// `obj[name]` when it is a function.
fn method(obj: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(obj, &name.into()).ok()?.dyn_into::<Function>().ok()
}

fn local_storage() -> Option<web_sys::Storage> {
    // Both the getter and the storage itself may throw (disabled cookies, sandboxed frames).
    web_sys::window()?.local_storage().ok().flatten()
}

impl Host for BrowserHost {
    fn enter(&self) {
        super::recovery::enter(&self.element);
        if self.poisoned.get() {
            panic!("self-test panic requested by panicForTest");
        }
    }

    fn page_url(&self) -> String {
        web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
    }

    fn resolve_url(&self, url: &str) -> Option<String> {
        fetchable_url(url)
    }

    fn browser_langs(&self) -> Vec<String> {
        let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
        let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
        if list.is_empty() {
            nav.language().into_iter().collect()
        } else {
            list
        }
    }

    fn setting(&self, key: &str) -> Option<String> {
        local_storage()?.get_item(&format!("{STORAGE_PREFIX}{key}")).ok().flatten()
    }

    fn set_setting(&self, key: &str, value: &str) {
        if let Some(storage) = local_storage() {
            // A full or disabled storage only means the choice is not remembered.
            let _ = storage.set_item(&format!("{STORAGE_PREFIX}{key}"), value);
        }
    }

    fn remember_place(&self) -> Option<(u32, f64)> {
        let root = self.element.shadow_root()?;
        let article = root.query_selector("article").ok()??;
        if article.get_bounding_client_rect().top() >= 0.0 {
            return None;
        }
        let blocks = root.query_selector_all(".body > *").ok()?;
        (0..blocks.length()).find_map(|i| {
            let el = blocks.item(i)?.dyn_into::<Element>().ok()?;
            let rect = el.get_bounding_client_rect();
            (rect.bottom() > 0.0).then(|| (i, rect.top()))
        })
    }

    fn restore_place(&self, (index, top): (u32, f64)) {
        let Some(root) = self.element.shadow_root() else { return };
        let block = root
            .query_selector_all(".body > *")
            .ok()
            .and_then(|blocks| blocks.item(index))
            .and_then(|n| n.dyn_into::<Element>().ok());
        if let (Some(block), Some(window)) = (block, web_sys::window()) {
            let delta = block.get_bounding_client_rect().top() - top;
            if delta.abs() >= 1.0 {
                window.scroll_by_with_x_and_y(0.0, delta);
            }
        }
    }

    fn open_url(&self, url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
        }
    }

    fn format_date(&self, iso_date: &str, lang: &str) -> String {
        format_date_intl(iso_date, lang).unwrap_or_else(|| iso_date.to_string())
    }

    fn parse_json(&self, text: &str) -> Result<serde_json::Value, JsonSyntaxError> {
        json::parse(text)
    }

    fn load(&self, url: &str, timeout_ms: u32, page: bool, done: Callback<Result<Vec<u8>, Failure>>) {
        let url = url.to_string();
        spawn_local(async move {
            done.emit(fetch_bytes(&url, timeout_ms, page).await);
        });
    }

    fn adapt(&self, request: adapters::Request, done: Callback<Result<adapters::Reply, String>>) {
        // embed.js downloads the module the format names (core::format::FORMATS).
        let module = JsValue::from_str(request.format.module().unwrap_or_default());
        let request = json::stringify(&request.to_json());
        spawn_local(async move {
            let reply = match call_adapters(&request, &module).await {
                Ok(text) => json::parse(&text)
                    .ok()
                    .and_then(|reply| adapters::Reply::from_json(&reply))
                    .ok_or_else(|| format!("its reply is not readable: {text:.100}")),
                Err(e) => Err(js_error_text(&e)),
            };
            done.emit(reply.map_err(|e| format!("the on-demand module failed: {e}")));
        });
    }

    fn copy_text(&self, text: &str, done: Callback<bool>) {
        let promise = navigator()
            .and_then(|nav| {
                let clipboard = Reflect::get(&nav, &"clipboard".into()).ok().filter(|c| !c.is_undefined())?;
                let write = method(&clipboard, "writeText")?;
                write.call1(&clipboard, &JsValue::from_str(text)).ok()
            })
            .and_then(|p| p.dyn_into::<Promise>().ok());
        match promise {
            Some(p) => spawn_local(async move { done.emit(JsFuture::from(p).await.is_ok()) }),
            None => done.emit(false),
        }
    }

    fn can_native_share(&self) -> bool {
        navigator().and_then(|nav| method(&nav, "share")).is_some()
    }

    fn native_share(&self, content: &ShareContent) {
        let Some(nav) = navigator() else { return };
        let Some(share) = method(&nav, "share") else { return };
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &content.title.as_str().into());
        let _ = Reflect::set(&data, &"url".into(), &content.url.as_str().into());
        if let Ok(p) = share.call1(&nav, &data).and_then(|p| p.dyn_into::<Promise>()) {
            // The reader closing the sheet rejects the promise: that is not an error worth reporting.
            spawn_local(async move {
                let _ = JsFuture::from(p).await;
            });
        }
    }

    fn emit(&self, event: WidgetEvent) {
        if matches!(event, WidgetEvent::Ready { .. } | WidgetEvent::Error { .. }) {
            // The outcome is rendered (effects run after the DOM is updated): swap it in now, in
            // this task, so the next frame shows it in place of the pre-rendered content.
            let pending = self.prerendered.borrow_mut().take();
            if let Some(pending) = pending {
                pending.reveal();
            }
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&json::to_js(&event.detail()));
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
            // A host listener that throws must not take the widget down with it.
            let _ = self.element.dispatch_event(&ev);
        }
    }

    fn watch_progress(&self, on_change: Callback<u8>) -> Option<Subscription> {
        let window = web_sys::window()?;
        let host = BrowserHost::new(self.element.clone());
        let last = Cell::new(u8::MAX);
        let update = Rc::new(move || {
            if let Some(p) = host.progress().filter(|p| *p != last.get()) {
                last.set(p);
                on_change.emit(p);
            }
        });
        update();
        let options = EventListenerOptions { passive: true, ..EventListenerOptions::default() };
        let (u1, u2) = (update.clone(), update);
        let scroll = EventListener::new_with_options(&window, "scroll", options, move |_| u1());
        let resize = EventListener::new_with_options(&window, "resize", options, move |_| u2());
        Some(Box::new((scroll, resize)))
    }

    fn can_speak(&self, lang: &str) -> bool {
        voice_for(lang).is_some()
    }

    fn watch_voices(&self, on_change: Callback<()>) -> Option<Subscription> {
        let synth = speech()?;
        Some(Box::new(EventListener::new(&synth, "voiceschanged", move |_| on_change.emit(()))))
    }

    fn speak(&self, blocks: Vec<String>, from: usize, lang: &str, on_event: Callback<SpeechEvent>) {
        self.stop_speech();
        let Some(synth) = speech() else {
            on_event.emit(SpeechEvent::Ended);
            return;
        };
        let voice = voice_for(lang);
        let last = blocks.len().saturating_sub(1);
        let mut queue = self.speech_queue.borrow_mut();
        for (i, text) in blocks.into_iter().enumerate().skip(from) {
            let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else { continue };
            utterance.set_lang(lang);
            if let Some(v) = &voice {
                utterance.set_voice(Some(v));
            }
            let started = on_event.clone();
            let onstart = Closure::<dyn FnMut()>::new(move || started.emit(SpeechEvent::Block(i)));
            utterance.set_onstart(Some(onstart.as_ref().unchecked_ref()));
            let mut handlers = vec![onstart];
            if i == last {
                let ended = on_event.clone();
                let onend = Closure::<dyn FnMut()>::new(move || ended.emit(SpeechEvent::Ended));
                utterance.set_onend(Some(onend.as_ref().unchecked_ref()));
                handlers.push(onend);
            }
            synth.speak(&utterance);
            queue.push((utterance, handlers));
        }
    }

    fn pause_speech(&self, pause: bool) {
        if let Some(synth) = speech() {
            if pause {
                synth.pause();
            } else {
                synth.resume();
            }
        }
    }

    fn stop_speech(&self) {
        // Detach the handlers first: cancelling fires events after the handlers would be freed.
        for (utterance, _) in self.speech_queue.borrow_mut().drain(..) {
            utterance.set_onstart(None);
            utterance.set_onend(None);
        }
        if let Some(synth) = speech() {
            synth.cancel();
        }
    }

    fn log_error(&self, message: &str) {
        web_sys::console::error_2(&console_text(message), &self.element);
    }

    fn log_warning(&self, message: &str) {
        web_sys::console::warn_2(&console_text(message), &self.element);
    }
}

/// `16 July 2021` in the reader's language, from the browser's own locale data (Intl).
fn format_date_intl(iso_date: &str, lang: &str) -> Option<String> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into::<Function>().ok()?;
    let options = Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"long".into()).ok()?;
    // The date is a calendar day, not an instant: format it in UTC so no time zone shifts it.
    Reflect::set(&options, &"timeZone".into(), &"UTC".into()).ok()?;
    let args = Array::of2(&JsValue::from_str(lang), &options);
    let formatter = Reflect::construct(&ctor, &args).ok()?;
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{iso_date}T00:00:00Z")));
    if date.get_time().is_nan() {
        return None;
    }
    method(&formatter, "format")?.call1(&formatter, &date).ok()?.as_string()
}

/// `url` resolved against the page's base URL, as `fetch` would resolve it, when it is one a
/// document can be fetched from. The rule is `embed.js`'s (`resolved`, shared as `state.resolve`),
/// which also decides what it requests before the module starts: one reading of an address.
pub fn fetchable_url(url: &str) -> Option<String> {
    let loader = loader()?;
    method(&loader, "resolve")?.call1(&loader, &JsValue::from_str(url)).ok()?.as_string()
}

/// Fetches a document's bytes with a timeout, refusing early what announces itself as too large.
/// A `page` (`data-format="html"`) is asked for as HTML and held to the page size limit.
async fn fetch_bytes(url: &str, timeout_ms: u32, page: bool) -> Result<Vec<u8>, Failure> {
    let (accept, limit) = if page { ("text/html", MAX_PAGE_BYTES) } else { ("application/json", MAX_DOCUMENT_BYTES) };
    let Some(resolved) = fetchable_url(url) else {
        return Err(Failure::bad_source(url));
    };
    let controller = AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (controller, timed_out, key) = (controller.clone(), timed_out.clone(), url.to_string());
        Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            if let Some(c) = controller {
                c.abort();
            }
            // embed.js sets no timer on the request it started early: this one stops it too.
            forget_prefetched(&key);
        })
    };
    // A failure after the timer fired is the timeout, whatever the browser calls it.
    let failed = |e: JsValue| {
        if timed_out.get() {
            Failure::timeout(url, timeout_ms)
        } else {
            Failure::network(url, &js_error_text(&e))
        }
    };
    let init = web_sys::RequestInit::new();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("Accept", accept);
        init.set_headers(&headers);
    }
    let window = web_sys::window().ok_or_else(|| Failure::network(url, "no window"))?;
    let response: web_sys::Response = match prefetched(url) {
        Some(reply) => match JsFuture::from(reply).await.map(JsCast::unchecked_into::<web_sys::Response>) {
            // Each widget reads its own copy of the shared reply.
            Ok(shared) => shared.clone().map_err(&failed)?,
            Err(e) => {
                forget_prefetched(url);
                // Aborted by the timer above (or by the page): the timeout, as the reader sees it.
                let aborted =
                    Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("AbortError");
                return Err(if aborted { Failure::timeout(url, timeout_ms) } else { failed(e) });
            }
        },
        None => {
            JsFuture::from(window.fetch_with_str_and_init(&resolved, &init)).await.map_err(&failed)?.unchecked_into()
        }
    };
    if !response.ok() {
        // A Retry must ask the server again.
        forget_prefetched(url);
        return Err(Failure::status(url, response.status()));
    }
    let announced = response.headers().get("content-length").ok().flatten().and_then(|l| l.parse::<usize>().ok());
    if let Some(bytes) = announced.filter(|b| *b > limit) {
        return Err(Failure::invalid(Origin::Url(url), &Rejection::too_large(bytes, limit)));
    }
    read_limited(&response, controller.as_ref(), limit).await.map_err(|e| {
        forget_prefetched(url);
        match e {
            ReadError::TooLarge(bytes) => Failure::invalid(Origin::Url(url), &Rejection::too_large(bytes, limit)),
            ReadError::Js(e) => failed(e),
        }
    })
}

/// The object `embed.js` shares with the module (`globalThis[Symbol.for("article-reader")]`): the
/// prefetched articles, the adapters' entry point, the panic callback.
pub fn loader() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &js_sys::Symbol::for_("article-reader")).ok().filter(|l| l.is_object())
}

/// Runs the adapters' module on a JSON request, through `embed.js`, which downloads the module the
/// first time (it is not part of this one) and resolves with the JSON reply.
async fn call_adapters(request: &str, module: &JsValue) -> Result<String, JsValue> {
    let loader = loader().ok_or_else(|| JsValue::from_str("embed.js is not on the page"))?;
    let adapt = method(&loader, "adapt").ok_or_else(|| JsValue::from_str("embed.js offers no adapt()"))?;
    let reply = JsFuture::from(Promise::resolve(&adapt.call2(&loader, &request.into(), module)?)).await?;
    reply.as_string().ok_or_else(|| JsValue::from_str("adapt() resolved with no text"))
}

/// `embed.js` requests the articles the page's widgets will need while the module loads
/// (`state.prefetch`, a Map from the fetched string to the reply's promise).
fn prefetch_map() -> Option<js_sys::Map> {
    Reflect::get(&loader()?, &"prefetch".into()).ok()?.dyn_into().ok()
}

fn prefetched(url: &str) -> Option<Promise> {
    prefetch_map()?.get(&JsValue::from_str(url)).dyn_into().ok()
}

/// Drops a prefetched reply (so a Retry asks the server again) and stops its download.
fn forget_prefetched(url: &str) {
    let Some(map) = prefetch_map() else { return };
    let key = JsValue::from_str(url);
    if let Some(abort) = method(&map.get(&key), "abort") {
        let _ = abort.call0(&JsValue::NULL);
    }
    map.delete(&key);
}

enum ReadError {
    TooLarge(usize),
    Js(JsValue),
}

/// Reads a reply's body chunk by chunk and stops as soon as it passes the document size limit, so a
/// server that streams without end (or lies by leaving out Content-Length) cannot fill the tab.
async fn read_limited(
    response: &web_sys::Response,
    controller: Option<&AbortController>,
    limit: usize,
) -> Result<Vec<u8>, ReadError> {
    // No body stream only for a reply without a body (204, 304): nothing to read.
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(ReadError::Js)?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(bytes);
        }
        if let Ok(value) = Reflect::get(&chunk, &"value".into()) {
            bytes.extend_from_slice(&js_sys::Uint8Array::new(&value).to_vec());
        }
        if bytes.len() > limit {
            let _ = reader.cancel();
            if let Some(c) = controller {
                c.abort();
            }
            // (The widget's error says so, with the size and the limit.)
            return Err(ReadError::TooLarge(bytes.len()));
        }
    }
}

/// A console message quoting a document: `%` is doubled so that text such as `%c` or `%o` is shown
/// as written, not read as a console format directive.
pub fn console_text(message: &str) -> JsValue {
    JsValue::from_str(&message.replace('%', "%%"))
}

/// The message of a JavaScript error (`TypeError: Failed to fetch`), for the console.
fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.to_string()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
