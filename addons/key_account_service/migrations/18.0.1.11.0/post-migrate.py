"""Existing databases: the shipped contact types (noupdate) learn what their
qualitative cells are planned from, so holiday greetings, special-day gifts
and annual meeting invitations get planned (KA-2/KA-3). A type already given
an occasion by hand keeps it."""

from odoo import SUPERUSER_ID, api

OCCASIONS = {
    "key_account_contact_type_holiday": "holiday",
    "key_account_contact_type_special_day": "special_day",
    "key_account_contact_type_annual_meeting": "annual_meeting",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, occasion in OCCASIONS.items():
        contact_type = env.ref(f"key_account_service.{xmlid}", raise_if_not_found=False)
        if contact_type and not contact_type.occasion:
            contact_type.occasion = occasion
