"""000 section 3.3: failed network recoveries go to headquarters' arbitration
within 40 working days; every headquarters' ladder gets the step."""

from odoo import SUPERUSER_ID, api

from odoo.addons.courier_claims import add_recovery_arbitration_step


def migrate(cr, version):
    add_recovery_arbitration_step(api.Environment(cr, SUPERUSER_ID, {}))
