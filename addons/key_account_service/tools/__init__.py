"""Pure key-account rules, importable without Odoo."""
