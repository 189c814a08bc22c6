//! The root component of one widget: loads the article, picks the language, and lays out the
//! toggle, the article, the share row and the follow links.

use std::rc::Rc;

use yew::prelude::*;

use super::{
    article_view::ArticleView,
    follow_bar::FollowBar,
    lang_toggle::LangToggle,
    read_aloud::ReadAloud,
    settings_panel::SettingsPanel,
    share_bar::ShareBar,
    state::{ArticleSource, CopyStatus, Phase, ReaderAction, ReaderState, Speech},
    status_view::{ErrorView, LoadingView},
};
use crate::{
    core::{
        article::Article,
        config::WidgetConfig,
        events::WidgetEvent,
        failure::Failure,
        i18n::{fill, ui_strings, UiStrings},
        lang::{autonym, best_match, dir, negotiate, Preferences},
        prefs::{ReadingPrefs, TEXT_SIZES},
        share::{mastodon_href, parse_share_list, share_url, ShareContent},
        url::lang_param,
        validate::parse_article_bytes,
    },
    host::{HostHandle, SpeechEvent},
    loader::load_article,
};

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub config: Rc<WidgetConfig>,
    /// Fixed for the life of a widget: the embed layer mounts a new one when `data-src` changes.
    pub source: ArticleSource,
    pub host: HostHandle,
}

/// The setting that remembers the reader's comfort choices (one for all widgets and articles).
const PREFS_SETTING: &str = "prefs";

/// The setting that remembers the reader's Mastodon server.
const MASTODON_SETTING: &str = "mastodon";

/// The setting under which a reader's language choice is remembered: one per publication.
pub fn lang_setting_key(article: &Article) -> String {
    let publication = article
        .publication
        .as_ref()
        .map(|p| p.url.clone().unwrap_or_else(|| p.name.clone()))
        .unwrap_or_else(|| article.id.clone());
    format!("lang:{publication}")
}

/// Parses a document and picks its initial language (SPEC section 4 order).
fn accept(bytes: &[u8], origin: &str, config: &WidgetConfig, host: &HostHandle) -> ReaderAction {
    match parse_article_bytes(bytes) {
        Ok(parsed) => {
            for w in &parsed.warnings {
                host.log_warning(&format!("article-reader: {origin}: {w}"));
            }
            let article = parsed.article;
            let prefs = Preferences {
                deep_link: lang_param(&host.page_url()),
                saved: host.setting(&lang_setting_key(&article)),
                attribute: config.lang.clone(),
                browser: host.browser_langs(),
            };
            let (lang, _) = negotiate(&article.langs(), &article.default_lang, &prefs);
            ReaderAction::Loaded { article: Rc::new(article), lang }
        }
        Err(rejection) => ReaderAction::Failed(Failure::invalid(origin, &rejection)),
    }
}

fn initial_state(props: &ReaderProps) -> ReaderState {
    let prefs = props.host.setting(PREFS_SETTING).map(|s| ReadingPrefs::from_setting(&s)).unwrap_or_default();
    let phase = match &props.source {
        ArticleSource::Inline(text) => match accept(text.as_bytes(), "inline article", &props.config, &props.host) {
            ReaderAction::Loaded { article, lang } => Phase::Ready { article, lang },
            ReaderAction::Failed(f) => Phase::Failed(Rc::new(f)),
            _ => Phase::Loading,
        },
        ArticleSource::Remote(_) => Phase::Loading,
    };
    ReaderState::new(phase, prefs)
}

/// The UI language: `data-ui-lang`, else the article's current language, else the reader's.
fn ui_for(config: &WidgetConfig, article_lang: Option<&str>, host: &HostHandle) -> &'static UiStrings {
    let browser = host.browser_langs();
    let tag = config
        .ui_lang
        .as_deref()
        .or(article_lang)
        .or(config.lang.as_deref())
        .or(browser.first().map(String::as_str))
        .unwrap_or("en");
    ui_strings(tag)
}

