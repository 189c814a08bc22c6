//! Loads a widget's article from a URL: fetches it through the [`Host`] and, when it is a WordPress
//! post or a JSON Feed item rather than an article document, adapts it (with its translations)
//! into one; an article page (`data-format="html"`, same origin only) is read by the html module. What comes out is a document for the one validator, [`crate::core::validate`].

use std::{cell::RefCell, rc::Rc};

use serde_json::Value;
use yew::Callback;

use crate::{
    core::{
        adapters::{translation_sources, Format, Reply, Request, TranslationSource},
        article::FIRST_SCREEN,
        config::WidgetConfig,
        failure::{Failure, Origin},
        url::origin,
        validate::{without_bom, MAX_ASSEMBLED_BYTES},
    },
    host::{HostHandle, JsonRest},
};

/// A fetched article document, for the validator: as it came, or already read as JSON (the loader
/// reads a document once to tell its format, and does not have it read twice).
pub enum Document {
    Bytes(Vec<u8>),
    /// Read as JSON; for a long document shown first screen first, each translation's first
    /// blocks, with the reading of the whole for after the first paint (`Host::read_json`).
    Json(Value, Option<JsonRest>),
    /// An article the adapters assembled from several fetched documents (JSON text): each was held
    /// to the document size limit on its own, the whole is held to `MAX_ASSEMBLED_BYTES`.
    Assembled(String),
}

/// Fetches `url` and calls `done` with an article document. An article page (`data-format="html"`)
/// is fetched only from the page's own origin: one on another origin is refused before any request.
pub fn load_article(host: HostHandle, url: String, config: WidgetConfig, done: Callback<Result<Document, Failure>>) {
    let page = config.format == Some(Format::Html);
    // The address the page's relative links resolve against; an unfetchable one is `Host::load`'s
    // to report (`bad-src`).
    let mut address = url.clone();
    if page {
        if let Some(resolved) = host.resolve_url(&url) {
            let site = origin(&resolved);
            if site.is_none() || site != origin(&host.page_url()) {
                return done.emit(Err(Failure::cross_origin(&resolved)));
            }
            address = resolved;
        }
    }
    let (h, target, timeout_ms) = (host.clone(), url.clone(), config.timeout_ms);
    host.load(
        &target,
        timeout_ms,
        page,
        Callback::from(move |result: Result<Vec<u8>, Failure>| match result {
            Err(failure) => done.emit(Err(failure)),
            Ok(bytes) => adapt(h.clone(), &url, &address, bytes, &config, done.clone()),
        }),
    );
}

/// A document's bytes read as JSON, first screen first where the widget draws one
/// (`Host::read_json`); `None` when they are not JSON.
pub fn read_json(host: &HostHandle, bytes: &[u8]) -> Option<(Value, Option<JsonRest>)> {
    let first = host.first_screen_first().then_some(FIRST_SCREEN);
    std::str::from_utf8(bytes).ok().and_then(|text| host.read_json(without_bom(text), first).ok())
}

fn adapt(
    host: HostHandle,
    url: &str,
    address: &str,
    bytes: Vec<u8>,
    config: &WidgetConfig,
    done: Callback<Result<Document, Failure>>,
) {
    let (format, others) = match config.format {
        // A page is read by the html module; its translations are not fetched.
        Some(Format::Html) => (Format::Html, Vec::new()),
        _ => {
            // What is not JSON goes to the validator as it is, which says precisely why it is not.
            let Some((value, rest)) = read_json(&host, &bytes) else {
                return done.emit(Ok(Document::Bytes(bytes)));
            };
            let format = config.format.unwrap_or_else(|| Format::detect(&value));
            if format == Format::Article {
                return done.emit(Ok(Document::Json(value, rest)));
            }
            // The other formats go to the adapters as text; of their tree only a WordPress post's
            // translations (ids, never cut) are read here.
            // Every limit before the work that grows with it: the languages are counted (and the
            // rest of a long list left unread) before anything is fetched.
            let post = (format == Format::WordPress).then_some((&value, url));
            match translation_sources(&config.extra_sources, post) {
                Ok(others) => (format, others),
                Err(rejection) => return done.emit(Err(Failure::invalid(Origin::Url(url), &rejection))),
            }
        }
    };
    let request = Request {
        format,
        url: address.to_string(),
        // JSON is valid UTF-8; a page that is not is read with U+FFFD for what is not.
        text: String::from_utf8_lossy(&bytes).into_owned(),
        translations: Vec::new(),
        fallback_lang: config.lang.clone().unwrap_or_else(|| crate::core::lang::FALLBACK_LANG.into()),
    };
    let (h, url) = (host.clone(), url.to_string());
    let convert = Callback::from(move |request: Request| {
        let (h2, url, done) = (h.clone(), url.clone(), done.clone());
        h.adapt(
            request,
            Callback::from(move |reply: Result<Reply, String>| match reply {
                Ok(reply) => {
                    reply.warnings.iter().for_each(|w| h2.log_warning(w));
                    done.emit(
                        reply.article.map(Document::Assembled).map_err(|e| Failure::adapter(Origin::Url(&url), &e)),
                    );
                }
                Err(e) => done.emit(Err(Failure::network(&url, &e))),
            }),
        )
    });
    if others.is_empty() {
        return convert.emit(request);
    }
    let used = request.text.len();
    let done = Callback::from(move |translations| convert.emit(Request { translations, ..request.clone() }));
    fetch_translations(&host, others, used, config.timeout_ms, done);
}

/// Fetches the translations all at once and calls `done` with them in the order asked. Each is
/// held to the document size limit by `Host::load`; together with the first document (`used`
/// bytes) they are held to `MAX_ASSEMBLED_BYTES`: one that would pass it is dropped as it arrives
/// and left out with a warning.
fn fetch_translations(
    host: &HostHandle,
    sources: Vec<(String, String)>,
    used: usize,
    timeout_ms: u32,
    done: Callback<Vec<TranslationSource>>,
) {
    // Filled in as the replies arrive; `left` counts those still awaited.
    let sources: Vec<TranslationSource> =
        sources.into_iter().map(|(lang, url)| TranslationSource { lang, url, text: Err(String::new()) }).collect();
    let n = sources.len();
    let urls: Vec<String> = sources.iter().map(|t| t.url.clone()).collect();
    let pending = Rc::new(RefCell::new((sources, n, used)));
    for (i, url) in urls.iter().enumerate() {
        let (pending, done) = (pending.clone(), done.clone());
        host.load(
            url,
            timeout_ms,
            false,
            Callback::from(move |result: Result<Vec<u8>, Failure>| {
                let mut p = pending.borrow_mut();
                let (sources, left, used) = &mut *p;
                let text = result.map_err(|f| f.detail).and_then(|bytes| {
                    if *used + bytes.len() > MAX_ASSEMBLED_BYTES {
                        return Err(format!("its documents together pass {MAX_ASSEMBLED_BYTES} bytes"));
                    }
                    *used += bytes.len();
                    Ok(String::from_utf8_lossy(&bytes).into_owned())
                });
                // (Each load answers once; after the last, the list is taken and nothing more happens.)
                let Some(source) = sources.get_mut(i) else { return };
                source.text = text;
                *left -= 1;
                if *left == 0 {
                    let all = std::mem::take(sources);
                    drop(p);
                    done.emit(all);
                }
            }),
        );
    }
}
