#!/usr/bin/env bash
# `make check-install`: each addon alone (with its dependencies) and all three
# together, with and without demo data, then uninstalled again; every step on a
# throwaway database (CHECK_DB names it) and with no WARNING or ERROR in its
# log; last, scripts/check_upgrade.sh: the previous version's data updated.
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
require_odoo_path
cd "$ROOT"
if [ -z "${COURIER_REQUIREMENTS_DONE:-}" ]; then
    [ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
    install_odoo_requirements
    ensure_pg_role
fi
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
OUT="$ROOT/.test-output/install"
rm -rf "$OUT" && mkdir -p "$OUT"
passed=0
failed=0

check_log() {
    if grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1"; then
        echo "FAILED: $2"
        grep -m 20 -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1"
        failed=$((failed + 1))
    else
        echo "ok: $2"
        passed=$((passed + 1))
    fi
}

uninstall() {
    # Uninstall through the ORM, as the Apps menu does.
    echo "env['ir.module.module'].search([('name', 'in', '$1'.split(','))])\
.button_immediate_uninstall()" | odoo_bin shell -d "$2" --no-http --log-level=warn
}

for demo in with without; do
    for addons in key_account_service courier_claims cs_legal "$ADDONS"; do
        db="${CHECK_DB:-courier_cs_install_$$}"
        log="$OUT/${addons//,/+}-$demo-demo.log"
        demo_flag=()
        [ "$demo" = without ] && demo_flag=(--without-demo=all)
        dropdb --if-exists "$db"
        odoo_bin -d "$db" -i "$addons" "${demo_flag[@]}" --stop-after-init \
            --log-level=warn --logfile="$log" --data-dir="$OUT/data" || true
        check_log "$log" "install $addons $demo demo"
        # Uninstalling the lowest addon takes the ones that depend on it along.
        uninstall key_account_service "$db" > "$log.uninstall" 2>&1 || true
        left=$(psql -d "$db" -tAc "SELECT count(*) FROM ir_module_module WHERE
            name IN ('key_account_service', 'courier_claims', 'cs_legal')
            AND state != 'uninstalled'")
        if [ "$left" = 0 ]; then
            check_log "$log.uninstall" "uninstall $addons $demo demo"
        else
            echo "FAILED: uninstall $addons $demo demo left $left addon(s) installed"
            cat "$log.uninstall" | tail -20
            failed=$((failed + 1))
        fi
        dropdb --if-exists "$db"
    done
done
rm -rf "$OUT/data"
# It prints its own ok/FAILED line; counted here as one more check.
if COURIER_REQUIREMENTS_DONE=1 "$ROOT/scripts/check_upgrade.sh"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
