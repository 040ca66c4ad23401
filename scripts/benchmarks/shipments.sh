#!/usr/bin/env bash
# Benchmark (not a test): a year of daily shipment figures for 3,000 customers
# (1,000,000 rows) streamed from a CSV file through the push method in
# batches, against PostgreSQL's COPY of the same file into a bare table; the
# KPI refresh time, the peak memory and a re-import that changes nothing.
# Usage: ODOO_PATH=... PG*=... scripts/benchmarks/shipments.sh [rows] [customers] [batch]
set -euo pipefail
source "$(dirname "$0")/common.sh"
BENCH_ROWS="${1:-1000000}" BENCH_CUSTOMERS="${2:-3000}" BENCH_BATCH="${3:-5000}" \
    bench_shell shipments.py
