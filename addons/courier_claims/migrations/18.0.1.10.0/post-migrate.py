"""CL-4: letters close their steps; the first report, apology letter and loss
threshold steps join every headquarters' ladder (000 section 3.3)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.courier_claims import add_first_report_steps


def migrate(cr, version):
    add_first_report_steps(api.Environment(cr, SUPERUSER_ID, {}))
