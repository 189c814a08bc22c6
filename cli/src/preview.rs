//! `article-reader preview`: shows a document in the real widget before it is published.
//!
//! A deliberately tiny HTTP/1.1 server on std alone (one thread per connection, GET and HEAD,
//! `Connection: close`), bound to 127.0.0.1 only: it serves the built widget (`dist/`), a page
//! embedding it, and the article at `/__preview/article.json`, read from disk on every request so
//! that reloading the page shows the latest edit.
//!
//! Binding to 127.0.0.1 is not enough on its own: a page on the open web can point its own name at
//! 127.0.0.1 (DNS rebinding) and then read the draft as same-origin. Its requests still carry that
//! name in `Host`, so every request whose `Host` is not `127.0.0.1:PORT`, `localhost:PORT` or
//! `[::1]:PORT` is refused with 421 before anything is read from disk.

use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use article_reader::core::text::Quoted;
use article_reader::core::validate::parse_article;

use crate::failure::Failure;

/// Where the page fetches the previewed article from (not a file name `dist/` can shadow).
pub const ARTICLE_PATH: &str = "/__preview/article.json";

/// The `dist/` folder of the project this binary was built in; `--dist` overrides it.
pub const DEFAULT_DIST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../dist");

/// The largest request head accepted; a browser's GET is far smaller.
const MAX_HEAD: usize = 16 * 1024;

struct Site {
    article: PathBuf,
    dist: PathBuf,
    page: String,
    /// The port actually bound (the OS picks it for `--port 0`), the only one `Host` may name.
    port: u16,
}

/// Validates `file`, then serves until the process is interrupted (Ctrl-C).
pub fn run(file: &Path, port: u16, dist: &Path) -> Result<(), Failure> {
    let text = fs::read_to_string(file).map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
    let name = file.display().to_string();
    match parse_article(&text) {
        Ok(parsed) => {
            for warning in parsed.warnings {
                eprintln!("{name}: warning: {warning}");
            }
        }
        Err(rejection) => {
            return Err(Failure::Invalid(rejection.problems.iter().map(|p| format!("{name}: {p}")).collect()));
        }
    }
    if !dist.join("embed.js").is_file() {
        return Err(Failure::Usage(format!(
            "{} has no embed.js: build the widget first (scripts/serve builds dist/), or pass --dist DIR",
            dist.display()
        )));
    }
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Failure::Usage(format!("cannot listen on 127.0.0.1:{port}: {e} (try another --port)")))?;
    let addr = listener.local_addr().map_err(|e| Failure::Usage(e.to_string()))?;
    let site =
        Arc::new(Site { article: file.to_path_buf(), dist: dist.to_path_buf(), page: page(&name), port: addr.port() });
    println!("Previewing {name} at http://{addr}/ (Ctrl-C to stop)");

    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let site = Arc::clone(&site);
                thread::spawn(move || {
                    // A client that hangs up mid-answer is no concern of ours.
                    let _ = serve(stream, &site);
                });
            }
            Err(e) => eprintln!("preview: connection failed: {e}"),
        }
    }
    Ok(())
}

/// The page that embeds the widget, under the strict policy the SPEC promises hosts.
fn page(name: &str) -> String {
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
<body>
  <p>Preview of <code>{name}</code>. Reload the page after editing the file.</p>
  <div data-article-reader data-src="{ARTICLE_PATH}"></div>
  <script type="module" src="/embed.js"></script>
</body>
</html>
"#,
        name = escape_html(name)
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Response { status: 200, reason: "OK", content_type, body }
    }

    fn error(status: u16, reason: &'static str) -> Self {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {reason}\n").into_bytes(),
        }
    }

    /// The answer to a request for another host name: what a DNS-rebound page gets.
    fn misdirected(port: u16) -> Self {
        Response {
            status: 421,
            reason: "Misdirected Request",
            content_type: "text/plain; charset=utf-8",
            body: format!(
                "421 Misdirected Request\n\
                 article-reader preview only answers to http://127.0.0.1:{port}/ (or localhost:{port}). \
                 Any other Host header is refused, so that a web page cannot point its own name at this \
                 computer and read the draft (DNS rebinding).\n"
            )
            .into_bytes(),
        }
    }
}

/// The `Host` header of a request head.
#[derive(Debug, PartialEq)]
enum Host<'a> {
    Missing,
    /// More than one: RFC 9112 asks for 400.
    Repeated,
    One(&'a str),
}

fn host_header(head: &str) -> Host<'_> {
    let mut found = Host::Missing;
    for line in head.lines().skip(1).take_while(|l| !l.is_empty()) {
        // No white space is allowed between a field name and its colon, so `Host :` is not `Host`.
        let Some((name, value)) = line.split_once(':') else { continue };
        if name.eq_ignore_ascii_case("host") {
            if found != Host::Missing {
                return Host::Repeated;
            }
            found = Host::One(value.trim_matches([' ', '\t']));
        }
    }
    found
}

