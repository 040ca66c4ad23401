"""Calendars learn their country, so the monthly job loads its holidays.

The 2026 days typed in earlier versions stay as they are (the loader skips
days already covered).
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.key_account_service import set_holiday_countries


def migrate(cr, version):
    set_holiday_countries(api.Environment(cr, SUPERUSER_ID, {}))
