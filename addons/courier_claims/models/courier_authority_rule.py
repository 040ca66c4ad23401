from odoo import fields, models


class CourierAuthorityRule(models.Model):
    """CL-3: who approves compensation up to which amount."""

    _name = "courier.authority.rule"
    _description = "Compensation Approval Authority"
    _order = "company_id, level"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company._policy(),
    )
    level = fields.Integer(required=True, help="1 is the first approver.")
    name = fields.Char(string="Approver", required=True, translate=True)
    group_id = fields.Many2one(
        "res.groups",
        string="Approver Group",
        required=True,
        help="Members of this group, or of a higher level, approve.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_max = fields.Monetary(
        string="Up to", help="The largest compensation approved here; 0: no limit."
    )
    approves_beyond_standard = fields.Boolean(
        string="Approves Demands beyond the Standard",
        help="A demand beyond the compensation standard needs this level's "
        "approval too, whatever the amount.",
    )

    _sql_constraints = [
        (
            "company_level_uniq",
            "UNIQUE(company_id, level)",
            "Each approval level is defined once.",
        ),
    ]
