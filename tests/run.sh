#!/usr/bin/env bash
# Every test Latchkey has: the Rust suite, then the end-to-end tests with
# real clients against the real binary. This is the README's test command,
# and it sets up what it needs on a fresh Debian machine: the system
# packages below (with apt, when one is missing), the Python venv and the
# npm packages (by each e2e script).
set -euo pipefail
cd "$(dirname "$0")/.."

# pkg-config + libssl-dev: josekit (OpenSSL). nginx, caddy: forward-auth
# tests. python3-venv: allauth and the test SMTP server. chromium: the browser test. (PostgreSQL:
# tests/postgres.sh.)
need=()
command -v pkg-config >/dev/null || need+=(pkg-config)
[[ -e /usr/include/openssl/ssl.h ]] || need+=(libssl-dev)
[[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null || need+=(nginx)
command -v caddy >/dev/null || need+=(caddy)
command -v chromium >/dev/null || need+=(chromium)
command -v npm >/dev/null || need+=(npm)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if (( ${#need[@]} )); then
    if ! command -v apt-get >/dev/null; then
        echo "tests/run.sh: missing ${need[*]} and no apt-get to install them" >&2
        exit 2
    fi
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    echo "tests/run.sh: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends ca-certificates "${need[@]}" >/dev/null
fi

# One throw-away PostgreSQL server for the run (tests/postgres.sh installs
# Debian's postgresql when it is missing), stopped on exit.
pg_env=$(bash tests/postgres.sh start)
eval "$pg_env"
trap 'bash tests/postgres.sh stop "$LK_TEST_POSTGRES_DIR"' EXIT

# The test SMTP server's venv (aiosmtpd, trustme) for the email tests.
eval "$(bash tests/smtp/setup.sh)"

cargo build --locked --bins
# Everything on SQLite (with the schema parity test against PostgreSQL),
# then the whole API suite again on PostgreSQL: the dialects drift unless
# every test runs on both.
cargo test --locked
LK_TEST_DATABASE=postgres cargo test --locked --test api --test query_plans
export LATCHKEY_BIN="$PWD/target/debug/latchkey"
bash tests/e2e/allauth/run.sh
bash tests/e2e/openid-client/run.sh
bash tests/e2e/browser/run.sh
# The same three clients again, against three instances on one PostgreSQL
# database behind nginx: tests/cluster/latchkey stands in for the binary.
export LK_CLUSTER_BIN="$LATCHKEY_BIN"
for suite in allauth openid-client browser; do
    LATCHKEY_BIN="$PWD/tests/cluster/latchkey" bash "tests/e2e/$suite/run.sh"
done
