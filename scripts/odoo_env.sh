# Shared settings of the scripts that run Odoo (sourced, not executed).
ADDONS="key_account_service,courier_claims,cs_legal"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

require_odoo_path() {
    if [ -z "${ODOO_PATH:-}" ] || [ ! -f "$ODOO_PATH/odoo-bin" ]; then
        echo "ODOO_PATH must point at an Odoo 18.0 source tree (the folder of odoo-bin)." >&2
        exit 2
    fi
    ODOO_ADDONS_PATH="$ODOO_PATH/odoo/addons,$ROOT/addons"
    if [ -d "$ODOO_PATH/addons" ]; then
        ODOO_ADDONS_PATH="$ODOO_PATH/addons,$ODOO_ADDONS_PATH"
    fi
}

# Install Odoo's own requirements (pinned by .ci/odoo-constraints.txt) into .venv.
# python-ldap is left out: only auth_ldap needs it and it wants system headers.
# polib comes from the OCA hooks (1.2), which Odoo 18 works with.
install_odoo_requirements() {
    local requirements="$ROOT/.test-output/odoo-requirements.txt"
    mkdir -p "$ROOT/.test-output"
    grep -viE '^\s*(python-ldap|polib)\b' "$ODOO_PATH/requirements.txt" > "$requirements"
    PIP_CONSTRAINT="$ROOT/.ci/build-constraints.txt" "$VENV/bin/pip" install \
        --quiet --disable-pip-version-check \
        -r "$requirements" -r "$ROOT/requirements-odoo.txt" \
        -c "$ROOT/.ci/odoo-constraints.txt" > "$ROOT/.test-output/pip-odoo.log" 2>&1 \
        || { cat "$ROOT/.test-output/pip-odoo.log"; exit 1; }
}

odoo_bin() {
    "$VENV/bin/python" "$ODOO_PATH/odoo-bin" --addons-path="$ODOO_ADDONS_PATH" "$@"
}

# The PG* role the scripts connect as. Odoo refuses `postgres`, so on a fresh
# machine (trust authentication, as CI's) the role is created once.
ensure_pg_role() {
    if [ "${PGUSER:-}" = postgres ]; then
        echo "PGUSER=postgres: Odoo refuses the superuser; use another role (PGUSER=odoo)." >&2
        exit 2
    fi
    local role="${PGUSER:-$(id -un)}"
    if psql -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
        return
    fi
    echo "== creating the PostgreSQL role $role (CREATEDB)"
    psql -U postgres -d postgres -v ON_ERROR_STOP=1 -qc \
        "CREATE ROLE \"$role\" LOGIN CREATEDB" \
        || { echo "Create a PostgreSQL role that may create databases: $role" >&2; exit 2; }
}

# Chromium runs the browser tours; Debian's package, installed when missing.
ensure_chromium() {
    if command -v chromium >/dev/null || command -v google-chrome >/dev/null; then
        return
    fi
    echo "== installing Chromium for the browser tours"
    local log="$ROOT/.test-output/apt.log"
    mkdir -p "$ROOT/.test-output"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
        > "$log" 2>&1 \
        || { tail -20 "$log"; echo "Install Chromium: apt-get install chromium" >&2; exit 1; }
}

# The PDF reports need wkhtmltopdf and a CJK font: without the font every
# Chinese character silently drops out of the PDF. The Docker image ships both;
# here Debian's packages are installed when missing, with poppler-utils, whose
# pdftotext lets the tests read a rendered PDF.
ensure_pdf_tools() {
    local missing=()
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    fc-list :lang=zh 2>/dev/null | grep -qi "noto.*cjk" || missing+=(fonts-noto-cjk)
    [ ${#missing[@]} -gt 0 ] || return 0
    echo "== installing ${missing[*]} for the PDF reports"
    local log="$ROOT/.test-output/apt-pdf.log"
    mkdir -p "$ROOT/.test-output"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
        > "$log" 2>&1 \
        || { tail -20 "$log"; echo "Install them: apt-get install ${missing[*]}" >&2; exit 1; }
}
