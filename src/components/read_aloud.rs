//! Read aloud: play, pause and stop, with the browser's own speech (Web Speech API).

use yew::prelude::*;

use super::{icon::Icon, state::Speech};
use crate::core::i18n::UiStrings;

const PLAY: &str = "M8 5v14l11-7z";
const PAUSE: &str = "M6 5h4v14H6zm8 0h4v14h-4z";
const STOP: &str = "M6 6h12v12H6z";

#[derive(Properties, PartialEq)]
pub struct ReadAloudProps {
    pub ui: &'static UiStrings,
    pub speech: Speech,
    pub on_play: Callback<()>,
    pub on_pause: Callback<bool>,
    pub on_stop: Callback<()>,
}

#[function_component]
pub fn ReadAloud(props: &ReadAloudProps) -> Html {
    let ui = props.ui;
    let (label, icon, action) = match props.speech {
        Speech::Idle => (ui.listen, PLAY, {
            let p = props.on_play.clone();
            Callback::from(move |_: MouseEvent| p.emit(()))
        }),
        Speech::Playing(_) => (ui.pause, PAUSE, props.on_pause.reform(|_: MouseEvent| true)),
        Speech::Paused(_) => (ui.resume, PLAY, props.on_pause.reform(|_: MouseEvent| false)),
    };
    let on_stop = props.on_stop.clone();
    html! {
        <div class="read-aloud">
            <button type="button" class="tool listen" data-speech={match props.speech { Speech::Idle => "idle", Speech::Playing(_) => "playing", Speech::Paused(_) => "paused" }} onclick={action}>
                <Icon path={icon} /><span class="tool-label">{ label }</span>
            </button>
            if props.speech != Speech::Idle {
                <button type="button" class="tool stop" aria-label={ui.stop} title={ui.stop} onclick={move |_| on_stop.emit(())}>
                    <Icon path={STOP} />
                </button>
            }
        </div>
    }
}
