from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    key_account_grade_id = fields.Many2one(
        "key.account.manager.grade", string="Account Manager Grade", copy=False
    )
    # 工号: the number payroll knows the employee by. key_account_service does
    # not depend on hr, so it sits on the user the statements belong to.
    key_account_staff_number = fields.Char(string="Staff Number", copy=False)
    key_account_grade_history_ids = fields.One2many(
        "key.account.grade.history", "user_id", string="Grade History"
    )

    def write(self, vals):
        if "key_account_grade_id" not in vals:
            return super().write(vals)
        before = {user: user.key_account_grade_id for user in self}
        res = super().write(vals)
        self.env["key.account.grade.history"].sudo().create(
            [
                {
                    "user_id": user.id,
                    "grade_id": user.key_account_grade_id.id,
                    "previous_grade_id": before[user].id,
                    "review_id": self.env.context.get("key_account_review_id"),
                    "note": self.env.context.get("key_account_grade_note") or False,
                }
                for user in self
                if before[user] != user.key_account_grade_id
            ]
        )
        return res
