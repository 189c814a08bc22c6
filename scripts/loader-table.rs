//! Writes the loader's shared table (core::loader_table) into js/embed.js and js/frame.js, between
//! their marker comments: `cargo run --example loader-table`, run by scripts/build. With `--check`
//! it writes nothing and fails when a file is not up to date.

use std::{fs, path::Path, process::ExitCode};

use article_reader::core::loader_table::{blocks, splice, COMMAND};

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = false;
    for (file, block) in blocks() {
        let path = root.join(file);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        let Some(new) = splice(&text, &block) else {
            eprintln!("{file} has no generated block (its marker comments are missing)");
            return ExitCode::FAILURE;
        };
        if new != text {
            if check {
                eprintln!("{file} is not up to date: run `{COMMAND}`");
                stale = true;
            } else {
                fs::write(&path, new).unwrap_or_else(|e| panic!("cannot write {file}: {e}"));
                eprintln!("{file}: generated block updated");
            }
        }
    }
    if stale {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
