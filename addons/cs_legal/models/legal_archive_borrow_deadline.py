from odoo import api, fields, models

MANAGER = "cs_legal.cs_legal_group_manager"


class LegalArchiveBorrowDeadline(models.Model):
    """The return of a lent archive as a step of the one deadline clock: the
    borrower holds its activity from the hand-over, the legal managers hear
    when it is overdue; returning the archive closes it."""

    _name = "legal.archive.borrow.deadline"
    _inherit = ["deadline.step.mixin"]
    _description = "Archive Return Deadline"
    _order = "due, id"
    _deadline_record_field = "borrow_id"
    _deadline_activity_type = "cs_legal.mail_act_legal_borrow_return"
    _deadline_overdue_activity_type = "cs_legal.mail_act_legal_borrow_overdue"

    borrow_id = fields.Many2one(
        "legal.archive.borrow", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="borrow_id.company_id", store=True)

    _sql_constraints = [
        ("borrow_uniq", "UNIQUE(borrow_id)", "A borrowing is returned once."),
    ]

    @api.depends("borrow_id")
    def _compute_display_name(self):
        for step in self:
            step.display_name = step._deadline_label()

    def _deadline_label(self):
        return self.env._(
            "Return %(archive)s", archive=self.borrow_id.archive_id.display_name or ""
        )

    def _deadline_assignees(self):
        return self.borrow_id.borrower_id

    def _deadline_escalation_users(self):
        return self._deadline_group_users(self.env.ref(MANAGER).sudo())

    def _mark_done(self, feedback=None):
        steps = super()._mark_done(feedback=feedback)
        # the alerts of a late return go with it: the archive is back
        steps.borrow_id.activity_unlink([self._deadline_overdue_activity_type])
        return steps
