//! The reader's languages and dates in their words, from the browser's own locale data.

use js_sys::{
    Date,
    Intl::{DateTimeFormatOptions, DateTimeStyle},
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, with a constructor that reports a locale it refuses (js-sys's
    /// throws: `en-a` passes the widget's language-tag check but is a RangeError here).
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateFormat;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = DateTimeFormat)]
    fn new(locale: &str, options: &DateTimeFormatOptions) -> Result<DateFormat, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn format(this: &DateFormat, date: &Date) -> Result<String, JsValue>;
}

/// The reader's languages, most preferred first: `navigator.languages`, else `navigator.language`.
pub fn browser_langs() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// `16 July 2021` in `lang`, or `None` when the browser cannot say it (unknown locale, no date).
pub fn format_date(iso_date: &str, lang: &str) -> Option<String> {
    let options = DateTimeFormatOptions::new();
    options.set_date_style(DateTimeStyle::Long);
    // The date is a calendar day, not an instant: format it in UTC so no time zone shifts it.
    options.set_time_zone("UTC");
    let formatter = DateFormat::new(lang, &options).ok()?;
    let date = Date::new(&JsValue::from_str(&format!("{iso_date}T00:00:00Z")));
    if date.get_time().is_nan() {
        return None;
    }
    formatter.format(&date).ok()
}
