"""Existing databases: the shipped record rules (noupdate) show a user the
records of every company they are allowed in, not only the ticked ones."""

from odoo.addons.key_account_service.tools.allowed_companies import migrate_rules


def migrate(cr, version):
    migrate_rules(cr, "key_account_service")
