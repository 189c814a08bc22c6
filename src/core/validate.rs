//! Parsing and validation of article documents (SPEC section 3).
//!
//! The document is first read as generic JSON, then walked by hand so that every problem names
//! the JSON path it was found at (`translations.fr.body[3].type: unknown block type "vid"`).
//! Fatal problems reject the document; unsafe URLs are dropped and reported as warnings, so one bad
//! link does not cost the reader the whole article.

use std::fmt;

use serde_json::{Map, Value};

use super::article::{Article, Block, BlockKind, FollowLink, Person, Publication, Run, Translation, SCHEMA};
use super::lang::is_valid_lang_tag;
use super::text::Quoted;
use super::url::safe_url;

/// Largest accepted document, in bytes of UTF-8.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
/// Largest article assembled from several fetched documents (a WordPress post or a JSON Feed item
/// with its translations), all of them together: each is held to [`MAX_DOCUMENT_BYTES`] on its own.
pub const MAX_ASSEMBLED_BYTES: usize = 16 * 1024 * 1024;
/// The largest article web page a widget fetches (`data-format="html"`), in bytes: the limit of
/// `core::extract`, which reads its limit from here.
pub const MAX_PAGE_BYTES: usize = 8 * MAX_DOCUMENT_BYTES;
/// Most body blocks accepted over all translations.
pub const MAX_BLOCKS: usize = 10_000;
/// Most translations accepted.
pub const MAX_TRANSLATIONS: usize = 100;
/// Most parts accepted over all translations: body blocks, list items, paragraph runs,
/// table rows and cells together.
/// Each is an element on the page, so this bounds what a document can make the widget draw (700,000
/// empty list items in 2 MiB would otherwise be 700,000 `<li>`). Counted before each array is read.
pub const MAX_PARTS: usize = 100_000;
/// Most problems (and, apart, warnings) listed one by one; the rest are counted. A message about a
/// hostile document stays short however many faults it has.
pub const MAX_LISTED_PROBLEMS: usize = 20;
/// Arrays and objects nested deeper than this are not read (serde_json's recursion limit, which
/// the browser-side reading applies too): a hostile document must not exhaust the stack.
pub const MAX_NESTING: usize = 128;
/// The document's member that holds its translations, by language tag.
pub const TRANSLATIONS: &str = "translations";
/// A translation's member that holds its blocks.
pub const BODY: &str = "body";

/// Where a value lies in an article document, as far as reading a long one first screen first
/// cares ([`crate::host::Host::read_json`]): what grows with a long article is its bodies,
/// `translations.<lang>.body`, and a first screen needs only the first blocks of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The document itself.
    Root,
    /// Its [`TRANSLATIONS`].
    Translations,
    /// One translation.
    Translation,
    /// A translation's [`BODY`].
    Body,
    /// Anything else.
    Other,
}

impl Place {
    /// The place of this object's member `key` (an array's items are [`Place::Other`]).
    pub fn member(self, key: &str) -> Place {
        match self {
            Place::Root if key == TRANSLATIONS => Place::Translations,
            Place::Translations => Place::Translation,
            Place::Translation if key == BODY => Place::Body,
            _ => Place::Other,
        }
    }

    /// How many items an array here keeps when a document is read up to its first `first` blocks.
    pub fn keep(self, first: usize) -> usize {
        if self == Place::Body {
            first
        } else {
            usize::MAX
        }
    }
}

/// One thing wrong with a document, with the JSON path where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Dotted JSON path (`translations.fr.body[3].type`); empty for the document itself.
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    TooLarge { bytes: usize, limit: usize },
    NotUtf8 { offset: usize },
    NotJson(JsonSyntaxError),
    NotAnObject,
    Missing,
    WrongType { expected: &'static str },
    Empty,
    UnknownSchema(String),
    UnknownBlockType(String),
    BadLangTag(String),
    DuplicateLang(String),
    UnknownDefaultLang(String),
    UnsafeUrl(String),
    BadDate(String),
    TooManyBlocks,
    TooManyTranslations,
    TooManyParts,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        match &self.kind {
            ProblemKind::TooLarge { bytes, limit } => {
                write!(f, "document is {bytes} bytes, more than the limit of {limit}")
            }
            ProblemKind::NotUtf8 { offset } => write!(f, "not valid UTF-8 (byte {offset})"),
            ProblemKind::NotJson(JsonSyntaxError { at: Some((line, column)), reason }) => {
                write!(f, "not valid JSON at line {line}, column {column}: {reason}")
            }
            ProblemKind::NotJson(JsonSyntaxError { at: None, reason }) => write!(f, "not valid JSON: {reason}"),
            ProblemKind::NotAnObject => f.write_str("the document must be a JSON object"),
            ProblemKind::Missing => f.write_str("required field is missing"),
            ProblemKind::WrongType { expected } => write!(f, "expected {expected}"),
            ProblemKind::Empty => f.write_str("must not be empty"),
            ProblemKind::UnknownSchema(s) => {
                write!(f, "unsupported schema {} (this reader understands {})", Quoted(s), Quoted(SCHEMA))
            }
            ProblemKind::UnknownBlockType(t) => write!(f, "unknown block type {}", Quoted(t)),
            ProblemKind::BadLangTag(t) => {
                write!(f, "{} is not a language tag (BCP 47, like \"fr\" or \"pt-BR\")", Quoted(t))
            }
            ProblemKind::DuplicateLang(t) => write!(f, "language {} appears more than once", Quoted(t)),
            ProblemKind::UnknownDefaultLang(t) => {
                write!(f, "names {}, which is not one of the translations", Quoted(t))
            }
            ProblemKind::UnsafeUrl(u) => {
                write!(f, "URL {} dropped: only https, http and mailto are allowed", Quoted(u))
            }
            ProblemKind::BadDate(d) => write!(f, "{} is not a date of the form YYYY-MM-DD", Quoted(d)),
            ProblemKind::TooManyBlocks => write!(f, "more than {MAX_BLOCKS} blocks"),
            ProblemKind::TooManyTranslations => write!(f, "more than {MAX_TRANSLATIONS} translations"),
            ProblemKind::TooManyParts => {
                write!(f, "more than {MAX_PARTS} parts (blocks, list items, runs, table rows and cells)")
            }
        }
    }
}

