//! How a command fails, and which exit code each failure maps to.

use std::process::ExitCode;

/// A failed command. Messages are complete lines, printed to stderr as they are.
#[derive(Debug)]
pub enum Failure {
    /// Wrong arguments, or a file that cannot be read or written: exit code 2, like clap's own
    /// usage errors, so a CI job can tell "the tool was misused" from "the article is wrong".
    Usage(String),
    /// The input cannot make a valid article: exit code 1.
    Invalid(Vec<String>),
}

impl Failure {
    pub fn invalid(message: impl Into<String>) -> Self {
        Failure::Invalid(vec![message.into()])
    }

    /// Prints the messages and gives the exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Usage(message) => {
                eprintln!("article-reader: {message}");
                ExitCode::from(2)
            }
            Failure::Invalid(lines) => {
                for line in lines {
                    eprintln!("{line}");
                }
                ExitCode::from(1)
            }
        }
    }
}
