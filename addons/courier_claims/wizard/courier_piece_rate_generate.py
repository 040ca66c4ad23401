from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)

MANAGER = "courier_claims.courier_claims_group_manager"


class CourierPieceRateGenerate(models.TransientModel):
    """A CS manager drafts (or counts again) a branch's piece-rate statements
    of a month: one per agent with calls; run twice, it updates the drafts
    and makes no second statement."""

    _name = "courier.piece.rate.generate"
    _description = "Draft Piece-Rate Statements"

    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    month = fields.Date(
        required=True,
        default=lambda self: add_months(
            first_of_month(fields.Date.context_today(self)), -1
        ),
        help="Any day of the month to count.",
    )

    @api.model
    def _check_may_generate(self, company):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "Only customer-service managers draft piece-rate statements."
                )
            )
        if company not in self.env.user.company_ids:
            raise AccessError(
                self.env._("You do not work for %(company)s.", company=company.name)
            )

    def action_generate(self):
        self.ensure_one()
        self._check_may_generate(self.company_id)
        month = first_of_month(self.month)
        if month > first_of_month(fields.Date.context_today(self)):
            raise UserError(self.env._("A month still to come has no calls to count."))
        Statement = self.env["courier.piece.rate.statement"]
        Statement._generate(month, self.company_id)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "courier_claims.courier_piece_rate_statement_action"
        )
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("month", "=", month),
        ]
        return action
