#!/usr/bin/env bash
# Benchmark (not a test): the revenue rebuild against one raw GROUP BY, and the
# visit planning per 1,000 accounts, on generated data in a throwaway database.
# Usage: ODOO_PATH=... PG*=... scripts/benchmarks/key_accounts.sh [partners] [months]
set -euo pipefail
source "$(dirname "$0")/../odoo_env.sh"
require_odoo_path
DB="courier_cs_bench_$$"
[ -n "${BENCH_KEEP:-}" ] && echo "keeping the database $DB" \
    || trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
odoo_bin -d "$DB" -i key_account_service --without-demo=all --stop-after-init \
    --log-level=warn
BENCH_PARTNERS="${1:-20000}" BENCH_MONTHS="${2:-24}" odoo_bin shell -d "$DB" \
    --log-level=warn --no-http < "$(dirname "$0")/key_accounts.py"
