#!/usr/bin/env bash
# Where a login's CPU goes, by thread kind and by library: perf samples of
# the release server during the logins @8 phase of `load scale` (2 000
# seeded users). Needs `perf` and the artefacts of scripts/bench.sh.
#   scripts/profile_logins.sh            # prints the perf report tables
set -euo pipefail
cd "$(dirname "$0")/.."
T="${CARGO_TARGET_DIR:-/work/bench-target}/release"
PORT="${PORT:-18090}"
W="$(mktemp -d)"
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$W"' EXIT
SERVER_PID=""
cat > "$W/latchkey.toml" <<TOML
issuer = "http://localhost:$PORT"
listen = "127.0.0.1:$PORT"
database = "$W/data/latchkey.sqlite"
mfa = "optional"
TOML
export LATCHKEY_CONFIG="$W/latchkey.toml" LATCHKEY_LOG=warn
export LOAD_TOTP_SECRET="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD="bench-password-123"
SECRET="$("$T/latchkey" client add bench --first-party --redirect-uri https://app.example/cb | sed -n 's/^client_secret: *//p')"
"$T/examples/seed" 2000 s "$PASSWORD" "$LOAD_TOTP_SECRET" > /dev/null
"$T/latchkey" serve > "$W/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
"$T/examples/load" scale "http://localhost:$PORT" bench "$SECRET" s "$PASSWORD" 2000 > "$W/scale.txt" &
LOAD_PID=$!
# The first phase of `scale` is 120 logins @8, about 2.5 s.
perf record -q -F 1999 -g -p "$SERVER_PID" -o "$W/perf.data" -- sleep 2 2>/dev/null
wait "$LOAD_PID"
grep login8 "$W/scale.txt" | head -3
perf report -i "$W/perf.data" --stdio --sort comm,dso --no-children -g none 2>/dev/null | grep -v '^$' | head -40
perf report -i "$W/perf.data" --stdio --sort comm,sym --no-children -g none 2>/dev/null | grep -v '^$' | grep -v '^#' | head -60
