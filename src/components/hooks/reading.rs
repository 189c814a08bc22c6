//! The reader's comfort settings and side-by-side reading.

use yew::prelude::*;

use crate::{
    components::state::{ReaderAction, StateHandle},
    core::prefs::ReadingPrefs,
    host::HostHandle,
};

/// The setting that remembers the reader's comfort choices (one for all widgets and articles).
pub const PREFS_SETTING: &str = "prefs";

/// The settings panel's handlers.
pub struct ReadingHandlers {
    /// Applies comfort choices and remembers them for every widget on every page.
    pub on_prefs: Callback<ReadingPrefs>,
    /// Shows a second language side by side (or stops): for this widget only, not remembered.
    pub on_parallel: Callback<Option<usize>>,
}

/// The reading-comfort and side-by-side handlers, in one place with the setting they write.
#[hook]
pub fn use_reading_prefs(state: &StateHandle, host: &HostHandle) -> ReadingHandlers {
    let on_prefs = {
        let (host, dispatcher) = (host.clone(), state.dispatcher());
        Callback::from(move |prefs: ReadingPrefs| {
            host.set_setting(PREFS_SETTING, &prefs.to_setting());
            dispatcher.dispatch(ReaderAction::Prefs(prefs));
        })
    };
    let on_parallel = {
        let dispatcher = state.dispatcher();
        Callback::from(move |other: Option<usize>| dispatcher.dispatch(ReaderAction::Parallel(other)))
    };
    ReadingHandlers { on_prefs, on_parallel }
}
