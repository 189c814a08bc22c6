//! Placeholder entry point; the publisher tools are being written.
fn main() {
    eprintln!("article-reader: not yet implemented");
    std::process::exit(2);
}
