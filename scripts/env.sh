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
# (scripts/build, docs/size.md); everything else (tests, lints, the CLI) uses rust-toolchain.toml.
RELEASE_TOOLCHAIN="nightly-2026-05-20"
cd "$ROOT"
