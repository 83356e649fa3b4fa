#!/usr/bin/env bash
# Every test Latchkey has: the Rust suite, then the end-to-end tests with
# real clients against the real binary. This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --bins
cargo test --locked
LATCHKEY_BIN="$PWD/target/debug/latchkey" bash tests/e2e/allauth/run.sh
LATCHKEY_BIN="$PWD/target/debug/latchkey" bash tests/e2e/openid-client/run.sh
