//! The language toggle: one button per translation, by its own name, the current one pressed.

use yew::prelude::*;

use crate::core::lang::autonym;

/// `langs`: the language tags in the document's order; `label`: the group's accessible name, in the
/// UI language.
pub fn lang_toggle(langs: &[String], current: usize, label: &'static str, on_select: &Callback<usize>) -> Html {
    if langs.len() < 2 {
        return Html::default();
    }
    html! {
        <nav class="toggle" part="toggle" aria-label={label}>
            <ul role="list">
                { for langs.iter().enumerate().map(|(i, tag)| {
                    let pressed = i == current;
                    let onclick = on_select.reform(move |_: MouseEvent| i);
                    html! {
                        <li>
                            <button type="button" class="lang" lang={tag.clone()} data-lang={tag.clone()}
                                aria-pressed={if pressed { "true" } else { "false" }} {onclick}>
                                { autonym(tag) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
