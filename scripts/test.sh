#!/usr/bin/env bash
# The project's one test command (`make test`; .ci/run calls it unchanged).
# Always: linters, static checks and the pure-rule tests under tests/.
# With ODOO_PATH set: also the three addons' Odoo tests, browser tours included,
# on a throwaway database of the PostgreSQL server named by the PG* variables.
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
cd "$ROOT"
OUT="$ROOT/.test-output"
rm -rf "$OUT" && mkdir -p "$OUT"

echo "== installing the tools (.venv, node_modules)"
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements-dev.txt \
    > "$OUT/pip-dev.log" 2>&1 || { cat "$OUT/pip-dev.log"; exit 1; }
npm ci --no-audit --no-fund --loglevel=error > "$OUT/npm.log" 2>&1 \
    || { cat "$OUT/npm.log"; exit 1; }

PYTEST=("$VENV/bin/python" -m pytest -o console_output_style=classic -rfEs
    --junitxml="$OUT/junit.xml" tests)
LOGS=()
FAILED_STEPS=()
if [ -z "${ODOO_PATH:-}" ]; then
    echo "== ODOO SUITE NOT RUN: ODOO_PATH is not set, so only the Odoo-free tests run."
    "${PYTEST[@]}" -p no:odoo || true
else
    require_odoo_path
    echo "== installing Odoo's requirements from $ODOO_PATH"
    install_odoo_requirements
    if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
        echo "== installing Chromium for the browser tours"
        apt-get install -y -qq chromium > "$OUT/apt.log" 2>&1 \
            || { cat "$OUT/apt.log"; echo "Install Chromium: apt-get install chromium"; exit 1; }
    fi
    DB="courier_cs_test_$$"
    DATA_DIR="$OUT/odoo-data"
    cleanup() {
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$DATA_DIR"
    }
    trap cleanup EXIT
    echo "== installing $ADDONS with demo data on the new database $DB"
    LOGS+=("$OUT/odoo-install.log")
    if odoo_bin -d "$DB" -i "$ADDONS" --stop-after-init --data-dir="$DATA_DIR" \
        --log-level=warn --logfile="$OUT/odoo-install.log"; then
        echo "== running the Odoo-free tests and the Odoo suite (pytest-odoo)"
        LOGS+=("$OUT/odoo-tests.log")
        PYTHONPATH="$ODOO_PATH" "${PYTEST[@]}" addons/*/tests \
            --odoo-database="$DB" --odoo-addons-path="$ODOO_ADDONS_PATH" --odoo-http \
            --odoo-log-level=warn --odoo-extra="logfile=$OUT/odoo-tests.log" \
            --odoo-extra="data-dir=$DATA_DIR" --odoo-extra=test-enable || true
    else
        FAILED_STEPS+=("install of $ADDONS")
        tail -40 "$OUT/odoo-install.log"
        echo "== the install failed: running the Odoo-free tests only"
        "${PYTEST[@]}" -p no:odoo || true
    fi
fi

echo "== summary"
# Not exec: the EXIT trap must still drop the database.
"$VENV/bin/python" scripts/summarize_tests.py "$OUT/junit.xml" "${LOGS[@]}" \
    "${FAILED_STEPS[@]/#/--failed=}"
