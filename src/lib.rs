//! article-reader: an embeddable reader widget that shows one article in several languages, with
//! share links, entirely in the reader's browser.
//!
//! - [`core`]: pure Rust (article model and validation, languages, share links, UI strings).
//! - [`components`]: the Yew components that draw a widget.
//! - `embed` (browser only): mounting on the host page, shadow roots, attributes and events.

pub mod components;
pub mod core;
pub mod host;
pub mod loader;

#[cfg(target_arch = "wasm32")]
mod embed;
