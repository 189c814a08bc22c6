//! An inline SVG icon from path data (see `core::networks`).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IconProps {
    pub path: &'static str,
}

/// A 24×24 icon, hidden from assistive technology: the control around it carries the name.
#[function_component]
pub fn Icon(props: &IconProps) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d={props.path} fill="currentColor" />
        </svg>
    }
}
