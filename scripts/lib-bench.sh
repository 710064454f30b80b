# shellcheck shell=bash
# Shared by scripts/bench-targets and scripts/flamegraph (sourced, not run): a Limen server on a
# free loopback port with a fresh database, the benchmark's fixture (a user, a CAS service, a
# confidential OpenID Connect client), and clean-up. The caller sets ROOT, WORK (a temporary
# directory) and LIMEN (the binary), and installs `trap bench_cleanup EXIT`.
#
# Pinning: when SERVER_CPUS is set (e.g. "1"), the server runs under `taskset -c $SERVER_CPUS`
# (every thread it starts inherits the mask).

# shellcheck disable=SC2034 # the scripts that source this file use them
BENCH_EMAIL="bench.user@example.org"
BENCH_PASSWORD="Corr3ct-Horse-Battery!"
SERVICE_PATTERN="http://127.0.0.1:9/bench/*" # never contacted
SERVICE_URL="http://127.0.0.1:9/bench/app"
OIDC_REDIRECT_URI="http://127.0.0.1:9/cb" # never contacted
PG_ADMIN_URL="${LIMEN_BENCH_PG:-postgres://postgres@127.0.0.1:5432/test}"

server_pid=""
pg_db=""
base_url=""
database=""
client_id=""
client_secret=""
SERVER_CPUS="${SERVER_CPUS:-}"

# limen reads LIMEN_* as configuration: keep our own variables away from it.
limen() { env -u LIMEN_BIN -u LIMEN_TEST_PG -u LIMEN_BENCH_PG -u LIMEN_BENCH_PASSWORD -u LIMEN_BENCH_CLIENT_SECRET "$LIMEN" "$@"; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

json_field() { # json_field FILE KEY → value of KEY (dotted) in the last JSON line of FILE ("-" if absent)
    python3 - "$1" "$2" <<'EOF'
import json, sys
path, key = sys.argv[1], sys.argv[2]
value = "-"
try:
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l.startswith("{")]
    data = json.loads(lines[-1]) if lines else {}
    for part in key.split("."):
        data = data[part]
    value = "-" if data is None else ("yes" if data else "no") if isinstance(data, bool) else data
except (OSError, ValueError, KeyError, TypeError, IndexError):
    pass
print(value)
EOF
}

stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

drop_pg() {
    if [[ -n "$pg_db" ]]; then
        psql -X -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" </dev/null >/dev/null 2>&1 || true
        pg_db=""
    fi
}

bench_cleanup() {
    stop_server
    drop_pg
    [[ -n "${WORK:-}" ]] && rm -rf "$WORK"
}

pg_available() {
    [[ "$PG_ADMIN_URL" != "off" ]] && psql -X -q -t "$PG_ADMIN_URL" -c 'select 1' </dev/null >/dev/null 2>&1
}

# fresh_database BACKEND → sets $database (a new SQLite file, or a new PostgreSQL database).
fresh_database() {
    if [[ "$1" == postgres ]]; then
        pg_db="limen_bench_$(python3 -c 'import secrets; print(secrets.token_hex(6))')"
        psql -X -q -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE \"$pg_db\"" </dev/null || return 1
        database="$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$PG_ADMIN_URL" "$pg_db")"
    else
        database="sqlite://$WORK/bench-$(date +%s%N).db"
    fi
}

# start_server LOG → sets server_pid, base_url. Codes and tickets live 600 s (the maxima), so
# that those obtained before timing are still valid when used. server_env (VAR=value …) is added.
server_env=()
start_server() {
    local log="$1" port pin=()
    [[ -n "$SERVER_CPUS" ]] && pin=(taskset -c "$SERVER_CPUS")
    for _attempt in 1 2 3; do
        port="$(free_port)"
        base_url="http://127.0.0.1:$port"
        # Not through the `limen` function: $! must be the server itself (env and taskset exec
        # it), not a subshell that would leave it running when killed.
        env -u LIMEN_BIN -u LIMEN_TEST_PG -u LIMEN_BENCH_PG -u LIMEN_BENCH_PASSWORD -u LIMEN_BENCH_CLIENT_SECRET \
            LIMEN_OIDC__CODE_LIFETIME_SECONDS=600 LIMEN_CAS__SERVICE_TICKET_TTL_SECONDS=600 \
            LIMEN_KEYS__MASTER_KEY_PATH="$WORK/master.key" \
            LIMEN_MAIL__DIRECTORY="$WORK/outbox" ${server_env[@]+"${server_env[@]}"} \
            ${pin[@]+"${pin[@]}"} "$LIMEN" serve --listen "127.0.0.1:$port" --database "$database" \
            --public-url "$base_url" </dev/null >>"$log" 2>&1 &
        server_pid=$!
        for _ in $(seq 1 200); do # 20 s
            if ! kill -0 "$server_pid" 2>/dev/null; then
                wait "$server_pid" 2>/dev/null || true
                server_pid=""
                break
            fi
            if curl -fsS -o /dev/null --max-time 1 "$base_url/health" 2>/dev/null; then
                return 0
            fi
            sleep 0.1
        done
        if [[ -n "$server_pid" ]]; then
            stop_server
            echo "error: limen serve not ready after 20 s; log:" >&2
            tail -n 50 "$log" >&2
            return 1
        fi
        grep -qiE 'in use|AddrInUse' "$log" || break # only a port race is worth retrying
    done
    echo "error: limen serve exited; log:" >&2
    tail -n 50 "$log" >&2
    return 1
}

# fixture → the user, the CAS service and the OIDC client on $database; sets client_id,
# client_secret.
fixture() {
    printf '%s\n' "$BENCH_PASSWORD" | limen user add --database "$database" --email "$BENCH_EMAIL" \
        --first-name Bench --last-name Runner --password-stdin >/dev/null || return 1
    limen service add --database "$database" --name "Benchmark" --url "$SERVICE_PATTERN" \
        --attributes uid,email,firstName,lastName >/dev/null || return 1
    local out
    out="$(limen service add --database "$database" --name "bench-oidc" --protocol oidc \
        --redirect-uri "$OIDC_REDIRECT_URI")" || return 1
    client_id="$(sed -n 's/^client_id: //p' <<<"$out")"
    client_secret="$(sed -n 's/^client_secret: //p' <<<"$out")"
    if [[ -z "$client_id" || -z "$client_secret" ]]; then
        echo "error: limen service add --protocol oidc printed no client_id/client_secret" >&2
        return 1
    fi
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
