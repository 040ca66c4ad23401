"""CL-2 and CL-5: severity follows the loss; the insured ladder's 5 working
days are the branch's handling proposal and penalty opinion, its two months the
customer paid (000 section 3.4)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.courier_claims import read_severity_and_insurance_steps


def migrate(cr, version):
    read_severity_and_insurance_steps(api.Environment(cr, SUPERUSER_ID, {}))
