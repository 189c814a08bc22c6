//! `article-reader preview`: shows a document in the real widget before it is published, and
//! reloads the page whenever the file changes.
//!
//! A small synchronous server ([`tiny_http`], one thread per request), bound to 127.0.0.1 only,
//! GET and HEAD only. It serves the built widget (`dist/`), a page embedding it, and the article at
//! `/__preview/article.json`, read from disk on every request (an HTML page is converted on every
//! request). A thread reads the file every 250 ms. When the contents change, it validates them,
//! prints the problems, and answers the page's long poll at `/__preview/changes`. The page then
//! reloads.
//!
//! Binding to 127.0.0.1 is not enough on its own: a page on the open web can point its own name at
//! 127.0.0.1 (DNS rebinding) and then read the draft as same-origin. Its requests still carry that
//! name in `Host`, so every request whose `Host` is not `127.0.0.1:PORT`, `localhost:PORT` or
//! `[::1]:PORT` is refused with 421 before anything is read from disk.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use article_reader::core::config::{MOUNT_ATTRIBUTE, SRC};
use article_reader::core::text::Quoted;
use article_reader::core::validate::parse_article;
use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::convert::{self, Format};
use crate::failure::Failure;

/// Where the page fetches the previewed article from (not a file name `dist/` can shadow).
pub const ARTICLE_PATH: &str = "/__preview/article.json";
/// The page's long poll: answered once the file's version differs from `?since=`, or after
/// [`POLL_LIMIT`] with the same version.
const CHANGES_PATH: &str = "/__preview/changes";
/// The page's script that polls and reloads. It is a file because the page's CSP allows no inline
/// script.
const LIVE_PATH: &str = "/__preview/live.js";

/// The `dist/` folder of the project this binary was built in; `--dist` overrides it.
pub const DEFAULT_DIST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../dist");

const WATCH_EVERY: Duration = Duration::from_millis(250);

/// How long a changed file must stay as it is before the preview reloads.
const SETTLE: Duration = Duration::from_millis(100);
const POLL_LIMIT: Duration = Duration::from_secs(30);

const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

const LIVE_JS: &str = r#"// article-reader preview: reloads the page when the previewed file changes.
const since = document.body.dataset.previewVersion;
for (let pause = 0; ; ) {
  try {
    const answer = await fetch(`/__preview/changes?since=${encodeURIComponent(since)}`, { cache: "no-store" });
    if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
    if ((await answer.json()).version !== since) break;
    pause = 0;
  } catch {
    // The server is stopped or restarting: ask again, more slowly.
    pause = Math.min(pause + 1000, 5000);
    await new Promise((resume) => setTimeout(resume, pause));
  }
}
location.reload();
"#;

/// The previewed file: an article document, or an HTML page that is converted to one.
struct Source {
    file: PathBuf,
    name: String,
    html: bool,
}

/// What the file gives at the moment it is read.
struct Loaded {
    /// What `/__preview/article.json` serves. For a JSON file this is the file itself, even when it
    /// is invalid (the widget then shows its own error). For an HTML page it is the converted
    /// document. `None` when there is nothing to serve.
    json: Option<Vec<u8>>,
    /// The warnings of a valid document, or why it is not one.
    outcome: Result<Vec<String>, Failure>,
}

impl Source {
    fn load(&self) -> Loaded {
        if self.html {
            // The conversion prints its own warnings.
            return match convert::document_of(
                Format::Html,
                std::slice::from_ref(&self.file),
                &convert::Options::default(),
            ) {
                Ok((json, _)) => Loaded { json: Some(json.into_bytes()), outcome: Ok(Vec::new()) },
                Err(failure) => Loaded { json: None, outcome: Err(failure) },
            };
        }
        match fs::read(&self.file) {
            Ok(bytes) => {
                let outcome = match parse_article(&String::from_utf8_lossy(&bytes)) {
                    Ok(parsed) => Ok(parsed.warning_lines()),
                    Err(rejection) => Err(Failure::Invalid(rejection.lines())),
                };
                Loaded { json: Some(bytes), outcome }
            }
            Err(e) => Loaded { json: None, outcome: Err(Failure::Usage(format!("cannot read {}: {e}", self.name))) },
        }
    }
}

/// The problems as the page and the poll list them. A valid document has none.
fn problems(outcome: &Result<Vec<String>, Failure>) -> Vec<String> {
    match outcome {
        Ok(_) => Vec::new(),
        Err(Failure::Usage(message)) => vec![message.clone()],
        Err(Failure::Invalid(lines)) => lines.clone(),
    }
}

