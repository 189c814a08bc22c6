//! The article in one language: title, byline, body and the author's bio.
//!
//! A long body is drawn first screen first: its first [`FIRST_SCREEN`] blocks with the title,
//! then, once the browser has painted them, more in later tasks (twice as many each time, at most
//! [`MAX_STEP`] more a task, in pieces that Yew leaves alone once drawn) until the whole body is
//! there: every block is in the page within a few tasks, for find-in-page, reading aloud and the
//! reader's place. A switch of language draws
//! the other translation whole, as do the server renderer (`article-reader render`, the tests) and
//! a widget replacing a pre-rendered snippet, which stays on screen until then.
//!
use yew::prelude::*;

use super::{
    block_view::{block_view, Images},
    state::{ReaderAction, ReaderState},
};
use crate::core::{
    article::{Article, Translation, FIRST_SCREEN},
    i18n::{fill, UiStrings},
    images::ImagePolicy,
    lang::dir,
    text::reading_minutes,
};
use crate::host::HostHandle;

/// The most blocks added in one task after the first screen (about 60 ms of work here). Each
/// piece of the body is [`FIRST_SCREEN`] blocks.
const MAX_STEP: usize = 1024;

#[derive(Properties)]
pub struct ArticleViewProps {
    pub article: std::rc::Rc<Article>,
    pub lang: usize,
    pub ui: &'static UiStrings,
    /// The publication date as the reader's locale writes it (from the browser's Intl).
    pub date_label: Option<AttrValue>,
    /// A second translation shown paragraph beside paragraph (side-by-side reading).
    #[prop_or_default]
    pub parallel: Option<usize>,
    /// The block being read aloud.
    #[prop_or_default]
    pub speaking: Option<usize>,
    /// The article's address, printed under it (print only: on screen the share row has it).
    #[prop_or_default]
    pub url: Option<AttrValue>,
    /// Which images load (core/images.rs), the reader's choices included.
    pub images: std::rc::Rc<ImagePolicy>,
    /// Where a "Show image from …" click goes.
    pub dispatch: UseReducerDispatcher<ReaderState>,
    /// Draws the rest of a long body after the first screen is painted (see the module's comment).
    pub host: HostHandle,
    /// Whether the body is drawn first screen first: the translation shown when the article
    /// arrived, in a page without a pre-rendered snippet; never after a switch.
    #[prop_or_default]
    pub first_screen: bool,
    /// Whether the article is a long document's first screen, read before the whole of it: its
    /// reading time waits for the whole body.
    #[prop_or_default]
    pub partial: bool,
}

impl PartialEq for ArticleViewProps {
    fn eq(&self, other: &Self) -> bool {
        // The article by identity (a new document is a new `Rc`): comparing a 10,000-block article
        // on each render of the widget cost more than drawing its first screen.
        std::rc::Rc::ptr_eq(&self.article, &other.article)
            && self.lang == other.lang
            && std::ptr::eq(self.ui, other.ui)
            && self.date_label == other.date_label
            && self.parallel == other.parallel
            && self.speaking == other.speaking
            && self.url == other.url
            && self.images == other.images
            && self.dispatch == other.dispatch
            && self.host == other.host
            && self.first_screen == other.first_screen
            && self.partial == other.partial
    }
}

