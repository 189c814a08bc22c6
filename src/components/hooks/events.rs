//! The outcome events a widget fires on its mount element.

use yew::prelude::*;

use crate::{
    components::state::{Phase, StateHandle},
    core::events::WidgetEvent,
    host::HostHandle,
};

/// Tells the page once per outcome: `ready` with the article's languages, or `error` with the
/// precise reason (also written to the console). Keyed on `shown`, so a language switch is not a
/// new outcome but a Retry that ends in an article or a failure is. `ready` waits until the
/// widget is `complete` (what follows its first screen drawn too: components/reader.rs).
#[hook]
pub fn use_outcome_events(state: &StateHandle, host: &HostHandle, complete: bool) {
    let (phase, host) = (state.phase.clone(), host.clone());
    let ready = matches!(state.phase, Phase::Ready { .. });
    use_effect_with((state.shown, complete || !ready), move |(shown, due)| {
        if *shown > 0 && *due {
            match &phase {
                Phase::Ready { article, lang } => host.emit(WidgetEvent::Ready {
                    id: article.id.clone(),
                    lang: article.translations.get(*lang).map(|t| t.lang.clone()).unwrap_or_default(),
                    langs: article.langs(),
                }),
                Phase::Failed(f) => {
                    host.log_error(&format!(concat!(crate::console_prefix!(), "{}"), f.detail));
                    host.emit(WidgetEvent::Error {
                        id: None,
                        code: f.kind,
                        message: f.detail.clone(),
                        path: f.path.clone(),
                    });
                }
                Phase::Loading => {}
            }
        }
    });
}