/// Prints the warnings or the problems on stderr, one line each, named after the file.
fn report(name: &str, outcome: &Result<Vec<String>, Failure>) {
    match outcome {
        Ok(warnings) => warnings.iter().for_each(|w| eprintln!("{name}: warning: {w}")),
        Err(_) => problems(outcome).iter().for_each(|p| eprintln!("{name}: {p}")),
    }
}

/// A fingerprint of the file's contents, or of why it cannot be read. The page polls against it.
fn version(file: &Path) -> String {
    let mut hasher = DefaultHasher::new();
    fs::read(file).map_err(|e| e.kind()).hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The file as the watcher last saw it.
#[derive(Clone)]
struct Status {
    version: String,
    problems: Vec<String>,
    /// For an HTML page, the document it converted to at that version (`None`: none valid): a
    /// page is converted once per change, not once per request.
    converted: Option<Vec<u8>>,
}

struct Site {
    source: Source,
    dist: PathBuf,
    /// The port actually bound (the OS picks it for `--port 0`), the only one `Host` may name.
    port: u16,
    status: Mutex<Status>,
    changed: Condvar,
}

/// Validates `file` (or converts it, for an HTML page), then serves until the process is
/// interrupted (Ctrl-C).
pub fn run(file: &Path, port: u16, dist: &Path) -> Result<(), Failure> {
    let name = file.display().to_string();
    let html = file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        let e = e.to_ascii_lowercase();
        e == "html" || e == "htm"
    });
    let source = Source { file: file.to_path_buf(), name: name.clone(), html };
    // Taken before the first read: an edit made in between is then a change the watcher sees.
    let version = version(file);
    let loaded = source.load();
    match &loaded.outcome {
        Err(Failure::Invalid(lines)) => {
            return Err(Failure::Invalid(lines.iter().map(|l| format!("{name}: {l}")).collect()))
        }
        Err(Failure::Usage(usage)) => return Err(Failure::Usage(usage.clone())),
        valid => report(&name, valid),
    }
    let converted = if html { loaded.json } else { None };
    if !dist.join("embed.js").is_file() {
        return Err(Failure::Usage(format!(
            "{} has no embed.js: build the widget first (scripts/serve builds dist/), or pass --dist DIR",
            dist.display()
        )));
    }
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Failure::Usage(format!("cannot listen on 127.0.0.1:{port}: {e} (try another --port)")))?;
    let addr = listener.local_addr().map_err(|e| Failure::Usage(e.to_string()))?;
    let server = Server::from_listener(listener, None).map_err(|e| Failure::Usage(e.to_string()))?;
    let site = Arc::new(Site {
        source,
        dist: dist.to_path_buf(),
        port: addr.port(),
        status: Mutex::new(Status { version, problems: Vec::new(), converted }),
        changed: Condvar::new(),
    });
    println!("Previewing {name} at http://{addr}/ (Ctrl-C to stop)");

    let watched = Arc::clone(&site);
    thread::spawn(move || watch(&watched));
    for request in server.incoming_requests() {
        let site = Arc::clone(&site);
        thread::spawn(move || serve(request, &site));
    }
    Ok(())
}

/// Reads the file every [`WATCH_EVERY`]. On a change it validates the file, prints the problems and
/// wakes the waiting polls.
fn watch(site: &Site) {
    loop {
        thread::sleep(WATCH_EVERY);
        let mut version = version(&site.source.file);
        if version == site.status.lock().unwrap().version {
            continue;
        }
        // An editor writes in steps (truncate, then write): the change counts once the file has
        // stayed the same for SETTLE, as the watchers of mdbook and trunk debounce.
        loop {
            thread::sleep(SETTLE);
            let again = self::version(&site.source.file);
            if again == version {
                break;
            }
            version = again;
        }
        let Loaded { json, outcome } = site.source.load();
        eprintln!("{}: changed, reloading the preview", site.source.name);
        report(&site.source.name, &outcome);
        let converted = if site.source.html { json } else { None };
        *site.status.lock().unwrap() = Status { version, problems: problems(&outcome), converted };
        site.changed.notify_all();
    }
}

/// The page that embeds the widget, under the strict policy the SPEC promises hosts. It lists the
/// file's problems, if any.
fn page(name: &str, status: &Status) -> String {
    let mut problems = String::new();
    if !status.problems.is_empty() {
        problems.push_str("  <p role=\"alert\">The file has problems:</p>\n  <ul>\n");
        for problem in &status.problems {
            problems.push_str(&format!("    <li>{}</li>\n", crate::render::escape_attribute(problem)));
        }
        problems.push_str("  </ul>\n");
    }
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy"
        content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:">
  <title>Preview: {name}</title>
</head>
<body data-preview-version="{version}">
  <p>Preview of <code>{name}</code>. The page reloads when the file changes.</p>
{problems}  <div {MOUNT_ATTRIBUTE} {SRC}="{ARTICLE_PATH}"></div>
  <script type="module" src="/embed.js"></script>
  <script type="module" src="{LIVE_PATH}"></script>
</body>
</html>
"#,
        name = crate::render::escape_attribute(name),
        version = crate::render::escape_attribute(&status.version),
    )
}

struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn ok(content_type: &str, body: Vec<u8>) -> Self {
        Answer { status: 200, content_type: content_type.to_string(), body }
    }

    fn text(status: u16, body: String) -> Self {
        Answer { status, content_type: TEXT.to_string(), body: body.into_bytes() }
    }

    fn error(status: u16) -> Self {
        Answer::text(status, format!("{status} {}\n", StatusCode(status).default_reason_phrase()))
    }

    /// The answer to a request for another host name: what a DNS-rebound page gets.
    fn misdirected(port: u16) -> Self {
        Answer::text(
            421,
            format!(
                "421 Misdirected Request\n\
                 article-reader preview only answers to http://127.0.0.1:{port}/ (or localhost:{port}). \
                 Any other Host header is refused, so that a web page cannot point its own name at this \
                 computer and read the draft (DNS rebinding).\n"
            ),
        )
    }
}

/// The `Host` header of a request.
#[derive(Debug, PartialEq)]
enum Host<'a> {
    Missing,
    /// More than one: RFC 9112 asks for 400.
    Repeated,
    One(&'a str),
}

/// The `Host` of tiny_http's parsed headers. tiny_http trims the value, and it answers 400 itself
/// to a header with white space before its colon (`Host : x`).
fn host_of(headers: &[Header]) -> Host<'_> {
    let mut hosts = headers.iter().filter(|h| h.field.equiv("Host"));
    match (hosts.next(), hosts.next()) {
        (None, _) => Host::Missing,
        (Some(host), None) => Host::One(host.value.as_str()),
        (Some(_), Some(_)) => Host::Repeated,
    }
}

/// Whether `host` is exactly how a browser names this server: `127.0.0.1`, `localhost` (in any
/// case) or `[::1]`, with the bound port. A name without the port is refused too: browsers always
/// send the port when it is not 80.
fn host_is_ours(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else { return false };
    p == port.to_string() && (name == "127.0.0.1" || name == "[::1]" || name.eq_ignore_ascii_case("localhost"))
}

fn serve(request: Request, site: &Site) {
    let (method, target) = (request.method().clone(), request.url().to_string());
    let host = host_of(request.headers());
    // The Host check comes before the method and the route: nothing is read for another name.
    let answer = match (&host, &method) {
        (Host::Repeated, _) => Answer::error(400),
        (Host::One(h), _) if !host_is_ours(h, site.port) => Answer::misdirected(site.port),
        (Host::Missing, _) => Answer::misdirected(site.port),
        (_, Method::Get | Method::Head) => route(&target, site),
        _ => Answer::error(405),
    };
    // Everything taken from the request is quoted: its control characters cannot forge log lines.
    let (m, t) = (Quoted(method.as_str()), Quoted(&target));
    match host {
        Host::One(h) if answer.status == 421 => eprintln!("{m} {t} 421 (Host {} refused)", Quoted(h)),
        Host::Missing if answer.status == 421 => eprintln!("{m} {t} 421 (no Host header)"),
        // The page's polls would fill the terminal: only their failures are logged.
        _ if answer.status == 200 && target.starts_with(CHANGES_PATH) => {}
        _ => eprintln!("{m} {t} {}", answer.status),
    }
    let header = |name: &str, value: &str| Header::from_bytes(name, value).expect("ASCII header");
    let mut response = Response::from_data(answer.body)
        .with_status_code(answer.status)
        // Always a Content-Length, never chunked: the answers are whole in memory anyway.
        .with_chunked_threshold(usize::MAX)
        .with_header(header("Content-Type", &answer.content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    if answer.status == 405 {
        response.add_header(header("Allow", "GET, HEAD"));
    }
    // A client that hangs up mid-answer is no concern of ours. tiny_http leaves out the body for
    // HEAD.
    let _ = request.respond(response);
}

fn route(target: &str, site: &Site) -> Answer {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        "/" | "/index.html" => Answer::ok(HTML, page(&site.source.name, &site.status.lock().unwrap()).into_bytes()),
        LIVE_PATH => Answer::ok(&content_type(Path::new(LIVE_PATH)), LIVE_JS.as_bytes().to_vec()),
        CHANGES_PATH => changes(query, site),
        // A JSON file is read on every request, as it is; an HTML page is served as the watcher
        // last converted it.
        ARTICLE_PATH if site.source.html => {
            let status = site.status.lock().unwrap();
            match &status.converted {
                Some(json) => Answer::ok(JSON, json.clone()),
                None => Answer::text(422, status.problems.join("\n") + "\n"),
            }
        }
        ARTICLE_PATH => match site.source.load() {
            Loaded { json: Some(json), .. } => Answer::ok(JSON, json),
            Loaded { outcome, .. } => Answer::text(422, problems(&outcome).join("\n") + "\n"),
        },
        _ => match static_file(&site.dist, path) {
            Some(file) => match fs::read(&file) {
                Ok(bytes) => Answer::ok(&content_type(&file), bytes),
                Err(_) => Answer::error(404),
            },
            // Browsers ask for it unprompted; "nothing" keeps their console free of a false alarm.
            None if path == "/favicon.ico" => {
                Answer { status: 204, content_type: "image/x-icon".into(), body: Vec::new() }
            }
            None => Answer::error(404),
        },
    }
}

/// The long poll: waits until the file's version is not `since` (at once without `since`), then
/// answers `{"version": …, "problems": […]}`. After [`POLL_LIMIT`] it answers with the same version,
/// and the page asks again.
fn changes(query: &str, site: &Site) -> Answer {
    let since = url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "since").map(|(_, v)| v.into_owned());
    let status = site.status.lock().unwrap();
    let (status, _) =
        site.changed.wait_timeout_while(status, POLL_LIMIT, |s| since.as_deref() == Some(s.version.as_str())).unwrap();
    let body = serde_json::json!({ "version": status.version, "problems": status.problems });
    Answer::ok(JSON, body.to_string().into_bytes())
}

