#!/usr/bin/env bash
# Latchkey performance run (issue 6): release build, loopback only.
#   scripts/bench.sh                 # one run of each load phase
#   RUNS=3 scripts/bench.sh          # medians of 3 runs
#   MICRO=1 scripts/bench.sh         # also the criterion micro-benchmarks
#   SKIP_BUILD=1 scripts/bench.sh    # reuse the release artefacts already built
#   SCALE="100 10000" scripts/bench.sh   # user counts of the scaling runs
#                                    # (default 100 10000 100000; "" skips them)
#   BACKEND=postgres scripts/bench.sh    # on a throw-away PostgreSQL server
#                                    # (tests/postgres.sh); default sqlite
#   BACKEND=postgres INSTANCES=3 scripts/bench.sh
#                                    # three instances behind nginx on this
#                                    # machine (CPU and RSS: the first one's)
# Release artefacts go to $CARGO_TARGET_DIR (default /work/bench-target) so a
# debug build in target/ is not invalidated. Results: $OUT (default
# bench-results/<timestamp>/), raw `key value` files plus summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/bench-target}"
RUNS="${RUNS:-1}"
PORT="${PORT:-18080}"
BARE_PORT="${BARE_PORT:-18081}"
# The measured instance's /metrics: the driver reads the CPU its signatures
# took from there (LOAD_METRICS, examples/load.rs).
METRICS_PORT="${METRICS_PORT:-18082}"
export LOAD_METRICS="http://127.0.0.1:$METRICS_PORT/metrics"
OUT="${OUT:-bench-results/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release --locked --bin latchkey --example load --example bare_axum --example seed
BIN="$CARGO_TARGET_DIR/release/latchkey"
LOAD="$CARGO_TARGET_DIR/release/examples/load"
BARE="$CARGO_TARGET_DIR/release/examples/bare_axum"
SEED="$CARGO_TARGET_DIR/release/examples/seed"
SCALE="${SCALE-100 10000 100000}"
BACKEND="${BACKEND:-sqlite}"
INSTANCES="${INSTANCES:-1}"
case "$BACKEND" in sqlite|postgres) ;; *) echo "BACKEND is sqlite or postgres" >&2; exit 2 ;; esac
if [ "$INSTANCES" != 1 ] && [ "$BACKEND" != postgres ]; then
  echo "several instances need BACKEND=postgres (SQLite is one instance)" >&2; exit 2
fi

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
SERVER_PIDS=()
PG_DIR=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$PG_DIR" ] && bash tests/postgres.sh stop "$PG_DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT

# A database for NAME: a file under $WORK, or a new PostgreSQL database.
if [ "$BACKEND" = postgres ]; then
  eval "$(bash tests/postgres.sh start)"
  PG_DIR="$LK_TEST_POSTGRES_DIR"
fi
new_database() {
  if [ "$BACKEND" = postgres ]; then
    psql -q "$LK_TEST_POSTGRES" -c "CREATE DATABASE lk_bench_$1" >/dev/null
    echo "${LK_TEST_POSTGRES%/*}/lk_bench_$1"
  else
    echo "$WORK/$1/latchkey.sqlite"
  fi
}
database_bytes() {
  if [ "$BACKEND" = postgres ]; then
    psql -qAt "$1" -c "SELECT pg_database_size(current_database())"
  else
    stat -c %s "$1"
  fi
}
{
  echo "backend: $BACKEND, instances: $INSTANCES"
  [ "$BACKEND" = postgres ] && echo "postgresql: $(psql -qAt "$LK_TEST_POSTGRES" -c 'SHOW server_version')"
} > "$OUT/backend.txt"

cat > "$WORK/latchkey.toml" <<TOML
issuer = "http://localhost:$PORT"
listen = "127.0.0.1:$PORT"
database = "$(new_database data)"
mfa = "optional"
TOML
[ "$BACKEND" = postgres ] && echo 'secret_key = "bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"' >> "$WORK/latchkey.toml"
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

# One `latchkey serve` on $PORT, or $INSTANCES of them behind nginx on it;
# SERVER_PID is the (first) instance the driver measures.
start_servers() {
  if [ "$INSTANCES" = 1 ]; then
    LATCHKEY_METRICS_LISTEN="127.0.0.1:$METRICS_PORT" "$BIN" serve > "$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    SERVER_PIDS=("$SERVER_PID")
  else
    local upstreams="" i port
    SERVER_PIDS=()
    for i in $(seq 1 "$INSTANCES"); do
      port=$((PORT + 10 + i))
      # Only the measured (first) instance serves /metrics, on one port.
      metrics=()
      [ "$i" = 1 ] && metrics=("LATCHKEY_METRICS_LISTEN=127.0.0.1:$METRICS_PORT")
      env "${metrics[@]}" LATCHKEY_LISTEN="127.0.0.1:$port" "$BIN" serve > "$WORK/server$i.log" 2>&1 &
      SERVER_PIDS+=($!)
      upstreams+="server 127.0.0.1:$port; "
    done
    SERVER_PID="${SERVER_PIDS[0]}"
    mkdir -p "$WORK/nginx"
    cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $WORK/nginx/pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/c; proxy_temp_path $WORK/nginx/p;
  fastcgi_temp_path $WORK/nginx/f; uwsgi_temp_path $WORK/nginx/u; scgi_temp_path $WORK/nginx/s;
  upstream latchkey { $upstreams keepalive 64; }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://latchkey; proxy_http_version 1.1;
      proxy_set_header Connection ""; proxy_set_header Host \$http_host;
    }
  }
}
CONF
    "$(command -v nginx || echo /usr/sbin/nginx)" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
    SERVER_PIDS+=($!)
    for i in $(seq 1 "$INSTANCES"); do
      for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$((PORT + 10 + i))/healthz" >/dev/null && break; sleep 0.05; done
    done
  fi
  for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
}
stop_servers() {
  for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${SERVER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  SERVER_PID=""; SERVER_PIDS=()
}

for run in $(seq 1 "$RUNS"); do
  # The floors next to the runs they divide: the machine's speed drifts.
  "$LOAD" floors 5 > "$OUT/floors.$run.txt"
  start_servers
  sleep 1
  # User `fa` enrolls TOTP in run 1 (secret kept in $LOAD_TOTP_FILE) for the forward-auth session.
  "$LOAD" server "http://localhost:$PORT" bench "$SECRET" s "$PASSWORD" "$SERVER_PID" > "$OUT/server.$run.txt"
  curl -fs "http://127.0.0.1:$PORT/.well-known/openid-configuration" > "$WORK/discovery.json"
  curl -fs "http://127.0.0.1:$PORT/jwks.json" > "$WORK/jwks.json"
  stop_servers

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
  LATCHKEY_DATABASE="$(new_database "scale$n")"
  export LATCHKEY_DATABASE
  S_SECRET="$("$BIN" client add bench --first-party --redirect-uri https://app.example/cb | sed -n 's/^client_secret: *//p')"
  "$SEED" "$n" s "$PASSWORD" "$LOAD_TOTP_SECRET" > "$OUT/scale$n.seed.txt"
  echo "scale$n.db_bytes $(database_bytes "$LATCHKEY_DATABASE")" >> "$OUT/scale$n.seed.txt"
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
