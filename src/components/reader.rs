//! The root component of one widget: loads the article, picks the language, and lays out the
//! toggle, the article, the share row and the follow links. Its effects and handlers are custom
//! hooks in `hooks/`, one concern each; this component only wires them to the views.

use std::rc::Rc;

use yew::prelude::*;

use super::{
    article_view::ArticleView,
    follow_bar::follow_bar,
    hooks::{
        accept_inline, use_article_loader, use_first_frames, use_language, use_outcome_events, use_read_aloud,
        use_reading_prefs, use_share, MASTODON_SETTING, PREFS_SETTING,
    },
    lang_toggle::lang_toggle,
    progress_bar::ProgressBar,
    read_aloud::read_aloud,
    settings_panel::SettingsPanel,
    share_bar::ShareBar,
    state::{ArticleSource, Phase, ReaderAction, ReaderState},
    status_view::{error_view, loading_view},
};
use crate::{
    core::{
        config::WidgetConfig,
        i18n::{fill, ui_strings, UiStrings},
        images::ImagePolicy,
        lang::{autonym, dir},
        prefs::{ReadingPrefs, TEXT_SIZES},
    },
    host::HostHandle,
};

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub config: Rc<WidgetConfig>,
    /// Fixed for the life of a widget: the embed layer mounts a new one when `data-src` changes.
    pub source: ArticleSource,
    pub host: HostHandle,
}

/// The origins whose images load without the reader's click: the page's, the document's and those
/// of `data-images-from` (core/images.rs).
fn image_policy(config: &WidgetConfig, source: &ArticleSource, host: &HostHandle) -> ImagePolicy {
    let mut chosen = config.images_from.clone();
    if let ArticleSource::Remote(url) = source {
        chosen.extend(host.resolve_url(url));
    }
    ImagePolicy::new(&host.page_url(), &chosen)
}

/// The saved comfort settings, and the article at once when it is inline.
fn initial_state(props: &ReaderProps) -> ReaderState {
    let prefs = props.host.setting(PREFS_SETTING).map(|s| ReadingPrefs::from_setting(&s)).unwrap_or_default();
    let (phase, partial) = match &props.source {
        ArticleSource::Inline(text) => match accept_inline(text, &props.config, &props.host) {
            ReaderAction::Loaded { article, lang, partial } => (Phase::Ready { article, lang }, partial),
            ReaderAction::Failed(f) => (Phase::Failed(Rc::new(f)), false),
            _ => (Phase::Loading, false),
        },
        ArticleSource::Remote(_) => (Phase::Loading, false),
    };
    ReaderState { partial, ..ReaderState::new(phase, prefs) }
}

/// The UI language: `data-ui-lang`, else the article's current language, else the reader's.
fn ui_for(config: &WidgetConfig, article_lang: Option<&str>, host: &HostHandle) -> &'static UiStrings {
    // navigator.languages is asked for only when nothing closer names a language.
    let tag = config.ui_lang.as_deref().or(article_lang).or(config.lang.as_deref()).map(str::to_string);
    let tag = tag
        .or_else(|| host.browser_langs().into_iter().next())
        .unwrap_or_else(|| crate::core::lang::FALLBACK_LANG.to_string());
    ui_strings(&tag)
}

