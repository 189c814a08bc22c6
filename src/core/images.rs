//! Which article images load at once, which wait for the reader, and which never load.
//!
//! SPEC section 5 promises that nothing is requested from a third party before the reader clicks.
//! An image is a request, with the reader's address and the time they read: it loads at once only
//! from an origin the publisher has already chosen (docs/decisions.md, "Images"):
//! - the page's own origin;
//! - the origin the article's document was fetched from (the bundled default article's is where
//!   `embed.js` is served from);
//! - the origins the mount element lists in `data-images-from`.
//!
//! Any other `https:` image shows its alt text and caption with a "Show image from example.org"
//! button; the reader's click loads it, and the other images of that origin in that widget. An
//! `http:` image never loads, not even on a click (mixed content, which the SPEC's
//! `img-src 'self' https:` refuses too), unless the page itself is on that very origin.

use super::{text::Quoted, url::origin};

/// What to do with one image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageVerdict {
    /// Load it now.
    Load,
    /// Show its text and a button that loads images from this origin (always `https://host[:port]`,
    /// in lower case).
    Ask(String),
    /// Never load it: show its text and say why.
    Never,
}

/// The origins a widget's images may load from without asking (see the module's text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImagePolicy {
    page: Option<String>,
    chosen: Vec<String>,
}

impl ImagePolicy {
    /// `page` is the host page's URL; `chosen` the URLs (or origins) the publisher chose: the
    /// document's and those of `data-images-from`. What is not an `http:` or
    /// `https:` URL counts for nothing.
    pub fn new(page: &str, chosen: &[String]) -> ImagePolicy {
        ImagePolicy { page: origin(page), chosen: chosen.iter().filter_map(|c| origin(c)).collect() }
    }

    /// Also loads, from now on, the images of `origins`: those the reader asked for.
    pub fn allowing(mut self, origins: &[String]) -> ImagePolicy {
        self.chosen.extend_from_slice(origins);
        self
    }

    /// The verdict on the image at `src` (a URL the validator accepted).
    pub fn verdict(&self, src: &str) -> ImageVerdict {
        let Some(from) = origin(src) else { return ImageVerdict::Never };
        if self.page.as_ref() == Some(&from) {
            return ImageVerdict::Load;
        }
        if !from.starts_with("https://") {
            return ImageVerdict::Never;
        }
        if self.chosen.contains(&from) {
            return ImageVerdict::Load;
        }
        ImageVerdict::Ask(from)
    }
}

/// `data-images-from`: origins separated by spaces or commas (`https://cdn.example.org`), each an
/// `https:` origin and nothing more. Returns the origins, and a console warning for each entry that
/// is not one.
pub fn parse_images_from(value: &str) -> (Vec<String>, Vec<String>) {
    let mut origins = Vec::new();
    let mut warnings = Vec::new();
    for entry in value.split(|c: char| c == ',' || c.is_whitespace()).filter(|e| !e.is_empty()) {
        let bare = entry.strip_suffix('/').unwrap_or(entry);
        match origin(bare).filter(|o| o.len() == bare.len() && o.starts_with("https:")) {
            Some(o) => origins.push(o),
            None => warnings.push(format!("data-images-from {} ignored: not an https origin", Quoted(entry))),
        }
    }
    (origins, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_origins_load_others_wait_and_http_never_loads() {
        let policy = ImagePolicy::new(
            "https://news.example/2021/iraq?x=1",
            &["https://api.news.example/articles/iraq.json", "https://cdn.widget.example/article-reader/", "junk"]
                .map(String::from),
        );
        let verdict = |src: &str| policy.verdict(src);
        assert_eq!(verdict("https://news.example/fig.png"), ImageVerdict::Load);
        assert_eq!(verdict("https://NEWS.example/fig.png"), ImageVerdict::Load);
        assert_eq!(verdict("https://api.news.example/img/1.jpg"), ImageVerdict::Load);
        assert_eq!(verdict("https://cdn.widget.example/x.png"), ImageVerdict::Load);
        assert_eq!(
            verdict("https://Tracker.example:8443/pixel.gif"),
            ImageVerdict::Ask("https://tracker.example:8443".into())
        );
        // A subdomain or another port is another origin; user information disguises one.
        assert!(matches!(verdict("https://img.news.example/a.png"), ImageVerdict::Ask(_)));
        assert!(matches!(verdict("https://news.example:8443/a.png"), ImageVerdict::Ask(_)));
        assert_eq!(verdict("https://news.example@tracker.example/a.png"), ImageVerdict::Never);
        // http: never, even from a chosen origin's host, even once allowed.
        assert_eq!(verdict("http://news.example/fig.png"), ImageVerdict::Never);
        let allowed = policy.clone().allowing(&["http://other.example".into(), "https://tracker.example:8443".into()]);
        assert_eq!(allowed.verdict("http://other.example/a.png"), ImageVerdict::Never);
        // The reader's click allows that origin.
        assert_eq!(allowed.verdict("https://tracker.example:8443/b.gif"), ImageVerdict::Load);
        assert!(matches!(policy.verdict("https://tracker.example:8443/b.gif"), ImageVerdict::Ask(_)));
        // A page served over http may show its own images.
        let local = ImagePolicy::new("http://127.0.0.1:8080/", &[]);
        assert_eq!(local.verdict("http://127.0.0.1:8080/fig.png"), ImageVerdict::Load);
        assert_eq!(local.verdict("http://127.0.0.1:9090/fig.png"), ImageVerdict::Never);
    }

    #[test]
    fn images_from_lists_https_origins() {
        let (origins, warnings) =
            parse_images_from(" https://cdn.example.org/, https://img.example:8443 http://x.example\njunk");
        assert_eq!(origins, ["https://cdn.example.org", "https://img.example:8443"]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains(r#""http://x.example""#));
    }
}
