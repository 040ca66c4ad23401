#!/usr/bin/env bash
# The project's one test command (`make test`; .ci/run calls it unchanged).
# Always: linters, static checks and the pure-rule tests under tests/.
# With ODOO_PATH set: also the three addons' Odoo tests, browser tours included,
# on a throwaway database of the PostgreSQL server named by the PG* variables.
# REQUIRE_ODOO_SUITE=1 (CI): a run without the Odoo suite fails.
# CHECK_INSTALL=1 (CI): the install matrix of `make check-install` runs too, the
# upgrade from the previous version (scripts/check_upgrade.sh) included.
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
cd "$ROOT"
OUT="$ROOT/.test-output"
rm -rf "$OUT" && mkdir -p "$OUT"

# Each stage's time, printed as it ends and again before the closing line.
STAGE_TIMES=()
STAGE_NAME=""
STAGE_START=0
stage() {
    local now=$SECONDS
    if [ -n "$STAGE_NAME" ]; then
        STAGE_TIMES+=("$STAGE_NAME: $((now - STAGE_START)) s")
        echo "== took $((now - STAGE_START)) s: $STAGE_NAME"
    fi
    STAGE_NAME="${1:-}"
    STAGE_START=$now
    [ -z "$STAGE_NAME" ] || echo "== $STAGE_NAME"
}

stage "requirements: the tools (.venv, node_modules)"
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements-dev.txt \
    > "$OUT/pip-dev.log" 2>&1 || { cat "$OUT/pip-dev.log"; exit 1; }
npm ci --no-audit --no-fund --loglevel=error > "$OUT/npm.log" 2>&1 \
    || { cat "$OUT/npm.log"; exit 1; }

PYTEST=("$VENV/bin/python" -m pytest -o console_output_style=classic -rfEs
    --junitxml="$OUT/junit.xml" tests)
SUMMARY_ARGS=()
if [ -z "${ODOO_PATH:-}" ]; then
    stage "tests: the Odoo-free tests"
    echo "== ODOO SUITE NOT RUN: ODOO_PATH is not set, so only the Odoo-free tests run."
    if [ "${REQUIRE_ODOO_SUITE:-}" = 1 ]; then
        SUMMARY_ARGS+=("--failed=Odoo suite: ODOO_PATH is not set")
    fi
    "${PYTEST[@]}" -p no:odoo || true
else
    require_odoo_path
    stage "requirements: Odoo's ($ODOO_PATH), Chromium, PDF tools, the database role"
    install_odoo_requirements
    ensure_chromium
    ensure_pdf_tools
    ensure_pg_role
    DB="courier_cs_test_$$"
    DATA_DIR="$OUT/odoo-data"
    cleanup() {
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$DATA_DIR"
    }
    trap cleanup EXIT
    stage "install with demo: $ADDONS on the new database $DB"
    SUMMARY_ARGS+=("$OUT/odoo-install.log")
    if odoo_bin -d "$DB" -i "$ADDONS" --stop-after-init --data-dir="$DATA_DIR" \
        --log-level=warn --logfile="$OUT/odoo-install.log"; then
        stage "tests: the Odoo-free tests and the Odoo suite (pytest-odoo)"
        SUMMARY_ARGS+=("$OUT/odoo-tests.log" "--tours-ran=$OUT/tours-ran.txt")
        SUMMARY_ARGS+=(addons/*/static/tests/tours/*.js)
        COURIER_TOURS_RAN="$OUT/tours-ran.txt" PYTHONPATH="$ODOO_PATH" "${PYTEST[@]}" \
            addons/*/tests \
            --odoo-database="$DB" --odoo-addons-path="$ODOO_ADDONS_PATH" --odoo-http \
            --odoo-log-level=warn --odoo-extra="logfile=$OUT/odoo-tests.log" \
            --odoo-extra="data-dir=$DATA_DIR" --odoo-extra=test-enable || true
    else
        SUMMARY_ARGS+=("--failed=install of $ADDONS")
        tail -40 "$OUT/odoo-install.log"
        stage "tests: the Odoo-free tests only (the install failed)"
        "${PYTEST[@]}" -p no:odoo || true
    fi
    if [ "${CHECK_INSTALL:-}" = 1 ]; then
        stage "install matrix: each addon alone and together, with and without demo, uninstalled; upgrade from the previous version"
        COURIER_REQUIREMENTS_DONE=1 "$ROOT/scripts/check_install.sh" 2>&1 \
            | tee "$OUT/check-install.txt" | grep -vE "^[0-9]+ passed, [0-9]+ failed$" || true
        SUMMARY_ARGS+=("--checks=$OUT/check-install.txt")
    fi
fi
stage

echo "== summary"
printf '== stage time: %s\n' "${STAGE_TIMES[@]}"
# Not exec: the EXIT trap must still drop the database.
"$VENV/bin/python" scripts/summarize_tests.py "$OUT/junit.xml" "${SUMMARY_ARGS[@]}"
