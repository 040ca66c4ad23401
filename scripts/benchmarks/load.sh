#!/usr/bin/env bash
# Load benchmark (not a test): N concurrent web-client sessions (account
# managers, customer-service managers, claims handlers and legal officers of
# the demo data) open the main screens of their role against a `--workers=2` server, next to Odoo's own partner list and
# form in the same run; prints p50/p95 per screen as the client waits, and
# the queries and server seconds (SQL and Python) of each opening's calls from
# the server's werkzeug log, free of the time calls queue for a worker.
# BENCH_KEEP_LOG=<file> keeps that log. BENCH_PER_PANEL=1 sends the boards'
# panels as one request each, as the client did before they were batched.
# Usage: ODOO_PATH=... PG*=... scripts/benchmarks/load.sh [users] [seconds]
# BENCH_DB=<database> runs on an existing database with the three addons and
# their demo data instead of installing a throwaway one (about 3 minutes).
set -euo pipefail
source "$(dirname "$0")/common.sh"
USERS="${1:-10}" SECONDS_="${2:-60}"
if [ -n "${BENCH_DB:-}" ]; then
    DB=$BENCH_DB
else
    bench_db -i "$ADDONS"
fi
PORT="${BENCH_PORT:-$((18000 + $$ % 1000))}"
LOG="$(mktemp -t bench_load_XXXX.log)"
odoo_bin -d "$DB" --db-filter="^$DB\$" --workers=2 --max-cron-threads=0 \
    --http-port="$PORT" --gevent-port="$((PORT + 1))" --limit-time-real=600 \
    --limit-time-cpu=600 --log-level=info --log-handler=werkzeug:INFO \
    --logfile="$LOG" &
SERVER=$!
# odoo_bin is a shell function, so the server is a child of $SERVER; Odoo's
# prefork server stops its workers at once on a second signal.
stop_server() {
    local pids
    pids="$(pgrep -P "$SERVER" || true) $SERVER"
    # shellcheck disable=SC2086 # one argument per process
    kill $pids 2>/dev/null || true
    sleep 1
    # shellcheck disable=SC2086
    kill $pids 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    if [ -n "${BENCH_KEEP_LOG:-}" ]; then cp "$LOG" "$BENCH_KEEP_LOG"; fi
    rm -f "$LOG"
    [ -n "${BENCH_DB:-}" ] || [ -n "${BENCH_KEEP:-}" ] \
        || dropdb --if-exists "$DB" >/dev/null 2>&1 || true
}
trap stop_server EXIT
for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$PORT/web/health" >/dev/null && break
    sleep 1
done
"$VENV/bin/python" "$BENCH_DIR/load.py" "http://127.0.0.1:$PORT" "$DB" "$LOG" \
    --users "$USERS" --seconds "$SECONDS_" ${BENCH_PER_PANEL:+--per-panel}
