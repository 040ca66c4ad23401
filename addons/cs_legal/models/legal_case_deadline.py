from datetime import datetime

from odoo import api, fields, models

# Each deadline of a case: the case field holding it, and the field that, once
# set, means the step is done. A closed case has no open step.
CASE_DEADLINES = {
    "evidence": ("evidence_deadline", "evidence_done_on"),
    "filing": ("filing_deadline", "date_filed"),
    "answer": ("answer_deadline", "date_answered"),
    "preservation_ruling": ("preservation_ruling_due", "preservation_executed_on"),
    "preservation_suit": ("preservation_suit_deadline", "date_filed"),
    "limitation": ("limitation_date", "date_filed"),
}


class LegalCaseDeadline(models.Model):
    """A deadline of a legal case as a step of the one deadline clock: the legal
    officer holds its activity, the legal managers hear when it is overdue."""

    _name = "legal.case.deadline"
    _inherit = ["deadline.step.mixin"]
    _description = "Legal Case Deadline"
    _order = "due, id"
    _deadline_record_field = "case_id"
    _deadline_activity_type = "cs_legal.mail_act_legal_case_deadline"
    _deadline_overdue_activity_type = "cs_legal.mail_act_legal_case_overdue"

    case_id = fields.Many2one(
        "legal.case", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    kind = fields.Selection(
        [
            ("evidence", "Collect the evidence"),
            ("filing", "File the suit"),
            ("answer", "Answer the complaint"),
            ("preservation_ruling", "Preservation ruling"),
            ("preservation_suit", "Sue after the preservation"),
            ("limitation", "Limitation period"),
        ],
        string="Deadline",
        required=True,
        readonly=True,
    )

    _sql_constraints = [
        ("case_kind_uniq", "UNIQUE(case_id, kind)", "A case has each deadline once."),
    ]

    @api.depends("kind", "case_id")
    def _compute_display_name(self):
        for step in self:
            kinds = dict(step._fields["kind"]._description_selection(step.env))
            step.display_name = kinds.get(step.kind, "")

    def _deadline_label(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return f"{kinds[self.kind]}: {self.case_id.name}"

    def _deadline_escalation_users(self):
        return self._deadline_group_users(
            self.env.ref("cs_legal.cs_legal_group_manager").sudo()
        )

    @api.model
    def _due_of(self, case, kind):
        """The case's deadline of ``kind`` as a due time, or False."""
        value = case[CASE_DEADLINES[kind][0]]
        if not value or isinstance(value, datetime):
            return value
        # a deadline day runs to its end on the branch's calendar
        return case.company_id.resource_calendar_id._key_account_end_of_day(value)
