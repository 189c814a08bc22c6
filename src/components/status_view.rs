//! What a widget shows while its article loads, or when it cannot be shown: never a blank box.

use yew::prelude::*;

use crate::core::{
    failure::{Failure, FailureKind},
    i18n::{fill, UiStrings},
};

/// Shown while the article loads, announced politely to screen readers.
pub fn loading_view(ui: &'static UiStrings) -> Html {
    html! {
        <div class="status loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            <p>{ ui.loading }</p>
        </div>
    }
}

/// A short, localized explanation with a Retry where retrying can help; the precise cause goes to
/// the console and to the `article-reader:error` event.
pub fn error_view(failure: &Failure, ui: &'static UiStrings, on_retry: &Callback<()>) -> Html {
    let message = match failure.kind {
        FailureKind::Network => ui.error_network.to_string(),
        FailureKind::Status(status) => fill(ui.error_status, &[("status", &status.to_string())]),
        FailureKind::Timeout => ui.error_timeout.to_string(),
        FailureKind::NotJson | FailureKind::InvalidArticle | FailureKind::UnsupportedSchema | FailureKind::TooLarge => {
            ui.error_invalid.to_string()
        }
        FailureKind::BadSource => ui.error_bad_src.to_string(),
        FailureKind::CrossOrigin => ui.error_cross_origin.to_string(),
    };
    let on_retry = on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="status error" role="alert" data-code={failure.kind.code()}>
            <p class="error-title"><strong>{ ui.error_title }</strong></p>
            <p class="error-message">{ message }</p>
            if failure.retryable() {
                <button type="button" class="retry" onclick={on_retry}>{ ui.retry }</button>
            }
        </div>
    }
}
