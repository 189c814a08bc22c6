//! The custom hooks of [`Reader`](super::reader::Reader), one concern each, so that the root
//! component only wires state to views.
//!
//! Hooks run on every render and in the same order, whatever the phase: handlers that only make
//! sense once an article is shown are built from the state of the render that drew them, and do
//! nothing while there is no article.

mod after_paint;
mod events;
mod language;
mod load;
mod reading;
mod share;
mod speech;

pub use after_paint::use_first_frames;
pub use events::use_outcome_events;
pub use language::use_language;
pub use load::{accept_inline, use_article_loader};
pub use reading::{use_reading_prefs, PREFS_SETTING};
pub use share::{use_share, MASTODON_SETTING};
pub use speech::{use_read_aloud, SpeechHandlers};
