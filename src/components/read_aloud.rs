//! Read aloud: play, pause and stop, with the browser's own speech (Web Speech API).

use yew::prelude::*;

use super::{hooks::SpeechHandlers, icon::icon, state::Speech};
use crate::core::i18n::UiStrings;

const PLAY: &str = "M8 5v14l11-7z";
const PAUSE: &str = "M6 5h4v14H6zm8 0h4v14h-4z";
const STOP: &str = "M6 6h12v12H6z";

/// The controls of reading aloud, as `speech` stands.
pub fn read_aloud(ui: &'static UiStrings, speech: Speech, controls: &SpeechHandlers) -> Html {
    let (label, glyph, action) = match speech {
        Speech::Idle => (ui.listen, PLAY, controls.on_play.reform(|_: MouseEvent| ())),
        Speech::Playing(_) => (ui.pause, PAUSE, controls.on_pause.reform(|_: MouseEvent| true)),
        Speech::Paused(_) => (ui.resume, PLAY, controls.on_pause.reform(|_: MouseEvent| false)),
    };
    let on_stop = controls.on_stop.reform(|_: MouseEvent| ());
    html! {
        <div class="read-aloud">
            <button type="button" class="tool listen" data-speech={match speech { Speech::Idle => "idle", Speech::Playing(_) => "playing", Speech::Paused(_) => "paused" }} onclick={action}>
                { icon(glyph) }<span class="tool-label">{ label }</span>
            </button>
            if speech != Speech::Idle {
                <button type="button" class="tool stop" aria-label={ui.stop} title={ui.stop} onclick={on_stop}>
                    { icon(STOP) }
                </button>
            }
        </div>
    }
}
