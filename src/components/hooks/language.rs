//! Switching language: by the toggle, or by a `data-lang` changed on the mount element.

use std::{cell::RefCell, rc::Rc};

use yew::prelude::*;

use crate::{
    components::state::{ArticleSource, Phase, ReaderAction, Speech, StateHandle},
    core::{article::Article, config::WidgetConfig, events::WidgetEvent, failure::Origin, lang::best_match},
    host::HostHandle,
};

/// The setting under which a reader's language choice is remembered: one per publication of one
/// origin. The publication is the document's word (its URL, else its name, else the article's id),
/// so the key also names the origin the document came from (for an inline document, the page's):
/// a document cannot overwrite, or read, the choice saved for another site's publication.
pub fn lang_setting_key(origin: Origin, article: &Article, host: &HostHandle) -> String {
    let url = match origin {
        Origin::Url(url) => host.resolve_url(url),
        Origin::Inline => Some(host.page_url()),
    };
    let site = url.as_deref().and_then(crate::core::url::origin).unwrap_or_default();
    let publication = article
        .publication
        .as_ref()
        .map(|p| p.url.clone().unwrap_or_else(|| p.name.clone()))
        .unwrap_or_else(|| article.id.clone());
    format!("lang:{site} {publication}")
}

/// Where the reader was in the text before a switch: `(block index, distance from the viewport top)`.
type Place = Rc<RefCell<Option<(u32, f64)>>>;

/// Language switching; returns the toggle's handler (a choice made there is remembered for the
/// publication). Keeps the reader's place across a switch, and follows `data-lang` changes. A
/// switch shows the other translation whole: `read_whole` first reads the rest of a document
/// whose first screen only is read yet (hooks/load.rs).
#[hook]
pub fn use_language(
    state: &StateHandle,
    source: &ArticleSource,
    config: &WidgetConfig,
    host: &HostHandle,
    read_whole: &Callback<(), bool>,
) -> Callback<usize> {
    let place = use_kept_place(state, host);
    let select = select_lang(state, source, host, place, read_whole.clone());
    use_data_lang(state, config, &select);
    select.reform(|i: usize| (i, true))
}

/// The place noted before a switch, restored once the new text is drawn (a switch replaces the
/// whole text, which would otherwise leave the reader somewhere else in it).
#[hook]
fn use_kept_place(state: &StateHandle, host: &HostHandle) -> Place {
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
    place
}

/// Switches to translation `to`, remembering the choice when `save`: notes the reader's place,
/// stops reading aloud and fires `article-reader:langchange`. Does nothing for the current one.
fn select_lang(
    state: &StateHandle,
    source: &ArticleSource,
    host: &HostHandle,
    place: Place,
    read_whole: Callback<(), bool>,
) -> Callback<(usize, bool)> {
    let (state, host, source) = (state.clone(), host.clone(), source.clone());
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
            // A document whose rest has a fault shows its error instead: no switch to announce.
            if !read_whole.emit(()) {
                return;
            }
            state.dispatch(ReaderAction::SelectLang(to));
            if save {
                host.set_setting(&lang_setting_key(source.origin(), article, &host), &to_tag);
            }
            host.emit(WidgetEvent::LangChange { id: article.id.clone(), from, to: to_tag });
        }
    })
}

/// `data-lang` changed on the mount element after mount: switch, without saving a choice. A change
/// made while the article loads waits for it (the load already used it).
#[hook]
fn use_data_lang(state: &StateHandle, config: &WidgetConfig, select: &Callback<(usize, bool)>) {
    let (state, select) = (state.clone(), select.clone());
    let last = use_mut_ref(|| config.lang.clone());
    use_effect_with((config.lang.clone(), state.shown), move |(wanted, _)| {
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
