from odoo import api, fields, models


class LegalFeeBracket(models.Model):
    _name = "legal.fee.bracket"
    _description = "Court Fee Bracket"
    _order = "schedule_id, amount_from, id"

    schedule_id = fields.Many2one(
        "legal.fee.schedule", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="schedule_id.currency_id")
    amount_from = fields.Monetary(
        string="Above",
        required=True,
        help="The bracket covers the part of the claim above this amount, up to "
        "where the next bracket starts.",
    )
    fixed_fee = fields.Monetary(
        help="Paid once when the claim reaches into this bracket."
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(16, 4),
        help="Percentage of the part of the claim inside this bracket.",
    )

    _sql_constraints = [
        (
            "amount_from_uniq",
            "UNIQUE(schedule_id, amount_from)",
            "Two brackets of a schedule cannot start at the same amount.",
        ),
        (
            "amounts_positive",
            "CHECK(amount_from >= 0 AND fixed_fee >= 0 AND rate >= 0)",
            "Bracket amounts and rates cannot be negative.",
        ),
    ]

    @api.constrains("amount_from", "schedule_id")
    def _check_schedule(self):
        self.schedule_id._check_bracket_ids()

    @api.ondelete(at_uninstall=False)
    def _unlink_keeping_schedules_valid(self):
        """Deleting brackets leaves each schedule valid: its 0 bracket stays (L3).

        Deleting a schedule deletes its brackets with it, unchecked.
        """
        for schedule in self.schedule_id:
            remaining = schedule.bracket_ids - self
            if remaining:
                schedule._check_brackets_of(remaining)
