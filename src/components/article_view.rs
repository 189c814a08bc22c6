//! The article in one language: title, byline, body and the author's bio.

use yew::prelude::*;

use super::{
    block_view::{block_view, Images},
    state::{ReaderAction, ReaderState},
};
use crate::core::{
    article::{Article, Translation},
    i18n::{fill, UiStrings},
    images::ImagePolicy,
    lang::dir,
    text::reading_minutes,
};

#[derive(Properties, PartialEq)]
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
}

#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let Some(t) = article.translations.get(props.lang) else { return Html::default() };
    let ui = props.ui;
    let on_show = props.dispatch.to_callback().reform(ReaderAction::AllowImages);
    let images = Images { policy: &props.images, on_show: &on_show, ui };
    let author = t.author_name.clone().or_else(|| article.author.as_ref().map(|a| a.name.clone()));
    let minutes = reading_minutes(t).to_string();
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
                    <span class="read-time" lang={ui.lang}>{ fill(ui.min_read, &[("minutes", &minutes)]) }</span>
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
                    { for t.body.iter().enumerate().map(|(i, b)| html! {
                        { block_view(b, &images, props.speaking == Some(i)) }
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
