#!/usr/bin/env bash
# End-to-end test: the real django-allauth OIDC client, configured the way
# Paperless-ngx configures it, logs in through a real `latchkey serve`.
#
#   tests/e2e/allauth/run.sh [SCENARIO ...]
#
# LATCHKEY_BIN  the binary to test (default: <repo>/target/debug/latchkey)
# E2E_VENV      the Python venv to use or create (default: <repo>/target/e2e-venv)
# PYTHON        the Python (3.10+) that creates the venv (default: python3)
# Prints `PASS name` / `FAIL name: reason` per scenario, then `N passed, M failed`;
# exits non-zero if anything failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
venv="${E2E_VENV:-$repo/target/e2e-venv}"
bin="${LATCHKEY_BIN:-$repo/target/debug/latchkey}"

if [[ ! -x "$bin" ]]; then
    echo "run.sh: no Latchkey binary at $bin (run cargo build, or set LATCHKEY_BIN)" >&2
    exit 2
fi
LATCHKEY_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export LATCHKEY_BIN

if [[ ! -x "$venv/bin/python" ]]; then
    echo "run.sh: creating venv $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv"
fi
# Install, or reinstall when requirements.txt changed since the last install.
stamp="$venv/.latchkey-e2e-requirements.txt"
if ! cmp -s "$here/requirements.txt" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$stamp"
fi

cd "$repo"
export PYTHONDONTWRITEBYTECODE=1  # keep the source tree clean
exec "$venv/bin/python" tests/e2e/allauth/test_allauth.py "$@"
