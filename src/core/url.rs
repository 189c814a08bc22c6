//! URL rules: the allow-list for URLs taken from documents, and the `reader-lang` deep-link
//! parameter that lets a shared link bring the next reader to the same language.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 unreserved characters is encoded, so a value is safe in any query.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one URL component (query value), UTF-8 first.
pub fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// The query (or fragment) parameter that selects a language: `?reader-lang=fr` or `#reader-lang=fr`.
pub const LANG_PARAM: &str = "reader-lang";

/// Returns the URL, trimmed, when its scheme is `https:`, `http:` or `mailto:`; otherwise `None`.
///
/// Anything else (`javascript:`, `data:`, `vbscript:`, protocol-relative `//host`, relative paths,
/// or strings hiding control characters or spaces that browsers would strip) is refused, so that a
/// document can never smuggle script into an `href` or `src`.
pub fn safe_url(raw: &str) -> Option<String> {
    let url = raw.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let has_host = |scheme_len: usize| url.len() > scheme_len && !url[scheme_len..].starts_with('/');
    let ok = (lower.starts_with("https://") && has_host(8))
        || (lower.starts_with("http://") && has_host(7))
        || (lower.starts_with("mailto:") && url.len() > 7);
    ok.then(|| url.to_string())
}

/// The origin of an absolute `http:` or `https:` URL, `scheme://host[:port]`, in lower case (the
/// one form in which origins are compared, for images and saved choices alike). Nothing else is
/// normalized (a default port written out, `https://x.example:443`, is another origin here): where
/// this decides what loads, a mismatch only means asking the reader. `None` for anything else, and
/// for a URL with user information (`https://trusted.example@evil.example/`), which disguises its
/// host.
pub fn origin(url: &str) -> Option<String> {
    let scheme = url.find("://")?;
    if !(url[..scheme].eq_ignore_ascii_case("https") || url[..scheme].eq_ignore_ascii_case("http")) {
        return None;
    }
    let rest = &url[scheme + 3..];
    let end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
    let authority = &rest[..end];
    (!authority.is_empty() && !authority.contains('@')).then(|| url[..scheme + 3 + end].to_ascii_lowercase())
}

/// `url` with `reader-lang=<lang>` set in its query (any earlier value, in the query or in the
/// fragment, is replaced), keeping the rest of the query and the fragment as they were.
pub fn with_lang_param(url: &str, lang: &str) -> String {
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (base, query) = match before_fragment.split_once('?') {
        Some((b, q)) => (b, q),
        None => (before_fragment, ""),
    };
    // Written out rather than joined: a `join` of `&str` would be a second copy of `join` in the
    // WASM module (1 KB) beside the one of `String`.
    let mut out = format!("{base}?");
    for pair in query.split('&').filter(|p| !p.is_empty() && !is_lang_pair(p)) {
        out.push_str(pair);
        out.push('&');
    }
    out.push_str(LANG_PARAM);
    out.push('=');
    out.push_str(&encode_component(lang));
    if let Some(f) = fragment.filter(|f| !f.is_empty() && !is_lang_pair(f)) {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn is_lang_pair(pair: &str) -> bool {
    pair == LANG_PARAM || pair.strip_prefix(LANG_PARAM).is_some_and(|rest| rest.starts_with('='))
}

/// The `reader-lang` value of a page URL, from its query or, failing that, its fragment.
pub fn lang_param(url: &str) -> Option<String> {
    let (before_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
    let query = before_fragment.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .chain(fragment.split('&'))
        .find_map(|pair| pair.strip_prefix(LANG_PARAM)?.strip_prefix('='))
        .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
        .filter(|v| super::lang::is_valid_lang_tag(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_only_web_and_mail_schemes() {
        assert_eq!(safe_url(" https://example.org/a "), Some("https://example.org/a".into()));
        assert_eq!(safe_url("HTTP://Example.org"), Some("HTTP://Example.org".into()));
        assert_eq!(safe_url("mailto:editor@example.org"), Some("mailto:editor@example.org".into()));
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{0}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/x",
            "/relative",
            "https:///evil",
            "https://exa mple.org",
            "https://example.org/\nx",
            "",
            "mailto:",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?} must be refused");
        }
    }

    #[test]
    fn origins_as_urls_write_them() {
        assert_eq!(origin("HTTPS://Example.ORG/a?b#c").as_deref(), Some("https://example.org"));
        assert_eq!(origin("http://127.0.0.1:8080/x").as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("http://[::1]:9000?a").as_deref(), Some("http://[::1]:9000"));
        assert_eq!(origin("https://cdn.example#x").as_deref(), Some("https://cdn.example"));
        for none in ["mailto:a@b.example", "/relative", "https:///x", "ftp://x.example/", "https://user@cdn.example/"] {
            assert_eq!(origin(none), None, "{none}");
        }
    }

    #[test]
    fn lang_param_is_added_replaced_and_read_back() {
        assert_eq!(with_lang_param("https://h.example/a", "fr"), "https://h.example/a?reader-lang=fr");
        assert_eq!(
            with_lang_param("https://h.example/a?x=1&reader-lang=en#top", "ru"),
            "https://h.example/a?x=1&reader-lang=ru#top"
        );
        assert_eq!(with_lang_param("https://h.example/a#reader-lang=en", "fr"), "https://h.example/a?reader-lang=fr");
        assert_eq!(lang_param("https://h.example/a?x=1&reader-lang=pt-BR"), Some("pt-BR".into()));
        assert_eq!(lang_param("https://h.example/a#reader-lang=ru"), Some("ru".into()));
        assert_eq!(lang_param("https://h.example/a?reader-lang=<script>"), None);
        assert_eq!(lang_param("https://h.example/a?reader-language=fr"), None);
    }
}
