//! What a widget needs from the page it lives on, as one small trait.
//!
//! Components talk to the browser only through [`Host`], which keeps them renderable natively
//! (Yew SSR in tests, with [`NativeHost`]) and keeps every touch of the host page in `embed/`.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use yew::Callback;

use serde_json::Value;

use crate::core::{
    adapters,
    events::WidgetEvent,
    failure::Failure,
    share::ShareContent,
    validate::{self, JsonSyntaxError},
};

/// The services a widget uses. Implementations must never panic: a failing browser API is
/// reported through the callbacks' results.
pub trait Host {
    /// Called at the start of each render of the widget: lets the embed layer know which widget is
    /// running, so that a panic is blamed on that widget alone.
    fn enter(&self) {}
    /// The URL of the host page (for share links and the `reader-lang` deep link).
    fn page_url(&self) -> String;
    /// `url` made absolute against the page's base URL, as `fetch` would, when it is a URL a
    /// document can be fetched from; `None` when it is not (`https://news example/`, `http://[`).
    fn resolve_url(&self, url: &str) -> Option<String>;
    /// The reader's languages, most preferred first (`navigator.languages`).
    fn browser_langs(&self) -> Vec<String>;
    /// A remembered setting of the reader's (`lang:<publication>`, `mastodon`), if storage works
    /// and holds one.
    fn setting(&self, key: &str) -> Option<String>;
    /// Remembers a setting (best effort: a full or disabled storage only means it is forgotten).
    fn set_setting(&self, key: &str, value: &str);
    /// Notes which body block is at the top of the viewport, before a language switch replaces
    /// the text: `(block index, its distance from the viewport top)`. `None` when the reader has not
    /// scrolled into the article.
    fn remember_place(&self) -> Option<(u32, f64)>;
    /// Scrolls so that block `index` is back where it was.
    fn restore_place(&self, place: (u32, f64));
    /// A `YYYY-MM-DD` date in the reader's words, in `lang` (`16 July 2021`, `16 juillet 2021`).
    fn format_date(&self, iso_date: &str, lang: &str) -> String;
    /// Opens a URL in a new tab, without giving it a handle on this page.
    fn open_url(&self, url: &str);
    /// Reads a JSON text. In the browser this is the browser's own `JSON.parse` (a JSON parser
    /// compiled into the WASM module would cost every page about 6 KiB of download); elsewhere
    /// serde_json's. Either way nesting deeper than [`validate::MAX_NESTING`] is refused.
    fn parse_json(&self, text: &str) -> Result<Value, JsonSyntaxError> {
        validate::parse_json(text)
    }
    /// [`Host::parse_json`] for a document to be shown first screen first: given `first`, each
    /// translation's body is read up to its first `first` blocks (`validate::Place`), and when any
    /// had more, the reading of the whole document comes with it, for after the first paint (why:
    /// docs/decisions.md). Where nothing is painted, the whole at once.
    fn read_json(&self, text: &str, first: Option<usize>) -> Result<(Value, Option<JsonRest>), JsonSyntaxError> {
        let _ = first;
        self.parse_json(text).map(|value| (value, None))
    }
    /// Fetches a document's bytes, giving up after `timeout_ms`, and refusing a document past the
    /// size limit (`validate::MAX_DOCUMENT_BYTES`) as soon as it passes it. Several loads run at
    /// once. A `page` (`data-format="html"`) is asked for as `text/html` and held to
    /// `validate::MAX_PAGE_BYTES` instead.
    fn load(&self, url: &str, timeout_ms: u32, page: bool, done: Callback<Result<Vec<u8>, Failure>>);
    /// Converts a WordPress post or a JSON Feed item (with its translations), or reads an article
    /// page (`Format::Html`), into an article document. In the browser this runs in the adapters'
    /// own WASM module, or the html module for a page, each downloaded the first time a page needs
    /// it, so that widgets showing article documents never download them.
    /// `Err` when that module could not be loaded or run (a network fault: trying again may help).
    fn adapt(&self, request: adapters::Request, done: Callback<Result<adapters::Reply, String>>);
    /// Writes text to the clipboard; `done(true)` once it is there.
    fn copy_text(&self, text: &str, done: Callback<bool>);
    /// Whether the browser offers its own share sheet (Web Share API).
    fn can_native_share(&self) -> bool;
    /// Opens the browser's share sheet.
    fn native_share(&self, content: &ShareContent);
    /// Fires a widget event on the mount element.
    fn emit(&self, event: WidgetEvent);
    /// Calls `on_change` with the reading progress through the article, 0 to 100, as the reader
    /// scrolls or resizes.
    fn watch_progress(&self, on_change: Callback<u8>) -> Option<Subscription>;
    /// Whether the widget draws its first screen first and the rest after that paint (a long
    /// body, the date's words, the loading view: components/article_view.rs, hooks/after_paint.rs):
    /// in a page, unless the widget replaces a pre-rendered snippet, which shows the whole article
    /// meanwhile (then for the widget's whole life).
    fn first_screen_first(&self) -> bool;
    /// Calls `then` once the browser has painted what is on screen now, and begun the frame after
    /// (a task after the second frame's callbacks), or after 100 ms where no frame comes (a hidden
    /// tab). Dropping the subscription cancels it. `None` where nothing is painted.
    fn after_paint(&self, then: Callback<()>) -> Option<Subscription>;
    /// Whether the browser can read aloud in `lang` (Web Speech API with a voice for it).
    fn can_speak(&self, lang: &str) -> bool;
    /// Calls `on_change` when the browser's list of voices changes (it loads late in some).
    fn watch_voices(&self, on_change: Callback<()>) -> Option<Subscription>;
    /// Reads `blocks` aloud in `lang`, one after another, from `from`.
    fn speak(&self, blocks: Vec<String>, from: usize, lang: &str, on_event: Callback<SpeechEvent>);
    /// Pauses (`true`) or resumes (`false`) reading aloud.
    fn pause_speech(&self, pause: bool);
    /// Stops reading aloud.
    fn stop_speech(&self);
    /// Writes a precise message to the console.
    fn log_error(&self, message: &str);
    /// Writes a warning (a dropped URL, an unknown share target) to the console.
    fn log_warning(&self, message: &str);
}

