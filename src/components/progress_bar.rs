//! The reading-progress bar: a thin bar above the toolbar showing how far through the article the
//! reader has scrolled.
//!
//! It follows the scroll itself, with its own state, so that scrolling re-renders this bar alone
//! and not the whole widget.

use yew::prelude::*;

use crate::host::HostHandle;

#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    pub host: HostHandle,
}

#[function_component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let progress = use_state_eq(|| 0u8);
    {
        let (host, progress) = (props.host.clone(), progress.clone());
        use_effect_with((), move |_| {
            let subscription = host.watch_progress(Callback::from(move |p| progress.set(p)));
            move || drop(subscription)
        });
    }
    html! {
        // Decorative: the reader's place is plain from the text itself.
        <progress class="progress" max="100" value={progress.to_string()} aria-hidden="true"></progress>
    }
}
