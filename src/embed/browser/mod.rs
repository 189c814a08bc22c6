//! [`Host`] for a widget in a real page, one concern a module: `fetch` (documents, with
//! `embed.js`'s prefetched replies), `storage`, `speech`, `share` (clipboard, Web Share, new tabs),
//! `intl` (dates, the reader's languages), `frames` (after the next paint), `geometry` (progress, the reader's place), `events`
//! (on the mount element), `console`, `bridge` (the one typed declaration of the object
//! `embed.js` shares) and `recovery` (failure containment). [`BrowserHost`] only delegates to them. Every browser call that can throw
//! is caught; none can panic.

pub(super) mod bridge;
pub(super) mod console;
mod events;
// Failure containment: the panic hook, and the restart of the others through `embed.js`.
mod fetch;
mod frames;
mod geometry;
mod intl;
pub(super) mod recovery;
mod share;
mod speech;
mod storage;

use std::cell::{Cell, RefCell};

use wasm_bindgen_futures::spawn_local;
use web_sys::Element;
use yew::Callback;

use self::console::console_text;
use super::{json, prerender::Pending};
use crate::{
    core::{adapters, events::WidgetEvent, failure::Failure, share::ShareContent, validate::JsonSyntaxError},
    host::{Host, JsonRest, SpeechEvent, Subscription},
};

pub struct BrowserHost {
    element: Element,
    /// Pre-rendered content shown in this widget's place until its first outcome (see `prerender`).
    prerendered: RefCell<Option<Pending>>,
    /// Whether this widget replaces a pre-rendered snippet (for its whole life, the swap done).
    replaces_snippet: Cell<bool>,
    /// Set by the test hook `panicForTest`: the widget panics at its next render.
    poisoned: Cell<bool>,
    reading: speech::Reading,
}

impl BrowserHost {
    pub fn new(element: Element) -> Self {
        BrowserHost {
            element,
            prerendered: RefCell::new(None),
            replaces_snippet: Cell::new(false),
            poisoned: Cell::new(false),
            reading: speech::Reading::default(),
        }
    }

    /// The widget renders out of sight; `pending` swaps it in when it is first shown (ready or
    /// failed), just before that event reaches the page.
    pub fn replace_when_shown(&self, pending: Pending) {
        *self.prerendered.borrow_mut() = Some(pending);
        self.replaces_snippet.set(true);
    }

    pub fn poison(&self) {
        self.poisoned.set(true);
    }
}

impl Host for BrowserHost {
    fn enter(&self) {
        recovery::enter(&self.element);
        if self.poisoned.get() {
            panic!("self-test panic requested by panicForTest");
        }
    }

    fn page_url(&self) -> String {
        web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
    }

    fn resolve_url(&self, url: &str) -> Option<String> {
        bridge::fetchable_url(url)
    }

    fn browser_langs(&self) -> Vec<String> {
        intl::browser_langs()
    }

    fn setting(&self, key: &str) -> Option<String> {
        storage::setting(key)
    }

    fn set_setting(&self, key: &str, value: &str) {
        storage::set_setting(key, value)
    }

    fn remember_place(&self) -> Option<(u32, f64)> {
        geometry::remember_place(&self.element)
    }

    fn restore_place(&self, place: (u32, f64)) {
        geometry::restore_place(&self.element, place)
    }

    fn open_url(&self, url: &str) {
        share::open_url(url)
    }

    fn format_date(&self, iso_date: &str, lang: &str) -> String {
        intl::format_date(iso_date, lang).unwrap_or_else(|| iso_date.to_string())
    }

    fn parse_json(&self, text: &str) -> Result<serde_json::Value, JsonSyntaxError> {
        json::parse(text)
    }

    fn read_json(
        &self,
        text: &str,
        first: Option<usize>,
    ) -> Result<(serde_json::Value, Option<JsonRest>), JsonSyntaxError> {
        json::read(text, first.unwrap_or(usize::MAX))
    }

    fn load(&self, url: &str, timeout_ms: u32, page: bool, done: Callback<Result<Vec<u8>, Failure>>) {
        let url = url.to_string();
        spawn_local(async move {
            done.emit(fetch::fetch_bytes(&url, timeout_ms, page).await);
        });
    }

    fn adapt(&self, request: adapters::Request, done: Callback<Result<adapters::Reply, String>>) {
        // embed.js downloads the module the format names (core::format::FORMATS).
        let module = request.format.module().unwrap_or_default();
        let request = json::stringify(&request.to_json());
        spawn_local(async move {
            let reply = match bridge::call_adapters(&request, module).await {
                Ok(text) => json::parse(&text)
                    .ok()
                    .and_then(|reply| adapters::Reply::from_json(&reply))
                    .ok_or_else(|| format!("its reply is not readable: {text:.100}")),
                Err(e) => Err(console::js_error_text(&e)),
            };
            done.emit(reply.map_err(|e| format!("the on-demand module failed: {e}")));
        });
    }

    fn copy_text(&self, text: &str, done: Callback<bool>) {
        share::copy_text(text, done)
    }

    fn can_native_share(&self) -> bool {
        share::can_native_share()
    }

    fn native_share(&self, content: &ShareContent) {
        share::native_share(content)
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
        events::dispatch(&self.element, &event);
    }

    fn watch_progress(&self, on_change: Callback<u8>) -> Option<Subscription> {
        geometry::watch_progress(&self.element, on_change)
    }

    fn first_screen_first(&self) -> bool {
        !self.replaces_snippet.get()
    }

    fn after_paint(&self, then: Callback<()>) -> Option<Subscription> {
        frames::after_paint(then)
    }

    fn can_speak(&self, lang: &str) -> bool {
        speech::can_speak(lang)
    }

    fn watch_voices(&self, on_change: Callback<()>) -> Option<Subscription> {
        speech::watch_voices(on_change)
    }

    fn speak(&self, blocks: Vec<String>, from: usize, lang: &str, on_event: Callback<SpeechEvent>) {
        self.reading.speak(blocks, from, lang, on_event)
    }

    fn pause_speech(&self, pause: bool) {
        speech::pause(pause)
    }

    fn stop_speech(&self) {
        self.reading.stop()
    }

    fn log_error(&self, message: &str) {
        web_sys::console::error_2(&console_text(message), &self.element);
    }

    fn log_warning(&self, message: &str) {
        web_sys::console::warn_2(&console_text(message), &self.element);
    }
}
