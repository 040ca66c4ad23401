# Shared by the benchmark scripts (sourced): a throwaway database with
# key_account_service (or the addons of BENCH_MODULES) and no demo, and `bench_shell BODY`, which runs
# common.py and then BODY in one `odoo-bin shell` on it.
# BENCH_KEEP=1 keeps the database.
source "$(dirname "${BASH_SOURCE[0]}")/../odoo_env.sh"
require_odoo_path
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DB="courier_cs_bench_$(basename "$0" .sh)_$$"
[ -n "${BENCH_KEEP:-}" ] && echo "keeping the database $DB" \
    || trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
odoo_bin -d "$DB" -i "${BENCH_MODULES:-key_account_service}" --without-demo=all --stop-after-init \
    --log-level=warn

bench_shell() {
    cat "$BENCH_DIR/common.py" "$BENCH_DIR/$1" \
        | odoo_bin shell -d "$DB" --log-level=warn --no-http
}
