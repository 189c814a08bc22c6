//! Reading aloud with the browser's speech synthesis (Web Speech API). A browser without it is
//! told apart by `window.speechSynthesis` being absent, as before: no voice, so no control.

use std::cell::RefCell;

use gloo::events::EventListener;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
use yew::Callback;

use crate::{
    core::lang::base_lang,
    host::{SpeechEvent, Subscription},
};

/// An utterance queued for reading aloud, with the handlers it calls.
type Utterance = (SpeechSynthesisUtterance, Vec<Closure<dyn FnMut()>>);

fn synthesis() -> Option<SpeechSynthesis> {
    // Absent in some browsers: the getter then gives `undefined`.
    web_sys::window()?.speech_synthesis().ok().filter(|s| !s.is_undefined())
}

/// The voice for `lang`: one for that tag, else one for its language.
fn voice_for(lang: &str) -> Option<SpeechSynthesisVoice> {
    let wanted = base_lang(lang);
    let voices: Vec<SpeechSynthesisVoice> =
        synthesis()?.get_voices().iter().filter_map(|v| v.dyn_into().ok()).collect();
    voices
        .iter()
        .find(|v| v.lang().eq_ignore_ascii_case(lang))
        .or_else(|| voices.iter().find(|v| base_lang(&v.lang()) == wanted))
        .cloned()
}

pub fn can_speak(lang: &str) -> bool {
    voice_for(lang).is_some()
}

pub fn watch_voices(on_change: Callback<()>) -> Option<Subscription> {
    let synth = synthesis()?;
    Some(Box::new(EventListener::new(&synth, "voiceschanged", move |_| on_change.emit(()))))
}

pub fn pause(pause: bool) {
    if let Some(synth) = synthesis() {
        if pause {
            synth.pause();
        } else {
            synth.resume();
        }
    }
}

/// One widget's reading: the utterances being read with their event handlers, kept alive until
/// reading stops (and stopped when the widget goes).
#[derive(Default)]
pub struct Reading {
    queue: RefCell<Vec<Utterance>>,
}

impl Reading {
    /// Reads `blocks` aloud in `lang`, one after another, from `from`.
    pub fn speak(&self, blocks: Vec<String>, from: usize, lang: &str, on_event: Callback<SpeechEvent>) {
        self.stop();
        let Some(synth) = synthesis() else {
            on_event.emit(SpeechEvent::Ended);
            return;
        };
        let voice = voice_for(lang);
        let last = blocks.len().saturating_sub(1);
        let mut queue = self.queue.borrow_mut();
        for (i, text) in blocks.into_iter().enumerate().skip(from) {
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text) else { continue };
            utterance.set_lang(lang);
            if let Some(v) = &voice {
                utterance.set_voice(Some(v));
            }
            let started = on_event.clone();
            let onstart = Closure::<dyn FnMut()>::new(move || started.emit(SpeechEvent::Block(i)));
            utterance.set_onstart(Some(onstart.as_ref().unchecked_ref()));
            let mut handlers = vec![onstart];
            if i == last {
                let ended = on_event.clone();
                let onend = Closure::<dyn FnMut()>::new(move || ended.emit(SpeechEvent::Ended));
                utterance.set_onend(Some(onend.as_ref().unchecked_ref()));
                handlers.push(onend);
            }
            synth.speak(&utterance);
            queue.push((utterance, handlers));
        }
    }

    pub fn stop(&self) {
        // Detach the handlers first: cancelling fires events after the handlers would be freed.
        for (utterance, _) in self.queue.borrow_mut().drain(..) {
            utterance.set_onstart(None);
            utterance.set_onend(None);
        }
        if let Some(synth) = synthesis() {
            synth.cancel();
        }
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        if !self.queue.borrow().is_empty() {
            self.stop();
        }
    }
}