/// Why a document was rejected: the first [`MAX_LISTED_PROBLEMS`] fatal problems found, in
/// document order, and how many more there were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub problems: Vec<Problem>,
    /// Problems found beyond the listed ones.
    pub more: usize,
}

/// What follows the listed problems (or warnings) when more were found: `and 49980 more`.
pub struct More(pub usize);

impl fmt::Display for More {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "and {} more", self.0)
    }
}

/// `problems` one a line, then a line counting those not listed: what a terminal shows.
fn lines_of(problems: &[Problem], more: usize) -> Vec<String> {
    let mut lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    if more > 0 {
        lines.push(More(more).to_string());
    }
    lines
}

impl Rejection {
    fn one(path: &str, kind: ProblemKind) -> Self {
        Rejection { problems: vec![Problem { path: path.to_string(), kind }], more: 0 }
    }

    /// Each listed problem, then the count of the others, one line each.
    pub fn lines(&self) -> Vec<String> {
        lines_of(&self.problems, self.more)
    }

    /// A document refused for its size alone, before reading it.
    pub fn too_large(bytes: usize, limit: usize) -> Self {
        Rejection::one("", ProblemKind::TooLarge { bytes, limit })
    }

    /// An article whose documents name more than [`MAX_TRANSLATIONS`] languages, refused before
    /// any of them is fetched.
    pub fn too_many_translations() -> Self {
        Rejection::one(TRANSLATIONS, ProblemKind::TooManyTranslations)
    }

    /// The first problem, the one worth showing first.
    pub fn first(&self) -> &Problem {
        &self.problems[0]
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        if self.more > 0 {
            f.write_str("; ")?;
            fmt::Display::fmt(&More(self.more), f)?;
        }
        Ok(())
    }
}

/// A document that passed validation, with the non-fatal problems (dropped URLs) found on the way:
/// the first [`MAX_LISTED_PROBLEMS`], and how many more.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub article: Article,
    pub warnings: Vec<Problem>,
    pub more_warnings: usize,
}

impl Parsed {
    /// Each listed warning, then the count of the others, one line each.
    pub fn warning_lines(&self) -> Vec<String> {
        lines_of(&self.warnings, self.more_warnings)
    }
}

/// Where and why a text is not JSON, as the parser that read it puts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonSyntaxError {
    /// Line and column (from 1), when the parser gives them.
    pub at: Option<(usize, usize)>,
    pub reason: String,
}

/// A JSON parser: text to a JSON tree. The widget passes the browser's `JSON.parse` (through
/// [`crate::host::Host::parse_json`]), which keeps a second JSON parser out of its WASM module;
/// everything else (the CLI, the adapters' module, native tests) uses [`parse_json`].
pub type JsonParser<'a> = &'a dyn Fn(&str) -> Result<Value, JsonSyntaxError>;

/// serde_json's reading of a text (nesting limited to [`MAX_NESTING`]).
pub fn parse_json(text: &str) -> Result<Value, JsonSyntaxError> {
    serde_json::from_str(text)
        .map_err(|e| JsonSyntaxError { at: Some((e.line(), e.column())), reason: json_reason(&e) })
}

/// Parses and validates an article document given as bytes, as it comes over the network: the
/// size limit is checked before decoding, and invalid UTF-8 is reported with its byte offset
/// rather than silently replaced.
pub fn parse_article_bytes(bytes: &[u8]) -> Result<Parsed, Rejection> {
    parse_article_bytes_with(bytes, &parse_json)
}

/// [`parse_article_bytes`] with the given JSON parser.
pub fn parse_article_bytes_with(bytes: &[u8], parse: JsonParser) -> Result<Parsed, Rejection> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Rejection::too_large(bytes.len(), MAX_DOCUMENT_BYTES));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_article_with(text, parse),
        Err(e) => Err(Rejection::one("", ProblemKind::NotUtf8 { offset: e.valid_up_to() })),
    }
}

/// Validates an article document assembled from several fetched documents (each already held to
/// [`MAX_DOCUMENT_BYTES`]): the size limit is [`MAX_ASSEMBLED_BYTES`] for the whole.
pub fn parse_assembled_with(text: &str, parse: JsonParser) -> Result<Parsed, Rejection> {
    parse_within(text, MAX_ASSEMBLED_BYTES, parse)
}

