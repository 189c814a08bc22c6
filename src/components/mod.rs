//! Thin Yew views, one a file: each draws one part of a widget from the pure core's data.
//! State lives in one reducer per widget ([`state`]); browser services come through [`crate::host`].
//! Parts with state or hooks, and those worth skipping when their props are unchanged, are function
//! components; the others are plain functions returning `Html`, since every component type costs
//! its own copy of Yew's component machinery in the WASM (docs/size.md).

pub mod article_view;
pub mod block_view;
pub mod follow_bar;
mod hooks;
pub mod icon;
pub mod lang_toggle;
pub mod progress_bar;
pub mod read_aloud;
pub mod reader;
pub mod settings_panel;
pub mod share_bar;
pub mod state;
pub mod status_view;

pub use reader::{Reader, ReaderProps};
pub use state::ArticleSource;
