from odoo import fields, models


class KeyAccountGradeHistory(models.Model):
    """Every change of an account manager's grade, kept for good."""

    _name = "key.account.grade.history"
    _description = "Account Manager Grade History"
    _order = "date desc, id desc"

    user_id = fields.Many2one(
        "res.users", required=True, index=True, ondelete="cascade"
    )
    grade_id = fields.Many2one("key.account.manager.grade", string="New Grade")
    previous_grade_id = fields.Many2one("key.account.manager.grade")
    date = fields.Date(required=True, default=fields.Date.context_today)
    review_id = fields.Many2one("key.account.manager.review")
    changed_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    note = fields.Text(
        string="Reason", help="Why, for a promotion across more than one grade."
    )
