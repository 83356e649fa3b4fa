#!/usr/bin/env bash
# Every test Latchkey has: the Rust suite, then the end-to-end tests with
# real clients against the real binary. This is the README's test command.
# Needs nginx and caddy (forward-auth tests), python3 with venv (allauth),
# node/npm and chromium (browser, openid-client); .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --bins
cargo test --locked
export LATCHKEY_BIN="$PWD/target/debug/latchkey"
bash tests/e2e/allauth/run.sh
bash tests/e2e/openid-client/run.sh
bash tests/e2e/browser/run.sh
