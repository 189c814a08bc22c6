//! Where the reader is in a widget's article: its reading progress, and the block at the top of
//! the viewport, kept across a language switch.

use std::{cell::Cell, rc::Rc};

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::Callback;

use crate::host::Subscription;

/// The body blocks of the widget's article, in order.
const BLOCKS: &str = ".body > *";

fn article(element: &Element) -> Option<Element> {
    element.shadow_root()?.query_selector("article").ok()?
}

/// The reading progress through the widget's article, 0 to 100.
fn progress(element: &Element) -> Option<u8> {
    let rect = article(element)?.get_bounding_client_rect();
    let viewport = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let scrollable = rect.height() - viewport;
    let done = if scrollable <= 0.0 {
        if rect.top() <= 0.0 {
            1.0
        } else {
            0.0
        }
    } else {
        -rect.top() / scrollable
    };
    Some((done.clamp(0.0, 1.0) * 100.0).round() as u8)
}

/// Calls `on_change` with the progress once the widget is painted, and whenever it changes as the reader scrolls or resizes.
pub fn watch_progress(element: &Element, on_change: Callback<u8>) -> Option<Subscription> {
    let window = web_sys::window()?;
    let element = element.clone();
    let last = Cell::new(u8::MAX);
    let update = Rc::new(move || {
        if let Some(p) = progress(&element).filter(|p| *p != last.get()) {
            last.set(p);
            on_change.emit(p);
        }
    });
    // The first reading waits for the first paint: read now, it would force a layout before it.
    let (u0, u1, u2) = (update.clone(), update.clone(), update);
    let first = super::frames::after_paint(Callback::from(move |_| u0()));
    let options = EventListenerOptions { passive: true, ..EventListenerOptions::default() };
    let scroll = EventListener::new_with_options(&window, "scroll", options, move |_| u1());
    let resize = EventListener::new_with_options(&window, "resize", options, move |_| u2());
    Some(Box::new((scroll, resize, first)))
}

/// The body block at the top of the viewport and its distance from it, once the reader has
/// scrolled into the article.
pub fn remember_place(element: &Element) -> Option<(u32, f64)> {
    if article(element)?.get_bounding_client_rect().top() >= 0.0 {
        return None;
    }
    let blocks = element.shadow_root()?.query_selector_all(BLOCKS).ok()?;
    (0..blocks.length()).find_map(|i| {
        let el = blocks.item(i)?.dyn_into::<Element>().ok()?;
        let rect = el.get_bounding_client_rect();
        (rect.bottom() > 0.0).then(|| (i, rect.top()))
    })
}

/// Scrolls so that block `index` is back `top` pixels from the viewport's top.
pub fn restore_place(element: &Element, (index, top): (u32, f64)) {
    let Some(root) = element.shadow_root() else { return };
    let block = root
        .query_selector_all(BLOCKS)
        .ok()
        .and_then(|blocks| blocks.item(index))
        .and_then(|n| n.dyn_into::<Element>().ok());
    if let (Some(block), Some(window)) = (block, web_sys::window()) {
        let delta = block.get_bounding_client_rect().top() - top;
        if delta.abs() >= 1.0 {
            window.scroll_by_with_x_and_y(0.0, delta);
        }
    }
}
