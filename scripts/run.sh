#!/usr/bin/env bash
# `make run`: serve the three addons from an Odoo 18 source tree (ODOO_PATH) on
# the local PostgreSQL (PG* variables). The first run creates the database
# $ODOO_DB (default courier_cs) with the addons and their demo data.
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
require_odoo_path
cd "$ROOT"
DB="${ODOO_DB:-courier_cs}"
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements-dev.txt
install_odoo_requirements
ensure_pdf_tools
installed=$(psql -d "$DB" -tAc "SELECT 1 FROM ir_module_module
    WHERE name = 'cs_legal' AND state = 'installed'" 2>/dev/null || true)
if [ "$installed" != "1" ]; then
    echo "== creating $DB with $ADDONS and demo data"
    odoo_bin -d "$DB" -i "$ADDONS" --load-language=zh_CN --stop-after-init
fi
echo "== serving $DB on http://localhost:${ODOO_HTTP_PORT:-8069} (login admin / admin)"
exec "$VENV/bin/python" "$ODOO_PATH/odoo-bin" --addons-path="$ODOO_ADDONS_PATH" \
    -d "$DB" --db-filter="^$DB\$" --http-port="${ODOO_HTTP_PORT:-8069}"
