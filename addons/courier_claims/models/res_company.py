from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    courier_cross_branch_hq_amount = fields.Monetary(
        string="Cross-Branch Disputes to HQ from",
        default=3000.0,
        help="A dispute between branches with unclear responsibility goes to "
        "headquarters from this compensation on (CL-3).",
    )
