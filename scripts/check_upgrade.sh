#!/usr/bin/env bash
# `make check-upgrade [REV=...]`: a database running the previous version of the
# addons updates cleanly (issue 18). The three addons are installed with demo
# from a baseline revision's addons/, then updated (-u) with this checkout's
# addons on the same database. It fails on a WARNING/ERROR/CRITICAL line in
# either log, on an addon not 'installed' at its manifest version afterwards,
# or on record counts that the update changed. Prints one line, `ok: ...` or
# `FAILED: ...` (then the reasons), as the install matrix does.
# The baseline runs on the current .venv and Odoo tree (its requirements are
# the same); CHECK_DB names the throwaway database (dropped at the end).
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
require_odoo_path
cd "$ROOT"
# bb9731f: main's last commit before the issue-18 reshaping, i.e. the 18.0.1.x
# addons that live databases run.
REV="${1:-bb9731f42be1caca03fca891fbc409173f954a7a}"
CHECK="upgrade from ${REV:0:7} with demo"
OUT="$ROOT/.test-output/upgrade"
TMP="$(mktemp -d)"
DB="${CHECK_DB:-courier_cs_upgrade_$$}"
rm -rf "$OUT" && mkdir -p "$OUT"
: > "$OUT/problems.txt"

problem() { echo "$*" >> "$OUT/problems.txt"; }

# Whatever stops the script (set -e included) drops the database and prints
# the verdict line, so the matrix's report always counts this check.
finish() {
    local status=$?
    if [ "$status" != 0 ] && [ ! -s "$OUT/problems.txt" ]; then
        problem "stopped with exit status $status (output above, logs in $OUT)"
    fi
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    rm -rf "$TMP"
    if [ ! -s "$OUT/problems.txt" ]; then
        echo "ok: $CHECK"
    else
        echo "FAILED: $CHECK"
        cat "$OUT/problems.txt"
        exit 1
    fi
}
trap finish EXIT

if ! sha="$(git rev-parse --verify --quiet "$REV^{commit}")"; then
    problem "revision $REV is not in this repository (a shallow clone? git fetch --unshallow)"
    exit 2
fi
if [ -z "${COURIER_REQUIREMENTS_DONE:-}" ]; then
    install_odoo_requirements
    ensure_pg_role
fi
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

check_log() {
    if grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1"; then
        problem "$2 logged:"
        grep -m 20 -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1" \
            >> "$OUT/problems.txt"
    fi
}

# The records a user would miss if the update lost them.
counts() {
    psql -d "$DB" -tA -F ' ' -c "
        SELECT 'key accounts', count(*) FROM res_partner WHERE is_key_account
        UNION ALL SELECT 'commission statements', count(*)
            FROM key_account_commission_statement
        UNION ALL SELECT 'incidents', count(*) FROM courier_incident
        UNION ALL SELECT 'complaints', count(*) FROM courier_complaint
        UNION ALL SELECT 'insurance claims', count(*) FROM courier_insurance_claim
        UNION ALL SELECT 'legal cases', count(*) FROM legal_case
        UNION ALL SELECT 'contracts', count(*) FROM legal_contract
        UNION ALL SELECT 'archives', count(*) FROM legal_archive"
}

# 1. The baseline: its addons/ in a temporary folder, installed with demo.
git archive "$sha" addons | tar -x -C "$TMP"
dropdb --if-exists "$DB"
status=0
ODOO_ADDONS_PATH="${ODOO_ADDONS_PATH%,*},$TMP/addons" odoo_bin -d "$DB" -i "$ADDONS" \
    --stop-after-init --log-level=warn --logfile="$OUT/install-base.log" \
    --data-dir="$TMP/data" || status=$?
check_log "$OUT/install-base.log" "install of ${REV:0:7}"
[ "$status" = 0 ] || { problem "install of ${REV:0:7} exited $status"; exit 1; }
counts > "$OUT/counts-before.txt"

# 2. The update with this checkout's addons, same database and filestore.
status=0
odoo_bin -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn \
    --logfile="$OUT/update.log" --data-dir="$TMP/data" || status=$?
[ "$status" = 0 ] || problem "update exited $status"
check_log "$OUT/update.log" "update"

# 3. Every addon installed at its manifest's version, no record lost or added.
for addon in ${ADDONS//,/ }; do
    want="$("$VENV/bin/python" -c 'import ast, sys
print(ast.literal_eval(open(sys.argv[1]).read())["version"])' \
        "addons/$addon/__manifest__.py")"
    got="$(psql -d "$DB" -tAc "SELECT state || ' ' || coalesce(latest_version, '')
        FROM ir_module_module WHERE name = '$addon'")"
    [ "$got" = "installed $want" ] || problem "$addon: '$got', expected 'installed $want'"
done
counts > "$OUT/counts-after.txt"
if ! diff "$OUT/counts-before.txt" "$OUT/counts-after.txt" > "$OUT/counts.diff"; then
    problem "record counts changed (< before, > after):"
    grep '^[<>]' "$OUT/counts.diff" >> "$OUT/problems.txt"
fi
