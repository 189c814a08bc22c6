//! What happens when the module panics. With `panic = "abort"` a panic traps and leaves the
//! module's state unknown, so it is not used again: the panic hook tells `embed.js` which widget
//! was running, and `embed.js` shows that widget's error, then starts a fresh instance of the module
//! for the others (see `js/embed.js`, `restart`).

use std::cell::{Cell, RefCell};

use web_sys::Element;

use super::{bridge::loader, console::console_text};

thread_local! {
    /// The widget whose component is rendering now (set by `Host::enter`), for blame.
    static CURRENT: RefCell<Option<Element>> = const { RefCell::new(None) };
    /// Set once this instance has panicked, or was shut down: it mounts nothing more.
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

/// Records the widget that is about to run, so a panic during its work is blamed on it alone.
pub fn enter(element: &Element) {
    CURRENT.with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            if c.as_ref() != Some(element) {
                *c = Some(element.clone());
            }
        }
    });
}

pub fn stopped() -> bool {
    STOPPED.with(Cell::get)
}

pub fn stop() {
    STOPPED.with(|s| s.set(true));
}

/// Installs the panic hook (through Yew, which otherwise installs its own at the first render):
/// log the cause, stop this instance, and hand over to `embed.js`.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        stop();
        let message = format!(concat!(crate::console_prefix!(), "internal error: {}"), info);
        web_sys::console::error_1(&console_text(&message));
        let culprit = CURRENT.with(|c| c.try_borrow().ok().and_then(|c| c.clone()));
        if let Some(loader) = loader() {
            let _ = loader.on_panic(&message, culprit.as_ref());
        }
    }));
}
