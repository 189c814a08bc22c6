//! One body block, drawn as text: nothing in a document is ever parsed as HTML.

use yew::prelude::*;

use crate::core::article::{Block, Run};

/// One block. `new_tab` is the accessible hint for links that open a new tab, in the UI language;
/// `highlight` marks the block being read aloud.
pub fn block_view(block: &Block, new_tab: &'static str, highlight: bool) -> Html {
    let class = highlight.then_some("speaking");
    match block {
        Block::Paragraph { runs } => {
            html! { <p {class}>{ for runs.iter().map(|r| run(r, new_tab)) }</p> }
        }
        Block::Heading { text } => html! { <h2 {class}>{ text }</h2> },
        Block::Quote { text, cite } => html! {
            <figure class={classes!("quote", class)}>
                <blockquote><p>{ text }</p></blockquote>
                if let Some(cite) = cite { <figcaption>{ cite }</figcaption> }
            </figure>
        },
        Block::List { ordered: true, items } => {
            html! { <ol {class}>{ for items.iter().map(|i| html! { <li>{ i }</li> }) }</ol> }
        }
        Block::List { ordered: false, items } => {
            html! { <ul {class}>{ for items.iter().map(|i| html! { <li>{ i }</li> }) }</ul> }
        }
        Block::Image { src, alt, caption } => html! {
            <figure class={classes!("image", class)}>
                <img src={src.clone()} alt={alt.clone()} loading="lazy" decoding="async" referrerpolicy="no-referrer" />
                if let Some(caption) = caption { <figcaption>{ caption }</figcaption> }
            </figure>
        },
    }
}

fn run(run: &Run, new_tab: &'static str) -> Html {
    let mut content = html! { { run.text.clone() } };
    if run.em {
        content = html! { <em>{ content }</em> };
    }
    if run.strong {
        content = html! { <strong>{ content }</strong> };
    }
    match &run.href {
        Some(href) => html! {
            <a href={href.clone()} target="_blank" rel="noopener noreferrer" title={new_tab}>{ content }</a>
        },
        None => content,
    }
}
