from odoo import fields, models

from ..tools import add_months, first_of_month

RESULTS = [("fail", "Fail"), ("pass", "Pass"), ("good", "Good")]


class KeyAccountManagerEvaluation(models.Model):
    """The monthly administrative evaluation of an account manager (行政考核,
    000 section 4.1(2)): the half-yearly review counts its good and failed months.
    """

    _name = "key.account.manager.evaluation"
    _description = "Account Manager Monthly Evaluation"
    _inherit = ["month.start.mixin", "mail.thread"]
    _order = "month desc, user_id"
    _rec_name = "user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    # evaluations are recorded once a month is over: last month by default
    month = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: add_months(
            first_of_month(fields.Date.context_today(self)), -1
        ),
    )
    result = fields.Selection(RESULTS, required=True, tracking=True)
    note = fields.Text()
    evaluator_id = fields.Many2one(
        "res.users",
        string="Evaluated By",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "user_month_uniq",
            "UNIQUE(user_id, month, company_id)",
            "A manager has one administrative evaluation a month.",
        ),
    ]
