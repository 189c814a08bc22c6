//! After the first paint: work the first screen does not need (the rest of a long article, the
//! publication date's words, the first reading of the progress, the loading view) waits until the
//! frame that shows the widget and the frame after it have begun, so that it delays neither, nor
//! forces a layout before them: the reader's first scroll or click is not held up by it either.
//! The wait is `embed.js`'s (`painted`, through the bridge), which also holds back the module's
//! start behind a pre-rendered snippet's first paint.

use std::{cell::Cell, rc::Rc};

use wasm_bindgen::closure::Closure;
use yew::Callback;

use super::bridge::loader;
use crate::host::Subscription;

/// Cancels a wait when dropped (the callback then does nothing).
struct Cancel(Rc<Cell<bool>>);

impl Drop for Cancel {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// Calls `then` once after the first paint (see the module's comment); `None` without `embed.js`.
pub fn after_paint(then: Callback<()>) -> Option<Subscription> {
    let cancelled = Rc::new(Cell::new(false));
    let flag = cancelled.clone();
    // Owned by the JavaScript function, freed once it has run.
    let callback = Closure::once_into_js(move || {
        if !flag.get() {
            then.emit(());
        }
    });
    loader()?.after_paint(&callback).ok()?;
    Some(Box::new(Cancel(cancelled)))
}
