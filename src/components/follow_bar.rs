//! The publication's "Follow us on" links.

use yew::prelude::*;

use super::icon::icon;
use crate::core::{article::Publication, i18n::UiStrings, networks::network};

/// The publication's links by network, icon first; nothing when it lists none.
pub fn follow_bar(publication: &Publication, ui: &'static UiStrings) -> Html {
    let links = &publication.follow;
    if links.is_empty() {
        return Html::default();
    }
    html! {
        <nav class="follow" aria-label={format!("{} {}", ui.follow_us, publication.name)}>
            <span class="follow-label">{ ui.follow_us }</span>
            <ul role="list">
                { for links.iter().map(|link| {
                    let known = network(&link.network);
                    let name = known.map(|n| n.name.to_string()).unwrap_or_else(|| link.network.clone());
                    let label = format!("{} ({})", name, ui.new_tab);
                    html! {
                        <li>
                            <a class="follow-link" href={link.url.clone()} target="_blank" rel="noopener noreferrer"
                                aria-label={label} title={name.clone()}>
                                if let Some(n) = known { { icon(n.icon) } } else { { name } }
                            </a>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
