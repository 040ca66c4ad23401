#!/usr/bin/env bash
# Benchmark (not a test): the switch's call records (Asterisk Master.csv)
# imported through courier_claims' import path against PostgreSQL's COPY of the
# same file into a bare table, the re-import of the same file, and the
# call-centre indicators read for a month, on generated data in a throwaway
# database.
# Usage: ODOO_PATH=... PG*=... scripts/benchmarks/calls.sh [calls] [agents]
set -euo pipefail
export BENCH_MODULES=courier_claims
source "$(dirname "$0")/common.sh"
bench_db
BENCH_CALLS="${1:-500000}" BENCH_AGENTS="${2:-100}" bench_shell calls.py
