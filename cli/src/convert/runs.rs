//! Building paragraph runs (and plain strings) from scattered pieces of text.
//!
//! Every source format hands us text in fragments (Markdown events, lines of a text page, HTML
//! metadata). The builder lays them out the way a browser would lay out inline text, so that the
//! document holds clean, plain text whatever the source looked like.

use article_reader::core::article::Run;

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

    fn matches(&self, run: &Run) -> bool {
        self.href == run.href && self.em == run.em && self.strong == run.strong
    }
}

/// Collects the runs of one paragraph.
///
/// - Runs of white space (including U+00A0) collapse to one space; leading and trailing space goes.
/// - Neighbouring pieces of the same style merge into one run.
/// - A space between differently styled runs is given to the plain one, so a link or emphasis
///   never starts or ends with a space, and no run is ever white space only (the core rejects those).
/// - Control characters are dropped: they are never meant to be read.
#[derive(Debug, Default)]
pub struct RunsBuilder {
    runs: Vec<Run>,
    pending_space: bool,
}

impl RunsBuilder {
    /// Appends `text` in `style`.
    pub fn push(&mut self, text: &str, style: &Style) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = !self.runs.is_empty();
            } else if !c.is_control() {
                self.push_char(c, style);
            }
        }
    }

    /// Appends plain text.
    pub fn push_plain(&mut self, text: &str) {
        self.push(text, &Style::default());
    }

    /// A word boundary that is not in the text itself (a line break, the edge of a block).
    pub fn space(&mut self) {
        self.pending_space = !self.runs.is_empty();
    }

    fn push_char(&mut self, c: char, style: &Style) {
        let space = std::mem::take(&mut self.pending_space);
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
                    let last_is_plain = last.href.is_none() && !last.em && !last.strong;
                    if last_is_plain || !style.is_plain() {
                        last.text.push(' ');
                    } else {
                        text.push(' ');
                    }
                }
                text.push(c);
                self.runs.push(run(text, style));
            }
            None => self.runs.push(run(c.to_string(), style)),
        }
    }

    /// The runs collected so far, leaving the builder empty for the next paragraph.
    pub fn take(&mut self) -> Vec<Run> {
        self.pending_space = false;
        std::mem::take(&mut self.runs)
    }

    /// All the text as one plain string, for blocks that have no runs (headings, quotes, items).
    pub fn take_text(&mut self) -> String {
        self.take().into_iter().map(|r| r.text).collect()
    }
}

fn run(text: String, style: &Style) -> Run {
    Run { text, href: style.href.clone(), em: style.em, strong: style.strong }
}

/// `text` with every run of white space collapsed to one space, trimmed.
pub fn collapse(text: &str) -> String {
    let mut b = RunsBuilder::default();
    b.push_plain(text);
    b.take_text()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(href: &str) -> Style {
        Style { href: Some(href.into()), ..Style::default() }
    }

    #[test]
    fn white_space_collapses_and_is_trimmed() {
        assert_eq!(collapse("  Iraq.\u{a0} After \n the\tstrikes  "), "Iraq. After the strikes");
        assert_eq!(collapse(" \u{a0} "), "");
    }

    #[test]
    fn spaces_between_styles_go_to_the_plain_run() {
        let mut b = RunsBuilder::default();
        b.push("Read ", &Style::default());
        b.push(" the report ", &link("https://e.example/r"));
        b.push(" now", &Style::default());
        let runs = b.take();
        let texts: Vec<_> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Read ", "the report", " now"]);
        assert_eq!(runs[1].href.as_deref(), Some("https://e.example/r"));
    }

    #[test]
    fn same_style_merges_and_white_space_only_pieces_vanish() {
        let mut b = RunsBuilder::default();
        let em = Style { em: true, ..Style::default() };
        b.push("a", &em);
        b.push("  ", &Style::default());
        b.push("b", &em);
        let runs = b.take();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].text, "a b");
        assert!(runs[0].em);
    }

    #[test]
    fn between_two_styled_runs_the_space_stays_outside_the_second() {
        let mut b = RunsBuilder::default();
        b.push("bold", &Style { strong: true, ..Style::default() });
        b.push(" ", &Style::default());
        b.push("link", &link("https://e.example"));
        let texts: Vec<_> = b.take().into_iter().map(|r| r.text).collect();
        assert_eq!(texts, ["bold ", "link"]);
    }
}
