//! The language toggle: one button per translation, by its own name, the current one pressed.

use yew::prelude::*;

use crate::core::lang::autonym;

#[derive(Properties, PartialEq)]
pub struct LangToggleProps {
    /// Language tags, in the document's order.
    pub langs: Vec<String>,
    pub current: usize,
    /// Accessible name of the group, in the UI language.
    pub label: AttrValue,
    pub on_select: Callback<usize>,
}

#[function_component]
pub fn LangToggle(props: &LangToggleProps) -> Html {
    if props.langs.len() < 2 {
        return Html::default();
    }
    html! {
        <nav class="toggle" part="toggle" aria-label={props.label.clone()}>
            <ul role="list">
                { for props.langs.iter().enumerate().map(|(i, tag)| {
                    let pressed = i == props.current;
                    let onclick = props.on_select.reform(move |_: MouseEvent| i);
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
