//! The corpus of bad documents: each `tests/corpus/bad/NN-name.json` must be rejected with exactly
//! the first problem written in its `.expect` file; each document in `tests/corpus/good/` must pass.

use std::{fs, path::Path};

use article_reader::core::failure::FailureKind;
use article_reader::core::validate::{parse_article_bytes, ProblemKind, MAX_DOCUMENT_BYTES};

fn corpus(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(dir);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.display().to_string(), fs::read(&p).expect("readable"))).collect()
}

#[test]
fn every_bad_document_gives_its_expected_error() {
    let bad = corpus("bad");
    assert!(bad.len() >= 50, "the corpus has {} documents", bad.len());
    let mut failures = Vec::new();
    for (path, bytes) in &bad {
        let expect_path = path.replace(".json", ".expect");
        let expected = fs::read_to_string(&expect_path).unwrap_or_else(|_| panic!("{expect_path} is missing"));
        match parse_article_bytes(bytes) {
            Ok(_) => failures.push(format!("{path}: accepted")),
            Err(rejection) => {
                let got = rejection.first().to_string();
                if got != expected.trim_end() {
                    failures.push(format!("{path}:\n  expected {}\n  got      {got}", expected.trim_end()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn good_documents_pass() {
    for (path, bytes) in corpus("good") {
        if let Err(e) = parse_article_bytes(&bytes) {
            panic!("{path}: {e}");
        }
    }
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let mut big =
        br#"{"schema":"article-reader/1","id":"T","default_lang":"en","translations":{"en":{"title":""#.to_vec();
    big.resize(MAX_DOCUMENT_BYTES + 1, b'a');
    let rejection = parse_article_bytes(&big).unwrap_err();
    assert_eq!(
        rejection.first().kind,
        ProblemKind::TooLarge { bytes: MAX_DOCUMENT_BYTES + 1, limit: MAX_DOCUMENT_BYTES }
    );
    assert_eq!(FailureKind::of(&rejection.first().kind).code(), "too-large");
}
