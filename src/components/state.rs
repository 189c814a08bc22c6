//! The one reducer that holds a widget's state.

use std::rc::Rc;

use yew::Reducible;

use crate::core::{
    article::{Article, Translation},
    failure::{Failure, Origin},
    prefs::ReadingPrefs,
};

/// Where the widget's article comes from, in SPEC order of precedence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleSource {
    /// A URL to fetch (`data-src`, or the bundled default article next to `embed.js`).
    Remote(String),
    /// The text of an inline `<script type="application/json">` child.
    Inline(Rc<str>),
}

impl ArticleSource {
    /// Where its document comes from, as messages and saved settings name it.
    pub fn origin(&self) -> Origin<'_> {
        match self {
            ArticleSource::Remote(url) => Origin::Url(url),
            ArticleSource::Inline(_) => Origin::Inline,
        }
    }
}

/// What the widget is showing.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    Ready { article: Rc<Article>, lang: usize },
    Failed(Rc<Failure>),
}

/// The result of the last copy-link attempt, shown beside the share row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyStatus {
    Idle,
    Copied,
    Failed,
}

/// Reading aloud: which block is being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speech {
    Idle,
    Playing(usize),
    Paused(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReaderState {
    pub phase: Phase,
    /// Bumped by Retry; the loading effect depends on it.
    pub attempt: u32,
    /// Bumped each time an article or a failure is shown, so effects fire once per outcome.
    pub shown: u32,
    /// Set while the article shown is a long document's first screen (the first blocks of each
    /// translation), until the whole document has been read and checked (hooks/load.rs).
    pub partial: bool,
    /// Set when the reader switched language, so the live region can announce it.
    pub switched: bool,
    pub copy: CopyStatus,
    /// The reader's comfort settings.
    pub prefs: ReadingPrefs,
    /// The second language of side-by-side reading, as an index into the translations.
    pub parallel: Option<usize>,
    pub speech: Speech,
    /// Bumped when the browser's voices change, so read-aloud availability is looked at again.
    pub voices: u32,
    /// The origins the reader allowed images from, with a "Show image from …" button.
    pub images_allowed: Vec<String>,
}

impl ReaderState {
    pub fn new(phase: Phase, prefs: ReadingPrefs) -> Self {
        let shown = u32::from(!matches!(phase, Phase::Loading));
        ReaderState {
            phase,
            attempt: 0,
            shown,
            partial: false,
            switched: false,
            copy: CopyStatus::Idle,
            prefs,
            images_allowed: Vec::new(),
            parallel: None,
            speech: Speech::Idle,
            voices: 0,
        }
    }

    /// The article on show and its current translation, once one is ready.
    pub fn current(&self) -> Option<(&Rc<Article>, &Translation)> {
        match &self.phase {
            // The reducer only ever sets an index it has checked; the article has at least one translation.
            Phase::Ready { article, lang } => {
                Some((article, article.translations.get(*lang).unwrap_or(&article.translations[0])))
            }
            Phase::Loading | Phase::Failed(_) => None,
        }
    }
}

pub enum ReaderAction {
    Loaded {
        article: Rc<Article>,
        lang: usize,
        /// A long document's first screen: [`ReaderAction::Whole`] or a failure follows.
        partial: bool,
    },
    /// The whole document whose first screen is shown.
    Whole(Rc<Article>),
    Failed(Failure),
    Retry,
    SelectLang(usize),
    Copy(CopyStatus),
    Prefs(ReadingPrefs),
    Parallel(Option<usize>),
    Speech(Speech),
    VoicesChanged,
    /// The reader asked for the images of this origin.
    AllowImages(String),
}

/// The widget's one reducer, as the root component holds it and its hooks receive it.
pub type StateHandle = yew::UseReducerHandle<ReaderState>;

impl Reducible for ReaderState {
    type Action = ReaderAction;

    fn reduce(self: Rc<Self>, action: ReaderAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ReaderAction::Loaded { article, lang, partial } => {
                next.phase = Phase::Ready { article, lang };
                next.shown += 1;
                next.switched = false;
                next.partial = partial;
            }
            // The same translations as the first screen's (it was read from the same document),
            // so the language shown stays.
            ReaderAction::Whole(article) => match &self.phase {
                Phase::Ready { lang, .. } if self.partial => {
                    next.phase = Phase::Ready { article, lang: *lang };
                    next.partial = false;
                }
                _ => return self,
            },
            ReaderAction::Failed(failure) => {
                next.phase = Phase::Failed(Rc::new(failure));
                next.shown += 1;
                next.partial = false;
            }
            ReaderAction::Retry => {
                next.phase = Phase::Loading;
                next.attempt += 1;
            }
            ReaderAction::SelectLang(i) => match &self.phase {
                Phase::Ready { article, lang } if *lang != i && i < article.translations.len() => {
                    next.phase = Phase::Ready { article: article.clone(), lang: i };
                    next.switched = true;
                    next.copy = CopyStatus::Idle;
                    next.speech = Speech::Idle;
                    if next.parallel == Some(i) {
                        next.parallel = None;
                    }
                }
                _ => return self,
            },
            ReaderAction::Copy(status) => next.copy = status,
            ReaderAction::Prefs(prefs) => next.prefs = prefs,
            ReaderAction::Parallel(other) => next.parallel = other,
            ReaderAction::Speech(speech) => next.speech = speech,
            ReaderAction::VoicesChanged => next.voices += 1,
            ReaderAction::AllowImages(origin) => {
                if !next.images_allowed.contains(&origin) {
                    next.images_allowed.push(origin);
                }
            }
        }
        Rc::new(next)
    }
}
