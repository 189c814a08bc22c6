//! Sharing: the share row's targets, what it shares, and its handlers.

use yew::prelude::*;

use crate::{
    components::state::{CopyStatus, ReaderAction, StateHandle},
    core::{
        config::WidgetConfig,
        events::WidgetEvent,
        networks::ShareTarget,
        share::{mastodon_href, share_url, ShareContent},
        text::Quoted,
    },
    host::HostHandle,
};

/// The setting that remembers the reader's Mastodon server.
pub const MASTODON_SETTING: &str = "mastodon";

/// What the share row needs besides the UI strings.
pub struct Share {
    /// The targets `data-share` names that this widget knows, in its order.
    pub targets: Vec<ShareTarget>,
    /// The current translation's link and title (empty while no article is shown).
    pub content: ShareContent,
    /// Fires `article-reader:share` with the target used.
    pub on_share: Callback<ShareTarget>,
    /// Copies the link and shows whether that worked.
    pub on_copy: Callback<()>,
    /// Opens the browser's share sheet.
    pub on_native: Callback<()>,
    /// Remembers the reader's server and opens its share page.
    pub on_mastodon: Callback<String>,
}

/// The share row's data and handlers, for the translation drawn in this render. Also reports, once,
/// the share targets `data-share` names but this widget does not know.
#[hook]
pub fn use_share(state: &StateHandle, config: &WidgetConfig, host: &HostHandle) -> Share {
    let targets = config.share.targets.clone();
    {
        let host = host.clone();
        use_effect_with(config.share.unknown.clone(), move |unknown| {
            for name in unknown {
                let name = Quoted(name);
                host.log_warning(&format!(
                    concat!(crate::console_prefix!(), "data-share: unknown share target {} skipped"),
                    name
                ));
            }
        });
    }

    let Some((article, t)) = state.current() else {
        // Nothing to share yet: the share row is not drawn.
        let content = ShareContent { url: String::new(), title: String::new() };
        let (on_share, on_copy, on_native, on_mastodon) = Default::default();
        return Share { targets, content, on_share, on_copy, on_native, on_mastodon };
    };
    let content = ShareContent {
        url: share_url(config.share_url.as_deref(), t.url.as_deref(), &host.page_url(), &t.lang),
        title: t.title.clone(),
    };
    let on_share = {
        let (host, id, lang) = (host.clone(), article.id.clone(), t.lang.clone());
        Callback::from(move |target: ShareTarget| {
            host.emit(WidgetEvent::Share { id: id.clone(), lang: lang.clone(), target })
        })
    };
    let on_copy = {
        let (host, url, dispatcher, on_share) =
            (host.clone(), content.url.clone(), state.dispatcher(), on_share.clone());
        Callback::from(move |_| {
            on_share.emit(ShareTarget::Copy);
            let dispatcher = dispatcher.clone();
            host.copy_text(
                &url,
                Callback::from(move |ok: bool| {
                    dispatcher.dispatch(ReaderAction::Copy(if ok { CopyStatus::Copied } else { CopyStatus::Failed }))
                }),
            );
        })
    };
    let on_native = {
        let (host, content, on_share) = (host.clone(), content.clone(), on_share.clone());
        Callback::from(move |_| {
            on_share.emit(ShareTarget::Native);
            host.native_share(&content);
        })
    };
    let on_mastodon = {
        let (host, content, on_share) = (host.clone(), content.clone(), on_share.clone());
        Callback::from(move |instance: String| {
            on_share.emit(ShareTarget::Mastodon);
            host.set_setting(MASTODON_SETTING, &instance);
            host.open_url(&mastodon_href(&instance, &content));
        })
    };
    Share { targets, content, on_share, on_copy, on_native, on_mastodon }
}
