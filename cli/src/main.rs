//! `article-reader`: the publisher's command-line tool for article-reader documents.
//!
//! - `validate`: check documents, with the widget's own parser, in a form CI can use.
//! - `convert`: build a document from a text page, Markdown files or an HTML page.
//! - `preview`: serve a document in the real widget on 127.0.0.1.
//! - `render`: the embed snippet with the article pre-rendered in it (declarative shadow DOM).
//!
//! All four go through the core's `parse_article`, so the tool can never accept a document the
//! widget would refuse, or the other way round.

mod convert;
mod failure;
mod preview;
mod render;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use article_reader::core::article::Article;
use article_reader::core::config::Theme;
use clap::{Args, Parser, Subcommand};

use convert::Format;

#[derive(Debug, Parser)]
#[command(
    name = "article-reader",
    version,
    about = "Validate, convert, preview and pre-render article-reader documents."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check article documents with the widget's own parser.
    ///
    /// Prints `FILE: path: message` for each problem, `FILE: warning: …` for each dropped URL and
    /// `FILE: ok (N translations: …)` for each valid file. Exit code 0: all valid; 1: some invalid;
    /// 2: a file could not be read.
    Validate {
        /// Documents to check (`-` reads standard input).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Build an article document from another format, validated before it is written.
    Convert(ConvertArgs),
    /// Serve a document in the widget on http://127.0.0.1:PORT/ until Ctrl-C; the page reloads
    /// itself whenever the file changes.
    Preview(PreviewArgs),
    /// Print the embed snippet with the article already drawn in it (fast first paint, SEO,
    /// readers without JavaScript).
    ///
    /// The mount element holds a declarative shadow root with the widget's own HTML (its components
    /// through Yew's server renderer), then the article as inline JSON (unless --src) and the
    /// embed.js script. The widget takes over without a flash once its module has loaded.
    Render(RenderArgs),
}

#[derive(Debug, Args)]
struct ConvertArgs {
    /// The source format.
    #[arg(long, value_enum)]
    from: Format,
    /// Source file (text, html), or one Markdown file per language.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write the document here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Language of the source: text (default en); html (overrides the page's); markdown (for files
    /// whose front matter has no `lang:`).
    #[arg(long)]
    lang: Option<String>,
    /// Year of the byline's "Month Day" (text only).
    #[arg(long)]
    year: Option<i32>,
    /// The article's canonical URL (text, html).
    #[arg(long)]
    url: Option<String>,
    /// The publication's name.
    #[arg(long, value_name = "NAME")]
    publication: Option<String>,
    /// The document's id, instead of the one found in the source.
    #[arg(long)]
    id: Option<String>,
}

#[derive(Debug, Args)]
struct PreviewArgs {
    /// The document to preview, or an HTML page (.html, .htm), converted as `convert --from html`
    /// does.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The built widget (Trunk's output). Default: the project's dist/ folder.
    #[arg(long, value_name = "DIR", default_value = preview::DEFAULT_DIST)]
    dist: PathBuf,
}

#[derive(Debug, Args)]
struct RenderArgs {
    /// The document to render (`-` reads standard input).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Write the snippet here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The language shown (data-lang); default: the document's default_lang.
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Reference the document by URL (data-src) instead of inlining it; still rendered from FILE.
    #[arg(long, value_name = "URL")]
    src: Option<String>,
    /// Where the widget's files (embed.js, article-reader.css) are served.
    #[arg(long, value_name = "URL", default_value = "./")]
    base: String,
    /// The URL of the page the snippet goes into, for the share links of a translation that has no
    /// url of its own (the live widget uses the page's real address).
    #[arg(long, value_name = "URL")]
    page_url: Option<String>,
    /// The language of the widget's own labels (data-ui-lang).
    #[arg(long, value_name = "TAG")]
    ui_lang: Option<String>,
    /// data-theme: auto, light, dark or sepia.
    #[arg(long, value_parser = theme_arg)]
    theme: Option<Theme>,
    /// data-share: share targets in order, comma-separated (x,telegram,email,copy…).
    #[arg(long, value_name = "LIST")]
    share: Option<String>,
    /// data-share-url: the canonical URL share links carry.
    #[arg(long, value_name = "URL")]
    share_url: Option<String>,
    /// Put the CSS in a <style> element instead of a <link> to BASE/article-reader.css: no
    /// stylesheet request. A strict Content Security Policy (style-src 'self') blocks it unless
    /// it lists the style's hash, which the command prints ('sha256-…').
    #[arg(long)]
    inline_css: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { files } => return validate::run(&files),
        Command::Convert(args) => {
            let options = convert::Options {
                lang: args.lang,
                year: args.year,
                url: args.url,
                publication: args.publication,
                id: args.id,
            };
            convert::run(args.from, &args.files, &options, args.output.as_deref())
        }
        Command::Preview(args) => preview::run(&args.file, args.port, &args.dist),
        Command::Render(args) => {
            let options = render::Options {
                lang: args.lang,
                src: args.src,
                base: args.base,
                page_url: args.page_url,
                ui_lang: args.ui_lang,
                theme: args.theme,
                share: args.share,
                share_url: args.share_url,
                inline_css: args.inline_css,
            };
            render::run(&args.file, &options, args.output.as_deref())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// `3 translations: en, fr, ru`, as `validate` and `convert -o` report a valid document.
fn translations_summary(article: &Article) -> String {
    let n = article.translations.len();
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} translation{plural}: {}", article.langs().join(", "))
}

/// `--theme`: the widget's own theme names (core::config::Theme), nothing else.
fn theme_arg(value: &str) -> Result<Theme, String> {
    Theme::named(value).ok_or_else(|| {
        let names: Vec<&str> = Theme::ALL.iter().map(|t| t.name()).collect();
        format!("not a theme: {} (one of {})", article_reader::core::text::Quoted(value), names.join(", "))
    })
}
