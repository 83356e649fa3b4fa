#!/usr/bin/env bash
# Latchkey performance run (issue 6): release build, loopback only.
#   scripts/bench.sh                 # one run of each load phase
#   RUNS=3 scripts/bench.sh          # medians of 3 runs
#   MICRO=1 scripts/bench.sh         # also the criterion micro-benchmarks
#   SKIP_BUILD=1 scripts/bench.sh    # reuse the release artefacts already built
#   SCALE="100 10000" scripts/bench.sh   # user counts of the scaling runs
#                                    # (default 100 10000 100000; "" skips them)
# Release artefacts go to $CARGO_TARGET_DIR (default /work/bench-target) so a
# debug build in target/ is not invalidated. Results: $OUT (default
# bench-results/<timestamp>/), raw `key value` files plus summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/bench-target}"
RUNS="${RUNS:-1}"
PORT="${PORT:-18080}"
BARE_PORT="${BARE_PORT:-18081}"
OUT="${OUT:-bench-results/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release --locked --bin latchkey --example load --example bare_axum --example seed
BIN="$CARGO_TARGET_DIR/release/latchkey"
LOAD="$CARGO_TARGET_DIR/release/examples/load"
BARE="$CARGO_TARGET_DIR/release/examples/bare_axum"
SEED="$CARGO_TARGET_DIR/release/examples/seed"
SCALE="${SCALE-100 10000 100000}"

{
  echo "machine.nproc $(nproc)"
  echo "machine.cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "machine.mem_mb $(free -m | awk '/^Mem:/{print $2}')"
  echo "machine.kernel $(uname -r)"
  echo "binary.bytes $(stat -c %s "$BIN")"
  echo "binary.stripped $(file -b "$BIN" 2>/dev/null | grep -q 'not stripped' && echo no || echo yes)"
} > "$OUT/machine.txt"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/latchkey.toml" <<TOML
issuer = "http://localhost:$PORT"
listen = "127.0.0.1:$PORT"
database = "$WORK/data/latchkey.sqlite"
mfa = "optional"
TOML
for i in $(seq 0 17); do
  printf '[[forward_auth.rules]]\nhost = "app%s.example.com"\npolicy = "mfa"\n' "$i" >> "$WORK/latchkey.toml"
done
printf '[[forward_auth.rules]]\nhost = "*.example.com"\npath = "/static/"\npolicy = "bypass"\n' >> "$WORK/latchkey.toml"
printf '[[forward_auth.rules]]\nhost = "*.example.com"\npolicy = "mfa"\n' >> "$WORK/latchkey.toml"
export LATCHKEY_CONFIG="$WORK/latchkey.toml"
export LATCHKEY_LOG=warn
export LOAD_TOTP_FILE="$WORK/fa.totp"

# First start (creates the database and the three signing keys).
"$LOAD" coldstart "$BIN" "http://127.0.0.1:$PORT/.well-known/openid-configuration" 1 \
  | sed 's/coldstart.run0_ms/firststart_ms/' > "$OUT/firststart.txt"

PASSWORD="bench-password-123"
# Every seeded user has this TOTP secret; each login uses a user of its own.
export LOAD_TOTP_SECRET="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SECRET="$("$BIN" client add bench --first-party --redirect-uri https://app.example/cb | sed -n 's/^client_secret: *//p')"
[ -n "$SECRET" ] || { echo "no client secret" >&2; exit 1; }
"$SEED" 2000 s "$PASSWORD" "$LOAD_TOTP_SECRET" > "$OUT/seed.txt"

# Cold start to the first 200, existing database.
"$LOAD" coldstart "$BIN" "http://127.0.0.1:$PORT/.well-known/openid-configuration" 5 > "$OUT/coldstart.txt"

for run in $(seq 1 "$RUNS"); do
  # The floors next to the runs they divide: the machine's speed drifts.
  "$LOAD" floors 5 > "$OUT/floors.$run.txt"
  "$BIN" serve > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
  sleep 1
  # User `fa` enrolls TOTP in run 1 (secret kept in $LOAD_TOTP_FILE) for the forward-auth session.
  "$LOAD" server "http://localhost:$PORT" bench "$SECRET" s "$PASSWORD" "$SERVER_PID" > "$OUT/server.$run.txt"
  curl -fs "http://127.0.0.1:$PORT/.well-known/openid-configuration" > "$WORK/discovery.json"
  curl -fs "http://127.0.0.1:$PORT/jwks.json" > "$WORK/jwks.json"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

  "$BARE" "127.0.0.1:$BARE_PORT" "$WORK/discovery.json" "$WORK/jwks.json" &
  SERVER_PID=$!
  for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$BARE_PORT/jwks.json" >/dev/null && break; sleep 0.05; done
  "$LOAD" ceiling "http://127.0.0.1:$BARE_PORT" > "$OUT/bare.$run.txt"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
done

# Scaling: fresh databases seeded with N users (each with a session, a grant
# and tokens) and N/100 clients; forward-auth cache off, so every check reads
# SQLite. One run per size.
for n in $SCALE; do
  export LATCHKEY_DATABASE="$WORK/scale$n/latchkey.sqlite"
  S_SECRET="$("$BIN" client add bench --first-party --redirect-uri https://app.example/cb | sed -n 's/^client_secret: *//p')"
  "$SEED" "$n" s "$PASSWORD" "$LOAD_TOTP_SECRET" > "$OUT/scale$n.seed.txt"
  echo "scale$n.db_bytes $(stat -c %s "$LATCHKEY_DATABASE")" >> "$OUT/scale$n.seed.txt"
  LATCHKEY_FORWARD_AUTH__CACHE_SECONDS=0 "$BIN" serve > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
  "$LOAD" scale "http://localhost:$PORT" bench "$S_SECRET" s "$PASSWORD" "$n" > "$OUT/scale$n.txt"
  echo "scale$n.rss_end_kb $(awk '/^VmRSS:/{print $2}' /proc/$SERVER_PID/status)" >> "$OUT/scale$n.txt"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  unset LATCHKEY_DATABASE
done

if [ "${MICRO:-0}" = 1 ]; then
  cargo bench --locked --bench hot_paths 2>&1 | tee "$OUT/micro.txt"
fi

python3 scripts/bench_summary.py "$OUT" | tee "$OUT/summary.txt"
