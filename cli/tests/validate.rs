//! `article-reader validate`: messages and exit codes, as a publisher's CI sees them.

mod common;

use common::{fixture, project_file, run, stderr, stdout};

#[test]
fn the_default_article_is_valid() {
    let file = project_file("content/default-article.json").display().to_string();
    let out = run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{file}: ok (3 translations: en, fr, ru)\n"));
}

#[test]
fn a_document_without_title_is_invalid_with_its_path() {
    let file = fixture("json/no-title.json");
    let out = run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("{file}: translations.en.title: required field is missing\n"));
}

#[test]
fn a_missing_file_is_an_io_error() {
    let out = run(&["validate", "no/such/article.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("no/such/article.json: cannot read"), "{}", stderr(&out));
}

#[test]
fn several_files_mixed_report_each_and_fail() {
    let good = project_file("content/default-article.json").display().to_string();
    let (bad, broken) = (fixture("json/no-title.json"), fixture("json/not-json.json"));
    let out = run(&["validate", &good, &bad, &broken]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], format!("{good}: ok (3 translations: en, fr, ru)"));
    assert_eq!(lines[1], format!("{bad}: translations.en.title: required field is missing"));
    assert!(lines[2].starts_with(&format!("{broken}: not valid JSON at line 1")), "{text}");
}

#[test]
fn an_unreadable_file_outweighs_an_invalid_one() {
    let out = run(&["validate", &fixture("json/no-title.json"), "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("translations.en.title"), "the readable file is still reported");
}

#[test]
fn dropped_urls_are_warnings_of_a_valid_document() {
    let file = fixture("json/unsafe-link.json");
    let out = run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        format!(
            "{file}: warning: translations.en.body[0].runs[0].href: URL \"javascript:alert(1)\" dropped: \
             only https, http and mailto are allowed\n{file}: ok (1 translation: en)\n"
        )
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(run(&["validate"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

/// The whole bad-input corpus of the widget (tests/corpus/bad): every document fails with exactly
/// the problem its `.expect` file names, one line per file.
#[test]
fn the_bad_input_corpus_gives_each_expected_message() {
    let dir = project_file("tests/corpus/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 50);
    let args: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let mut argv = vec!["validate"];
    argv.extend(args.iter().map(String::as_str));
    let out = run(&argv);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for file in &args {
        let expected = std::fs::read_to_string(file.replace(".json", ".expect")).expect("expectation");
        let line = format!("{file}: {}", expected.trim_end());
        assert!(text.lines().any(|l| l == line), "missing line {line:?} in:\n{text}");
    }
}

#[test]
fn a_hostile_key_cannot_forge_an_ok_line_or_reach_the_terminal_raw() {
    // A translation key holding a newline and what would follow it on a passing run, and one holding
    // an ESC sequence: each problem stays one line, and the keys are quoted.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate-hostile-key");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.json");
    std::fs::write(
        &file,
        r#"{"schema":"article-reader/1","id":"X","default_lang":"en","translations":{
            "en":{"title":"T","body":[{"type":"paragraph","text":"x"}]},
            "x\ndoc.json: ok (1 translation: en)\n":{"title":"T","body":[{"type":"paragraph","text":"x"}]},
            "fr\u001b[2K\u001b[1A":{"title":"T","body":[{"type":"paragraph","text":"x"}]}}}"#,
    )
    .unwrap();
    let name = file.display().to_string();
    let out = run(&["validate", &name]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "an escape sequence reached the terminal: {text:?}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().all(|l| l.starts_with(&format!("{name}: translations["))), "{text}");
    assert!(!lines.iter().any(|l| l.starts_with("doc.json: ok")), "a forged ok line: {text}");
    assert!(lines[0].contains(r#"translations["x\ndoc.json: ok (1 translation: en)\n"]"#), "{}", lines[0]);
}
