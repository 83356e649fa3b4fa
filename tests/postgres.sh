#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (issue 13): a fresh cluster
# in a temporary directory, trust authentication for the user `latchkey`,
# listening on 127.0.0.1 on a free port, fsync off. Nothing outlives `stop`.
#
#   bash tests/postgres.sh run CMD...   start, export LK_TEST_POSTGRES,
#                                       run CMD, stop; exits with CMD's status
#                                       e.g. bash tests/postgres.sh run cargo test
#   eval "$(bash tests/postgres.sh start)"
#                                       start; prints `export` lines for
#                                       LK_TEST_POSTGRES, the PG* variables
#                                       for psql and LK_TEST_POSTGRES_DIR
#   bash tests/postgres.sh stop DIR     stop the server in DIR and delete DIR
#   bash tests/postgres.sh pause DIR    take it down, keeping its data
#   bash tests/postgres.sh resume DIR   bring it back (same port)
#   source tests/postgres.sh            start and export into this shell; stop
#                                       later with latchkey_pg_stop
#
# The server binaries are found in /usr/lib/postgresql/*/bin (the newest, or
# LATCHKEY_PG_BIN); when there are none, Debian's `postgresql` package is
# installed with apt-get (sudo when not root). initdb refuses to run as
# root: as root the cluster belongs to the `postgres` user.

latchkey_pg_log() { echo "tests/postgres.sh: $*" >&2; }

latchkey_pg_bin() {
    if [[ -n ${LATCHKEY_PG_BIN:-} ]]; then
        echo "$LATCHKEY_PG_BIN"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z $dir || ! -x $dir/initdb ]]; then
        if ! command -v apt-get >/dev/null; then
            latchkey_pg_log "no PostgreSQL server in /usr/lib/postgresql/*/bin and no apt-get to install one"
            return 2
        fi
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        latchkey_pg_log "installing postgresql"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >&2 || return 2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            postgresql >/dev/null || return 2
        dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        [[ -n $dir && -x $dir/initdb ]] || { latchkey_pg_log "postgresql installed, but no initdb"; return 2; }
    fi
    echo "$dir"
}

# Runs a server command as the cluster's owner: `postgres` when we are root.
latchkey_pg_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

latchkey_pg_port_free() {
    # Nothing answers on it (bash's /dev/tcp; a race remains, hence the retries).
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts a server; sets LATCHKEY_PG_DIR and LATCHKEY_PG_PORT.
latchkey_pg_start_server() {
    local bin dir port attempt
    bin=$(latchkey_pg_bin) || return 2
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        latchkey_pg_log "running as root and there is no postgres user to own the cluster"
        return 2
    fi
    # Short: the Unix socket's path must stay under 108 bytes.
    dir=$(mktemp -d /tmp/latchkey-pg.XXXXXX) || return 2
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    if ! latchkey_pg_as_owner "$bin/initdb" -D "$dir/data" -A trust -U latchkey \
        -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
        latchkey_pg_log "initdb failed:"
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        return 2
    fi
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        latchkey_pg_port_free "$port" || continue
        if latchkey_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
            start >/dev/null; then
            LATCHKEY_PG_DIR=$dir
            LATCHKEY_PG_PORT=$port
            return 0
        fi
        latchkey_pg_log "start on port $port failed (attempt $attempt)"
    done
    latchkey_pg_log "could not start PostgreSQL; its log:"
    cat "$dir/server.log" >&2 2>/dev/null
    rm -rf "$dir"
    return 2
}

latchkey_pg_exports() {
    local url="postgres://latchkey@127.0.0.1:$LATCHKEY_PG_PORT/postgres"
    printf 'export LK_TEST_POSTGRES=%q\n' "$url"
    printf 'export LK_TEST_POSTGRES_DIR=%q\n' "$LATCHKEY_PG_DIR"
    printf 'export PGHOST=127.0.0.1 PGPORT=%q PGUSER=latchkey PGDATABASE=postgres\n' "$LATCHKEY_PG_PORT"
}

# Stops the server in DIR (immediately: nothing in it is kept) and deletes DIR.
latchkey_pg_stop() {
    local dir=${1:-${LK_TEST_POSTGRES_DIR:-}} bin
    if [[ -z $dir || ! -d $dir/data ]]; then
        latchkey_pg_log "stop: '$dir' is not a directory made by tests/postgres.sh start"
        return 2
    fi
    bin=$(latchkey_pg_bin) || return 2
    latchkey_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 \
        || latchkey_pg_log "stop: pg_ctl stop failed (already stopped?)"
    rm -rf "$dir"
}

# Takes the server in DIR down (fast shutdown: its data stays), or brings
# it back with the options it was started with; for outage tests.
latchkey_pg_pause() {
    local dir=${1:-} bin
    [[ -n $dir && -d $dir/data ]] || { latchkey_pg_log "pause: '$dir' is not a data directory"; return 2; }
    bin=$(latchkey_pg_bin) || return 2
    latchkey_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}
latchkey_pg_resume() {
    local dir=${1:-} bin
    [[ -n $dir && -d $dir/data ]] || { latchkey_pg_log "resume: '$dir' is not a data directory"; return 2; }
    bin=$(latchkey_pg_bin) || return 2
    # restart on a stopped server starts it with postmaster.opts.
    latchkey_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 restart >/dev/null 2>&1
}

latchkey_pg_main() {
    local cmd=${1:-}
    shift || true
    case $cmd in
        start)
            latchkey_pg_start_server || return $?
            latchkey_pg_exports
            latchkey_pg_log "PostgreSQL on 127.0.0.1:$LATCHKEY_PG_PORT, data dir $LATCHKEY_PG_DIR; stop with: bash tests/postgres.sh stop $LATCHKEY_PG_DIR"
            ;;
        stop)
            latchkey_pg_stop "$@"
            ;;
        pause)
            latchkey_pg_pause "$@"
            ;;
        resume)
            latchkey_pg_resume "$@"
            ;;
        run)
            if (( $# == 0 )); then
                latchkey_pg_log "run: no command given"
                return 2
            fi
            latchkey_pg_start_server || return $?
            eval "$(latchkey_pg_exports)"
            # Stop on any way out, Ctrl-C included.
            trap 'latchkey_pg_stop "$LATCHKEY_PG_DIR"' EXIT
            trap 'exit 130' INT
            trap 'exit 143' TERM
            local rc=0
            "$@" || rc=$?
            return "$rc"
            ;;
        *)
            echo "usage: bash tests/postgres.sh run CMD... | start | stop DIR | pause DIR | resume DIR   (or: source tests/postgres.sh)" >&2
            return 2
            ;;
    esac
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -uo pipefail
    latchkey_pg_main "$@"
    exit $?
else
    # Sourced: start and export into the caller's shell.
    if latchkey_pg_start_server; then
        eval "$(latchkey_pg_exports)"
        latchkey_pg_log "PostgreSQL on 127.0.0.1:$LATCHKEY_PG_PORT ($LATCHKEY_PG_DIR); stop with latchkey_pg_stop"
    fi
fi
