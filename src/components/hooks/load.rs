//! Loading the article: parsing a document, and fetching a remote one (again on each Retry).

use std::rc::Rc;

use yew::prelude::*;

use super::language::lang_setting_key;
use crate::{
    components::state::{ArticleSource, Phase, ReaderAction, StateHandle},
    core::{
        config::WidgetConfig,
        failure::{Failure, Origin},
        lang::{negotiate, Preferences},
        url::lang_param,
        validate::{parse_article_bytes_with, parse_assembled_with, validate_json, More, Parsed, Rejection},
    },
    host::HostHandle,
    loader::{load_article, Document},
};

/// Parses a document and picks its initial language (SPEC section 4 order).
pub fn accept(bytes: &[u8], origin: Origin, config: &WidgetConfig, host: &HostHandle) -> ReaderAction {
    accept_parsed(parse_article_bytes_with(bytes, &|text| host.parse_json(text)), origin, config, host)
}

/// [`accept`] for a document the loader delivers, as bytes or already read as JSON.
fn accept_document(document: &Document, origin: Origin, config: &WidgetConfig, host: &HostHandle) -> ReaderAction {
    match document {
        Document::Bytes(bytes) => accept(bytes, origin, config, host),
        Document::Json(value) => accept_parsed(validate_json(value), origin, config, host),
        Document::Assembled(text) => {
            accept_parsed(parse_assembled_with(text, &|text| host.parse_json(text)), origin, config, host)
        }
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
            for w in &parsed.warnings {
                host.log_warning(&format!(concat!(crate::console_prefix!(), "{}: {}"), origin, w));
            }
            if parsed.more_warnings > 0 {
                host.log_warning(&format!(
                    concat!(crate::console_prefix!(), "{}: {}"),
                    origin,
                    More(parsed.more_warnings)
                ));
            }
            let article = parsed.article;
            let prefs = Preferences {
                deep_link: lang_param(&host.page_url()),
                saved: host.setting(&lang_setting_key(origin, &article, host)),
                attribute: config.lang.clone(),
                browser: host.browser_langs(),
            };
            let (lang, _) = negotiate(&article.langs(), &article.default_lang, &prefs);
            ReaderAction::Loaded { article: Rc::new(article), lang }
        }
        Err(rejection) => ReaderAction::Failed(Failure::invalid(origin, &rejection)),
    }
}

/// Fetches a remote document while the widget is loading, again after each Retry, and returns the
/// Retry handler. An inline document needs neither: it was accepted in the initial state.
#[hook]
pub fn use_article_loader(
    state: &StateHandle,
    source: &ArticleSource,
    config: &Rc<WidgetConfig>,
    host: &HostHandle,
) -> Callback<()> {
    // The settings as they are now, for a document that arrives after `data-lang` changed.
    let latest = use_mut_ref(|| config.clone());
    *latest.borrow_mut() = config.clone();

    {
        let (state, host, config) = (state.clone(), host.clone(), config.clone());
        use_effect_with((source.clone(), state.attempt), move |(source, _)| {
            if let (ArticleSource::Remote(url), Phase::Loading) = (source, &state.phase) {
                let (origin, h) = (url.clone(), host.clone());
                let dispatcher = state.dispatcher();
                load_article(
                    host.clone(),
                    url.clone(),
                    (*config).clone(),
                    Callback::from(move |result: Result<Document, Failure>| {
                        let cfg = latest.borrow().clone();
                        dispatcher.dispatch(match result {
                            Ok(document) => accept_document(&document, Origin::Url(&origin), &cfg, &h),
                            Err(failure) => ReaderAction::Failed(failure),
                        })
                    }),
                );
            }
        });
    }

    let dispatcher = state.dispatcher();
    Callback::from(move |_| dispatcher.dispatch(ReaderAction::Retry))
}