/// Whether `host` is exactly how a browser names this server: `127.0.0.1`, `localhost` (in any
/// case) or `[::1]`, with the bound port. A name without the port is refused too: browsers always
/// send the port when it is not 80.
fn host_is_ours(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else { return false };
    p == port.to_string() && (name == "127.0.0.1" || name == "[::1]" || name.eq_ignore_ascii_case("localhost"))
}

fn serve(mut stream: TcpStream, site: &Site) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let head = read_head(&mut stream)?;
    let request_line = head.lines().next().unwrap_or_default();
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let host = host_header(&head);
    // The Host check comes before the method and the route: nothing is read for another name.
    let response = match (&host, method) {
        (_, "") | (Host::Repeated, _) => Response::error(400, "Bad Request"),
        (Host::One(h), _) if !host_is_ours(h, site.port) => Response::misdirected(site.port),
        (Host::Missing, _) => Response::misdirected(site.port),
        (_, "GET" | "HEAD") => route(target, site),
        _ => Response::error(405, "Method Not Allowed"),
    };
    // Everything taken from the request is quoted: its control characters cannot forge log lines.
    match host {
        Host::One(h) if response.status == 421 => {
            eprintln!("{} {} {} (Host {} refused)", Quoted(method), Quoted(target), response.status, Quoted(h))
        }
        Host::Missing if response.status == 421 => {
            eprintln!("{} {} {} (no Host header)", Quoted(method), Quoted(target), response.status)
        }
        _ => eprintln!("{} {} {}", Quoted(method), Quoted(target), response.status),
    }
    let allow = if response.status == 405 { "Allow: GET, HEAD\r\n" } else { "" };
    write!(
        stream,
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{allow}Cache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.status,
        response.reason,
        response.content_type,
        response.body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// Reads up to the blank line that ends the request head (the body of a GET is ignored).
fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && !head.windows(2).any(|w| w == b"\n\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "request head too large"));
        }
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

fn route(target: &str, site: &Site) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    match path {
        "/" | "/index.html" => Response::ok("text/html; charset=utf-8", site.page.clone().into_bytes()),
        ARTICLE_PATH => match fs::read(&site.article) {
            Ok(bytes) => {
                // Served even when an edit broke it: the widget then shows its own error, which is
                // part of what a preview is for. The problems are logged here as well.
                if let Err(rejection) = parse_article(&String::from_utf8_lossy(&bytes)) {
                    for p in &rejection.problems {
                        eprintln!("{}: {p}", site.article.display());
                    }
                }
                Response::ok("application/json; charset=utf-8", bytes)
            }
            Err(_) => Response::error(500, "Internal Server Error"),
        },
        _ => match static_file(&site.dist, path) {
            Some(file) => match fs::read(&file) {
                Ok(bytes) => Response::ok(content_type(&file), bytes),
                Err(_) => Response::error(404, "Not Found"),
            },
            // Browsers ask for it unprompted; "nothing" keeps their console free of a false alarm.
            None if path == "/favicon.ico" => {
                Response { status: 204, reason: "No Content", content_type: "image/x-icon", body: Vec::new() }
            }
            None => Response::error(404, "Not Found"),
        },
    }
}

/// The file under `dist` a URL path names, refusing anything that could step outside it.
fn static_file(dist: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path.strip_prefix('/')?)?;
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

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file; `application/wasm` matters, as browsers refuse to stream-compile
/// WebAssembly served as anything else.
fn content_type(file: &Path) -> &'static str {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/article_reader_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("embed.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("x.SVG")), "image/svg+xml");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }

    #[test]
    fn paths_cannot_leave_dist() {
        let dist = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(static_file(dist, "/Cargo.toml"), Some(dist.join("Cargo.toml")));
        for bad in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/src/..%2f..%2fCargo.toml", "/a%5c..", "/%zz"] {
            assert_eq!(static_file(dist, bad), None, "{bad}");
        }
        assert_eq!(percent_decode("a%20b"), Some("a b".into()));
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
        assert_eq!(host_header("GET / HTTP/1.1\r\nhOsT: \t127.0.0.1:1 \r\n\r\n"), Host::One("127.0.0.1:1"));
        assert_eq!(host_header("GET / HTTP/1.1\nHost: a\nHost: b\n\n"), Host::Repeated);
        assert_eq!(host_header("GET / HTTP/1.1\r\nHost : a\r\nX-Host: b\r\n\r\n"), Host::Missing);
        assert_eq!(host_header("Host: a\r\n\r\n"), Host::Missing, "the request line is not a header");
        assert_eq!(host_header("GET / HTTP/1.1\r\n\r\nHost: a\r\n"), Host::Missing, "the body is not the head");
    }

    #[test]
    fn the_page_escapes_the_file_name() {
        let p = page("<x>.json");
        assert!(p.contains("&lt;x&gt;.json") && !p.contains("<x>"));
        assert!(p.contains(r#"data-src="/__preview/article.json""#));
    }
}
