//! The pure core of the widget: no web-sys, no DOM, compiled and tested natively.
//!
//! Everything a reader sees is decided here (what the article says, which language to show, which
//! links to offer); the components only draw it and the embed layer only connects it to the page.

pub mod adapters;
pub mod article;
pub mod config;
pub mod date;
pub mod events;
#[cfg(feature = "extract")]
pub mod extract;
pub mod failure;
pub mod format;
pub mod html;
pub mod i18n;
pub mod images;
pub mod lang;
// Written into js/embed.js and js/frame.js by a native program: never in a WASM module.
#[cfg(not(target_arch = "wasm32"))]
pub mod loader_table;
pub mod networks;
pub mod prefs;
pub mod runs;
pub mod share;
pub mod text;
pub mod url;
pub mod validate;
