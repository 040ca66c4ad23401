from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    courier_cross_branch_hq_amount = fields.Monetary(
        string="Cross-Branch Disputes to HQ from",
        default=3000.0,
        help="A dispute between branches with unclear responsibility goes to "
        "headquarters from this compensation on (CL-3).",
    )
    courier_compensation_account_id = fields.Many2one(
        "account.account",
        string="Claims Compensation Account",
        check_company=True,
        help="The expense account of compensation credit notes and carrier "
        "recovery invoices.",
    )
