//! What a widget shows while its article loads, or when it cannot be shown: never a blank box.

use yew::prelude::*;

use crate::core::{
    failure::{Failure, FailureKind},
    i18n::{fill, UiStrings},
};

#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    pub ui: &'static UiStrings,
}

#[function_component]
pub fn LoadingView(props: &LoadingProps) -> Html {
    html! {
        <div class="status loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            <p>{ props.ui.loading }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorProps {
    pub failure: std::rc::Rc<Failure>,
    pub ui: &'static UiStrings,
    pub on_retry: Callback<()>,
}

/// A short, localized explanation with a Retry where retrying can help; the precise cause goes to
/// the console and to the `article-reader:error` event.
#[function_component]
pub fn ErrorView(props: &ErrorProps) -> Html {
    let ui = props.ui;
    let message = match props.failure.kind {
        FailureKind::Network => ui.error_network.to_string(),
        FailureKind::Status(status) => fill(ui.error_status, &[("status", &status.to_string())]),
        FailureKind::Timeout => ui.error_timeout.to_string(),
        FailureKind::Invalid => ui.error_invalid.to_string(),
    };
    let on_retry = props.on_retry.clone();
    html! {
        <div class="status error" role="alert" data-code={props.failure.code}>
            <p class="error-title"><strong>{ ui.error_title }</strong></p>
            <p class="error-message">{ message }</p>
            if props.failure.retryable() {
                <button type="button" class="retry" onclick={move |_| on_retry.emit(())}>{ ui.retry }</button>
            }
        </div>
    }
}
