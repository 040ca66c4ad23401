from odoo import api, fields, models
from odoo.exceptions import ValidationError

INCIDENT_KINDS = [
    ("delay", "Delay"),
    ("damage", "Damage"),
    ("loss", "Loss"),
    ("wrong_delivery", "Wrong Delivery"),
    ("service", "Service Dispute"),
    ("price", "Price Dispute"),
]


class CourierSeverityRule(models.Model):
    """CL-2: up to which amount an incident of a kind is general or major."""

    _name = "courier.severity.rule"
    _description = "Incident Severity Threshold"
    _order = "company_id, kind"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company._policy(),
    )
    kind = fields.Selection(INCIDENT_KINDS, required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    general_max = fields.Monetary(
        string="General up to", required=True, help="Up to this amount: general."
    )
    major_max = fields.Monetary(
        string="Major up to",
        required=True,
        help="Up to this amount: major; above it: extraordinary.",
    )

    _sql_constraints = [
        (
            "company_kind_uniq",
            "UNIQUE(company_id, kind)",
            "A kind of incident has one set of thresholds.",
        ),
    ]

    @api.constrains("general_max", "major_max")
    def _check_order(self):
        for rule in self:
            if not 0 <= rule.general_max < rule.major_max:
                raise ValidationError(
                    self.env._("A major incident starts above a general one.")
                )


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
