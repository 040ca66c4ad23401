from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.visit_schedule import add_months, first_of_month

LOCKED_STATES = ("approved", "exported", "paid")
# Who may move a statement from one state to another.
TRANSITIONS = {
    ("draft", "confirmed"): "owner",
    ("confirmed", "draft"): "owner",
    ("confirmed", "approved"): "approver",
    ("approved", "exported"): "finance",
    ("exported", "paid"): "finance",
}
# Fields a transition writes besides the state; nothing else changes once locked.
WORKFLOW_FIELDS = {
    "state",
    "confirmed_by_id",
    "confirmed_date",
    "approved_by_id",
    "approved_date",
    "exported_by_id",
    "exported_date",
    "paid_date",
}
MAIL_FIELDS = {"message_main_attachment_id", "activity_ids", "message_follower_ids"}
MANAGER = "key_account_service.key_account_service_group_manager"
FINANCE = "key_account_service.key_account_service_group_finance"


class KeyAccountCommissionStatement(models.Model):
    """An account manager's commission on a month's collections (CM-2).

    Drafted from the roster and finance's collections, confirmed by the
    manager, approved by the customer-service manager, exported to payroll and
    paid. From approval on nothing changes: corrections go into a later
    statement as adjustment lines.
    """

    _name = "key.account.commission.statement"
    _description = "Key Account Commission Statement"
    _inherit = [
        "key.account.sequence.reference.mixin",
        "key.account.month.start.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "month desc, company_id, user_id"

    month = fields.Date(required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        required=True,
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("approved", "Approved"),
            ("exported", "Exported to Payroll"),
            ("paid", "Paid"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    locked = fields.Boolean(compute="_compute_locked")
    line_ids = fields.One2many("key.account.commission.line", "statement_id")
    match_ids = fields.Many2many(
        "key.account.commission.match",
        string="Collections",
        compute="_compute_match_ids",
    )
    account_count = fields.Integer(
        string="Accounts", compute="_compute_totals", store=True
    )
    revenue = fields.Monetary(
        string="Net Revenue", compute="_compute_totals", store=True
    )
    collected = fields.Monetary(compute="_compute_totals", store=True)
    excluded = fields.Monetary(compute="_compute_totals", store=True)
    commission = fields.Monetary(compute="_compute_totals", store=True, tracking=True)
    note = fields.Text()
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    exported_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    exported_date = fields.Datetime(readonly=True, copy=False)
    paid_date = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "manager_month_uniq",
            "UNIQUE(user_id, company_id, month)",
            "An account manager has one statement per company and month.",
        ),
    ]

    @api.depends("state")
    def _compute_locked(self):
        for statement in self:
            statement.locked = statement.state in LOCKED_STATES

    @api.depends("line_ids.match_ids")
    def _compute_match_ids(self):
        for statement in self:
            statement.match_ids = statement.line_ids.match_ids

    @api.depends(
        "line_ids.revenue",
        "line_ids.collected",
        "line_ids.excluded_late",
        "line_ids.excluded_legal",
        "line_ids.commission",
    )
    def _compute_totals(self):
        for statement in self:
            lines = statement.line_ids
            statement.account_count = len(
                lines.filtered(lambda line: line.kind == "account").partner_id
            )
            statement.revenue = sum(lines.mapped("revenue"))
            statement.collected = sum(lines.mapped("collected"))
            statement.excluded = sum(lines.mapped("excluded_late")) + sum(
                lines.mapped("excluded_legal")
            )
            statement.commission = sum(lines.mapped("commission"))

    def write(self, vals):
        if "state" in vals:
            self._check_transition(vals["state"])
        allowed = (WORKFLOW_FIELDS if "state" in vals else set()) | MAIL_FIELDS
        if self.filtered("locked") and set(vals) - allowed:
            self._raise_locked()
        editing = set(vals) - WORKFLOW_FIELDS - MAIL_FIELDS - {"note"}
        if editing and not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only customer-service managers edit statements.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda statement: statement.state != "draft"):
            raise UserError(self.env._("Only draft statements can be deleted."))

    def _raise_locked(self):
        raise UserError(
            self.env._(
                "Statement %(names)s is approved and locked: correct it with an "
                "adjustment line on a later statement.",
                names=", ".join(self.filtered("locked").mapped("name")),
            )
        )

    def _check_editable(self):
        """Lines change only on draft statements."""
        if self.filtered(lambda statement: statement.state != "draft"):
            if self.filtered("locked"):
                self._raise_locked()
            raise UserError(
                self.env._("Return the statement to draft before changing it.")
            )

    def _check_transition(self, new_state):
        user = self.env.user
        for statement in self:
            if statement.state == new_state:
                continue
            role = TRANSITIONS.get((statement.state, new_state))
            if role is None:
                raise UserError(
                    self.env._(
                        "Statement %(name)s cannot go from %(old)s to %(new)s.",
                        name=statement.name,
                        old=statement._state_label(statement.state),
                        new=statement._state_label(new_state),
                    )
                )
            if self.env.su:
                continue
            allowed = {
                "owner": statement.user_id == user or user.has_group(MANAGER),
                "approver": user.has_group(MANAGER) and statement.user_id != user,
                "finance": user.has_group(FINANCE),
            }[role]
            if not allowed:
                raise AccessError(
                    self.env._(
                        "You may not move statement %(name)s to %(state)s. Nobody "
                        "approves their own statement.",
                        name=statement.name,
                        state=statement._state_label(new_state),
                    )
                )

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    # ---- workflow ------------------------------------------------------------

    def action_confirm(self):
        self.write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_date": fields.Datetime.now(),
            }
        )

    def action_reset_draft(self):
        self.write(
            {"state": "draft", "confirmed_by_id": False, "confirmed_date": False}
        )

    def action_approve(self):
        self.write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Datetime.now(),
            }
        )

    def action_mark_paid(self):
        self.write({"state": "paid", "paid_date": fields.Date.context_today(self)})

    def action_export(self):
        if self.filtered(lambda statement: statement.state != "approved"):
            raise UserError(self.env._("Only approved statements go to payroll."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_commission_export_action"
        )
        action["context"] = {"default_statement_ids": self.ids}
        return action

    def action_recompute(self):
        self._check_editable()
        self.check_access("write")
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only customer-service managers recompute statements.")
            )
        for statement in self:
            self.env["key.account.commission.generator"].sudo()._generate(
                statement.month, statement.company_id, statement.user_id
            )

    # ---- cron ----------------------------------------------------------------

    @api.model
    def _cron_generate(self):
        """From the configured day on, draft last month's statements once."""
        today = fields.Date.context_today(self)
        month = add_months(first_of_month(today), -1)
        Company = self.env["res.company"].sudo()
        for root in Company.search([("parent_id", "=", False)]):
            if today.day < root.key_account_commission_day:
                continue
            companies = Company.search([("id", "child_of", root.id)])
            done = (
                self.sudo()
                .search([("month", "=", month), ("company_id", "in", companies.ids)])
                .company_id
            )
            if companies - done:
                self.env["key.account.commission.generator"].sudo()._generate(
                    month, companies - done
                )
