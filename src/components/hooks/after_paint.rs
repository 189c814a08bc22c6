//! What waits for the widget's first paint (see [`crate::host::Host::after_paint`]): the loading
//! view, which a document already on its way (embed.js asks for it while the module loads) makes
//! needless, and the publication date in the reader's language, whose first use of the browser's
//! `Intl` costs 25 to 50 ms of main thread here: more than the rest of the first render.

use yew::prelude::*;

use crate::host::HostHandle;

/// Whether two frames have passed since the widget was first drawn with `key` (the number of
/// outcomes shown: so the loading view waits from the mount, and the date from the render that
/// first shows the article). The server renderer has no frames: it stays `false`.
#[hook]
pub fn use_first_frames(host: &HostHandle, key: u32) -> bool {
    // The key whose frames have passed.
    let passed = use_state_eq(|| u32::MAX);
    {
        let (passed, host) = (passed.clone(), host.clone());
        use_effect_with(key, move |&key| {
            let pending = host.after_paint(Callback::from(move |_| passed.set(key)));
            move || drop(pending)
        });
    }
    *passed == key
}
