//! Loading the article: parsing a document, and fetching a remote one (again on each Retry).

use std::rc::Rc;

use yew::prelude::*;

use super::language::lang_setting_key;
use crate::{
    components::state::{ArticleSource, Phase, ReaderAction, ReaderState, StateHandle},
    core::{
        article::Article,
        config::WidgetConfig,
        failure::{Failure, Origin},
        lang::{negotiate, Preferences},
        url::lang_param,
        validate::{
            parse_article_bytes_with, parse_assembled_with, validate_json, validate_read, without_bom, More, Parsed,
            Rejection, MAX_DOCUMENT_BYTES,
        },
    },
    host::{HostHandle, JsonRest, Subscription},
    loader::{load_article, read_json, Document},
};

/// An inline document, read as a fetched one is: first screen first where the widget draws one
/// (a partial `Loaded`; [`use_article_loader`] reads its text again, whole, after the paint). One
/// over the size limit is not read: the validator says so.
pub fn accept_inline(text: &str, config: &WidgetConfig, host: &HostHandle) -> ReaderAction {
    let bytes = text.as_bytes();
    let read = (bytes.len() <= MAX_DOCUMENT_BYTES).then(|| read_json(host, bytes)).flatten();
    let document = read.map_or_else(|| Document::Bytes(bytes.to_vec()), |(value, rest)| Document::Json(value, rest));
    accept_document(document, Origin::Inline, config, host).0
}

/// Validates a document the loader delivers, as bytes or already read as JSON, and picks its initial
/// language (SPEC section 4 order); with the reading of the whole document when what was read is
/// its first screen (then the action is a partial `Loaded`).
fn accept_document(
    document: Document,
    origin: Origin,
    config: &WidgetConfig,
    host: &HostHandle,
) -> (ReaderAction, Option<JsonRest>) {
    match document {
        Document::Bytes(bytes) => {
            (accept_parsed(parse_article_bytes_with(&bytes, &|text| host.parse_json(text)), origin, config, host), None)
        }
        Document::Json(value, None) => (accept_parsed(validate_json(&value), origin, config, host), None),
        // The first screen, when it is valid; its warnings are the whole document's to report. A
        // first screen with a fault is the whole document's too, with every fault listed.
        Document::Json(first, Some(rest)) => match validate_json(&first) {
            Ok(parsed) => (loaded(parsed.article, origin, config, host, true), Some(rest)),
            Err(_) => (accept_parsed(validate_read(rest()), origin, config, host), None),
        },
        Document::Assembled(text) => {
            (accept_parsed(parse_assembled_with(&text, &|text| host.parse_json(text)), origin, config, host), None)
        }
    }
}

/// Reports a valid document's warnings (dropped URLs) in the console.
fn log_warnings(parsed: &Parsed, origin: Origin, host: &HostHandle) {
    for w in &parsed.warnings {
        host.log_warning(&format!(concat!(crate::console_prefix!(), "{}: {}"), origin, w));
    }
    if parsed.more_warnings > 0 {
        host.log_warning(&format!(concat!(crate::console_prefix!(), "{}: {}"), origin, More(parsed.more_warnings)));
    }
}

fn accept_parsed(
    parsed: Result<Parsed, Rejection>,
    origin: Origin,
    config: &WidgetConfig,
    host: &HostHandle,
) -> ReaderAction {
    match parsed {
        Ok(parsed) => {
            log_warnings(&parsed, origin, host);
            loaded(parsed.article, origin, config, host, false)
        }
        Err(rejection) => ReaderAction::Failed(Failure::invalid(origin, &rejection)),
    }
}

/// A valid article, shown in its initial language (SPEC section 4 order).
fn loaded(article: Article, origin: Origin, config: &WidgetConfig, host: &HostHandle, partial: bool) -> ReaderAction {
    let prefs = Preferences {
        deep_link: lang_param(&host.page_url()),
        saved: host.setting(&lang_setting_key(origin, &article, host)),
        attribute: config.lang.clone(),
        browser: host.browser_langs(),
    };
    let (lang, _) = negotiate(&article.langs(), &article.default_lang, &prefs);
    ReaderAction::Loaded { article: Rc::new(article), lang, partial }
}

/// What [`use_article_loader`] gives the widget.
pub struct Loader {
    /// Loads the document again (the error view's Retry).
    pub on_retry: Callback<()>,
    /// Reads the whole of a document whose first screen is shown, now rather than after the first
    /// paint (a language switch shows a whole translation); false when that whole has a fault
    /// (the widget then shows its error). True, and nothing done, otherwise.
    pub read_whole: Callback<(), bool>,
}

