//! `article-reader validate`: checks documents with the same parser the widget uses, and reports
//! in a form a publisher's CI can show as is (`FILE: path: message`, one per line).

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use article_reader::core::validate::parse_article_bytes;

/// What happened to one file.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Valid,
    Invalid,
    Unreadable,
}

/// Validates every file and returns 0 when all are valid, 1 when any is invalid, and 2 when any
/// could not be read (the run then proves nothing about that file, which is worse than "invalid").
pub fn run(files: &[impl AsRef<Path>]) -> ExitCode {
    let worst = files.iter().map(|f| check(f.as_ref())).max().unwrap_or(Outcome::Valid);
    ExitCode::from(match worst {
        Outcome::Valid => 0,
        Outcome::Invalid => 1,
        Outcome::Unreadable => 2,
    })
}

fn check(path: &Path) -> Outcome {
    let name = path.display();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        fs::read(path)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: cannot read: {e}");
            return Outcome::Unreadable;
        }
    };
    // The widget's own byte-level entry point: same size limit, same UTF-8 message with its offset.
    match parse_article_bytes(&bytes) {
        Ok(parsed) => {
            for warning in parsed.warning_lines() {
                println!("{name}: warning: {warning}");
            }
            println!("{name}: ok ({})", crate::translations_summary(&parsed.article));
            Outcome::Valid
        }
        Err(rejection) => {
            for problem in rejection.lines() {
                println!("{name}: {problem}");
            }
            Outcome::Invalid
        }
    }
}
