//! Sharing through the browser: the clipboard, the browser's own share sheet (Web Share), and a
//! share page opened in a new tab. A browser without the clipboard or Web Share is told apart by
//! the member being absent, as before: copying then fails (the widget shows the link to copy by
//! hand) and the native share control is not drawn.

use js_sys::Promise;
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Clipboard, Navigator, ShareData};
use yew::Callback;

use crate::core::share::ShareContent;

#[wasm_bindgen]
extern "C" {
    /// The navigator, as seen for sharing: its share sheet and clipboard, every call caught.
    #[wasm_bindgen(extends = Navigator)]
    type MaybeSharing;

    /// `navigator.share` itself: `undefined` where the browser has no share sheet.
    #[wasm_bindgen(method, getter, catch)]
    fn share(this: &MaybeSharing) -> Result<JsValue, JsValue>;

    /// `navigator.clipboard`, declared to report a throw (web-sys's getter does not; a page can
    /// define one that throws).
    #[wasm_bindgen(method, getter, catch)]
    fn clipboard(this: &MaybeSharing) -> Result<JsValue, JsValue>;

    /// `navigator.share(data)`, declared to report a throw (web-sys's does not).
    #[wasm_bindgen(method, catch, js_name = share)]
    fn share_data(this: &MaybeSharing, data: &ShareData) -> Result<Promise, JsValue>;

    /// The clipboard, with `writeText` declared to report a throw (web-sys's does not): a page
    /// may have replaced it, or left it out.
    #[wasm_bindgen(extends = Clipboard)]
    type Writable;

    #[wasm_bindgen(method, catch, js_name = writeText)]
    fn write_text(this: &Writable, text: &str) -> Result<Promise, JsValue>;
}

fn navigator() -> Option<Navigator> {
    web_sys::window().map(|w| w.navigator())
}

fn has_share_sheet(nav: &Navigator) -> bool {
    nav.unchecked_ref::<MaybeSharing>().share().is_ok_and(|share| share.is_function())
}

/// Writes `text` to the clipboard; `done(true)` once it is there.
pub fn copy_text(text: &str, done: Callback<bool>) {
    // Absent outside secure contexts and in some browsers.
    let clipboard = navigator().and_then(|nav| nav.unchecked_ref::<MaybeSharing>().clipboard().ok());
    let clipboard = clipboard.filter(|c| !c.is_undefined()).map(JsCast::unchecked_into::<Writable>);
    match clipboard.and_then(|c| c.write_text(text).ok()) {
        Some(written) => spawn_local(async move { done.emit(JsFuture::from(written).await.is_ok()) }),
        None => done.emit(false),
    }
}

/// Whether the browser offers its own share sheet.
pub fn can_native_share() -> bool {
    navigator().is_some_and(|nav| has_share_sheet(&nav))
}

/// Opens the browser's share sheet with the link and title.
pub fn native_share(content: &ShareContent) {
    let Some(nav) = navigator().filter(has_share_sheet) else { return };
    let data = ShareData::new();
    data.set_title(&content.title);
    data.set_url(&content.url);
    if let Ok(shared) = nav.unchecked_ref::<MaybeSharing>().share_data(&data) {
        // The reader closing the sheet rejects the promise: that is not an error worth reporting.
        spawn_local(async move {
            let _ = JsFuture::from(shared).await;
        });
    }
}

/// Opens a URL in a new tab, without giving it a handle on this page.
pub fn open_url(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
    }
}
