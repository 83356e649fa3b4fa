#!/usr/bin/env bash
# Real-browser end-to-end test: headless Chromium (Debian's package) driven by
# playwright-core logs into the e2eproject Django site (django-allauth set up
# as Paperless-ngx sets it up) through a real `latchkey serve`, with TOTP,
# recovery codes and passkeys (a CDP virtual authenticator).
#
#   tests/e2e/browser/run.sh
#
# LATCHKEY_BIN  the binary to test (default: <repo>/target/debug/latchkey)
# E2E_VENV      the Python venv to use or create (default: <repo>/target/e2e-venv)
# PYTHON        the Python (3.10+) that creates the venv (default: python3)
# CHROMIUM      the browser (default: /usr/bin/chromium, installed with apt if missing)
# Screenshots of every page: tests/e2e/artifacts/browser/ (gitignored).
# Prints `PASS step` / `FAIL step: reason`, then `N passed, M failed`;
# exits non-zero if anything failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
venv="${E2E_VENV:-$repo/target/e2e-venv}"
bin="${LATCHKEY_BIN:-$repo/target/debug/latchkey}"
requirements="$repo/tests/e2e/allauth/requirements.txt"

if [[ ! -x "$bin" ]]; then
    echo "run.sh: no Latchkey binary at $bin (run cargo build, or set LATCHKEY_BIN)" >&2
    exit 2
fi
LATCHKEY_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export LATCHKEY_BIN

# The browser: Debian's Chromium (no browser download by playwright).
if [[ -z "${CHROMIUM:-}" ]]; then
    command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
    CHROMIUM="$(command -v chromium)"
fi
export CHROMIUM

# The Django side: the same venv as tests/e2e/allauth/run.sh, made the same way.
if [[ ! -x "$venv/bin/python" ]]; then
    echo "run.sh: creating venv $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv"
fi
stamp="$venv/.latchkey-e2e-requirements.txt"
if ! cmp -s "$requirements" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
fi
export E2E_PYTHON="$venv/bin/python"

# The test SMTP server's venv (aiosmtpd), for invitations and resets.
eval "$(bash "$repo/tests/smtp/setup.sh")"

# playwright-core (it never downloads a browser) and axe-core, exactly as locked.
cd "$here"
if ! node -e 'const p=require("./package-lock.json").packages;
              const ok=["playwright-core","axe-core"].every((n)=>require(`./node_modules/${n}/package.json`).version===p[`node_modules/${n}`].version);
              process.exit(ok?0:1)' 2>/dev/null; then
    npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p "$repo/tests/e2e/artifacts/browser"
export PYTHONDONTWRITEBYTECODE=1  # keep the source tree clean
exec node "$here/test.js"