/// The file under `dist` a URL path names, refusing anything that could step outside it.
fn static_file(dist: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(path.strip_prefix('/')?).decode_utf8().ok()?;
    let mut file = dist.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The Content-Type for a file, from `mime_guess`'s table. `application/wasm` matters, as browsers
/// refuse to stream-compile WebAssembly served as anything else. Text is UTF-8 here (Trunk's
/// output, the article), and the type says so rather than leave browsers to guess.
fn content_type(file: &Path) -> String {
    let mime = mime_guess::from_path(file).first_raw().unwrap_or("application/octet-stream");
    if mime.starts_with("text/") || mime == "application/json" || mime == "application/javascript" {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/article_reader_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("embed.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("article-reader.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("index.html")), HTML);
        assert_eq!(content_type(Path::new("x.SVG")), "image/svg+xml");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }

    #[test]
    fn paths_cannot_leave_dist() {
        let dist = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(static_file(dist, "/Cargo.toml"), Some(dist.join("Cargo.toml")));
        assert_eq!(static_file(dist, "/src/%6Dain.rs"), Some(dist.join("src/main.rs")));
        for bad in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/src/..%2f..%2fCargo.toml", "/a%5c..", "/%zz", "/%ff"] {
            assert_eq!(static_file(dist, bad), None, "{bad}");
        }
    }

    #[test]
    fn only_its_own_host_names_are_answered() {
        for ok in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080"] {
            assert!(host_is_ours(ok, 8080), "{ok}");
        }
        for bad in [
            "127.0.0.1",
            "localhost",
            "127.0.0.1:80",
            "127.0.0.1:08080",
            "127.0.0.1:8080.evil",
            "attacker.example:8080",
            "localhost.:8080",
            "127.0.0.2:8080",
            "[::1]",
            "",
            ":8080",
        ] {
            assert!(!host_is_ours(bad, 8080), "{bad}");
        }
    }

    #[test]
    fn the_host_header_is_read_once() {
        let headers = |lines: &[&str]| lines.iter().map(|l| l.parse::<Header>().unwrap()).collect::<Vec<_>>();
        assert_eq!(host_of(&headers(&["hOsT: \t127.0.0.1:1 "])), Host::One("127.0.0.1:1"));
        assert_eq!(host_of(&headers(&["Host: a", "Accept: */*", "Host: b"])), Host::Repeated);
        assert_eq!(host_of(&headers(&["X-Host: b", "Hostname: c"])), Host::Missing);
        assert!("Host : a".parse::<Header>().is_err(), "tiny_http refuses the request (400)");
    }

    #[test]
    fn the_page_escapes_the_file_name_and_the_problems() {
        let status = Status { version: "0123abcd".into(), problems: vec!["a <b> & \"c\"".into()], converted: None };
        let p = page("<x>.json", &status);
        assert!(p.contains("&lt;x&gt;.json") && !p.contains("<x>"));
        assert!(p.contains("<li>a &lt;b&gt; &amp; &quot;c&quot;</li>"), "{p}");
        assert!(p.contains(r#"data-src="/__preview/article.json""#));
        assert!(p.contains(r#"<body data-preview-version="0123abcd">"#));
        assert!(!page("a.json", &Status { problems: vec![], ..status }).contains("<li>"));
    }
}