/// Progress of reading aloud, reported by [`Host::speak`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeechEvent {
    /// The browser started reading the block at this index.
    Block(usize),
    /// Reading reached the end, or was stopped.
    Ended,
}

/// Something that stops a subscription when dropped (a scroll or voices listener).
pub type Subscription = Box<dyn std::any::Any>;

/// The rest of a document read first screen first ([`Host::read_json`]): its whole tree, read when
/// called.
pub type JsonRest = Box<dyn FnOnce() -> Result<Value, JsonSyntaxError>>;

/// A shared [`Host`], comparable by identity so it can sit in Yew props.
#[derive(Clone)]
pub struct HostHandle(pub Rc<dyn Host>);

impl PartialEq for HostHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for HostHandle {
    type Target = dyn Host;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

/// The [`Host`] of the widget drawn without a browser, by Yew's server-side renderer: fixed page
/// and languages, no saved choice, no network, no Web Share or voices, ISO dates, and a record of
/// what the widget emitted and logged. `article-reader render` draws its snippets with it; the
/// native render tests read its record.
#[derive(Default)]
pub struct NativeHost {
    pub page: String,
    pub langs: Vec<String>,
    pub settings: RefCell<HashMap<String, String>>,
    pub events: RefCell<Vec<WidgetEvent>>,
    pub console: RefCell<Vec<String>>,
}

impl Host for NativeHost {
    fn page_url(&self) -> String {
        self.page.clone()
    }
    fn resolve_url(&self, url: &str) -> Option<String> {
        // Absolute URLs as they are; a path from the page's origin.
        match (crate::core::url::origin(url), url.strip_prefix('/')) {
            (Some(_), _) => Some(url.to_string()),
            (None, Some(path)) if !path.starts_with('/') => {
                crate::core::url::origin(&self.page).map(|o| format!("{o}/{path}"))
            }
            _ => None,
        }
    }
    fn browser_langs(&self) -> Vec<String> {
        self.langs.clone()
    }
    fn setting(&self, key: &str) -> Option<String> {
        self.settings.borrow().get(key).cloned()
    }
    fn set_setting(&self, key: &str, value: &str) {
        self.settings.borrow_mut().insert(key.to_string(), value.to_string());
    }
    fn remember_place(&self) -> Option<(u32, f64)> {
        None
    }
    fn restore_place(&self, _place: (u32, f64)) {}
    fn open_url(&self, url: &str) {
        self.console.borrow_mut().push(format!("open: {url}"));
    }
    fn format_date(&self, iso_date: &str, _lang: &str) -> String {
        iso_date.to_string()
    }
    fn load(&self, url: &str, _timeout_ms: u32, _page: bool, done: Callback<Result<Vec<u8>, Failure>>) {
        done.emit(Err(Failure::network(url, "no network in native rendering")));
    }
    fn adapt(&self, request: adapters::Request, done: Callback<Result<adapters::Reply, String>>) {
        // No HTML parser here: a fragment is read as its text.
        done.emit(Ok(adapters::adapt(&request, &|html: &str| vec![adapters::HtmlNode::Text(html.to_string())])));
    }
    fn copy_text(&self, _text: &str, done: Callback<bool>) {
        done.emit(false);
    }
    fn can_native_share(&self) -> bool {
        false
    }
    fn native_share(&self, _content: &ShareContent) {}
    fn emit(&self, event: WidgetEvent) {
        self.events.borrow_mut().push(event);
    }
    fn watch_progress(&self, _on_change: Callback<u8>) -> Option<Subscription> {
        None
    }
    fn first_screen_first(&self) -> bool {
        false
    }
    fn after_paint(&self, _then: Callback<()>) -> Option<Subscription> {
        None
    }
    fn can_speak(&self, _lang: &str) -> bool {
        false
    }
    fn watch_voices(&self, _on_change: Callback<()>) -> Option<Subscription> {
        None
    }
    fn speak(&self, _blocks: Vec<String>, _from: usize, _lang: &str, on_event: Callback<SpeechEvent>) {
        on_event.emit(SpeechEvent::Ended);
    }
    fn pause_speech(&self, _pause: bool) {}
    fn stop_speech(&self) {}
    fn log_error(&self, message: &str) {
        self.console.borrow_mut().push(format!("error: {message}"));
    }
    fn log_warning(&self, message: &str) {
        self.console.borrow_mut().push(format!("warning: {message}"));
    }
}
