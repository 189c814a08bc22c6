//! One body block, drawn as text: nothing in a document is ever parsed as HTML.

use yew::prelude::*;

use crate::core::{
    article::{Block, Run},
    i18n::{fill, UiStrings},
    images::{ImagePolicy, ImageVerdict},
};

/// What a block needs to draw its images: which load (the reader's choices included), the handler
/// of a "Show image from …" button, and the UI strings (also for links' new-tab hint).
pub struct Images<'a> {
    pub policy: &'a ImagePolicy,
    pub on_show: &'a Callback<String>,
    pub ui: &'static UiStrings,
}

/// One block; `highlight` marks the block being read aloud.
pub fn block_view(block: &Block, images: &Images, highlight: bool) -> Html {
    let new_tab = images.ui.new_tab;
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
        // Code and tables may be wider than the column: they scroll, and take the focus so that
        // the keyboard scrolls them too. Code reads left to right in any article.
        Block::Code { text } => html! {
            <pre {class} dir="ltr" tabindex="0"><code>{ text }</code></pre>
        },
        // The heading row's cells are column headings (`<th scope="col">`); a table with a caption
        // is a region named by it, which a screen reader's list of landmarks shows.
        Block::Table { rows, header, caption } => html! {
            <div class={classes!("table", class)} tabindex="0" role={caption.is_some().then_some("region")} aria-label={caption.clone()}>
                <table>
                    if let Some(caption) = caption { <caption>{ caption }</caption> }
                    <tbody>
                        { for rows.iter().enumerate().map(|(i, row)| html! {
                            <tr>{ for row.iter().map(|cell| if *header && i == 0 {
                                html! { <th scope="col">{ cell }</th> }
                            } else {
                                html! { <td>{ cell }</td> }
                            }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
        Block::Image { src, alt, caption } => {
            let picture = match images.policy.verdict(src) {
                ImageVerdict::Load => html! {
                    <img src={src.clone()} alt={alt.clone()} loading="lazy" decoding="async" referrerpolicy="no-referrer" />
                },
                // Held back: what the image is, and the reader's choice (nothing is requested until
                // then), or why there is none.
                verdict => html! {
                    <div class="status">
                        if !alt.is_empty() { <p class="image-alt">{ alt }</p> }
                        if let ImageVerdict::Ask(origin) = verdict {
                            <button type="button" class="show-image" onclick={
                                let origin = origin.clone();
                                images.on_show.reform(move |_: MouseEvent| origin.clone())
                            }>
                                { fill(images.ui.show_image, &[("host", origin.strip_prefix("https://").unwrap_or(origin.as_str()))]) }
                            </button>
                        } else {
                            <p class="image-note">{ images.ui.image_insecure }</p>
                        }
                    </div>
                },
            };
            html! {
                <figure class={classes!("image", class)}>
                    { picture }
                    if let Some(caption) = caption { <figcaption>{ caption }</figcaption> }
                </figure>
            }
        }
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
