//! The one run builder: paragraph runs (and plain strings) from scattered pieces of text.
//!
//! Every producer of documents hands text over in fragments: the HTML allow-list (a WordPress post,
//! a JSON Feed item, a page read by `core::extract`), Markdown events, the lines of a text page,
//! metadata. They all lay it out here, the way a browser lays out inline text, so that a document
//! holds the same clean text whichever way it came in:
//!
//! - ASCII white space (space, tab, line breaks, form feed: what HTML collapses) collapses to one
//!   space; leading and trailing space goes. Other spaces are characters the author typed: the
//!   no-break spaces of French and Russian typography (`«\u{a0}Bonjour\u{a0}»`, `10\u{a0}km`) stay,
//!   unless ordinary white space is next to them: a no-break space beside a breaking one keeps
//!   nothing together and only widens the gap (`end.\u{a0} Next`, the double space of pages
//!   copied from the web), so the whole stretch is one space.
//! - Neighbouring pieces of the same style merge into one run.
//! - A space between differently styled runs is given to the plain one, so emphasis or a link
//!   never starts or ends with a space; between two styled runs it goes where it cannot be seen:
//!   the end of the first, unless that is a link and the second is not (an underlined space shows).
//! - A piece that is blank ([`is_blank`]: no-break spaces only) joins the run before it, so no run
//!   is ever blank (the validator refuses those).
//! - Control characters are dropped: they are never meant to be read.

use super::{
    article::{Block, Run},
    text::is_blank,
};

/// The inline formatting of a stretch of paragraph text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub href: Option<String>,
    pub em: bool,
    pub strong: bool,
}

impl Style {
    fn is_plain(&self) -> bool {
        self.href.is_none() && !self.em && !self.strong
    }

    fn of(run: &Run) -> Style {
        Style { href: run.href.clone(), em: run.em, strong: run.strong }
    }

    fn matches(&self, run: &Run) -> bool {
        self.href == run.href && self.em == run.em && self.strong == run.strong
    }
}

/// Collects the runs of one paragraph, by the rules of this module.
#[derive(Debug, Default)]
pub struct RunsBuilder {
    runs: Vec<Run>,
    pending_space: bool,
}

impl RunsBuilder {
    /// Appends `text` in `style`.
    pub fn push(&mut self, text: &str, style: &Style) {
        for c in text.chars() {
            if is_breaking_space(c) {
                self.space();
            } else if !c.is_control() {
                self.push_char(c, style);
            }
        }
    }

    /// Appends plain text.
    pub fn push_plain(&mut self, text: &str) {
        self.push(text, &Style::default());
    }

    /// A word boundary that is not in the text itself (a line break, the edge of a block); the
    /// no-break spaces just before it are part of it.
    pub fn space(&mut self) {
        self.trim_end();
        self.pending_space = !self.runs.is_empty();
    }

    /// Takes the no-break spaces off the end of the text, across runs.
    fn trim_end(&mut self) {
        while let Some(last) = self.runs.last_mut() {
            let kept = last.text.trim_end_matches(char::is_whitespace).len();
            last.text.truncate(kept);
            if !last.text.is_empty() {
                break;
            }
            self.runs.pop();
        }
    }

    fn push_char(&mut self, c: char, style: &Style) {
        let blank = is_blank(c.encode_utf8(&mut [0; 4]));
        if blank && self.pending_space {
            // A no-break space right after ordinary white space is part of it.
            return;
        }
        let space = std::mem::take(&mut self.pending_space);
        if self.runs.last().is_some_and(|last| !style.matches(last)) {
            self.join_blank();
        }
        match self.runs.last_mut() {
            Some(last) if style.matches(last) => {
                if space {
                    last.text.push(' ');
                }
                last.text.push(c);
            }
            Some(last) => {
                let mut text = String::new();
                if space {
                    let last_style = Style::of(last);
                    // The plain one takes the space; of two styled ones, the first, unless only it is a link.
                    let underlined = last_style.href.is_some() && style.href.is_none();
                    let to_last = last_style.is_plain() || !(style.is_plain() || underlined);
                    if to_last {
                        last.text.push(' ');
                    } else {
                        text.push(' ');
                    }
                }
                text.push(c);
                self.runs.push(run(text, style));
            }
            // A paragraph does not start with a blank.
            None if blank => {}
            None => self.runs.push(run(c.to_string(), style)),
        }
    }

