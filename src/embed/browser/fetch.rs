//! Fetching a document: the reply `embed.js` prefetched when there is one, else a request of our
//! own; a timeout that also stops the early request; and a body read chunk by chunk up to its size
//! limit.

use std::{cell::Cell, rc::Rc};

use gloo::timers::callback::Timeout;
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult, Response};

use super::{
    bridge::{fetchable_url, loader, Prefetched},
    console::js_error_text,
};
use crate::core::{
    failure::{Failure, Origin},
    validate::{Rejection, MAX_DOCUMENT_BYTES, MAX_PAGE_BYTES},
};

/// The reply `embed.js` requested early for `url` (as written in `data-src`), if any.
fn prefetched(url: &str) -> Option<Prefetched> {
    // (An instanceof check against Promise: `Prefetched` is no class of the page's.)
    let reply = loader()?.prefetch()?.get(&JsValue::from_str(url)).dyn_into::<Promise>().ok()?;
    Some(reply.unchecked_into())
}

/// Drops a prefetched reply (so a Retry asks the server again) and stops its download.
fn forget_prefetched(url: &str) {
    let Some(map) = loader().and_then(|l| l.prefetch()) else { return };
    let key = JsValue::from_str(url);
    if let Ok(reply) = map.get(&key).dyn_into::<Promise>() {
        let _ = reply.unchecked_into::<Prefetched>().abort();
    }
    map.delete(&key);
}

/// Fetches a document's bytes with a timeout, refusing early what announces itself as too large.
/// A `page` (`data-format="html"`) is asked for as HTML and held to the page size limit.
pub async fn fetch_bytes(url: &str, timeout_ms: u32, page: bool) -> Result<Vec<u8>, Failure> {
    let (accept, limit) = (crate::core::format::accept(page), if page { MAX_PAGE_BYTES } else { MAX_DOCUMENT_BYTES });
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
    let response: Response = match prefetched(url) {
        Some(reply) => match JsFuture::from(Promise::from(reply)).await.map(JsCast::unchecked_into::<Response>) {
            // Each widget reads its own copy of the shared reply.
            Ok(shared) => shared.clone().map_err(&failed)?,
            Err(e) => {
                forget_prefetched(url);
                // Aborted by the timer above (or by the page): the timeout, as the reader sees it.
                let aborted = e.dyn_ref::<js_sys::Error>().is_some_and(|e| e.name() == "AbortError");
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

enum ReadError {
    TooLarge(usize),
    Js(JsValue),
}

/// Reads a reply's body chunk by chunk and stops as soon as it passes the document size limit, so a
/// server that streams without end (or lies by leaving out Content-Length) cannot fill the tab.
async fn read_limited(
    response: &Response,
    controller: Option<&AbortController>,
    limit: usize,
) -> Result<Vec<u8>, ReadError> {
    // No body stream only for a reply without a body (204, 304): nothing to read.
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk: ReadableStreamReadResult =
            JsFuture::from(reader.read()).await.map_err(ReadError::Js)?.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            return Ok(bytes);
        }
        let chunk = Uint8Array::new(&chunk.get_value());
        let end = bytes.len() + chunk.length() as usize;
        // The limit before the copy: a chunk that would pass it is not kept.
        if end > limit {
            let _ = reader.cancel();
            if let Some(c) = controller {
                c.abort();
            }
            // (The widget's error says so, with the size and the limit.)
            return Err(ReadError::TooLarge(end));
        }
        bytes.extend_from_slice(&chunk.to_vec());
    }
}
