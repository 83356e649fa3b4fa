#!/usr/bin/env bash
# End-to-end test: panva's openid-client (a certified, strict OpenID Connect
# relying-party library) against a real `latchkey serve` on a free loopback
# port: code flow with PKCE/state/nonce and full id_token validation for
# client_secret_basic, client_secret_post and public clients, userinfo,
# refresh rotation, revocation, introspection, ES256/EdDSA id_tokens,
# RP-initiated logout, and refusals (tampered state/iss, bad PKCE, ...).
#
#   tests/e2e/openid-client/run.sh
#
# LATCHKEY_BIN  the binary to test (default: <repo>/target/debug/latchkey)
# KEEP_WORKDIR  set to keep the temporary database and server log
# Prints `PASS name` / `FAIL name: reason` per scenario, then
# `N passed, M failed`; exits non-zero if anything failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
bin="${LATCHKEY_BIN:-$repo/target/debug/latchkey}"

if [[ ! -x "$bin" ]]; then
    echo "run.sh: no Latchkey binary at $bin (run cargo build, or set LATCHKEY_BIN)" >&2
    exit 2
fi
LATCHKEY_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export LATCHKEY_BIN

cd "$here"
# Dependencies exactly as locked; `npm ci` only when node_modules differs.
if ! node -e 'for (const [p, v] of Object.entries(require("./package-lock.json").packages))
                  if (p && require(`./${p}/package.json`).version !== v.version) process.exit(1)' 2>/dev/null; then
    npm ci --no-audit --no-fund --loglevel=error >&2
fi

# --test-reporter without --test: the scenarios run in this process, in order.
exec node --test-reporter=./reporter.js --test-reporter-destination=stdout test.js
