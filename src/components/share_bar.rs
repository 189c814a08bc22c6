//! The share row: plain links computed from the current translation, a copy button and, where the
//! browser has one, its own share sheet. Nothing is loaded from any share service before a click.

use yew::prelude::*;

use super::{icon::icon, state::CopyStatus};
use crate::core::{
    i18n::{fill, UiStrings},
    networks::{ShareAction, ShareTarget},
    share::{instance_of, share_href, ShareContent},
};

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub targets: Vec<ShareTarget>,
    pub content: ShareContent,
    pub ui: &'static UiStrings,
    pub native_available: bool,
    pub copy: CopyStatus,
    /// Fired with the target whenever a share control is used.
    pub on_share: Callback<ShareTarget>,
    pub on_copy: Callback<()>,
    pub on_native: Callback<()>,
    /// The reader's Mastodon server from an earlier share, to fill in.
    pub mastodon_instance: Option<String>,
    /// Shares to Mastodon on the server the reader named (already validated).
    pub on_mastodon: Callback<String>,
}

#[function_component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let ui = props.ui;
    let mastodon_open = use_state(|| false);
    let mastodon_error = use_state(|| false);
    let instance_input = use_node_ref();
    let items = props.targets.iter().filter_map(|&target| {
        let n = target.network();
        let action = n.share?;
        let id = n.id;
        let label = match action {
            ShareAction::Copy => ui.copy_link.to_string(),
            ShareAction::Native => ui.native_share.to_string(),
            _ if target == ShareTarget::Email => ui.share_by_email.to_string(),
            _ => fill(ui.share_on, &[("network", n.name)]),
        };
        let item = match action {
            ShareAction::Link(_) => {
                let href = share_href(action, &props.content).unwrap_or_default();
                let on_share = props.on_share.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_share.emit(target));
                html! {
                    <a class={classes!("share-link", id)} data-target={id} href={href} target="_blank"
                        rel="noopener noreferrer" aria-label={label.clone()} title={label} {onclick}>
                        { icon(n.icon) }
                    </a>
                }
            }
            ShareAction::Native if !props.native_available => return None,
            // The other controls are buttons, alike but for what a click does; Mastodon's opens
            // the form that asks for the reader's server.
            _ => {
                let (onclick, expanded) = match action {
                    ShareAction::Copy => (props.on_copy.reform(|_: MouseEvent| ()), None),
                    ShareAction::Native => (props.on_native.reform(|_: MouseEvent| ()), None),
                    _ => {
                        let open = mastodon_open.clone();
                        let expanded = if *mastodon_open { "true" } else { "false" };
                        (Callback::from(move |_: MouseEvent| open.set(!*open)), Some(expanded))
                    }
                };
                html! {
                    <button type="button" class={classes!("share-link", id)} data-target={id} aria-label={label.clone()}
                        title={label} aria-expanded={expanded} {onclick}>
                        { icon(n.icon) }
                    </button>
                }
            }
        };
        Some(html! { <li>{ item }</li> })
    });
    let mastodon_form = (*mastodon_open).then(|| {
        let (on_mastodon, error) = (props.on_mastodon.clone(), mastodon_error.clone());
        let input = instance_input.clone();
        let onsubmit = Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = input.cast::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            match instance_of(&typed) {
                Some(h) => {
                    error.set(false);
                    on_mastodon.emit(h);
                }
                None => error.set(true),
            }
        });
        html! {
            <form class="mastodon-form" {onsubmit}>
                <label>{ ui.mastodon_instance }
                    <input ref={instance_input.clone()} name="instance" type="text" inputmode="url" autocomplete="off" spellcheck="false"
                        placeholder="mastodon.social"
                        value={props.mastodon_instance.clone().unwrap_or_default()} aria-invalid={if *mastodon_error { "true" } else { "false" }} />
                </label>
                <button type="submit">{ ui.mastodon_go }</button>
                if *mastodon_error { <p class="form-error">{ ui.mastodon_invalid }</p> }
            </form>
        }
    });
    html! {
        <nav class="share" part="share" aria-label={ui.share}>
            <span class="share-label" aria-hidden="true">{ ui.share }</span>
            <ul role="list">{ for items }</ul>
            { for mastodon_form }
            <p class="copy-status" role="status">
                { match props.copy {
                    CopyStatus::Copied => html! { <span class="copied">{ ui.link_copied }</span> },
                    CopyStatus::Failed => html! {
                        <span class="copy-failed">{ ui.copy_failed }{ " " }
                            <input class="copy-fallback" type="text" readonly=true value={props.content.url.clone()}
                                aria-label={ui.copy_link} />
                        </span>
                    },
                    CopyStatus::Idle => Html::default(),
                } }
            </p>
        </nav>
    }
}
