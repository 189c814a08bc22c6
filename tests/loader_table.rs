//! The loader's shared table, checked in inside js/embed.js and js/frame.js, is what the Rust
//! sources give now (core::loader_table): a format, a locale string or an attribute changed
//! without regenerating fails here, naming the command that regenerates.

use article_reader::core::loader_table::{blocks, splice, COMMAND};

#[test]
fn the_loader_files_hold_the_table_the_sources_give() {
    let root = env!("CARGO_MANIFEST_DIR");
    for (file, block) in blocks() {
        let text = std::fs::read_to_string(format!("{root}/{file}")).expect("read the loader file");
        let regenerated = splice(&text, &block).unwrap_or_else(|| panic!("{file} has lost its generated block"));
        assert!(regenerated == text, "{file} is not up to date with the Rust sources: run `{COMMAND}`");
    }
}
