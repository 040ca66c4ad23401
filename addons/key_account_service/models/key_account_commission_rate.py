from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.commission import RateRow, commission_rate


class KeyAccountCommissionRate(models.Model):
    """A row of the commission rate table (CM-1)."""

    _name = "key.account.commission.rate"
    _description = "Key Account Commission Rate"
    _order = "company_id, kind, band_id, grade_id, id"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company.root_id,
    )
    kind = fields.Selection(
        [
            ("band", "By Revenue Band"),
            ("new_account", "New Account"),
            ("national", "National Account"),
        ],
        required=True,
        default="band",
    )
    band_id = fields.Many2one(
        "key.account.band",
        domain="[('band_set', '=', 'commission')]",
        help="The commission band of the account's fixed base revenue.",
    )
    grade_id = fields.Many2one(
        "key.account.manager.grade",
        help="Only for account managers of this grade; empty for every grade.",
    )
    months = fields.Integer(
        string="First Months", help="New accounts earn this rate for this many months."
    )
    rate = fields.Float(string="Rate (%)", required=True, digits=(16, 2))

    _sql_constraints = [
        (
            "rate_range",
            "CHECK(rate >= 0 AND rate <= 100)",
            "A rate is between 0% and 100%.",
        ),
    ]

    @api.constrains("kind", "band_id", "months")
    def _check_kind(self):
        for row in self:
            if row.kind == "band" and not row.band_id:
                raise ValidationError(
                    self.env._("A band rate needs its commission band.")
                )
            if row.kind == "new_account" and row.months < 1:
                raise ValidationError(
                    self.env._("The new-account rate needs at least one month.")
                )

    @api.model
    def _rate_for(self, partner, month):
        """The rate ``partner`` earns for ``month``, or None."""
        company = partner._key_account_serving_company().root_id
        rows = self.search([("company_id", "=", company.id)])
        bands = self.env["key.account.band"]._get_bands(
            partner._key_account_serving_company(), "commission"
        )
        return commission_rate(
            month,
            partner.key_account_start_date,
            partner.key_account_commission_base,
            partner.key_account_tier,
            partner.key_account_manager_id.key_account_grade_id or None,
            [
                RateRow(
                    row.kind,
                    row.rate,
                    row.band_id or None,
                    row.grade_id or None,
                    row.months,
                )
                for row in rows
            ],
            bands._as_tool_bands(),
        )
