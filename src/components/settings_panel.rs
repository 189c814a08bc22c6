//! Reading settings: text size, theme, line width and side-by-side reading, behind one button.

use yew::prelude::*;

use crate::core::{
    config::Theme,
    i18n::UiStrings,
    lang::autonym,
    prefs::{Measure, ReadingPrefs, TEXT_SIZES},
};

/// Text size steps as the reader sees them.
const SIZE_PERCENT: [u32; 5] = [88, 100, 113, 125, 150];

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub ui: &'static UiStrings,
    pub prefs: ReadingPrefs,
    /// The theme in force when the reader has not chosen one (the host's `data-theme`).
    pub host_theme: Theme,
    pub langs: Vec<String>,
    pub current: usize,
    pub parallel: Option<usize>,
    pub on_prefs: Callback<ReadingPrefs>,
    pub on_parallel: Callback<Option<usize>>,
}

#[function_component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let open = use_state(|| false);
    let ui = props.ui;
    let prefs = props.prefs;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let set = |change: fn(&mut ReadingPrefs, usize), value: usize| {
        let on_prefs = props.on_prefs.clone();
        Callback::from(move |_: Event| {
            let mut next = prefs;
            change(&mut next, value);
            on_prefs.emit(next);
        })
    };
    let size_by = |delta: isize| {
        let on_prefs = props.on_prefs.clone();
        let target = prefs.text_size.saturating_add_signed(delta).min(TEXT_SIZES.len() - 1);
        Callback::from(move |_: MouseEvent| on_prefs.emit(ReadingPrefs { text_size: target, ..prefs }))
    };
    let theme = prefs.theme.unwrap_or(props.host_theme);
    let themes = [
        (Theme::Auto, ui.theme_auto),
        (Theme::Light, ui.theme_light),
        (Theme::Dark, ui.theme_dark),
        (Theme::Sepia, ui.theme_sepia),
    ];
    let measures =
        [(Measure::Narrow, ui.width_narrow), (Measure::Normal, ui.width_normal), (Measure::Wide, ui.width_wide)];
    let on_parallel = {
        let on_parallel = props.on_parallel.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            on_parallel.emit(value.parse::<usize>().ok());
        })
    };
    html! {
        <div class="settings">
            <button type="button" class="tool settings-toggle" aria-expanded={if *open { "true" } else { "false" }}
                aria-controls="reader-settings" onclick={toggle} title={ui.settings}>
                <span aria-hidden="true">{ "Aa" }</span>
                <span class="visually-hidden">{ ui.settings }</span>
            </button>
            if *open {
                <div id="reader-settings" class="settings-panel" role="group" aria-label={ui.settings}>
                    <fieldset class="text-size">
                        <legend>{ ui.text_size }</legend>
                        // The visible "A−" stays part of the accessible name (WCAG 2.5.3, label in name).
                        <button type="button" class="size-down" title={ui.text_smaller}
                            disabled={prefs.text_size == 0} onclick={size_by(-1)}>
                            { "A−" }<span class="visually-hidden">{ " " }{ ui.text_smaller }</span>
                        </button>
                        <output class="size-value" aria-live="polite">{ format!("{} %", SIZE_PERCENT[prefs.text_size]) }</output>
                        <button type="button" class="size-up" title={ui.text_larger}
                            disabled={prefs.text_size + 1 == TEXT_SIZES.len()} onclick={size_by(1)}>
                            { "A+" }<span class="visually-hidden">{ " " }{ ui.text_larger }</span>
                        </button>
                    </fieldset>
                    <fieldset class="themes">
                        <legend>{ ui.theme }</legend>
                        { for themes.iter().enumerate().map(|(i, (t, label))| html! {
                            <label>
                                <input type="radio" name="theme" value={t.class()} checked={theme == *t}
                                    onchange={set(|p, i| p.theme = Some(Theme::ALL[i]), i)} />
                                { *label }
                            </label>
                        }) }
                    </fieldset>
                    <fieldset class="measures">
                        <legend>{ ui.line_width }</legend>
                        { for measures.iter().enumerate().map(|(i, (m, label))| html! {
                            <label>
                                <input type="radio" name="measure" value={m.class()} checked={prefs.measure == *m}
                                    onchange={set(|p, i| p.measure = Measure::ALL[i], i)} />
                                { *label }
                            </label>
                        }) }
                    </fieldset>
                    if props.langs.len() > 1 {
                        <label class="parallel-choice">{ ui.side_by_side }
                            <select onchange={on_parallel}>
                                <option value="" selected={props.parallel.is_none()}>{ ui.side_by_side_off }</option>
                                { for props.langs.iter().enumerate().filter(|(i, _)| *i != props.current).map(|(i, tag)| html! {
                                    <option value={i.to_string()} lang={tag.clone()} selected={props.parallel == Some(i)}>{ autonym(tag) }</option>
                                }) }
                            </select>
                        </label>
                    }
                </div>
            }
        </div>
    }
}
