//! Reading aloud with the browser's own speech.

use yew::prelude::*;

use crate::{
    components::state::{ReaderAction, Speech, StateHandle},
    host::{HostHandle, SpeechEvent},
};

/// The read-aloud controls' handlers, and what they are reading.
pub struct SpeechHandlers {
    /// The body block being read (or paused in), to highlight.
    pub speaking: Option<usize>,
    /// Reads the current translation from its first block.
    pub on_play: Callback<()>,
    /// Pauses (`true`) or resumes (`false`).
    pub on_pause: Callback<bool>,
    pub on_stop: Callback<()>,
}

/// Read aloud. Voices load late in some browsers, so a change of voices bumps the state and
/// whether the current language can be read is looked at again; reading stops when the widget is
/// unmounted. The handlers read the translation drawn in this render.
#[hook]
pub fn use_read_aloud(state: &StateHandle, host: &HostHandle) -> SpeechHandlers {
    {
        let (host, dispatcher) = (host.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let subscription =
                host.watch_voices(Callback::from(move |_| dispatcher.dispatch(ReaderAction::VoicesChanged)));
            move || {
                drop(subscription);
                host.stop_speech();
            }
        });
    }

    let speaking = match state.speech {
        Speech::Playing(i) | Speech::Paused(i) => Some(i),
        Speech::Idle => None,
    };
    let on_play = {
        let (host, dispatcher, translation) =
            (host.clone(), state.dispatcher(), state.current().map(|(_, t)| t.clone()));
        Callback::from(move |_| {
            let Some(t) = &translation else { return };
            let texts = t.body.iter().map(|b| b.plain_text()).collect();
            let d = dispatcher.clone();
            host.speak(
                texts,
                0,
                &t.lang,
                Callback::from(move |event| {
                    d.dispatch(ReaderAction::Speech(match event {
                        SpeechEvent::Block(i) => Speech::Playing(i),
                        SpeechEvent::Ended => Speech::Idle,
                    }))
                }),
            );
        })
    };
    let on_pause = {
        let (host, dispatcher, speaking) = (host.clone(), state.dispatcher(), speaking.unwrap_or(0));
        Callback::from(move |pause: bool| {
            host.pause_speech(pause);
            dispatcher.dispatch(ReaderAction::Speech(if pause {
                Speech::Paused(speaking)
            } else {
                Speech::Playing(speaking)
            }));
        })
    };
    let on_stop = {
        let (host, dispatcher) = (host.clone(), state.dispatcher());
        Callback::from(move |_| {
            host.stop_speech();
            dispatcher.dispatch(ReaderAction::Speech(Speech::Idle));
        })
    };
    SpeechHandlers { speaking, on_play, on_pause, on_stop }
}
