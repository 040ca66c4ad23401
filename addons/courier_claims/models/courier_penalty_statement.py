from odoo import api, fields, models

from odoo.addons.key_account_service.models.statement_stamp_mixin import STAMP_FIELDS

USER = "courier_claims.courier_claims_group_user"
MANAGER = "courier_claims.courier_claims_group_manager"
FINANCE = "key_account_service.key_account_service_group_finance"


class CourierPenaltyStatement(models.Model):
    """A branch's monthly rewards-and-penalties statement (监察奖罚明细, 001).

    It gathers the month's deductions and fines per person. The claims
    handler confirms it, a CS manager who did not confirm it approves it
    (four eyes) and it is locked; finance exports it to payroll beside the
    commission statements.
    """

    _name = "courier.penalty.statement"
    _description = "Rewards and Penalties Statement"
    _inherit = [
        "guarded.workflow.mixin",
        "approval.activity.mixin",
        "statement.stamp.mixin",
        "sequence.reference.mixin",
        "month.start.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "month desc, company_id"
    _check_company_auto = True

    _workflow_transitions = {
        ("draft", "confirmed"): USER,
        ("confirmed", "draft"): USER,
        ("confirmed", "approved"): MANAGER,
        ("approved", "exported"): FINANCE,
    }
    _workflow_four_eyes = frozenset({("confirmed", "approved")})
    _workflow_owner_fields = ("confirmed_by_id",)
    _workflow_fields = STAMP_FIELDS
    _workflow_fixed_fields = frozenset({"company_id", "month"})
    _workflow_locked_states = ("approved", "exported")

    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, readonly=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("approved", "Approved"),
            ("exported", "Exported to Payroll"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    locked = fields.Boolean(compute="_compute_locked")
    line_ids = fields.One2many(
        "courier.penalty.line", "statement_id", string="Lines", readonly=True
    )
    deduction_total = fields.Monetary(
        string="Compensation Shares", compute="_compute_totals", store=True
    )
    fine_total = fields.Monetary(string="Fines", compute="_compute_totals", store=True)
    total = fields.Monetary(compute="_compute_totals", store=True, tracking=True)
    person_count = fields.Integer(
        string="People", compute="_compute_totals", store=True
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "company_month_uniq",
            "UNIQUE(company_id, month)",
            "A branch has one rewards-and-penalties statement per month.",
        ),
    ]

    @api.depends("state")
    def _compute_locked(self):
        for statement in self:
            statement.locked = statement.state in self._workflow_locked_states

    @api.depends("line_ids.amount", "line_ids.kind", "line_ids.user_id")
    def _compute_totals(self):
        for statement in self:
            lines = statement.line_ids
            deductions = lines.filtered(lambda line: line.kind == "deduction")
            statement.deduction_total = sum(deductions.mapped("amount"))
            statement.fine_total = sum((lines - deductions).mapped("amount"))
            statement.total = statement.deduction_total + statement.fine_total
            statement.person_count = len(lines.user_id)

    def _person_totals(self):
        """Per person, by name: ``{"user", "deductions", "fines", "total",
        "lines"}``; the report and the payroll file read these."""
        self.ensure_one()
        rows = []
        for user in self.line_ids.user_id.sorted(lambda u: (u.name or "", u.id)):
            lines = self.line_ids.filtered(lambda line, u=user: line.user_id == u)
            deductions = sum(
                lines.filtered(lambda line: line.kind == "deduction").mapped("amount")
            )
            fines = sum(
                lines.filtered(lambda line: line.kind == "fine").mapped("amount")
            )
            rows.append(
                {
                    "user": user,
                    "deductions": deductions,
                    "fines": fines,
                    "total": deductions + fines,
                    "lines": lines.sorted(lambda line: (line.date, line.id)),
                }
            )
        return rows

    # ---- workflow ------------------------------------------------------------

    def action_export(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "courier_claims.courier_penalty_export_action"
        )
        action["context"] = {"default_statement_ids": self.ids}
        return action

    # ---- who approves --------------------------------------------------------

    @api.model
    def _approval_pending_domain(self):
        return [("state", "=", "confirmed")]

    def _approval_users(self):
        """A confirmed statement waits for the CS managers of its branch,
        save whoever confirmed it (four eyes)."""
        if self.state != "confirmed":
            return super()._approval_users()
        return self._approval_group_users(MANAGER)

    def _approval_summary(self):
        return self.env._(
            "Approve the rewards-and-penalties statement %(name)s",
            name=self.display_name,
        )
