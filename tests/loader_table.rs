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

/// The object embed.js shares with the module has, in embed.js, every member the module's one
/// declaration of it reads (src/embed/browser/bridge.rs): a member renamed on one side fails here.
#[test]
fn embed_js_gives_the_shared_object_every_member_the_module_reads() {
    let root = env!("CARGO_MANIFEST_DIR");
    let bridge = std::fs::read_to_string(format!("{root}/src/embed/browser/bridge.rs")).unwrap();
    let embed = std::fs::read_to_string(format!("{root}/js/embed.js")).unwrap();
    let mut members = Vec::new();
    let mut js_name = None;
    for line in bridge.lines().map(str::trim) {
        if let Some(rest) = line.split("js_name = ").nth(1) {
            js_name = rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().map(str::to_string);
        }
        if let Some(rest) = line.strip_prefix("pub fn ") {
            if rest.contains("(this: &Loader") {
                let name = rest.split('(').next().unwrap().to_string();
                members.push(js_name.take().unwrap_or(name));
            }
        } else if !line.starts_with("#[") && !line.starts_with("///") {
            js_name = None;
        }
    }
    assert!(members.len() >= 4, "the declaration was read: {members:?}");
    for member in &members {
        assert!(embed.contains(&format!("state.{member} ")), "embed.js sets no state.{member}, which bridge.rs reads");
    }
}
