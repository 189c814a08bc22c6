//! Why a widget could not show its article, in a form that is both shown (localized) and logged
//! (precisely).

use std::fmt;

use super::{text::Quoted, validate::Rejection};

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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The request never got an answer (offline, DNS, CORS refusal).
    Network,
    /// The server answered with an HTTP error status.
    Status(u16),
    /// No answer within `data-timeout`.
    Timeout,
    /// The reply was not a valid article document.
    Invalid,
    /// The document's address (`data-src`) is not a URL that can be fetched.
    BadSource,
    /// An article page (`data-format="html"`) on another origin than the page's: not fetched.
    CrossOrigin,
}

/// A failure to show an article: the kind decides the reader's message, `detail` is the precise
/// cause for the console (URL, status, JSON path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub code: &'static str,
    pub detail: String,
    pub path: Option<String>,
}

impl Failure {
    pub fn network(url: &str, cause: &str) -> Failure {
        Failure {
            kind: FailureKind::Network,
            code: "network",
            detail: format!("fetching {} failed: {cause}", Quoted(url)),
            path: None,
        }
    }

    pub fn status(url: &str, status: u16) -> Failure {
        Failure {
            kind: FailureKind::Status(status),
            code: "http-status",
            detail: format!("fetching {} failed: HTTP status {status}", Quoted(url)),
            path: None,
        }
    }

    pub fn timeout(url: &str, ms: u32) -> Failure {
        Failure {
            kind: FailureKind::Timeout,
            code: "timeout",
            detail: format!("fetching {} gave up after {ms} ms", Quoted(url)),
            path: None,
        }
    }

    /// An address that is not a URL (`https://news example/a.json`, `http://[`, `//`): nothing was
    /// fetched, and trying again cannot help.
    pub fn bad_source(url: &str) -> Failure {
        Failure {
            kind: FailureKind::BadSource,
            code: "bad-src",
            detail: format!("{} is not a fetchable URL", Quoted(url)),
            path: None,
        }
    }

    /// `data-format="html"` with a `data-src` (resolved: `url`) on another origin than the page's:
    /// nothing was fetched, and trying again cannot help.
    pub fn cross_origin(url: &str) -> Failure {
        Failure {
            kind: FailureKind::CrossOrigin,
            code: "cross-origin",
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
            kind: FailureKind::Invalid,
            code: first.kind.code(),
            detail: format!("{origin}: {rejection}"),
            path: Some(first.path.clone()).filter(|p| !p.is_empty()),
        }
    }

    /// A WordPress post or JSON Feed item that could not be adapted.
    pub fn adapter(origin: Origin, reason: &str) -> Failure {
        Failure {
            kind: FailureKind::Invalid,
            code: "invalid-article",
            detail: format!("{origin}: {reason}"),
            path: None,
        }
    }

    /// Whether trying again could help (a network fault might pass; a bad document will not).
    pub fn retryable(&self) -> bool {
        matches!(self.kind, FailureKind::Network | FailureKind::Status(_) | FailureKind::Timeout)
    }
}
