from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.bands import Band
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
        default=lambda self: self.env.company._policy(),
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
    def _rates(self, keys):
        """{(partner id, month, manager id): rate or None} for every key.

        Reads the accounts and managers in one query each and every rate table
        and band set once, so that a month of statements stays a few queries.
        """
        self.env["res.partner"].flush_model(
            [
                "key_account_company_id",
                "key_account_start_date",
                "key_account_commission_base",
                "key_account_tier",
            ]
        )
        self.env["res.users"].flush_model(["key_account_grade_id"])
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT id, key_account_company_id, key_account_start_date,"
                " key_account_commission_base, key_account_tier"
                " FROM res_partner WHERE id = ANY(%s)",
                list({key[0] for key in keys}),
            )
        )
        accounts = {row[0]: row[1:] for row in cr.fetchall()}
        cr.execute(
            SQL(
                "SELECT id, key_account_grade_id FROM res_users WHERE id = ANY(%s)",
                list({key[2] for key in keys if key[2]}),
            )
        )
        grades = dict(cr.fetchall())
        policies = {}
        rates = {}
        for partner_id, month, user_id in keys:
            company_id, start, base, tier = accounts[partner_id]
            company_id = company_id or self.env.company.id
            if company_id not in policies:
                policies[company_id] = self._policy(company_id)
            rows, bands = policies[company_id]
            rates[partner_id, month, user_id] = commission_rate(
                month, start, base or 0.0, tier, grades.get(user_id), rows, bands
            )
        return rates

    @api.model
    def _policy(self, company_id):
        """The rate rows of the company's group and its commission bands, by id."""
        company = self.env["res.company"].browse(company_id)
        rows = [
            RateRow(
                row.kind,
                row.rate,
                row.band_id.id or None,
                row.grade_id.id or None,
                row.months,
            )
            for row in self.search([("company_id", "=", company._policy().id)])
        ]
        bands = [
            Band(band.id, band.amount_min, band.amount_max or None)
            for band in self.env["key.account.band"]._get_bands(company, "commission")
        ]
        return rows, bands