#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    props.host.enter();
    let state = use_reducer(|| initial_state(props));
    let (config, host) = (&props.config, &props.host);
    let loader = use_article_loader(&state, &props.source, config, host);
    let on_retry = loader.on_retry;
    let waited = use_first_frames(host, state.shown);
    // Whether the widget is drawn whole: its first screen has been painted, or it had none to wait
    // for (the server renderer, a widget behind a pre-rendered snippet), and its whole document
    // has been read. `ready` waits for it.
    let complete = (waited || !host.first_screen_first()) && !state.partial;
    use_outcome_events(&state, host, complete);
    let speech = use_read_aloud(&state, host);
    let share = use_share(&state, config, host);
    let on_select = use_language(&state, &props.source, config, host, &loader.read_whole);
    let reading = use_reading_prefs(&state, host);
    let theme = state.prefs.theme.unwrap_or(config.theme).class();
    let size = TEXT_SIZES[state.prefs.text_size.min(TEXT_SIZES.len() - 1)];
    let measure = state.prefs.measure.class();
    let parallel = state.parallel.is_some().then_some("side-by-side");
    let (ui, content) = match &state.phase {
        // A document already on its way (embed.js asked for it while the module loaded) usually
        // arrives within the first two frames: nothing is drawn until then, neither a loading
        // view, which would also cost a render, a layout and a paint of its own, nor the widget's
        // empty box (its padding and background would flash, then grow: a layout shift).
        Phase::Loading if !complete => return Html::default(),
        Phase::Loading => {
            let ui = ui_for(config, None, host);
            (ui, loading_view(ui))
        }
        Phase::Failed(failure) => {
            let ui = ui_for(config, None, host);
            (ui, error_view(failure, ui, &on_retry))
        }
        Phase::Ready { article, lang } => {
            let t = article.translations.get(*lang).unwrap_or(&article.translations[0]);
            let ui = ui_for(config, Some(&t.lang), host);
            // The browser's words for the date (Intl, whose first use costs 25-50 ms) come after the
            // first paint; until then none, or the ISO date where a pre-rendered drawing of the
            // article, which shows it, is what the reader sees (see hooks/after_paint.rs).
            let date_label = article
                .published
                .as_ref()
                .filter(|_| complete)
                .map(|d| AttrValue::from(if waited { host.format_date(d, &t.lang) } else { d.clone() }));
            let announce =
                if state.switched { fill(ui.now_reading, &[("language", &autonym(&t.lang))]) } else { String::new() };
            // Looked at on each render; `state.voices` changes when the browser's voices do.
            let can_speak = host.can_speak(&t.lang);
            let html = html! {
                <>
                    <ProgressBar host={host.clone()} />
                    <div class="toolbar">
                        { lang_toggle(&article.langs(), *lang, ui.languages, &on_select) }
                        <div class="tools">
                            // Once the whole body is read (it reads every block from the first).
                            if can_speak && !state.partial { { read_aloud(ui, state.speech, &speech) } }
                            <SettingsPanel {ui} prefs={state.prefs} host_theme={config.theme} langs={article.langs()}
                                current={*lang} parallel={state.parallel} on_prefs={reading.on_prefs}
                                on_parallel={reading.on_parallel} />
                        </div>
                    </div>
                    <ArticleView article={article.clone()} lang={*lang} {ui} {date_label} parallel={state.parallel}
                        images={Rc::new(image_policy(config, &props.source, host).allowing(&state.images_allowed))}
                        dispatch={state.dispatcher()}
                        speaking={speech.speaking} url={AttrValue::from(share.content.url.clone())} host={host.clone()}
                        first_screen={!state.switched && host.first_screen_first()} partial={state.partial} />
                    // Below the article: after the first paint (see hooks/after_paint.rs).
                    if complete {
                    <ShareBar targets={share.targets} content={share.content} {ui} native_available={host.can_native_share()}
                        copy={state.copy} on_share={share.on_share} on_copy={share.on_copy} on_native={share.on_native}
                        on_mastodon={share.on_mastodon} mastodon_instance={host.setting(MASTODON_SETTING)} />
                    if let Some(publication) = &article.publication { { follow_bar(publication, ui) } }
                    }
                    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ announce }</div>
                </>
            };
            (ui, html)
        }
    };
    html! {
        // Busy while what follows the first screen is still to come (assistive technology waits).
        <div class={classes!("reader", theme, size, measure, parallel)} lang={ui.lang} dir={dir(ui.lang)}
            aria-busy={(!complete).then_some("true")}>
            <div class="frame">{ content }</div>
        </div>
    }
}
