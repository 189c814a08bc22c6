//! Share links: which targets to show and the exact URL each one opens.
//!
//! Everything here is a pure function of the article, the chosen language and the page, so the
//! links are computed, not fetched: no share service is contacted before a reader clicks.

use super::networks::ShareAction;
use super::url::{encode_component, with_lang_param};

/// What a share control shares: the link and the title of the current translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareContent {
    pub url: String,
    pub title: String,
}

/// The URL that share links carry for the current language.
///
/// - `data-share-url`, when the host sets it, is the canonical page; `reader-lang` is added so a
///   shared link still opens in the reader's language.
/// - Otherwise the translation's own `url`, which is already language-specific.
/// - Otherwise the host page's URL with `reader-lang`.
pub fn share_url(share_url_attr: Option<&str>, translation_url: Option<&str>, page_url: &str, lang: &str) -> String {
    match (share_url_attr, translation_url) {
        (Some(canonical), _) => with_lang_param(canonical, lang),
        (None, Some(own)) => own.to_string(),
        (None, None) => with_lang_param(page_url, lang),
    }
}

/// The href of a link-type target, with the content percent-encoded into its template.
pub fn share_href(action: ShareAction, content: &ShareContent) -> Option<String> {
    let ShareAction::Link(template) = action else { return None };
    Some(fill(template, content))
}

/// The Mastodon share page on the reader's instance (a host name such as `mastodon.social`).
pub fn mastodon_href(instance: &str, content: &ShareContent) -> String {
    fill(&format!("https://{instance}/share?text={{title_url}}"), content)
}

fn fill(template: &str, content: &ShareContent) -> String {
    template
        .replace("{title_url}", &encode_component(&format!("{} {}", content.title, content.url)))
        .replace("{url}", &encode_component(&content.url))
        .replace("{title}", &encode_component(&content.title))
}

/// The instance a reader typed (`https://Mastodon.Social/`, ` fosstodon.org `) as its host name,
/// when it is a plausible one: the share bar's one reading of its Mastodon field.
pub fn instance_of(typed: &str) -> Option<String> {
    let host = typed.trim().trim_start_matches("https://").trim_end_matches('/').to_ascii_lowercase();
    is_valid_instance(&host).then_some(host)
}

/// Whether `host` is a plausible Mastodon instance host name (`mastodon.social`, `fosstodon.org`).
pub fn is_valid_instance(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    host.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::networks::network;

    fn content(title: &str) -> ShareContent {
        ShareContent { url: "https://example.org/en/iraq?a=1&b=2".into(), title: title.into() }
    }

    fn href(id: &str, c: &ShareContent) -> String {
        share_href(network(id).unwrap().share.unwrap(), c).unwrap()
    }

    /// Reverses percent-encoding, to check that what was encoded comes back whole.
    fn decode(s: &str) -> String {
        percent_encoding::percent_decode_str(s).decode_utf8().unwrap().into_owned()
    }

    fn query_value(href: &str, key: &str) -> String {
        let query = href.split_once('?').unwrap().1;
        let raw = query.split('&').find_map(|p| p.strip_prefix(&format!("{key}="))).unwrap();
        decode(raw)
    }

    #[test]
    fn titles_with_quotes_ampersands_cyrillic_and_emoji_round_trip() {
        for title in [
            "Iraq – Caught in the “Friendly” Embrace",
            r#"Tom & Jerry say "hi" <b>"#,
            "Ирак в «дружеских» объятиях американского питона",
            "Read this 🐍🇮🇶 now #1?",
        ] {
            let c = content(title);
            let x = href("x", &c);
            assert!(x.starts_with("https://x.com/intent/post?url="));
            assert_eq!(query_value(&x, "text"), title);
            assert_eq!(query_value(&x, "url"), c.url);
            assert_eq!(query_value(&href("telegram", &c), "text"), title);
            assert_eq!(query_value(&href("email", &c), "subject"), title);
            assert_eq!(query_value(&href("whatsapp", &c), "text"), format!("{title} {}", c.url));
            // Nothing that could end the query value or the attribute is left raw.
            let value = x.split_once("text=").unwrap().1;
            assert!(!value.contains(['&', '"', '<', ' ', '#', '?']), "{value}");
        }
    }

    #[test]
    fn exact_encodings() {
        let c = ShareContent { url: "https://ex.org/a?b=1&c=2".into(), title: "Ça & “ok” 🐍".into() };
        assert_eq!(
            href("facebook", &c),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fex.org%2Fa%3Fb%3D1%26c%3D2"
        );
        assert_eq!(
            href("email", &c),
            "mailto:?subject=%C3%87a%20%26%20%E2%80%9Cok%E2%80%9D%20%F0%9F%90%8D&body=https%3A%2F%2Fex.org%2Fa%3Fb%3D1%26c%3D2"
        );
        assert_eq!(encode_component("Ирак"), "%D0%98%D1%80%D0%B0%D0%BA");
    }

    #[test]
    fn share_url_prefers_canonical_then_own_then_page() {
        let page = "https://blog.example/post";
        assert_eq!(share_url(None, Some("https://ex.org/fr/x"), page, "fr"), "https://ex.org/fr/x");
        assert_eq!(share_url(None, None, page, "ru"), "https://blog.example/post?reader-lang=ru");
        assert_eq!(
            share_url(Some("https://ex.org/canonical"), Some("https://ex.org/fr/x"), page, "fr"),
            "https://ex.org/canonical?reader-lang=fr"
        );
    }

    #[test]
    fn mastodon_instances_are_host_names() {
        assert!(is_valid_instance("mastodon.social"));
        assert_eq!(instance_of(" https://Mastodon.Social/ ").as_deref(), Some("mastodon.social"));
        assert_eq!(instance_of("http://evil.com/x"), None);
        assert!(is_valid_instance("social.example.co.uk"));
        for bad in ["", "localhost", "evil.com/x", "a..b", "-a.com", "mastodon.social:8080", "x.y/../z", "1.2.3.4"] {
            assert!(!is_valid_instance(bad), "{bad}");
        }
        let c = content("T & U");
        assert_eq!(
            mastodon_href("mastodon.social", &c),
            format!("https://mastodon.social/share?text={}", encode_component(&format!("T & U {}", c.url)))
        );
    }
}
