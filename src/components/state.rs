//! The one reducer that holds a widget's state.

use std::rc::Rc;

use yew::Reducible;

use crate::core::{article::Article, failure::Failure};

/// Where the widget's article comes from, in SPEC order of precedence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleSource {
    /// A URL to fetch (`data-src`, or the bundled default article next to `embed.js`).
    Remote(String),
    /// The text of an inline `<script type="application/json">` child.
    Inline(Rc<str>),
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

#[derive(Clone, Debug, PartialEq)]
pub struct ReaderState {
    pub phase: Phase,
    /// Bumped by Retry; the loading effect depends on it.
    pub attempt: u32,
    /// Bumped each time an article or a failure is shown, so effects fire once per outcome.
    pub shown: u32,
    /// Set when the reader switched language, so the live region can announce it.
    pub switched: bool,
    pub copy: CopyStatus,
}

impl ReaderState {
    pub fn new(phase: Phase) -> Self {
        let shown = u32::from(!matches!(phase, Phase::Loading));
        ReaderState { phase, attempt: 0, shown, switched: false, copy: CopyStatus::Idle }
    }
}

pub enum ReaderAction {
    Loaded { article: Rc<Article>, lang: usize },
    Failed(Failure),
    Retry,
    SelectLang(usize),
    Copy(CopyStatus),
}

impl Reducible for ReaderState {
    type Action = ReaderAction;

    fn reduce(self: Rc<Self>, action: ReaderAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ReaderAction::Loaded { article, lang } => {
                next.phase = Phase::Ready { article, lang };
                next.shown += 1;
                next.switched = false;
            }
            ReaderAction::Failed(failure) => {
                next.phase = Phase::Failed(Rc::new(failure));
                next.shown += 1;
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
                }
                _ => return self,
            },
            ReaderAction::Copy(status) => next.copy = status,
        }
        Rc::new(next)
    }
}
