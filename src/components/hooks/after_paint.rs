//! What waits for the widget's first paint (see [`crate::host::Host::after_paint`]): the loading
//! view, which a document already on its way (embed.js asks for it while the module loads) makes
//! needless, and the publication date in the reader's language, whose first use of the browser's
//! `Intl` costs 25 to 50 ms of main thread here: more than the rest of the first render.

use yew::prelude::*;

use crate::host::HostHandle;

/// Whether the widget's first two frames have passed: `false` at first, then, in a page, `true`
/// once they have (the server renderer has no frames: it stays `false`).
#[hook]
pub fn use_first_frames(host: &HostHandle) -> bool {
    let passed = use_state_eq(|| false);
    {
        let (passed, host) = (passed.clone(), host.clone());
        use_effect_with((), move |_| {
            let pending = host.after_paint(Callback::from(move |_| passed.set(true)));
            move || drop(pending)
        });
    }
    *passed
}
