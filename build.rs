//! Turns the translator-editable `locales/*.json` files into typed Rust constants, and the
//! widget's stylesheet into the compact text compiled into the WASM module.
//!
//! `locales/en.json` defines the set of keys (one field of `UiStrings` each); every other file
//! may translate any subset, and the rest falls back to English. A key that English lacks is a
//! build error, so a typo in a translation cannot go unnoticed. Keys starting with `loader_` are
//! the loader's own messages (js/embed.js shows them when the module cannot run): they make
//! `LoaderStrings`, not `UiStrings`, so the widget's module does not carry them. Adding a UI
//! language is adding one file to `locales/` (then `cargo run --example loader-table` writes its
//! loader messages into js/embed.js).

use std::{env, fs, path::Path};

use serde_json::{Map, Value};

fn read(path: &Path) -> Map<String, Value> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => panic!("{} must hold one JSON object of strings", path.display()),
        Err(e) => panic!("{} is not valid JSON: {e}", path.display()),
    }
}

/// The stylesheet without its comments and runs of white space (a fifth of its gzip size);
/// `style/article-reader.css` keeps its comments for the people who read it.
fn compact_css(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        let end = rest[start..].find("*/").map_or(rest.len(), |e| start + e + 2);
        rest = &rest[end..];
    }
    text.push_str(rest);
    // Its strings (font names, attribute values) must hold nothing that the rest would change.
    for string in text.split('"').skip(1).step_by(2) {
        let changed = ["{", "}", ";", "  ", "\n", "\t"].iter().any(|s| string.contains(s));
        assert!(!changed, "compact_css would change the CSS string {string:?}");
    }
    assert!(!text.contains('\'') && !text.contains("url("), "compact_css expects strings in double quotes, no url()");
    let mut out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for punct in ["{", "}", ";"] {
        out = out.replace(&format!(" {punct}"), punct).replace(&format!("{punct} "), punct);
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed=style/article-reader.css");
    let css = fs::read_to_string("style/article-reader.css").expect("read style/article-reader.css");
    let css_dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("article-reader.css");
    fs::write(css_dest, compact_css(&css)).expect("write the compact stylesheet");

    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new("locales");
    let en = read(&dir.join("en.json"));
    let mut out =
        String::from("/// The widget's own words in one language; generated from `locales/*.json` by build.rs.\n");
    out.push_str("#[derive(Debug)]\npub struct UiStrings {\n    pub lang: &'static str,\n");
    let loader_key = |key: &str| key.strip_prefix("loader_").map(str::to_string);
    for key in en.keys().filter(|k| loader_key(k).is_none()) {
        out.push_str(&format!("    pub {key}: &'static str,\n"));
    }
    out.push_str("}\n\n");
    out.push_str("/// The loader's own messages in one language (the `loader_` keys of `locales/*.json`).\n");
    out.push_str("#[derive(Debug)]\npub struct LoaderStrings {\n    pub lang: &'static str,\n");
    for key in en.keys().filter_map(|k| loader_key(k)) {
        out.push_str(&format!("    pub {key}: &'static str,\n"));
    }
    out.push_str("}\n\n");
    let mut loader_table = String::from(
        "/// The loader's messages in every UI language, by tag.\npub static LOADER_LOCALES: &[LoaderStrings] = &[\n",
    );

    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("locales/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut table = Vec::new();
    for path in &files {
        let lang = path.file_stem().and_then(|s| s.to_str()).expect("file name is a language tag");
        let konst = lang.to_ascii_uppercase().replace('-', "_");
        let map = read(path);
        out.push_str(&format!("pub const {konst}: UiStrings = UiStrings {{\n    lang: {lang:?},\n"));
        let mut ui_keys = 0;
        for (key, value) in &map {
            assert!(en.contains_key(key), "{}: key {key:?} is not in en.json", path.display());
            let Value::String(s) = value else { panic!("{}: {key} must be a string", path.display()) };
            if loader_key(key).is_none() {
                out.push_str(&format!("    {key}: {s:?},\n"));
                ui_keys += 1;
            }
        }
        // Untranslated keys fall back to English.
        if ui_keys < en.keys().filter(|k| loader_key(k).is_none()).count() {
            out.push_str("    ..EN\n");
        }
        out.push_str("};\n\n");
        loader_table.push_str(&format!("    LoaderStrings {{\n        lang: {lang:?},\n"));
        // Untranslated ones in English too.
        for (key, english) in &en {
            let Some(field) = loader_key(key) else { continue };
            let Value::String(s) = map.get(key).unwrap_or(english) else {
                panic!("{}: {key} must be a string", path.display())
            };
            loader_table.push_str(&format!("        {field}: {s:?},\n"));
        }
        loader_table.push_str("    },\n");
        table.push((lang.to_string(), konst));
    }
    // One static table: each language has one address, so `UiStrings` compares by identity.
    out.push_str("/// Every UI language, by tag.\npub static LOCALES: &[UiStrings] = &[\n");
    for (_, konst) in &table {
        out.push_str(&format!("    {konst},\n"));
    }
    out.push_str("];\n\n");
    out.push_str(&loader_table);
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ui_strings.rs");
    fs::write(dest, out).expect("write generated strings");
}