    /// A last run that is blank (a styled no-break space, nothing after it in that style) joins
    /// the run before it.
    fn join_blank(&mut self) {
        if self.runs.len() > 1 && self.runs.last().is_some_and(|r| is_blank(&r.text)) {
            let blank = self.runs.pop().map(|r| r.text).unwrap_or_default();
            if let Some(last) = self.runs.last_mut() {
                last.text.push_str(&blank);
            }
        }
    }

    /// The runs collected so far, leaving the builder empty for the next paragraph.
    pub fn take(&mut self) -> Vec<Run> {
        self.pending_space = false;
        self.trim_end();
        std::mem::take(&mut self.runs)
    }

    /// All the text as one plain string, for blocks that have no runs (headings, quotes, items).
    pub fn take_text(&mut self) -> String {
        self.take().into_iter().map(|r| r.text).collect()
    }
}

/// White space that collapses: ASCII white space, as HTML collapses it, and the other characters
/// that break a line (vertical tab, next line, the line and paragraph separators), which the
/// ASCII rule would otherwise drop as control characters or keep as spaces.
fn is_breaking_space(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '\u{b}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn run(text: String, style: &Style) -> Run {
    Run { text, href: style.href.clone(), em: style.em, strong: style.strong }
}

/// `text` by the white-space rule of this module: ASCII white space collapsed to one space,
/// trimmed; no-break spaces kept, except at the ends; control characters dropped.
pub fn collapse(text: &str) -> String {
    let mut b = RunsBuilder::default();
    b.push_plain(text);
    b.take_text()
}

/// Appends `run` to `runs`, joined to the last one when they have the same style: for runs that
/// are already whole (a validated document whose unsafe link was dropped, leaving its text plain).
pub fn push_merged(runs: &mut Vec<Run>, run: Run) {
    match runs.last_mut() {
        Some(last) if Style::of(&run).matches(last) => last.text.push_str(&run.text),
        _ => runs.push(run),
    }
}

/// A code block of preformatted text as a source gives it (`<pre>`, a Markdown code block): its
/// lines and indentation kept, line ends as `\n`, control characters but the tab left out, the
/// blank lines around it dropped; `None` when nothing is left. The one rule of every producer.
pub fn code(raw: &str) -> Option<Block> {
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => text.push('\n'),
            '\t' => text.push(c),
            c if c.is_control() => {}
            c => text.push(c),
        }
    }
    let blank_start = text.len() - text.trim_start().len();
    // From the start of the first line that holds text.
    let start = text[..blank_start].rfind('\n').map_or(0, |n| n + 1);
    let text = text[start..].trim_end();
    (!is_blank(text)).then(|| Block::Code { text: text.to_string() })
}

