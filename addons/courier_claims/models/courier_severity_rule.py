from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .courier_incident import INCIDENT_KINDS


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