#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    props.host.enter();
    let state = use_reducer(|| initial_state(props));
    let host = props.host.clone();
    let config = props.config.clone();
    // The settings as they are now, for a document that arrives after `data-lang` changed.
    let latest_config = use_mut_ref(|| config.clone());
    *latest_config.borrow_mut() = config.clone();

    // Fetch remote documents, again on each Retry.
    {
        let (state, host, config, latest) = (state.clone(), host.clone(), config.clone(), latest_config.clone());
        use_effect_with((props.source.clone(), state.attempt), move |(source, _)| {
            if let (ArticleSource::Remote(url), Phase::Loading) = (source, &state.phase) {
                let (origin, h) = (url.clone(), host.clone());
                let dispatcher = state.dispatcher();
                load_article(
                    host.clone(),
                    url.clone(),
                    (*config).clone(),
                    Callback::from(move |result: Result<Vec<u8>, Failure>| {
                        let cfg = latest.borrow().clone();
                        dispatcher.dispatch(match result {
                            Ok(bytes) => accept(&bytes, &origin, &cfg, &h),
                            Err(failure) => ReaderAction::Failed(failure),
                        })
                    }),
                );
            }
        });
    }

    // Tell the page once per outcome: ready, or the precise reason it failed.
    {
        let (phase, host) = (state.phase.clone(), host.clone());
        use_effect_with(state.shown, move |shown| {
            if *shown > 0 {
                match &phase {
                    Phase::Ready { article, lang } => host.emit(WidgetEvent::Ready {
                        id: article.id.clone(),
                        lang: article.translations.get(*lang).map(|t| t.lang.clone()).unwrap_or_default(),
                        langs: article.langs(),
                    }),
                    Phase::Failed(f) => {
                        host.log_error(&format!("article-reader: {}", f.detail));
                        host.emit(WidgetEvent::Error {
                            id: None,
                            code: f.code.to_string(),
                            message: f.detail.clone(),
                            path: f.path.clone(),
                        });
                    }
                    Phase::Loading => {}
                }
            }
        });
    }

    // Reading progress while an article is shown.
    {
        let (host, dispatcher) = (host.clone(), state.dispatcher());
        let ready = matches!(state.phase, Phase::Ready { .. });
        use_effect_with(ready, move |ready| {
            let subscription = ready
                .then(|| host.watch_progress(Callback::from(move |p| dispatcher.dispatch(ReaderAction::Progress(p)))))
                .flatten();
            move || drop(subscription)
        });
    }

    // Voices load late in some browsers: look again when they change. Stop reading when unmounted.
    {
        let (host, dispatcher) = (host.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let subscription =
                host.watch_voices(Callback::from(move |_| dispatcher.dispatch(ReaderAction::VoicesChanged)));
            move || {
                drop(subscription);
                host.stop_speech();
            }
        });
    }

    // Report share targets that data-share names but this widget does not know.
    let share_attr = config.share.clone();
    let (targets, unknown) = parse_share_list(share_attr.as_deref());
    {
        let host = host.clone();
        use_effect_with(unknown, move |unknown| {
            for name in unknown {
                host.log_warning(&format!("article-reader: data-share: unknown share target {name:?} skipped"));
            }
        });
    }

    // Where the reader was in the text before a switch, restored once the new text is drawn.
    let place = use_mut_ref(|| None::<(u32, f64)>);
    {
        let (place, host) = (place.clone(), host.clone());
        let current = match &state.phase {
            Phase::Ready { lang, .. } => Some(*lang),
            _ => None,
        };
        use_effect_with(current, move |_| {
            if let Some(p) = place.borrow_mut().take() {
                host.restore_place(p);
            }
        });
    }

    let select = {
        let (state, host, place) = (state.clone(), host.clone(), place.clone());
        Callback::from(move |(to, save): (usize, bool)| {
            if let Phase::Ready { article, lang } = &state.phase {
                let (Some(from), Some(target)) = (article.translations.get(*lang), article.translations.get(to)) else {
                    return;
                };
                if *lang == to {
                    return;
                }
                let (from, to_tag) = (from.lang.clone(), target.lang.clone());
                *place.borrow_mut() = host.remember_place();
                if state.speech != Speech::Idle {
                    host.stop_speech();
                }
                state.dispatch(ReaderAction::SelectLang(to));
                if save {
                    host.set_setting(&lang_setting_key(article), &to_tag);
                }
                host.emit(WidgetEvent::LangChange { id: article.id.clone(), from, to: to_tag });
            }
        })
    };

    // `data-lang` changed on the mount element after mount: switch, without saving a choice.
    {
        let (state, select) = (state.clone(), select.clone());
        let last = use_mut_ref(|| config.lang.clone());
        use_effect_with((config.lang.clone(), state.shown), move |(wanted, _)| {
            // A change made while the article loads waits for it (the load already used it).
            if *last.borrow() != *wanted {
                if let Phase::Ready { article, .. } = &state.phase {
                    *last.borrow_mut() = wanted.clone();
                    if let Some(i) = wanted.as_deref().and_then(|tag| best_match(&article.langs(), tag)) {
                        select.emit((i, false));
                    }
                }
            }
        });
    }

    let theme = state.prefs.theme.unwrap_or(config.theme).class();
    let size = TEXT_SIZES[state.prefs.text_size.min(TEXT_SIZES.len() - 1)];
    let measure = state.prefs.measure.class();
    let parallel = state.parallel.is_some().then_some("side-by-side");
    let body = match &state.phase {
        Phase::Loading => {
            let ui = ui_for(&config, None, &host);
            (ui, html! { <LoadingView {ui} /> })
        }
        Phase::Failed(failure) => {
            let ui = ui_for(&config, None, &host);
            let dispatcher = state.dispatcher();
            let on_retry = Callback::from(move |_| dispatcher.dispatch(ReaderAction::Retry));
            (ui, html! { <ErrorView failure={failure.clone()} {ui} {on_retry} /> })
        }
        // The reducer only ever sets an index it has checked; the article has at least one translation.
        Phase::Ready { article, lang } => {
            let t = article.translations.get(*lang).unwrap_or(&article.translations[0]);
            let ui = ui_for(&config, Some(&t.lang), &host);
            let content = ShareContent {
                url: share_url(config.share_url.as_deref(), t.url.as_deref(), &host.page_url(), &t.lang),
                title: t.title.clone(),
            };
            let date_label = article.published.as_ref().map(|d| AttrValue::from(host.format_date(d, &t.lang)));
            let announce =
                if state.switched { fill(ui.now_reading, &[("language", &autonym(&t.lang))]) } else { String::new() };
            let on_share = {
                let (host, id, lang) = (host.clone(), article.id.clone(), t.lang.clone());
                Callback::from(move |target: &'static str| {
                    host.emit(WidgetEvent::Share { id: id.clone(), lang: lang.clone(), target: target.to_string() })
                })
            };
            let on_copy = {
                let (host, url, dispatcher, on_share) =
                    (host.clone(), content.url.clone(), state.dispatcher(), on_share.clone());
                Callback::from(move |_| {
                    on_share.emit("copy");
                    let dispatcher = dispatcher.clone();
                    host.copy_text(
                        &url,
                        Callback::from(move |ok: bool| {
                            dispatcher.dispatch(ReaderAction::Copy(if ok {
                                CopyStatus::Copied
                            } else {
                                CopyStatus::Failed
                            }))
                        }),
                    );
                })
            };
            let on_native = {
                let (host, content, on_share) = (host.clone(), content.clone(), on_share.clone());
                Callback::from(move |_| {
                    on_share.emit("native");
                    host.native_share(&content);
                })
            };
            let on_mastodon = {
                let (host, content, on_share) = (host.clone(), content.clone(), on_share.clone());
                Callback::from(move |instance: String| {
                    on_share.emit("mastodon");
                    host.set_setting(MASTODON_SETTING, &instance);
                    host.open_url(&mastodon_href(&instance, &content));
                })
            };
            let on_select = select.reform(|i: usize| (i, true));
            let on_prefs = {
                let (host, dispatcher) = (host.clone(), state.dispatcher());
                Callback::from(move |prefs: ReadingPrefs| {
                    host.set_setting(PREFS_SETTING, &prefs.to_setting());
                    dispatcher.dispatch(ReaderAction::Prefs(prefs));
                })
            };
            let on_parallel = {
                let dispatcher = state.dispatcher();
                Callback::from(move |other: Option<usize>| dispatcher.dispatch(ReaderAction::Parallel(other)))
            };
            let speaking = match state.speech {
                Speech::Playing(i) | Speech::Paused(i) => Some(i),
                Speech::Idle => None,
            };
            let on_play = {
                let (host, dispatcher, t) = (host.clone(), state.dispatcher(), t.clone());
                Callback::from(move |_| {
                    let texts = t.body.iter().map(|b| b.plain_text()).collect();
                    let d = dispatcher.clone();
                    host.speak(
                        texts,
                        0,
                        &t.lang,
                        Callback::from(move |event| {
                            d.dispatch(ReaderAction::Speech(match event {
                                SpeechEvent::Block(i) => Speech::Playing(i),
                                SpeechEvent::Ended => Speech::Idle,
                            }))
                        }),
                    );
                })
            };
            let on_pause = {
                let (host, dispatcher, speaking) = (host.clone(), state.dispatcher(), speaking.unwrap_or(0));
                Callback::from(move |pause: bool| {
                    host.pause_speech(pause);
                    dispatcher.dispatch(ReaderAction::Speech(if pause {
                        Speech::Paused(speaking)
                    } else {
                        Speech::Playing(speaking)
                    }));
                })
            };
            let on_stop = {
                let (host, dispatcher) = (host.clone(), state.dispatcher());
                Callback::from(move |_| {
                    host.stop_speech();
                    dispatcher.dispatch(ReaderAction::Speech(Speech::Idle));
                })
            };
            // Looked at on each render; `state.voices` changes when the browser's voices do.
            let can_speak = host.can_speak(&t.lang);
            let html = html! {
                <>
                    <progress class="progress" max="100" value={state.progress.to_string()} aria-hidden="true"></progress>
                    <div class="toolbar">
                        <LangToggle langs={article.langs()} current={*lang} label={ui.languages} {on_select} />
                        <div class="tools">
                            if can_speak {
                                <ReadAloud {ui} speech={state.speech} {on_play} {on_pause} {on_stop} />
                            }
                            <SettingsPanel {ui} prefs={state.prefs} host_theme={config.theme} langs={article.langs()}
                                current={*lang} parallel={state.parallel} {on_prefs} {on_parallel} />
                        </div>
                    </div>
                    <ArticleView article={article.clone()} lang={*lang} {ui} {date_label} parallel={state.parallel} {speaking}
                        url={AttrValue::from(content.url.clone())} />
                    <ShareBar {targets} {content} {ui} native_available={host.can_native_share()} copy={state.copy}
                        {on_share} {on_copy} {on_native} {on_mastodon}
                        mastodon_instance={host.setting(MASTODON_SETTING)} />
                    if let Some(publication) = &article.publication {
                        <FollowBar publication={publication.clone()} {ui} />
                    }
                    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ announce }</div>
                </>
            };
            (ui, html)
        }
    };
    let (ui, content) = body;
    html! {
        <div class={classes!("reader", theme, size, measure, parallel)} lang={ui.lang} dir={dir(ui.lang)}>
            <div class="frame">{ content }</div>
        </div>
    }
}