/// A table block, or `None` when no cell holds text: the one rule of every producer, and the
/// validator's (which refuses such a table).
pub fn table(rows: Vec<Vec<String>>, header: bool, caption: Option<String>) -> Option<Block> {
    let blank = rows.iter().flatten().all(|cell| is_blank(cell));
    (!blank).then_some(Block::Table { rows, header, caption })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(href: &str) -> Style {
        Style { href: Some(href.into()), ..Style::default() }
    }

    fn em() -> Style {
        Style { em: true, ..Style::default() }
    }

    fn texts(runs: &[Run]) -> Vec<&str> {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn ascii_white_space_collapses_and_no_break_spaces_stay() {
        assert_eq!(collapse("  Iraq.\u{a0}After \n the\tstrikes  "), "Iraq.\u{a0}After the strikes");
        assert_eq!(collapse("«\u{a0}Bonjour\u{a0}»"), "«\u{a0}Bonjour\u{a0}»");
        assert_eq!(collapse(" \u{a0} "), "");
        assert_eq!(collapse("end.\u{a0} Next,\u{a0}\u{a0}\tthen \u{a0}more"), "end. Next, then more");
        assert_eq!(collapse("a\u{7}b"), "ab");
        // Every character that breaks a line is white space; no-break spaces at the ends go.
        assert_eq!(collapse("a\u{b}b\u{85}c\u{2028}d"), "a b c d");
        assert_eq!(collapse("\u{a0}Fin\u{a0}"), "Fin");
    }

    #[test]
    fn spaces_between_styles_go_to_the_plain_run() {
        let mut b = RunsBuilder::default();
        b.push("Read ", &Style::default());
        b.push(" the report ", &link("https://e.example/r"));
        b.push(" now", &Style::default());
        let runs = b.take();
        assert_eq!(texts(&runs), ["Read ", "the report", " now"]);
        assert_eq!(runs[1].href.as_deref(), Some("https://e.example/r"));

        // The HTML allow-list put this space inside the emphasis (`"dear "`); now it is plain.
        let mut b = RunsBuilder::default();
        b.push("My ", &Style::default());
        b.push("dear ", &em());
        b.push("friend", &Style::default());
        assert_eq!(texts(&b.take()), ["My ", "dear", " friend"]);
    }

    #[test]
    fn same_style_merges_and_white_space_only_pieces_vanish() {
        let mut b = RunsBuilder::default();
        b.push("a", &em());
        b.push("  ", &Style::default());
        b.push("b", &em());
        let runs = b.take();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].text, "a b");
        assert!(runs[0].em);
    }

    #[test]
    fn between_two_styled_runs_the_space_is_never_underlined() {
        let mut b = RunsBuilder::default();
        b.push("bold", &Style { strong: true, ..Style::default() });
        b.push(" ", &Style::default());
        b.push("link", &link("https://e.example"));
        assert_eq!(texts(&b.take()), ["bold ", "link"]);

        let mut b = RunsBuilder::default();
        b.push("link", &link("https://e.example"));
        b.push(" ", &Style::default());
        b.push("bold", &Style { strong: true, ..Style::default() });
        assert_eq!(texts(&b.take()), ["link", " bold"]);
    }

    #[test]
    fn a_blank_piece_joins_the_run_before_it() {
        let mut b = RunsBuilder::default();
        b.push("10", &Style::default());
        b.push("\u{a0}", &em());
        b.push("km", &Style::default());
        let runs = b.take();
        assert_eq!(texts(&runs), ["10\u{a0}km"]);

        let mut b = RunsBuilder::default();
        b.push("\u{a0}", &em());
        b.push("text", &Style::default());
        b.push(" \u{a0}", &link("https://e.example"));
        let runs = b.take();
        assert_eq!(texts(&runs), ["text"], "a no-break space after a space is part of it; the end is trimmed");

        // No-break spaces before a space are part of it, across runs.
        let mut b = RunsBuilder::default();
        b.push("a\u{a0}", &Style::default());
        b.push("\u{a0}", &em());
        b.push(" b", &Style::default());
        assert_eq!(texts(&b.take()), ["a b"]);
        assert!(runs.iter().all(|r| !is_blank(&r.text)));
    }

    #[test]
    fn whole_runs_of_one_style_merge() {
        let mut runs = vec![Run::plain("a ")];
        push_merged(&mut runs, Run::plain("b"));
        push_merged(&mut runs, Run { em: true, ..Run::plain("c") });
        assert_eq!(texts(&runs), ["a b", "c"]);
    }

    #[test]
    fn code_keeps_its_lines_and_leaves_out_what_is_not_text() {
        let code = |raw: &str| match code(raw) {
            Some(Block::Code { text }) => Some(text),
            _ => None,
        };
        assert_eq!(code("\r\n   \n  x = 1\r\n\ty\u{1b}[0m\r  \n\n").as_deref(), Some("  x = 1\n\ty[0m"));
        assert_eq!(code(" \n\t\n"), None);
        assert!(table(vec![vec![" ".into(), "\u{a0}".into()]], true, None).is_none());
        assert!(table(vec![vec![String::new(), "x".into()]], true, None).is_some());
    }
}
