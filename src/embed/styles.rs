//! The widget's stylesheet, built once and adopted by every shadow root.
//!
//! A constructable stylesheet passes a strict `style-src 'self'` CSP (no inline `<style>` or
//! `style=""`) and is parsed once however many widgets a page has. Browsers without constructable
//! stylesheets get a `<link>` to the same CSS file served beside embed.js.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

/// The CSS, compiled into the module so a widget never waits for a second file.
// style/article-reader.css, its comments and extra white space taken out by build.rs.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/article-reader.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

fn shared_sheet() -> Option<CssStyleSheet> {
    SHEET.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            *s = Some(sheet);
        }
        s.clone()
    })
}

/// Gives a shadow root the widget's styles (`base` is the folder of embed.js, which serves the CSS).
pub fn apply(root: &ShadowRoot, base: &str) {
    if let Some(sheet) = shared_sheet() {
        let sheets = js_sys::Array::of1(&JsValue::from(sheet));
        root.set_adopted_style_sheets(&sheets);
        return;
    }
    if let Some(link) = root.owner_document().and_then(|d| d.create_element("link").ok()) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &format!("{base}{}", crate::core::config::STYLESHEET_FILE));
        let _ = root.append_child(&link);
    }
}
