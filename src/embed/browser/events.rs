//! The widget's events, fired on its mount element.

use web_sys::{CustomEvent, CustomEventInit, Element};

use crate::{core::events::WidgetEvent, embed::json};

/// Fires `event` on `element`: bubbling and composed, its detail a plain object.
pub fn dispatch(element: &Element, event: &WidgetEvent) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&json::to_js(&event.detail()));
    if let Ok(ev) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
        // A host listener that throws must not take the widget down with it.
        let _ = element.dispatch_event(&ev);
    }
}
