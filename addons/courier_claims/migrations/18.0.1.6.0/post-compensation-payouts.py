"""X1: payout credit notes booked before 18.0.1.6.0 become compensation
documents; their months' revenue rows are rebuilt, the commission bases they
lowered fixed again and the accounts' bands queued for tonight."""

from odoo import SUPERUSER_ID, api

from odoo.addons.courier_claims import flag_compensation_payouts


def migrate(cr, version):
    flag_compensation_payouts(api.Environment(cr, SUPERUSER_ID, {}))