/// Parses and validates an article document.
pub fn parse_article(text: &str) -> Result<Parsed, Rejection> {
    parse_article_with(text, &parse_json)
}

/// [`parse_article`] with the given JSON parser.
pub fn parse_article_with(text: &str, parse: JsonParser) -> Result<Parsed, Rejection> {
    parse_within(text, MAX_DOCUMENT_BYTES, parse)
}

fn parse_within(text: &str, limit: usize, parse: JsonParser) -> Result<Parsed, Rejection> {
    if text.len() > limit {
        return Err(Rejection::one("", ProblemKind::TooLarge { bytes: text.len(), limit }));
    }
    validate_read(parse(without_bom(text)))
}

/// A JSON text without its byte order mark: RFC 8259 lets a parser ignore one, and editors on
/// some systems add one (`JSON.parse` does not ignore it).
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Validates what a JSON reading gave: a tree, or why the text is not JSON (the rest of a long
/// document, read after its first screen, comes this way too).
pub fn validate_read(read: Result<Value, JsonSyntaxError>) -> Result<Parsed, Rejection> {
    validate_json(&read.map_err(|e| Rejection::one("", ProblemKind::NotJson(e)))?)
}

/// Validates a document already read as JSON (by the loader, which reads a fetched document once
/// to tell its format).
pub fn validate_json(value: &Value) -> Result<Parsed, Rejection> {
    let Value::Object(root) = value else {
        return Err(Rejection::one("", ProblemKind::NotAnObject));
    };
    let mut walker = Walker::default();
    let article = walker.article(root);
    match article {
        Some(article) if walker.problems.is_empty() => {
            Ok(Parsed { article, warnings: walker.warnings, more_warnings: walker.more_warnings })
        }
        // Every path that rejects records why; the fallback keeps `Rejection::first` total.
        _ if walker.problems.is_empty() => Err(Rejection::one("", ProblemKind::NotAnObject)),
        _ => Err(Rejection { problems: walker.problems, more: walker.more_problems }),
    }
}

fn json_reason(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C" to its message; the path already says where.
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

#[derive(Default)]
struct Walker {
    problems: Vec<Problem>,
    more_problems: usize,
    warnings: Vec<Problem>,
    more_warnings: usize,
    blocks: usize,
    /// Blocks, list items and runs counted so far (see [`MAX_PARTS`]).
    parts: usize,
}

/// Where a field is in the document, written out (`translations.fr.body[3].type`) only when a
/// problem is reported there. A long body has tens of thousands of fields, and writing each one's
/// path as it was read was a large part of its work (BENCHMARKS.md, "Validating a long article").
#[derive(Clone, Copy)]
enum Path<'a> {
    /// A path written already: `""` for the document itself, `translations.fr`.
    At(&'a str),
    /// A member of an object.
    Key(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
}

/// The document itself.
const ROOT: Path<'static> = Path::At("");

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::At(written) => f.write_str(written),
            Path::Key(Path::At(""), key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// The path of a member named by the document (a translation's language): `translations.fr`, or,
/// for a key that is not a plain name, `translations["x\ndoc.json: ok"]`, quoted, so that no key can
/// break a message's line or pass itself off as another message.
fn member(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if plain {
        format!("{path}.{key}")
    } else {
        format!("{path}[{}]", Quoted(key))
    }
}

/// Adds `problem` to `list` while fewer than [`MAX_LISTED_PROBLEMS`] are listed, else counts it.
fn note(list: &mut Vec<Problem>, more: &mut usize, problem: Problem) {
    if list.len() < MAX_LISTED_PROBLEMS {
        list.push(problem);
    } else {
        *more += 1;
    }
}

impl Walker {
    fn fail(&mut self, path: String, kind: ProblemKind) {
        note(&mut self.problems, &mut self.more_problems, Problem { path, kind });
    }

    fn warn(&mut self, path: String, kind: ProblemKind) {
        note(&mut self.warnings, &mut self.more_warnings, Problem { path, kind });
    }

    /// Counts `n` more parts before they are read; `false` (with the problem recorded once) when
    /// that passes [`MAX_PARTS`].
    fn count_parts(&mut self, n: usize) -> bool {
        let was = self.parts;
        self.parts = self.parts.saturating_add(n);
        if self.parts > MAX_PARTS {
            if was <= MAX_PARTS {
                self.fail(String::new(), ProblemKind::TooManyParts);
            }
            return false;
        }
        true
    }

    /// A required, non-empty string.
    fn required_str(&mut self, obj: &Map<String, Value>, key: &str, path: &Path) -> Option<String> {
        let kind = match obj.get(key) {
            None | Some(Value::Null) => ProblemKind::Missing,
            Some(Value::String(s)) if super::text::is_blank(s) => ProblemKind::Empty,
            Some(Value::String(s)) => return Some(s.clone()),
            Some(_) => ProblemKind::WrongType { expected: "a string" },
        };
        self.fail(path.key(key).to_string(), kind);
        None
    }

    /// An optional string; empty counts as absent.
    fn optional_str(&mut self, obj: &Map<String, Value>, key: &str, path: &Path) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if super::text::is_blank(s) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.fail(path.key(key).to_string(), ProblemKind::WrongType { expected: "a string" });
                None
            }
        }
    }

    /// An optional URL: kept only when it passes the allow-list, otherwise dropped with a warning.
    fn optional_url(&mut self, obj: &Map<String, Value>, key: &str, path: &Path) -> Option<String> {
        let raw = self.optional_str(obj, key, path)?;
        self.checked_url(&raw, path, key)
    }

    /// `raw` when it passes the allow-list; else a warning at `path.key` (written only then).
    fn checked_url(&mut self, raw: &str, path: &Path, key: &str) -> Option<String> {
        match safe_url(raw) {
            Some(u) => Some(u),
            None => {
                self.warn(path.key(key).to_string(), ProblemKind::UnsafeUrl(raw.to_string()));
                None
            }
        }
    }

    fn object<'v>(&mut self, value: &'v Value, path: &Path) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(m) => Some(m),
            _ => {
                self.fail(path.to_string(), ProblemKind::WrongType { expected: "an object" });
                None
            }
        }
    }

    fn article(&mut self, root: &Map<String, Value>) -> Option<Article> {
        let schema = self.required_str(root, "schema", &ROOT);
        if let Some(s) = &schema {
            if !schema_supported(s) {
                self.fail("schema".into(), ProblemKind::UnknownSchema(s.clone()));
                return None;
            }
        }
        let id = self.required_str(root, "id", &ROOT);
        let published = self.optional_str(root, "published", &ROOT).and_then(|d| {
            if super::date::Date::parse(&d).is_some() {
                Some(d)
            } else {
                self.fail("published".into(), ProblemKind::BadDate(d));
                None
            }
        });
        let author = match root.get("author") {
            None | Some(Value::Null) => None,
            Some(v) => self.object(v, &Path::At("author")).and_then(|o| {
                let name = self.required_str(o, "name", &Path::At("author"))?;
                Some(Person { name, url: self.optional_url(o, "url", &Path::At("author")) })
            }),
        };
        let publication = match root.get("publication") {
            None | Some(Value::Null) => None,
            Some(v) => self.object(v, &Path::At("publication")).and_then(|o| self.publication(o)),
        };
        let default_lang = self.required_str(root, "default_lang", &ROOT);
        let translations = self.translations(root);

        // default_lang is checked against every language the document names, so a translation
        // rejected for its own reasons does not also make default_lang look wrong.
        let named = root.get(TRANSLATIONS).and_then(Value::as_object);
        if let (Some(lang), Some(named)) = (&default_lang, named) {
            if !named.keys().any(|k| k.eq_ignore_ascii_case(lang)) {
                self.fail("default_lang".into(), ProblemKind::UnknownDefaultLang(lang.clone()));
            }
        }
        let (schema, id, default_lang, translations) = (schema?, id?, default_lang?, translations?);
        Some(Article { schema, id, published, author, publication, default_lang, translations })
    }

    fn publication(&mut self, o: &Map<String, Value>) -> Option<Publication> {
        let at = Path::At("publication");
        let name = self.required_str(o, "name", &at)?;
        let url = self.optional_url(o, "url", &at);
        let mut follow = Vec::new();
        match o.get("follow") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                let follow_path = at.key("follow");
                for (i, item) in items.iter().enumerate() {
                    let p = follow_path.index(i);
                    let Some(link) = self.object(item, &p) else { continue };
                    let network = self.required_str(link, "network", &p);
                    let url = self.required_str(link, "url", &p);
                    if let (Some(network), Some(url)) = (network, url) {
                        if let Some(url) = self.checked_url(&url, &p, "url") {
                            follow.push(FollowLink { network: network.to_ascii_lowercase(), url });
                        }
                    }
                }
            }
            Some(_) => self.fail("publication.follow".into(), ProblemKind::WrongType { expected: "an array" }),
        }
        Some(Publication { name, url, follow })
    }

    fn translations(&mut self, root: &Map<String, Value>) -> Option<Vec<Translation>> {
        let map = match root.get(TRANSLATIONS) {
            None | Some(Value::Null) => {
                self.fail(TRANSLATIONS.into(), ProblemKind::Missing);
                return None;
            }
            Some(v) => self.object(v, &Path::At(TRANSLATIONS))?,
        };
        if map.is_empty() {
            self.fail(TRANSLATIONS.into(), ProblemKind::Empty);
            return None;
        }
        if map.len() > MAX_TRANSLATIONS {
            self.fail(TRANSLATIONS.into(), ProblemKind::TooManyTranslations);
            return None;
        }
        let mut out: Vec<Translation> = Vec::with_capacity(map.len());
        for (lang, value) in map {
            let path = member(TRANSLATIONS, lang);
            if !is_valid_lang_tag(lang) {
                self.fail(path, ProblemKind::BadLangTag(lang.clone()));
                continue;
            }
            if out.iter().any(|t| t.lang.eq_ignore_ascii_case(lang)) {
                self.fail(path, ProblemKind::DuplicateLang(lang.clone()));
                continue;
            }
            let Some(obj) = self.object(value, &Path::At(&path)) else { continue };
            if let Some(t) = self.translation(lang, obj, &Path::At(&path)) {
                out.push(t);
            }
            if self.blocks > MAX_BLOCKS {
                self.fail(String::new(), ProblemKind::TooManyBlocks);
                return None;
            }
            if self.parts > MAX_PARTS {
                return None;
            }
        }
        Some(out)
    }

    fn translation(&mut self, lang: &str, o: &Map<String, Value>, path: &Path) -> Option<Translation> {
        let title = self.required_str(o, "title", path);
        let url = self.optional_url(o, "url", path);
        let summary = self.optional_str(o, "summary", path);
        let author_name = self.optional_str(o, "author_name", path);
        let author_bio = self.optional_str(o, "author_bio", path);
        let body_path = path.key(BODY);
        let body = match o.get(BODY) {
            None | Some(Value::Null) => {
                self.fail(body_path.to_string(), ProblemKind::Missing);
                None
            }
            Some(Value::Array(items)) if items.is_empty() => {
                self.fail(body_path.to_string(), ProblemKind::Empty);
                None
            }
            Some(Value::Array(items)) => {
                self.blocks += items.len();
                if self.blocks > MAX_BLOCKS || !self.count_parts(items.len()) {
                    return None;
                }
                let blocks: Vec<Block> =
                    items.iter().enumerate().filter_map(|(i, b)| self.block(b, &body_path.index(i))).collect();
                Some(blocks)
            }
            Some(_) => {
                self.fail(body_path.to_string(), ProblemKind::WrongType { expected: "an array of blocks" });
                None
            }
        };
        Some(Translation { lang: lang.to_string(), title: title?, url, summary, author_name, author_bio, body: body? })
    }

    fn block(&mut self, value: &Value, path: &Path) -> Option<Block> {
        let o = self.object(value, path)?;
        let name = self.required_str(o, "type", path)?;
        let Some(kind) = BlockKind::named(&name) else {
            self.fail(path.key("type").to_string(), ProblemKind::UnknownBlockType(name));
            return None;
        };
        match kind {
            BlockKind::Paragraph => self.paragraph(o, path),
            BlockKind::Heading => Some(Block::Heading { text: self.required_str(o, "text", path)? }),
            BlockKind::Quote => {
                let text = self.required_str(o, "text", path)?;
                Some(Block::Quote { text, cite: self.optional_str(o, "cite", path) })
            }
            BlockKind::List => {
                let ordered = self.flag(o, "ordered", path);
                let items = self.string_list(o.get("items"), &path.key("items"))?;
                Some(Block::List { ordered, items })
            }
            BlockKind::Image => {
                let src = self.required_str(o, "src", path);
                let alt = self.optional_str(o, "alt", path).unwrap_or_default();
                let caption = self.optional_str(o, "caption", path);
                // An image whose source is not allowed is dropped whole: there is nothing to show.
                let src = self.checked_url(&src?, path, "src")?;
                Some(Block::Image { src, alt, caption })
            }
            BlockKind::Code => Some(Block::Code { text: self.required_str(o, "text", path)? }),
            BlockKind::Table => {
                let p = path.key("rows");
                let items = self.array(o.get("rows"), &p, "an array of rows")?;
                let mut rows = Vec::with_capacity(items.len());
                for (i, row) in items.iter().enumerate() {
                    rows.extend(self.string_list(Some(row), &p.index(i)));
                }
                let header = self.flag(o, "header", path);
                let table = super::runs::table(rows, header, self.optional_str(o, "caption", path));
                if table.is_none() {
                    self.fail(p.to_string(), ProblemKind::Empty);
                }
                table
            }
        }
    }

    fn paragraph(&mut self, o: &Map<String, Value>, path: &Path) -> Option<Block> {
        // `"runs": null` is no runs, as null is absent for every field.
        if let Some(runs) = o.get("runs").filter(|r| !r.is_null()) {
            let path = path.key("runs");
            let items = self.array(Some(runs), &path, "an array of runs")?;
            let mut runs = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let p = path.index(i);
                let Some(r) = self.object(item, &p) else { continue };
                let Some(text) = self.required_str(r, "text", &p) else { continue };
                let href = self.optional_url(r, "href", &p);
                runs.push(Run { text, href, em: self.flag(r, "em", &p), strong: self.flag(r, "strong", &p) });
            }
            return Some(Block::Paragraph { runs });
        }
        Some(Block::text(self.required_str(o, "text", path)?))
    }

    fn flag(&mut self, o: &Map<String, Value>, key: &str, path: &Path) -> bool {
        match o.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.fail(path.key(key).to_string(), ProblemKind::WrongType { expected: "true or false" });
                false
            }
        }
    }

    /// A required, non-empty array of strings (empty strings allowed: a table's empty cell).
    fn string_list(&mut self, value: Option<&Value>, path: &Path) -> Option<Vec<String>> {
        let items = self.array(value, path, "an array of strings")?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.clone()),
                _ => self.fail(path.index(i).to_string(), ProblemKind::WrongType { expected: "a string" }),
            }
        }
        Some(out)
    }

    /// A required, non-empty array at `path`, its length counted as parts before it is read.
    fn array<'v>(&mut self, value: Option<&'v Value>, path: &Path, expected: &'static str) -> Option<&'v [Value]> {
        let kind = match value {
            Some(Value::Array(items)) if !items.is_empty() => {
                return self.count_parts(items.len()).then_some(items.as_slice());
            }
            Some(Value::Array(_)) => ProblemKind::Empty,
            None | Some(Value::Null) => ProblemKind::Missing,
            Some(_) => ProblemKind::WrongType { expected },
        };
        self.fail(path.to_string(), kind);
        None
    }
}

