#!/usr/bin/env bash
# Benchmark (not a test): a month of commission statements for every manager
# against one raw SQL query computing the same collected sums, on generated
# data in a throwaway database.
# Usage: ODOO_PATH=... PG*=... scripts/benchmarks/commissions.sh [managers] [accounts] [months]
set -euo pipefail
source "$(dirname "$0")/../odoo_env.sh"
require_odoo_path
DB="courier_cs_bench_com_$$"
[ -n "${BENCH_KEEP:-}" ] && echo "keeping the database $DB" \
    || trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
odoo_bin -d "$DB" -i key_account_service --without-demo=all --stop-after-init \
    --log-level=warn
BENCH_MANAGERS="${1:-500}" BENCH_ACCOUNTS="${2:-20000}" BENCH_MONTHS="${3:-12}" \
    odoo_bin shell -d "$DB" --log-level=warn --no-http \
    < "$(dirname "$0")/commissions.py"
