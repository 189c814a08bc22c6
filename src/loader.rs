//! Loads a widget's article from a URL: fetches it through the [`Host`] and, when it is a WordPress
//! post or a JSON Feed item rather than an article document, adapts it (with its translations)
//! into one. What comes out is a document for the one validator, [`crate::core::validate`].

use serde_json::Value;
use yew::Callback;

use crate::{
    core::{
        adapters::{wordpress_translation_urls, Format, Reply, Request, TranslationSource},
        config::WidgetConfig,
        failure::Failure,
    },
    host::HostHandle,
};

/// A fetched article document, for the validator: as it came, or already read as JSON (the loader
/// reads a document once to tell its format, and does not have it read twice).
pub enum Document {
    Bytes(Vec<u8>),
    Json(Value),
}

/// Fetches `url` and calls `done` with an article document.
pub fn load_article(host: HostHandle, url: String, config: WidgetConfig, done: Callback<Result<Document, Failure>>) {
    let (h, target, timeout_ms) = (host.clone(), url.clone(), config.timeout_ms);
    host.load(
        &target,
        timeout_ms,
        Callback::from(move |result: Result<Vec<u8>, Failure>| match result {
            Err(failure) => done.emit(Err(failure)),
            Ok(bytes) => adapt(h.clone(), &url, bytes, &config, done.clone()),
        }),
    );
}

fn adapt(
    host: HostHandle,
    url: &str,
    bytes: Vec<u8>,
    config: &WidgetConfig,
    done: Callback<Result<Document, Failure>>,
) {
    if config.format == Some(Format::Article) {
        return done.emit(Ok(Document::Bytes(bytes)));
    }
    // What is not JSON goes to the validator as it is, which says precisely why it is not.
    let Some(value) = std::str::from_utf8(&bytes).ok().and_then(|text| host.parse_json(text).ok()) else {
        return done.emit(Ok(Document::Bytes(bytes)));
    };
    let format = config.format.unwrap_or_else(|| Format::detect(&value));
    if format == Format::Article {
        return done.emit(Ok(Document::Json(value)));
    }
    let mut others: Vec<(String, String)> = config.extra_sources.clone();
    if format == Format::WordPress {
        for (lang, link) in wordpress_translation_urls(&value, url) {
            if !others.iter().any(|(l, _)| l.eq_ignore_ascii_case(&lang)) {
                others.push((lang, link));
            }
        }
    }
    let request = Request {
        format,
        url: url.to_string(),
        // JSON, so valid UTF-8.
        text: String::from_utf8(bytes).unwrap_or_default(),
        translations: Vec::new(),
        fallback_lang: config.lang.clone().unwrap_or_else(|| "en".into()),
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
                        reply
                            .article
                            .map(|doc| Document::Bytes(doc.into_bytes()))
                            .map_err(|e| Failure::adapter(&url, &e)),
                    );
                }
                Err(e) => done.emit(Err(Failure::network(&url, &e))),
            }),
        )
    });
    if others.is_empty() {
        return convert.emit(request);
    }
    let urls: Vec<String> = others.iter().map(|(_, u)| u.clone()).collect();
    host.load_all(
        urls,
        config.timeout_ms,
        Callback::from(move |results: Vec<Result<Vec<u8>, Failure>>| {
            let translations = others
                .iter()
                .zip(results)
                .map(|((lang, link), result)| TranslationSource {
                    lang: lang.clone(),
                    url: link.clone(),
                    text: result.map_err(|f| f.detail).map(|b| String::from_utf8_lossy(&b).into_owned()),
                })
                .collect();
            convert.emit(Request { translations, ..request.clone() });
        }),
    );
}
