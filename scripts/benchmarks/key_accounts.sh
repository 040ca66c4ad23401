#!/usr/bin/env bash
# Benchmark (not a test): the revenue rebuild against one raw GROUP BY, and the
# visit planning per 1,000 accounts, on generated data in a throwaway database.
# Usage: ODOO_PATH=... PG*=... scripts/benchmarks/key_accounts.sh [partners] [months]
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_db
BENCH_PARTNERS="${1:-20000}" BENCH_MONTHS="${2:-24}" bench_shell key_accounts.py
