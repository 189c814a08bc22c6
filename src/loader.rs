//! Loads a widget's article from a URL: fetches it through the [`Host`] and, when it is a WordPress
//! post or a JSON Feed item rather than an article document, adapts it (with its translations)
//! into one. What comes out is a document for the one validator, [`crate::core::validate`].

use serde_json::Value;
use yew::Callback;

use crate::{
    core::{
        adapters::{assemble, from_json_feed, from_wordpress, wordpress_translation_urls, Adapted, Format, HtmlNode},
        config::WidgetConfig,
        failure::Failure,
    },
    host::HostHandle,
};

/// Fetches `url` and calls `done` with the bytes of an article document.
pub fn load_article(host: HostHandle, url: String, config: WidgetConfig, done: Callback<Result<Vec<u8>, Failure>>) {
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

fn adapt(host: HostHandle, url: &str, bytes: Vec<u8>, config: &WidgetConfig, done: Callback<Result<Vec<u8>, Failure>>) {
    if config.format == Some(Format::Article) {
        return done.emit(Ok(bytes));
    }
    // What is not JSON goes to the validator as it is, which says precisely why it is not.
    let Some(value) = json_value(&bytes) else { return done.emit(Ok(bytes)) };
    let format = config.format.unwrap_or_else(|| Format::detect(&value));
    if format == Format::Article {
        return done.emit(Ok(bytes));
    }
    let parse_html = |html: &str| host.parse_html(html);
    let first = match convert(format, &value, &parse_html) {
        Ok(a) => a,
        Err(e) => return done.emit(Err(Failure::adapter(url, &e))),
    };
    let fallback_lang = config.lang.clone().unwrap_or_else(|| "en".into());
    let mut others: Vec<(String, String)> = config.extra_sources.clone();
    if format == Format::WordPress {
        for (lang, link) in wordpress_translation_urls(&value, url) {
            if !others.iter().any(|(l, _)| l.eq_ignore_ascii_case(&lang)) {
                others.push((lang, link));
            }
        }
    }
    if others.is_empty() {
        return done.emit(Ok(assemble(vec![first], &fallback_lang).into_bytes()));
    }
    let urls: Vec<String> = others.iter().map(|(_, u)| u.clone()).collect();
    let h = host.clone();
    host.load_all(
        urls,
        config.timeout_ms,
        Callback::from(move |results: Vec<Result<Vec<u8>, Failure>>| {
            let mut parts = vec![first.clone()];
            for ((lang, link), result) in others.iter().zip(results) {
                let parsed = result
                    .map_err(|f| f.detail)
                    .and_then(|b| json_value(&b).ok_or_else(|| "not a JSON document".to_string()))
                    .and_then(|v| convert(format, &v, &|html: &str| h.parse_html(html)));
                match parsed {
                    Ok(mut part) => {
                        part.lang = Some(lang.clone());
                        parts.push(part);
                    }
                    // One missing translation costs that language, not the article.
                    Err(e) => h.log_warning(&format!("article-reader: translation {lang} from {link} skipped: {e}")),
                }
            }
            done.emit(Ok(assemble(parts, &fallback_lang).into_bytes()));
        }),
    );
}

/// JSON from bytes, through the same text parser the validator uses (one copy of it in the module).
fn json_value(bytes: &[u8]) -> Option<Value> {
    serde_json::from_str(std::str::from_utf8(bytes).ok()?).ok()
}

fn convert(format: Format, value: &Value, parse_html: &dyn Fn(&str) -> Vec<HtmlNode>) -> Result<Adapted, String> {
    match format {
        Format::WordPress => from_wordpress(value, parse_html).map_err(|e| format!("not a WordPress post: {e}")),
        Format::JsonFeed => from_json_feed(value, parse_html).map_err(|e| format!("not a JSON Feed item: {e}")),
        Format::Article => Err("already an article document".into()),
    }
}