/// `article-reader/1` and any `article-reader/1.x`: minor versions only add optional fields.
fn schema_supported(schema: &str) -> bool {
    // SCHEMA is `name/major`: the one place of both.
    let (name, major) = SCHEMA.split_once('/').unwrap_or((SCHEMA, ""));
    match schema.strip_prefix(name).and_then(|rest| rest.strip_prefix('/')) {
        Some(version) => version.split('.').next() == Some(major),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::failure::FailureKind;

    fn doc(translations: &str) -> String {
        format!(r#"{{"schema":"article-reader/1","id":"T1","default_lang":"en","translations":{translations}}}"#)
    }

    fn first_problem(text: &str) -> String {
        parse_article(text).expect_err("document should be rejected").first().to_string()
    }

    #[test]
    fn minimal_document_parses() {
        let parsed =
            parse_article(&doc(r#"{"en":{"title":"T","body":[{"type":"paragraph","text":"x"}]}}"#)).expect("valid");
        assert_eq!(parsed.article.translations.len(), 1);
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn missing_title_is_named_by_path() {
        let text = doc(r#"{"en":{"body":[{"type":"paragraph","text":"x"}]}}"#);
        assert_eq!(first_problem(&text), "translations.en.title: required field is missing");
        // And it is the only problem: default_lang still names a translation of the document.
        assert_eq!(parse_article(&text).unwrap_err().problems.len(), 1);
    }

    #[test]
    fn unknown_default_lang_is_rejected() {
        let text = doc(r#"{"fr":{"title":"T","body":[{"type":"paragraph","text":"x"}]}}"#);
        assert_eq!(first_problem(&text), r#"default_lang: names "en", which is not one of the translations"#);
    }

    #[test]
    fn unknown_block_type_names_its_path() {
        let text = doc(
            r#"{"en":{"title":"T","body":[{"type":"paragraph","text":"a"},{"type":"paragraph","text":"b"},{"type":"heading","text":"c"},{"type":"vid"}]}}"#,
        );
        assert_eq!(first_problem(&text), r#"translations.en.body[3].type: unknown block type "vid""#);
    }

    #[test]
    fn javascript_url_is_dropped_and_reported() {
        let text = doc(
            r#"{"en":{"title":"T","url":"javascript:alert(1)","body":[{"type":"paragraph","runs":[{"text":"click","href":" JavaScript:alert(1)"}]}]}}"#,
        );
        let parsed = parse_article(&text).expect("a bad URL is dropped, not fatal");
        let t = &parsed.article.translations[0];
        assert_eq!(t.url, None);
        assert_eq!(t.body[0], Block::Paragraph { runs: vec![Run::plain("click")] });
        let paths: Vec<_> = parsed.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(paths, ["translations.en.url", "translations.en.body[0].runs[0].href"]);
    }

    #[test]
    fn unknown_schema_major_is_reported_not_guessed() {
        let text = r#"{"schema":"article-reader/2","id":"x","default_lang":"en","translations":{}}"#;
        assert!(first_problem(text).starts_with("schema: unsupported schema \"article-reader/2\""));
        let minor = doc(r#"{"en":{"title":"T","body":[{"type":"paragraph","text":"x"}]}}"#)
            .replace("article-reader/1", "article-reader/1.3");
        assert!(parse_article(&minor).is_ok());
    }

    #[test]
    fn not_json_reports_line_and_column() {
        let msg = first_problem("{\n  \"schema\": oops\n}");
        assert!(msg.starts_with("not valid JSON at line 2, column"), "{msg}");
    }

    #[test]
    fn another_json_parser_is_used_as_given() {
        // The widget passes the browser's JSON.parse: its verdict and its message are the ones kept,
        // after the same size check and byte order mark handling.
        let browser = |text: &str| -> Result<Value, JsonSyntaxError> {
            assert!(!text.starts_with('\u{feff}'), "the byte order mark is removed before parsing");
            Err(JsonSyntaxError { at: None, reason: format!("Unexpected token at position {}", text.len()) })
        };
        let rejection = parse_article_bytes_with("\u{feff}{]".as_bytes(), &browser).unwrap_err();
        assert_eq!(rejection.first().to_string(), "not valid JSON: Unexpected token at position 2");
        assert_eq!(FailureKind::of(&rejection.first().kind).code(), "not-json");
        let huge = vec![b' '; MAX_DOCUMENT_BYTES + 1];
        assert!(matches!(
            parse_article_bytes_with(&huge, &browser).unwrap_err().first().kind,
            ProblemKind::TooLarge { .. }
        ));
        let valid = doc(r#"{"en":{"title":"T","body":[{"type":"paragraph","text":"x"}]}}"#);
        assert!(parse_article_with(&valid, &|t: &str| parse_json(t)).is_ok());
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused() {
        let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert!(parse_json(&deep(MAX_NESTING - 1)).is_ok());
        let e = parse_json(&deep(MAX_NESTING + 1)).unwrap_err();
        assert!(e.reason.contains("recursion limit"), "{e:?}");
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let text = doc(r#"{"en":{"title":"T","colour":"red","body":[{"type":"paragraph","text":"x","x":1}]}}"#)
            .replace("\"id\"", "\"future\":{\"a\":1},\"id\"");
        assert!(parse_article(&text).is_ok());
    }

    #[test]
    fn limits_are_enforced() {
        let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(FailureKind::of(&parse_article(&big).unwrap_err().first().kind).code(), "too-large");
        let many: Vec<String> = (0..=MAX_TRANSLATIONS).map(|i| format!(r#""t{i}":{{}}"#)).collect();
        let text = doc(&format!("{{{}}}", many.join(",")));
        assert_eq!(parse_article(&text).unwrap_err().first().kind, ProblemKind::TooManyTranslations);
    }

    #[test]
    fn problems_are_listed_up_to_a_limit_and_the_rest_counted() {
        // A list of 50,000 bad items: 20 listed, 49,980 counted, and the message stays short.
        let items = vec!["1"; 50_000].join(",");
        let text = doc(&format!(r#"{{"en":{{"title":"T","body":[{{"type":"list","items":[{items}]}}]}}}}"#));
        let rejection = parse_article(&text).unwrap_err();
        assert_eq!(rejection.problems.len(), MAX_LISTED_PROBLEMS);
        assert_eq!(rejection.more, 50_000 - MAX_LISTED_PROBLEMS);
        let lines = rejection.lines();
        assert_eq!(lines.last().unwrap(), "and 49980 more");
        assert!(rejection.to_string().ends_with("; and 49980 more"), "{rejection}");
        assert!(rejection.to_string().len() < 2_000, "{}", rejection.to_string().len());
        // Warnings likewise: 30 unsafe links, 20 listed.
        let runs = vec![r#"{"text":"x","href":"javascript:1"}"#; 30].join(",");
        let text = doc(&format!(r#"{{"en":{{"title":"T","body":[{{"type":"paragraph","runs":[{runs}]}}]}}}}"#));
        let parsed = parse_article(&text).unwrap();
        assert_eq!((parsed.warnings.len(), parsed.more_warnings), (MAX_LISTED_PROBLEMS, 10));
        assert_eq!(parsed.warning_lines().last().unwrap(), "and 10 more");
    }

    #[test]
    fn list_items_and_runs_count_towards_the_parts_limit() {
        // One block, MAX_PARTS empty items: refused before they are read, not drawn as <li>.
        let items = vec![r#""""#; MAX_PARTS].join(",");
        let text = doc(&format!(r#"{{"en":{{"title":"T","body":[{{"type":"list","items":[{items}]}}]}}}}"#));
        let rejection = parse_article(&text).unwrap_err();
        assert_eq!(rejection.first().kind, ProblemKind::TooManyParts);
        assert_eq!(FailureKind::of(&rejection.first().kind).code(), "too-large");
        assert_eq!(rejection.problems.len(), 1, "{rejection}");
        let runs = vec![r#"{"text":"x"}"#; MAX_PARTS].join(",");
        let text = doc(&format!(r#"{{"en":{{"title":"T","body":[{{"type":"paragraph","runs":[{runs}]}}]}}}}"#));
        assert_eq!(parse_article(&text).unwrap_err().first().kind, ProblemKind::TooManyParts);
        // Just under the limit is accepted.
        let items = vec![r#""i""#; MAX_PARTS - 1].join(",");
        let text = doc(&format!(r#"{{"en":{{"title":"T","body":[{{"type":"list","items":[{items}]}}]}}}}"#));
        assert!(parse_article(&text).is_ok());
    }

    #[test]
    fn code_and_tables_are_read_and_their_faults_named() {
        let body = r#"[{"type":"code","text":"  let x = 1;\n  x"},
            {"type":"table","header":true,"caption":"C","rows":[["a","b"],["1",""]]}]"#;
        let parsed = parse_article(&doc(&format!(r#"{{"en":{{"title":"T","body":{body}}}}}"#))).unwrap();
        let t = &parsed.article.translations[0];
        assert_eq!(t.body[0], Block::Code { text: "  let x = 1;\n  x".into() }, "white space is the author's");
        let rows = vec![vec!["a".to_string(), "b".into()], vec!["1".into(), String::new()]];
        assert_eq!(t.body[1], Block::Table { rows, header: true, caption: Some("C".into()) });

        let fault = |block: &str| first_problem(&doc(&format!(r#"{{"en":{{"title":"T","body":[{block}]}}}}"#)));
        assert_eq!(fault(r#"{"type":"code","text":" \n "}"#), "translations.en.body[0].text: must not be empty");
        assert_eq!(
            fault(r#"{"type":"table","rows":[["a"],[1]]}"#),
            "translations.en.body[0].rows[1][0]: expected a string"
        );
        assert_eq!(
            fault(r#"{"type":"table","rows":[["a"],[]]}"#),
            "translations.en.body[0].rows[1]: must not be empty"
        );
        assert_eq!(fault(r#"{"type":"table","rows":[[""," "]]}"#), "translations.en.body[0].rows: must not be empty");
        assert_eq!(
            fault(r#"{"type":"table","rows":"a|b"}"#),
            "translations.en.body[0].rows: expected an array of rows"
        );
        assert_eq!(
            fault(r#"{"type":"table","rows":[["a"]],"header":"yes"}"#),
            "translations.en.body[0].header: expected true or false"
        );
        // Cells are parts, counted before each row is read.
        let row = vec![r#""c""#; MAX_PARTS].join(",");
        assert_eq!(
            parse_article(&doc(&format!(r#"{{"en":{{"title":"T","body":[{{"type":"table","rows":[[{row}]]}}]}}}}"#)))
                .unwrap_err()
                .first()
                .kind,
            ProblemKind::TooManyParts
        );
    }

    #[test]
    fn null_runs_are_no_runs() {
        let text = doc(r#"{"en":{"title":"T","body":[{"type":"paragraph","text":"x","runs":null}]}}"#);
        assert_eq!(parse_article(&text).unwrap().article.translations[0].body[0], Block::text("x"));
    }

    #[test]
    fn keys_from_the_document_are_quoted_in_paths() {
        // A key that would forge a line of `article-reader validate` output, or move the cursor.
        let text = doc(r#"{"x\ndoc.json: ok (1 translation: en)\n":{"title":"T","body":[]},"en\u001b[2K":{}}"#);
        let rejection = parse_article(&text).unwrap_err();
        for line in rejection.lines() {
            assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line:?}");
        }
        assert!(rejection.lines()[0].starts_with(r#"translations["x\ndoc.json: ok (1 translation: en)\n"]: "#));
        assert!(first_problem(&doc(r#"{"en":{"title":"T","body":[]}}"#)).starts_with("translations.en.body:"));
    }

    #[test]
    fn every_kind_of_place_is_named_by_its_path() {
        // A fault at each kind of place: the document's own field, an object's, a member named by
        // the document, a body's block, a list's item, a run, a table's cell, a follow link.
        let text = r#"{"schema":"article-reader/1","default_lang":"en","published":"2026-13-45",
            "author":{"url":"javascript:1"},
            "publication":{"name":"P","follow":[{"network":"x","url":"javascript:1"},3]},
            "translations":{"en":{"title":"T","body":[
                {"type":"list","items":["a",1]},
                {"type":"paragraph","runs":[{"text":"x"},{"text":"y","em":"yes","href":"javascript:1"}]},
                {"type":"image","src":"javascript:1"},
                {"type":"table","rows":[["a"],["b",2]]},
                5]},
              "fr":{"title":"T","body":[{"type":"quote"}]}}}"#;
        let rejection = parse_article(text).unwrap_err();
        let paths: Vec<_> = rejection.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "id",
                "published",
                "author.name",
                "publication.follow[1]",
                "translations.en.body[0].items[1]",
                "translations.en.body[1].runs[1].em",
                "translations.en.body[3].rows[1][1]",
                "translations.en.body[4]",
                "translations.fr.body[0].text",
            ]
        );
    }

    #[test]
    fn empty_body_and_wrong_types_are_rejected() {
        assert_eq!(first_problem(&doc(r#"{"en":{"title":"T","body":[]}}"#)), "translations.en.body: must not be empty");
        assert_eq!(
            first_problem(&doc(r#"{"en":{"title":5,"body":[{"type":"heading","text":"h"}]}}"#)),
            "translations.en.title: expected a string"
        );
    }

    /// A tree cut as the widget reads a long document's first screen: each array at
    /// [`Place::Body`] keeps its first `first` items (the browser's walk in `embed/json.rs`).
    fn cut(value: &Value, place: Place, first: usize) -> Value {
        match value {
            Value::Array(items) => {
                Value::Array(items.iter().take(place.keep(first)).map(|v| cut(v, Place::Other, first)).collect())
            }
            Value::Object(fields) => {
                Value::Object(fields.iter().map(|(k, v)| (k.clone(), cut(v, place.member(k), first))).collect())
            }
            other => other.clone(),
        }
    }

    #[test]
    fn a_first_screen_is_each_translations_first_blocks_and_nothing_else_is_cut() {
        // Arrays elsewhere (a list's items, a paragraph's runs, a publication's follow links, a
        // member named "body" outside a translation) are whole.
        let blocks: Vec<String> =
            (0..5).map(|i| format!(r#"{{"type":"list","items":["a{i}","b{i}","c{i}"]}}"#)).collect();
        let text = format!(
            r#"{{"schema":"article-reader/1","id":"T","default_lang":"en","body":[1,2,3],
                "publication":{{"name":"P","follow":[{{"network":"x","url":"https://x.example/a"}},{{"network":"x","url":"https://x.example/b"}}]}},
                "translations":{{"en":{{"title":"T","body":[{b}]}},"fr":{{"title":"T","body":[{b}],"extra":{{"body":[1,2,3]}}}}}}}}"#,
            b = blocks.join(",")
        );
        let whole = parse_json(&text).unwrap();
        let first = cut(&whole, Place::Root, 2);
        let (first, whole) = (validate_json(&first).unwrap().article, validate_json(&whole).unwrap().article);
        for (f, w) in first.translations.iter().zip(&whole.translations) {
            assert_eq!(f.body, w.body[..2], "{}: the first two blocks, each whole", f.lang);
            assert_eq!(w.body.len(), 5);
        }
        assert_eq!(first.publication, whole.publication);
        let cut_tree = cut(&parse_json(&text).unwrap(), Place::Root, 2);
        assert_eq!(cut_tree["body"], serde_json::json!([1, 2, 3]));
        assert_eq!(cut_tree["translations"]["fr"]["extra"]["body"], serde_json::json!([1, 2, 3]));
    }
}
