#!/usr/bin/env bash
# Creates the venv of the test SMTP server (tests/smtp/server.py) when it is
# missing or its requirements changed, then prints the line that tells the
# Rust tests where it is:
#   eval "$(bash tests/smtp/setup.sh)"
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${LK_SMTP_VENV:-$repo/target/smtp-venv}"
if [[ ! -x "$venv/bin/python" ]]; then
    echo "tests/smtp/setup.sh: creating venv $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv" >&2
fi
stamp="$venv/.latchkey-smtp-requirements.txt"
if ! cmp -s "$repo/tests/smtp/requirements.txt" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r "$repo/tests/smtp/requirements.txt" >&2
    cp "$repo/tests/smtp/requirements.txt" "$stamp"
fi
echo "export LK_TEST_SMTP_PYTHON=$venv/bin/python"
