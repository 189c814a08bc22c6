//! `article-reader preview`: a real server process, spoken to over a raw TcpStream.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use common::{bin, fixture, project_file};

/// Kills the server when the test ends, passed or not.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A stand-in for the built widget, so the test does not depend on a Trunk build.
fn fake_dist(name: &str) -> PathBuf {
    let dist = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::create_dir_all(&dist).unwrap();
    fs::write(dist.join("embed.js"), "export {};\n").unwrap();
    fs::write(dist.join("article_reader_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    fs::write(dist.join("article-reader.css"), "p{}\n").unwrap();
    dist
}

/// Starts `preview` on a free port (port 0) and waits for the URL it prints.
fn start(article: &Path, dist: &Path) -> Server {
    start_with(article, dist, Stdio::null())
}

fn start_with(article: &Path, dist: &Path, stderr: Stdio) -> Server {
    let mut child = bin()
        .args(["preview", "--port", "0", "--dist"])
        .arg(dist)
        .arg(article)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    Server { child, addr }
}

/// GETs `path` and returns the status line, the headers (lower-cased names) and the body.
fn get(server: &Server, path: &str) -> (String, Vec<(String, String)>, Vec<u8>) {
    get_as(server, path, Some(&server.addr))
}

/// GETs `path` with the given `Host` header (none at all for `None`), as a browser on a rebound
/// name would send it.
fn get_as(server: &Server, path: &str, host: Option<&str>) -> (String, Vec<(String, String)>, Vec<u8>) {
    request(&server.addr, path, host)
}

fn request(addr: &str, path: &str, host: Option<&str>) -> (String, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(stream, "GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete head");
    let head = String::from_utf8(response[..split].to_vec()).unwrap();
    let body = response[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
}

#[test]
fn serves_the_page_the_article_and_the_widget() {
    let article = project_file("content/default-article.json");
    let server = start(&article, &fake_dist("preview-dist"));

    let (status, headers, body) = get(&server, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(header(&headers, "content-type"), "text/html; charset=utf-8");
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains(r#"<div data-article-reader data-src="/__preview/article.json"></div>"#), "{page}");
    assert!(page.contains(r#"<script type="module" src="/embed.js"></script>"#));

    let (status, headers, body) = get(&server, "/__preview/article.json");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(header(&headers, "content-type"), "application/json; charset=utf-8");
    assert_eq!(header(&headers, "content-length"), body.len().to_string());
    assert_eq!(body, fs::read(&article).unwrap());

    let (_, headers, _) = get(&server, "/embed.js");
    assert_eq!(header(&headers, "content-type"), "text/javascript; charset=utf-8");
    let (_, headers, body) = get(&server, "/article_reader_bg.wasm?v=1");
    assert_eq!(header(&headers, "content-type"), "application/wasm");
    assert_eq!(body, b"\0asm\x01\0\0\0");

    assert!(get(&server, "/missing.js").0.starts_with("HTTP/1.1 404"));
    assert!(get(&server, "/favicon.ico").0.starts_with("HTTP/1.1 204"));
    assert!(get(&server, "/../Cargo.toml").0.starts_with("HTTP/1.1 404"));
    assert!(get(&server, "/%2e%2e/Cargo.toml").0.starts_with("HTTP/1.1 404"));
}

/// DNS rebinding: a page on the open web points its own name at 127.0.0.1, then reads the draft
/// same-origin. The browser still sends that name in `Host`, so the server answers only to its own.
#[test]
fn answers_only_to_its_own_host_against_dns_rebinding() {
    let article = project_file("content/default-article.json");
    let server = start(&article, &fake_dist("preview-dist-host"));
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let title = "Caught in the \u{201c}Friendly\u{201d} Embrace";
    assert!(fs::read_to_string(&article).unwrap().contains(title), "the fixture changed");

    let foreign = [format!("attacker.example:{port}"), "attacker.example".to_string(), "127.0.0.1".to_string()];
    let wrong_port = format!("127.0.0.1:{}", if port == "1" { "2" } else { "1" });
    for host in foreign.iter().chain([&wrong_port, &format!("localhost.:{port}"), &format!("127.0.0.1:{port}.evil")]) {
        for path in ["/__preview/article.json", "/", "/embed.js"] {
            let (status, headers, body) = get_as(&server, path, Some(host));
            let body = String::from_utf8_lossy(&body);
            assert_eq!(status, "HTTP/1.1 421 Misdirected Request", "Host {host:?}, {path}: {body}");
            assert_eq!(header(&headers, "content-type"), "text/plain; charset=utf-8");
            assert!(!body.contains(title) && !body.contains("data-article-reader"), "{host:?} {path}: {body}");
            assert!(body.contains(&format!("http://127.0.0.1:{port}/")) && body.contains("DNS rebinding"), "{body}");
        }
    }

    for path in ["/__preview/article.json", "/"] {
        let (status, _, body) = get_as(&server, path, None);
        assert!(status.starts_with("HTTP/1.1 421") || status.starts_with("HTTP/1.1 400"), "no Host, {path}: {status}");
        assert!(!String::from_utf8_lossy(&body).contains(title));
    }

    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LocalHost:{port}"), format!("[::1]:{port}")]
    {
        let (status, _, body) = get_as(&server, "/__preview/article.json", Some(&host));
        assert_eq!(status, "HTTP/1.1 200 OK", "Host {host:?}");
        assert_eq!(body, fs::read(&article).unwrap());
        assert_eq!(get_as(&server, "/", Some(&host)).0, "HTTP/1.1 200 OK", "Host {host:?}");
    }
}

#[test]
fn an_invalid_article_is_refused_before_serving() {
    let out = bin()
        .args(["preview", "--port", "0", "--dist"])
        .arg(fake_dist("preview-dist-invalid"))
        .arg(fixture("json/no-title.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("translations.en.title: required field is missing"));
}

#[test]
fn a_missing_widget_build_is_explained() {
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("preview-no-dist");
    fs::create_dir_all(&empty).unwrap();
    let out = bin()
        .args(["preview", "--port", "0", "--dist"])
        .arg(&empty)
        .arg(project_file("content/default-article.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no embed.js"));
}

/// A file of this test's own, in Cargo's scratch folder for integration tests.
fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::write(&file, contents).unwrap();
    file
}

/// The version of the file the page was served with (what its live-reload script polls against).
fn page_version(server: &Server) -> String {
    let page = String::from_utf8(get(server, "/").2).unwrap();
    let rest = page.split(r#"data-preview-version=""#).nth(1).unwrap_or_else(|| panic!("no version in {page}"));
    rest.split('"').next().unwrap().to_string()
}

/// Starts the poll a page makes, `/__preview/changes?since=VERSION`, on a thread of its own.
fn poll(server: &Server, since: &str) -> thread::JoinHandle<(String, Value, Duration)> {
    let (addr, path) = (server.addr.clone(), format!("/__preview/changes?since={since}"));
    thread::spawn(move || {
        let started = Instant::now();
        let (status, headers, body) = request(&addr, &path, Some(&addr));
        assert_eq!(header(&headers, "content-type"), "application/json; charset=utf-8", "{status}");
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null), started.elapsed())
    })
}

#[test]
fn the_page_reloads_itself_when_the_file_changes() {
    let original = fs::read_to_string(project_file("content/default-article.json")).unwrap();
    let article = scratch("preview-live.json", original.as_bytes());
    let server = start(&article, &fake_dist("preview-dist-live"));

    let page = String::from_utf8(get(&server, "/").2).unwrap();
    assert!(page.contains(r#"<script type="module" src="/__preview/live.js"></script>"#), "{page}");
    let (status, headers, script) = get(&server, "/__preview/live.js");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(header(&headers, "content-type"), "text/javascript; charset=utf-8");
    let script = String::from_utf8(script).unwrap();
    assert!(script.contains("/__preview/changes?since=") && script.contains("location.reload()"), "{script}");

    // The poll waits while the file stays as it is, and answers once it is rewritten.
    let version = page_version(&server);
    let waiting = poll(&server, &version);
    thread::sleep(Duration::from_millis(700));
    assert!(!waiting.is_finished(), "the poll answered before any change");
    let edited = original.replace("Caught in the", "Still caught in the");
    fs::write(&article, &edited).unwrap();
    let (status, answer, waited) = waiting.join().unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(waited < Duration::from_secs(5), "the change took {waited:?} to be noticed");
    let new_version = answer["version"].as_str().unwrap().to_string();
    assert_ne!(new_version, version);
    assert_eq!(answer["problems"], Value::Array(vec![]), "{answer}");
    assert_eq!(page_version(&server), new_version);
    assert_eq!(get(&server, "/__preview/article.json").2, edited.as_bytes());

    // An edit that breaks the document: the page lists the problems, the server keeps serving.
    let waiting = poll(&server, &new_version);
    fs::write(&article, edited.replace(r#""title""#, r#""titel""#)).unwrap();
    let (_, answer, _) = waiting.join().unwrap();
    let problems = answer["problems"].to_string();
    assert!(problems.contains("translations.en.title: required field is missing"), "{answer}");
    let page = String::from_utf8(get(&server, "/").2).unwrap();
    assert!(page.contains("translations.en.title: required field is missing"), "{page}");
    assert_eq!(
        get(&server, "/__preview/article.json").0,
        "HTTP/1.1 200 OK",
        "served anyway: the widget shows its error"
    );

    // A poll for another version than the current one answers at once; one for the current one,
    // from a rebound name, is refused like any other request.
    let (_, answer, waited) = poll(&server, &version).join().unwrap();
    assert!(waited < Duration::from_secs(1) && answer["version"] != version.as_str(), "{answer}");
    let port = server.addr.rsplit(':').next().unwrap();
    let (status, _, _) = get_as(&server, "/__preview/changes", Some(&format!("attacker.example:{port}")));
    assert_eq!(status, "HTTP/1.1 421 Misdirected Request");
}

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A page to preview</title></head>
<body>
  <article>
    <h1>A page to preview</h1>
    <p>Its first paragraph.</p>
  </article>
</body>
</html>
"#;

#[test]
fn an_html_page_is_previewed_as_the_document_it_converts_to() {
    let page = scratch("preview-page.html", PAGE.as_bytes());
    let server = start(&page, &fake_dist("preview-dist-html"));

    let (status, headers, body) = get(&server, "/__preview/article.json");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(header(&headers, "content-type"), "application/json; charset=utf-8");
    let document: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(document["default_lang"], "en", "{document}");
    assert_eq!(document["translations"]["en"]["title"], "A page to preview");
    assert!(document.to_string().contains("Its first paragraph."), "{document}");

    // Converted again after every change.
    let version = page_version(&server);
    let waiting = poll(&server, &version);
    fs::write(&page, PAGE.replace("first paragraph", "edited paragraph")).unwrap();
    let (status, answer, _) = waiting.join().unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_ne!(answer["version"], version.as_str());
    let document: Value = serde_json::from_slice(&get(&server, "/__preview/article.json").2).unwrap();
    assert!(document.to_string().contains("Its edited paragraph."), "{document}");

    // A page that converts to no valid document: the problems are shown, nothing crashes.
    let waiting = poll(&server, answer["version"].as_str().unwrap());
    fs::write(&page, r#"<html lang="en"><body></body></html>"#).unwrap();
    let (_, answer, _) = waiting.join().unwrap();
    let first = answer["problems"][0].as_str().unwrap_or_else(|| panic!("no problems in {answer}"));
    let page = String::from_utf8(get(&server, "/").2).unwrap();
    let escaped = first.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    assert!(page.contains(&escaped), "{first} is not on the page: {page}");
    assert!(get(&server, "/__preview/article.json").0.starts_with("HTTP/1.1 422"));
}

#[test]
fn an_html_page_is_converted_once_per_change_not_once_per_request() {
    let page = scratch("preview-once.html", PAGE.as_bytes());
    let mut server = start_with(&page, &fake_dist("preview-dist-once"), Stdio::piped());
    for _ in 0..3 {
        assert_eq!(get(&server, "/__preview/article.json").0, "HTTP/1.1 200 OK");
    }
    let _ = server.child.kill();
    let mut stderr = String::new();
    server.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    // Each conversion notes the identifier it made up: one conversion, at start, for three requests.
    assert_eq!(stderr.matches("gives no article identifier").count(), 1, "{stderr}");
}