#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let Some(t) = article.translations.get(props.lang) else { return Html::default() };
    let ui = props.ui;
    let on_show = props.dispatch.to_callback().reform(ReaderAction::AllowImages);
    let images = Images { policy: &props.images, on_show: &on_show, ui };
    let author = t.author_name.clone().or_else(|| article.author.as_ref().map(|a| a.name.clone()));
    // Counted once per translation shown (every word of the body), not on each render.
    let minutes = use_memo((std::rc::Rc::as_ptr(article) as usize, props.lang), |_| reading_minutes(t).to_string());
    let drawn = use_state_eq(|| FIRST_SCREEN);
    let len = t.body.len();
    let shown = if props.first_screen { (*drawn).min(len) } else { len };
    {
        let (host, drawn) = (props.host.clone(), drawn.clone());
        // Keyed on the blocks still to draw: it changes with each step, and when the body grows
        // (the whole document after its first screen).
        use_effect_with(len - shown, move |&left| {
            let more = (left > 0)
                .then(|| host.after_paint(Callback::from(move |_| drawn.set(shown + shown.min(MAX_STEP)))))
                .flatten();
            move || drop(more)
        });
    }
    html! {
        <article class="article" lang={t.lang.clone()} dir={dir(&t.lang)} aria-labelledby="reader-title">
            <header class="head">
                <h1 id="reader-title" class="title" part="title">{ &t.title }</h1>
                <p class="byline" part="byline">
                    if let Some(author) = author {
                        <span class="author">{ author }</span>
                    }
                    if let (Some(iso), Some(label)) = (&article.published, &props.date_label) {
                        <time datetime={iso.clone()}>{ label.clone() }</time>
                    }
                    if !props.partial {
                        <span class="read-time" lang={ui.lang}>{ fill(ui.min_read, &[("minutes", &*minutes)]) }</span>
                    }
                </p>
                <p class="code"><span class="visually-hidden" lang={ui.lang}>{ ui.article_code }{ ": " }</span>{ &article.id }</p>
            </header>
            if let Some(other) = props.parallel.and_then(|j| article.translations.get(j)) {
                <div class="body parallel" part="body">
                    { for (0..t.body.len().max(other.body.len())).map(|i| html! {
                        <div class="pair">
                            { cell(t, i, &images, props.speaking) }
                            { cell(other, i, &images, None) }
                        </div>
                    }) }
                </div>
            } else {
                <div class="body" part="body">
                    { for (0..shown.div_ceil(FIRST_SCREEN)).map(|k| html! {
                        <BodyPiece key={k} article={article.clone()} lang={props.lang} start={k * FIRST_SCREEN}
                            end={shown.min((k + 1) * FIRST_SCREEN)}
                            speaking={props.speaking.filter(|i| (k * FIRST_SCREEN..(k + 1) * FIRST_SCREEN).contains(i))}
                            images={props.images.clone()} dispatch={props.dispatch.clone()} {ui} />
                    }) }
                </div>
            }
            if let Some(bio) = &t.author_bio {
                <footer class="bio" part="bio">
                    <p>{ bio }</p>
                </footer>
            }
            if let Some(url) = &props.url {
                <p class="print-url">{ url.clone() }</p>
            }
        </article>
    }
}

/// One side of a side-by-side row: block `i` of a translation, in its own language and direction.
fn cell(t: &Translation, i: usize, images: &Images, speaking: Option<usize>) -> Html {
    html! {
        <div class="cell" lang={t.lang.clone()} dir={dir(&t.lang)}>
            if let Some(b) = t.body.get(i) {
                { block_view(b, images, speaking == Some(i)) }
            }
        </div>
    }
}

/// A piece of the body: blocks `start..end`, [`FIRST_SCREEN`] of them at most. A component, so
/// that a step drawing more of a long body leaves the pieces already drawn alone (Yew skips a
/// component whose props are unchanged): the whole body costs one drawing of each block.
#[derive(Properties)]
struct BodyPieceProps {
    article: std::rc::Rc<Article>,
    lang: usize,
    start: usize,
    end: usize,
    /// The block of this piece being read aloud.
    speaking: Option<usize>,
    images: std::rc::Rc<ImagePolicy>,
    dispatch: UseReducerDispatcher<ReaderState>,
    ui: &'static UiStrings,
}

impl PartialEq for BodyPieceProps {
    fn eq(&self, other: &Self) -> bool {
        // The article by identity, as in ArticleViewProps.
        std::rc::Rc::ptr_eq(&self.article, &other.article)
            && (self.lang, self.start, self.end, self.speaking) == (other.lang, other.start, other.end, other.speaking)
            && self.images == other.images
            && self.dispatch == other.dispatch
            && std::ptr::eq(self.ui, other.ui)
    }
}

#[function_component]
fn BodyPiece(props: &BodyPieceProps) -> Html {
    let Some(t) = props.article.translations.get(props.lang) else { return Html::default() };
    let on_show = props.dispatch.to_callback().reform(ReaderAction::AllowImages);
    let images = Images { policy: &props.images, on_show: &on_show, ui: props.ui };
    let blocks = t.body.get(props.start..props.end.min(t.body.len())).unwrap_or_default();
    html! {
        { for blocks.iter().enumerate().map(|(k, b)| block_view(b, &images, props.speaking == Some(props.start + k))) }
    }
}
