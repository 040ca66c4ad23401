"""Pure legal rules, importable without Odoo."""
