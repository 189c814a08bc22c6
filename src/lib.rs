//! article-reader: an embeddable reader widget that shows one article in several languages, with
//! share links, entirely in the reader's browser.
//!
//! - [`core`]: pure Rust (article model and validation, languages, share links, UI strings).
//! - [`components`]: the Yew components that draw a widget.
//! - `embed` (browser only): mounting on the host page, shadow roots, attributes and events.
//!
//! Without the default `widget` feature only [`core`] is built (for the adapters' WASM module).

#[cfg(feature = "widget")]
pub mod components;
pub mod core;
#[cfg(feature = "widget")]
pub mod host;
#[cfg(feature = "widget")]
pub mod loader;

#[cfg(all(feature = "widget", target_arch = "wasm32"))]
mod embed;

/// The WASM modules' allocator (the widget's, and the adapters' which links this crate): talc
/// rather than the standard dlmalloc, smaller (2.9 KiB gzip of the widget's module) and faster;
/// memory is taken from the browser as the heap grows.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
