//! Why a widget could not show its article, in a form that is both shown (localized) and logged
//! (precisely).

use std::fmt;

use super::{
    text::Quoted,
    validate::{ProblemKind, Rejection},
};

/// Where a document came from, as messages name it: `inline article`, or its URL, quoted (a URL is
/// the publisher's or a document's text, and may hold anything).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin<'a> {
    Inline,
    Url(&'a str),
}

impl fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Inline => f.write_str("inline article"),
            Origin::Url(url) => write!(f, "{}", Quoted(url)),
        }
    }
}

/// Why a widget could not show its article: one kind per public code, the `detail.code` of the
/// `article-reader:error` event (README lists them; `embed.js` raises `module-load` and `internal`
/// itself). The kind decides the reader's message and whether Retry is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The request never got an answer (offline, DNS, CORS refusal).
    Network,
    /// The server answered with an HTTP error status.
    Status(u16),
    /// No answer within `data-timeout`.
    Timeout,
    /// The reply is not UTF-8 text, or not JSON.
    NotJson,
    /// The reply is not a valid article document (the path says where), or a post or page the
    /// on-demand modules could not convert.
    InvalidArticle,
    /// The document names a schema this reader does not understand.
    UnsupportedSchema,
    /// The document passes a size limit (bytes, blocks, translations, parts).
    TooLarge,
    /// The document's address (`data-src`) is not a URL that can be fetched.
    BadSource,
    /// An article page (`data-format="html"`) on another origin than the page's: not fetched.
    CrossOrigin,
}

/// The failures `embed.js` reports itself, where no module runs: their codes are written into
/// `embed.js` by `core::loader_table`, beside [`FailureKind::code`]'s in the same event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoaderFailure {
    /// The widget's module could not be downloaded, compiled or started.
    ModuleLoad,
    /// The module failed while it drew a widget (a panic), which `embed.js` then restarts.
    Internal,
}

impl LoaderFailure {
    pub const ALL: [LoaderFailure; 2] = [LoaderFailure::ModuleLoad, LoaderFailure::Internal];

    pub fn code(self) -> &'static str {
        match self {
            LoaderFailure::ModuleLoad => "module-load",
            LoaderFailure::Internal => "internal",
        }
    }
}

impl FailureKind {
    /// The public code (`detail.code` of `article-reader:error`, `data-code` of the error view).
    pub fn code(self) -> &'static str {
        match self {
            FailureKind::Network => "network",
            FailureKind::Status(_) => "http-status",
            FailureKind::Timeout => "timeout",
            FailureKind::NotJson => "not-json",
            FailureKind::InvalidArticle => "invalid-article",
            FailureKind::UnsupportedSchema => "unsupported-schema",
            FailureKind::TooLarge => "too-large",
            FailureKind::BadSource => "bad-src",
            FailureKind::CrossOrigin => "cross-origin",
        }
    }

    /// The kind of failure a validator's problem is.
    pub fn of(problem: &ProblemKind) -> FailureKind {
        match problem {
            ProblemKind::TooLarge { .. }
            | ProblemKind::TooManyBlocks
            | ProblemKind::TooManyTranslations
            | ProblemKind::TooManyParts => FailureKind::TooLarge,
            ProblemKind::NotJson(_) | ProblemKind::NotUtf8 { .. } => FailureKind::NotJson,
            ProblemKind::UnknownSchema(_) => FailureKind::UnsupportedSchema,
            _ => FailureKind::InvalidArticle,
        }
    }

    /// Whether trying again could help (a network fault might pass; a bad document will not).
    pub fn retryable(self) -> bool {
        matches!(self, FailureKind::Network | FailureKind::Status(_) | FailureKind::Timeout)
    }
}

/// A failure to show an article: the kind decides the reader's message and the public code,
/// `detail` is the precise cause for the console (URL, status, JSON path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub detail: String,
    pub path: Option<String>,
}

impl Failure {
    pub fn network(url: &str, cause: &str) -> Failure {
        Failure { kind: FailureKind::Network, detail: format!("fetching {} failed: {cause}", Quoted(url)), path: None }
    }

    pub fn status(url: &str, status: u16) -> Failure {
        Failure {
            kind: FailureKind::Status(status),
            detail: format!("fetching {} failed: HTTP status {status}", Quoted(url)),
            path: None,
        }
    }

    pub fn timeout(url: &str, ms: u32) -> Failure {
        Failure {
            kind: FailureKind::Timeout,
            detail: format!("fetching {} gave up after {ms} ms", Quoted(url)),
            path: None,
        }
    }

    /// An address that is not a URL (`https://news example/a.json`, `http://[`, `//`): nothing was
    /// fetched, and trying again cannot help.
    pub fn bad_source(url: &str) -> Failure {
        Failure { kind: FailureKind::BadSource, detail: format!("{} is not a fetchable URL", Quoted(url)), path: None }
    }

    /// `data-format="html"` with a `data-src` (resolved: `url`) on another origin than the page's:
    /// nothing was fetched, and trying again cannot help.
    pub fn cross_origin(url: &str) -> Failure {
        Failure {
            kind: FailureKind::CrossOrigin,
            detail: format!(
                "{} is on another origin than the page: data-format=\"html\" reads same-origin pages only",
                Quoted(url)
            ),
            path: None,
        }
    }

    /// A rejected document; `origin` says where it came from.
    pub fn invalid(origin: Origin, rejection: &Rejection) -> Failure {
        let first = rejection.first();
        Failure {
            kind: FailureKind::of(&first.kind),
            detail: format!("{origin}: {rejection}"),
            path: Some(first.path.clone()).filter(|p| !p.is_empty()),
        }
    }

    /// A WordPress post or JSON Feed item that could not be adapted.
    pub fn adapter(origin: Origin, reason: &str) -> Failure {
        Failure { kind: FailureKind::InvalidArticle, detail: format!("{origin}: {reason}"), path: None }
    }

    /// Whether trying again could help.
    pub fn retryable(&self) -> bool {
        self.kind.retryable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The backquoted words of the README's paragraph that starts with `heading`, but for those in
    /// parentheses (what a code means).
    fn documented(heading: &str) -> Vec<String> {
        let readme = include_str!("../../README.md");
        let start = readme.find(heading).expect("the README lists them");
        let paragraph = readme[start..].split("\n\n").next().unwrap_or_default();
        let mut depth = 0;
        let outside: String = paragraph
            .chars()
            .filter(|c| {
                depth += (*c == '(') as i32 - (*c == ')') as i32;
                depth == 0 && *c != ')'
            })
            .collect();
        outside.split('`').skip(1).step_by(2).map(str::to_string).collect()
    }

    #[test]
    fn codes_are_the_documented_ones() {
        use FailureKind::*;
        let kinds = [
            Network,
            Status(404),
            Timeout,
            NotJson,
            InvalidArticle,
            UnsupportedSchema,
            TooLarge,
            BadSource,
            CrossOrigin,
        ];
        let mut codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
        // Raised by embed.js, where no module runs.
        codes.extend(LoaderFailure::ALL.map(LoaderFailure::code));
        assert_eq!(documented("Error codes:"), codes);
        let retry: Vec<&str> = kinds.iter().filter(|k| k.retryable()).map(|k| k.code()).collect();
        assert_eq!(retry, ["network", "http-status", "timeout"], "the README: these three offer a Retry");
    }
}
