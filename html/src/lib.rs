//! article-reader's html module: a WASM module of its own, separate from the widget's and from the
//! adapters' one, that reads an article web page (`data-format="html"`) into an article document.
//!
//! The extraction (Readability's scoring by dom_smoothie, html5ever's parser, language detection)
//! is about eight times the adapters' module, so only pages whose widgets say
//! `data-format="html"` download it: `embed.js` fetches it the first time such a widget needs it and
//! the widget calls [`adapt`] through `embed.js`. The reading itself is the crate's pure core
//! (`article_reader::core::extract`, shared with the CLI's `convert --from html`), and what it
//! returns went through the core's HTML allow-list; the widget still validates it.

use article_reader::core::adapters::{self, Format, HtmlNode, Reply, Request};
use wasm_bindgen::prelude::wasm_bindgen;

/// Answers a JSON-encoded [`Request`] (format `Html`: the page's text and its resolved URL) with a
/// JSON-encoded [`Reply`].
#[wasm_bindgen]
pub fn adapt(request: &str) -> String {
    serde_json::to_string(&answer(request)).unwrap_or_default()
}

fn answer(request: &str) -> Reply {
    match serde_json::from_str(request).ok().and_then(|r| Request::from_json(&r)) {
        // A page needs no fragment parser: html5ever reads it whole.
        Some(request) if request.format == Format::Html => adapters::adapt(&request, &|_| Vec::<HtmlNode>::new()),
        Some(_) => Reply::failed("the html module reads article pages only".into()),
        None => Reply::failed(format!("the html module could not read its request: {request:.100}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn request(page: &str, url: &str) -> String {
        let request = Request {
            format: Format::Html,
            url: url.into(),
            text: page.into(),
            translations: Vec::new(),
            fallback_lang: "en".into(),
        };
        request.to_json().to_string()
    }

    fn reply(text: &str) -> Reply {
        Reply::from_json(&serde_json::from_str::<Value>(text).unwrap()).unwrap()
    }

    const PAGE: &str = r#"<!doctype html><html lang="fr"><head><title>Le titre</title>
        <meta property="og:site_name" content="Le Journal"></head><body>
        <nav><a href="/">Accueil</a></nav>
        <article><h1>Le titre</h1>
        <p>Premier paragraphe de l’article, assez long pour que l’extraction le garde comme texte principal de la page.</p>
        <p>Un second paragraphe, avec <a href="../autre.html">un lien relatif</a> et <img src="img/photo.jpg" alt="Une photo"> une image relative.</p>
        <p>Un troisième paragraphe, pour que l’article ait assez de texte aux yeux de Readability et de ses seuils.</p>
        <script>alert(1)</script><p onclick="alert(2)">Le dernier paragraphe de l’article, lui aussi assez long pour compter.</p>
        </article></body></html>"#;

    #[test]
    fn a_page_becomes_a_valid_article_with_its_links_resolved() {
        let reply = reply(&adapt(&request(PAGE, "https://news.example/2021/07/story.html")));
        let doc = reply.article.expect("an article");
        let parsed = article_reader::core::validate::parse_article(&doc).expect("valid");
        let article = parsed.article;
        assert_eq!(article.default_lang, "fr");
        let t = &article.translations[0];
        assert_eq!(t.title, "Le titre");
        assert_eq!(article.publication.map(|p| p.name).as_deref(), Some("Le Journal"));
        // No identifier on the page: its address's last segment, as convert --from html names it.
        assert_eq!(article.id, "story-html");
        let json: Value = serde_json::from_str(&doc).unwrap();
        let body = json["translations"]["fr"]["body"].to_string();
        assert!(body.contains("https://news.example/2021/autre.html"), "{body}");
        assert!(body.contains("https://news.example/2021/07/img/photo.jpg"), "{body}");
        assert!(!body.contains("alert") && !body.contains("onclick") && !body.contains("Accueil"), "{body}");
    }

    #[test]
    fn what_is_not_an_article_page_is_refused_with_the_reason() {
        let empty = reply(&adapt(&request("", "https://news.example/empty.html")));
        assert!(empty.article.unwrap_err().starts_with("not an article page"));
        let other = json!({"format": "WordPress", "url": "u", "text": "{}", "translations": [], "fallback_lang": "en"});
        assert_eq!(reply_of(&other).article, Err("the html module reads article pages only".into()));
        assert!(reply(&adapt("{")).article.unwrap_err().contains("could not read its request"));
    }

    fn reply_of(request: &Value) -> Reply {
        reply(&adapt(&request.to_string()))
    }
}
