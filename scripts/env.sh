# Sourced by the other scripts: where the project's tools live, and PATH to reach them.
# Cargo-built tools (Trunk, wasm-bindgen) take minutes to compile, so they are kept per user and
# shared by every clone; npm tools live in the clone's node_modules/.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ARTICLE_READER_TOOLS:-$HOME/.cache/article-reader/tools}"
export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
TRUNK_VERSION="0.21.14"
# The shipped WASM modules are compiled by this pinned nightly, for size options stable Rust lacks
# (docs/size.md, "The compiler"); everything else (tests, lints, the CLI) uses rust-toolchain.toml.
RELEASE_TOOLCHAIN="nightly-2026-05-20"

# The release build's compiler and options, for scripts/build and scripts/where-bytes-go: the
# standard library rebuilt with the release profile (opt-level z, LTO with the widget) and its
# optimize_for_size feature; panic messages without file and line; no Debug output at all (`{:?}`
# prints nothing: the widget's messages quote untrusted text with core::text::Quoted, a Display).
# Panics still reach the panic hook, so a failing widget shows its error and the others restart
# (src/embed/recovery.rs).
release_env() {
  export RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN"
  export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
  export CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size"
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none"
}
cd "$ROOT"
