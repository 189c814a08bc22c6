//! An inline SVG icon from path data (see `core::networks`).

use yew::prelude::*;

/// A 24×24 icon, hidden from assistive technology: the control around it carries the name.
pub fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}
