from odoo import fields, models
from odoo.exceptions import AccessError

from ..tools import add_months, first_of_month


def _last_month(wizard):
    return add_months(first_of_month(fields.Date.context_today(wizard)), -1)


class KeyAccountCommissionGenerate(models.TransientModel):
    """Draft or redraft a month's statements now, without waiting for the cron."""

    _name = "key.account.commission.generate"
    _description = "Draft Commission Statements"

    month = fields.Date(required=True, default=_last_month)
    company_ids = fields.Many2many(
        "res.company",
        string="Companies",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )

    def action_generate(self):
        self.ensure_one()
        if not self.env.user.has_group(
            "key_account_service.key_account_service_group_manager"
        ):
            raise AccessError(
                self.env._("Only customer-service managers draft statements.")
            )
        if self.company_ids - self.env.user.company_ids:
            raise AccessError(self.env._("You do not work for all these companies."))
        statements = (
            self.env["key.account.commission.generator"]
            .sudo()
            ._generate(self.month, self.company_ids)
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_commission_statement_action"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action