/// Fetches a remote document while the widget is loading, again after each Retry. A long
/// document is shown first screen first: its first blocks at once, then, after the first paint,
/// the whole of it, read and checked (a fault anywhere in it shows the widget's error then, and
/// `ready` waits for the whole). An inline document was accepted in the initial state: when only
/// its first screen was read, its text is read whole after the paint.
#[hook]
pub fn use_article_loader(
    state: &StateHandle,
    source: &ArticleSource,
    config: &Rc<WidgetConfig>,
    host: &HostHandle,
) -> Loader {
    // The settings as they are now, for a document that arrives after `data-lang` changed.
    let latest = use_mut_ref(|| config.clone());
    *latest.borrow_mut() = config.clone();
    // The reading of the whole document while its first screen is shown, and its wait for the
    // first paint (dropped, it is cancelled: a new document, or the widget gone).
    let pending: Pending = use_mut_ref(|| None);

    {
        let (state, host, config, pending) = (state.clone(), host.clone(), config.clone(), pending.clone());
        use_effect_with((source.clone(), state.attempt), move |(source, _)| {
            if let (ArticleSource::Inline(text), true) = (source, state.partial) {
                let (text, h) = (text.clone(), host.clone());
                let rest: JsonRest = Box::new(move || h.parse_json(without_bom(&text)));
                read_whole_later(rest, source.clone(), &host, state.dispatcher(), &pending);
            }
            if let (ArticleSource::Remote(url), Phase::Loading) = (source, &state.phase) {
                let (origin, h) = (url.clone(), host.clone());
                let dispatcher = state.dispatcher();
                let source = source.clone();
                load_article(
                    host.clone(),
                    url.clone(),
                    (*config).clone(),
                    Callback::from(move |result: Result<Document, Failure>| {
                        let cfg = latest.borrow().clone();
                        let (action, rest) = match result {
                            Ok(document) => accept_document(document, Origin::Url(&origin), &cfg, &h),
                            Err(failure) => (ReaderAction::Failed(failure), None),
                        };
                        dispatcher.dispatch(action);
                        if let Some(rest) = rest {
                            read_whole_later(rest, source.clone(), &h, dispatcher.clone(), &pending);
                        }
                    }),
                );
            }
        });
    }

    let dispatcher = state.dispatcher();
    Loader {
        on_retry: Callback::from(move |_| dispatcher.dispatch(ReaderAction::Retry)),
        read_whole: Callback::from(move |_| {
            let taken = pending.borrow_mut().take();
            taken.is_none_or(|(read, _wait)| read.emit(()))
        }),
    }
}

/// The pending reading of a whole document, and its wait for the first paint.
type Pending = Rc<std::cell::RefCell<Option<(Callback<(), bool>, Option<Subscription>)>>>;

/// Reads the whole of a document whose first screen is shown after the first paint (at once where
/// nothing is painted), or earlier through [`Loader::read_whole`].
fn read_whole_later(
    rest: JsonRest,
    source: ArticleSource,
    host: &HostHandle,
    dispatcher: UseReducerDispatcher<ReaderState>,
    pending: &Pending,
) {
    let read = whole_reader(rest, source, host.clone(), dispatcher);
    let after = read.clone();
    let wait = host.after_paint(Callback::from(move |_| {
        after.emit(());
    }));
    let now = wait.is_none();
    *pending.borrow_mut() = Some((read.clone(), wait));
    if now {
        read.emit(());
    }
}

/// Reads and checks the whole of a document whose first screen is shown, once (later calls do
/// nothing): the whole article, or the failure of the document, with every fault listed. Says
/// whether the whole is shown (later calls: true).
fn whole_reader(
    rest: JsonRest,
    source: ArticleSource,
    host: HostHandle,
    dispatcher: UseReducerDispatcher<ReaderState>,
) -> Callback<(), bool> {
    let rest = std::cell::Cell::new(Some(rest));
    Callback::from(move |_| {
        let Some(rest) = rest.take() else { return true };
        let origin = source.origin();
        let (action, whole) = match validate_read(rest()) {
            Ok(parsed) => {
                log_warnings(&parsed, origin, &host);
                (ReaderAction::Whole(Rc::new(parsed.article)), true)
            }
            Err(rejection) => (ReaderAction::Failed(Failure::invalid(origin, &rejection)), false),
        };
        dispatcher.dispatch(action);
        whole
    })
}
