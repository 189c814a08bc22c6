//! Helpers shared by the integration tests: running the built binary and reading fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use article_reader::core::article::Article;
use article_reader::core::validate::parse_article;

/// The `article-reader` binary Cargo built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_article-reader"))
}

/// Runs the binary with `args` and returns what it did.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

/// A file under cli/tests/fixtures.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel).display().to_string()
}

/// A file of the project root (the workspace's root package).
pub fn project_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs a conversion that must succeed, and returns the document it printed, read back through the
/// core's parser (the output must be valid and carry no URL the core would drop).
pub fn convert(args: &[&str]) -> Article {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "convert failed: {}", stderr(&out));
    let parsed = parse_article(&stdout(&out)).unwrap_or_else(|r| panic!("the output is invalid: {r}"));
    assert!(parsed.warnings.is_empty(), "the output still has unsafe URLs: {:?}", parsed.warnings);
    parsed.article
}
