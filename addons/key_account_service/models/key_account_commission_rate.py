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
        """The rate ``partner`` earns for ``month`` with its manager, or None."""
        key = (partner.id, month, partner.key_account_manager_id.id)
        return self._rates([key])[key]

    @api.model
    def _rates(self, keys):
        """{(partner id, month, manager id): rate or None} for every key.

        Reads each account, manager, rate table and band set once, so that a
        whole month of statements costs a handful of queries.
        """
        Partner, User = self.env["res.partner"], self.env["res.users"]
        partners = Partner.browse({key[0] for key in keys})
        partners.fetch(
            [
                "key_account_company_id",
                "key_account_start_date",
                "key_account_commission_base",
                "key_account_tier",
            ]
        )
        User.browse({key[2] for key in keys if key[2]}).fetch(["key_account_grade_id"])
        table, bands = {}, {}
        rates = {}
        for partner_id, month, user_id in keys:
            partner = Partner.browse(partner_id)
            company = partner._key_account_serving_company()
            root = company.root_id
            if root not in table:
                table[root] = [
                    RateRow(
                        row.kind,
                        row.rate,
                        row.band_id or None,
                        row.grade_id or None,
                        row.months,
                    )
                    for row in self.search([("company_id", "=", root.id)])
                ]
            if company not in bands:
                bands[company] = (
                    self.env["key.account.band"]
                    ._get_bands(company, "commission")
                    ._as_tool_bands()
                )
            grade = User.browse(user_id).key_account_grade_id if user_id else None
            rates[partner_id, month, user_id] = commission_rate(
                month,
                partner.key_account_start_date,
                partner.key_account_commission_base,
                partner.key_account_tier,
                grade or None,
                table[root],
                bands[company],
            )
        return rates
