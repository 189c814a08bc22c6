//! Messages for the console: a document's text shown as written, and a JavaScript error's message.

use wasm_bindgen::{JsCast, JsValue};

/// A console message quoting a document: `%` is doubled so that text such as `%c` or `%o` is shown
/// as written, not read as a console format directive.
pub fn console_text(message: &str) -> JsValue {
    JsValue::from_str(&message.replace('%', "%%"))
}

/// The message of a JavaScript error (`TypeError: Failed to fetch`), for the console.
pub fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.to_string()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
