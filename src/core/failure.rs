//! Why a widget could not show its article, in a form that is both shown (localized) and logged
//! (precisely).

use super::validate::Rejection;

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
            detail: format!("fetching {url} failed: {cause}"),
            path: None,
        }
    }

    pub fn status(url: &str, status: u16) -> Failure {
        Failure {
            kind: FailureKind::Status(status),
            code: "http-status",
            detail: format!("fetching {url} failed: HTTP status {status}"),
            path: None,
        }
    }

    pub fn timeout(url: &str, ms: u32) -> Failure {
        Failure {
            kind: FailureKind::Timeout,
            code: "timeout",
            detail: format!("fetching {url} gave up after {ms} ms"),
            path: None,
        }
    }

    /// A rejected document; `origin` says where it came from (a URL or "inline article").
    pub fn invalid(origin: &str, rejection: &Rejection) -> Failure {
        let first = rejection.first();
        Failure {
            kind: FailureKind::Invalid,
            code: first.kind.code(),
            detail: format!("{origin}: {rejection}"),
            path: Some(first.path.clone()).filter(|p| !p.is_empty()),
        }
    }

    /// A WordPress post or JSON Feed item that could not be adapted.
    pub fn adapter(origin: &str, reason: &str) -> Failure {
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
