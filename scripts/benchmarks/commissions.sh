#!/usr/bin/env bash
# Benchmark (not a test): a month of commission statements for every manager
# against one raw SQL query computing the same collected sums, on generated
# data in a throwaway database.
# Usage: ODOO_PATH=... PG*=... scripts/benchmarks/commissions.sh [managers] [accounts] [months]
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_db
BENCH_MANAGERS="${1:-500}" BENCH_ACCOUNTS="${2:-20000}" BENCH_MONTHS="${3:-12}" \
    bench_shell commissions.py
