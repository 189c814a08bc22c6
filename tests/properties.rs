//! Property tests of the parser, the validator and share-link building.

use article_reader::core::{
    article::{Article, Block, Run, Translation},
    networks::{network, NETWORKS},
    share::{share_href, ShareContent},
    validate::{parse_article, parse_article_bytes},
};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Whatever arrives over the network, the parser answers: a document or an error, never a panic.
    #[test]
    fn any_bytes_give_ok_or_error(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_article_bytes(&bytes);
    }

    /// Near-valid JSON: random edits of a valid document are handled without a panic, and any
    /// rejection names at least one problem.
    #[test]
    fn mutated_documents_never_panic(pos in 0usize..200, insert in "[\\[\\]{}\",:a-z0-9 ]{0,6}") {
        let doc = r#"{"schema":"article-reader/1","id":"T","default_lang":"en","translations":{"en":{"title":"T","body":[{"type":"paragraph","runs":[{"text":"x","href":"https://e.example"}]}]}}}"#;
        let pos = pos.min(doc.len());
        let mutated = format!("{}{}{}", &doc[..pos], insert, &doc[pos..]);
        if let Err(rejection) = parse_article(&mutated) {
            prop_assert!(!rejection.problems.is_empty());
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    // Any printable text, including quotes, ampersands, markup, Cyrillic, Arabic and emoji.
    "[a-zA-Z0-9 &<>\"'«»“”—–Ѐ-ӿ؀-ۿ🐍🇮🇶]{0,40}".prop_filter("non-blank", |s| !s.trim().is_empty())
}

fn url() -> impl Strategy<Value = String> {
    ("(https|http)", "[a-z]{1,10}\\.(org|com|example)", "(/[a-z0-9._~%-]{0,10}){0,3}", "(\\?[a-z]=[a-z0-9]{0,5})?")
        .prop_map(|(scheme, host, path, query)| format!("{scheme}://{host}{path}{query}"))
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        proptest::collection::vec(
            (text(), proptest::option::of(url()), any::<bool>(), any::<bool>())
                .prop_map(|(text, href, em, strong)| Run { text, href, em, strong }),
            1..4
        )
        .prop_map(|runs| Block::Paragraph { runs }),
        text().prop_map(|text| Block::Heading { text }),
        (text(), proptest::option::of(text())).prop_map(|(text, cite)| Block::Quote { text, cite }),
        (any::<bool>(), proptest::collection::vec(text(), 1..4))
            .prop_map(|(ordered, items)| Block::List { ordered, items }),
        (url(), text(), proptest::option::of(text())).prop_map(|(src, alt, caption)| Block::Image {
            src,
            alt,
            caption
        }),
    ]
}

fn article() -> impl Strategy<Value = Article> {
    let langs = proptest::sample::subsequence(vec!["en", "fr", "ru", "ar", "pt-BR", "zh-Hant"], 1..5);
    (langs, text(), proptest::collection::vec(proptest::collection::vec(block(), 1..5), 5), proptest::option::of(url()))
        .prop_map(|(langs, title, bodies, link)| {
            let translations: Vec<Translation> = langs
                .iter()
                .zip(bodies)
                .map(|(lang, body)| Translation {
                    lang: lang.to_string(),
                    title: format!("{title} {lang}"),
                    url: link.clone(),
                    summary: None,
                    author_name: None,
                    author_bio: Some(title.clone()),
                    body,
                })
                .collect();
            Article {
                schema: "article-reader/1".into(),
                id: "P1".into(),
                published: Some("2021-07-16".into()),
                author: None,
                publication: None,
                default_lang: langs[langs.len() - 1].to_string(),
                translations,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any valid document survives serialize-then-parse unchanged.
    #[test]
    fn valid_documents_round_trip(article in article()) {
        let json = serde_json::to_string(&article).unwrap();
        let parsed = parse_article(&json).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
        prop_assert!(parsed.warnings.is_empty());
        prop_assert_eq!(parsed.article, article);
    }

    /// Every link-type share URL decodes back to exactly the title and URL it was built from.
    #[test]
    fn share_links_decode_back(title in text(), link in url()) {
        let content = ShareContent { url: link.clone(), title: title.clone() };
        for n in NETWORKS.iter().filter(|n| n.share.is_some()) {
            let Some(href) = share_href(n.share.unwrap(), &content) else { continue };
            let query = href.split_once('?').map(|(_, q)| q).unwrap_or("");
            let values: Vec<String> = query
                .split('&')
                .filter_map(|p| p.split_once('='))
                .map(|(_, v)| percent_encoding::percent_decode_str(v).decode_utf8().unwrap().into_owned())
                .collect();
            let joined = format!("{title} {link}");
            prop_assert!(
                values.iter().any(|v| *v == link || *v == joined),
                "{}: {href} does not carry {link}", n.id
            );
            if n.id != "facebook" && n.id != "linkedin" {
                prop_assert!(values.iter().any(|v| *v == title || *v == joined), "{}: no title in {href}", n.id);
            }
        }
        prop_assert!(network("x").is_some());
    }
}
