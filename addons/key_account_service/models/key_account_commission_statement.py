from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import add_months, first_of_month
from .statement_stamp_mixin import STAMP_FIELDS

MANAGER = "key_account_service.key_account_service_group_manager"
FINANCE = "key_account_service.key_account_service_group_finance"
# The statement's totals, all from _compute_totals.
TOTAL_FIELDS = ("account_count", "revenue", "collected", "excluded", "commission")


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
        "guarded.workflow.mixin",
        "approval.activity.mixin",
        "statement.stamp.mixin",
        "sequence.reference.mixin",
        "month.start.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "month desc, company_id, user_id"
    _track_state_subtypes = {
        "approved": "key_account_service.mt_key_account_statement_approved",
        "paid": "key_account_service.mt_key_account_statement_paid",
    }

    # Who moves a statement: its owner (or a manager), a manager who does not
    # own it, finance. From approval on nothing changes.
    _workflow_transitions = {
        ("draft", "confirmed"): "owner",
        ("confirmed", "draft"): "owner",
        ("confirmed", "approved"): MANAGER,
        ("approved", "exported"): FINANCE,
        ("exported", "paid"): FINANCE,
    }
    _workflow_four_eyes = frozenset({("confirmed", "approved")})
    _workflow_owner_fields = ("user_id",)
    _workflow_fields = STAMP_FIELDS | {"paid_date"}
    _workflow_fixed_fields = frozenset({"user_id", "company_id", "month"})
    _workflow_locked_states = ("approved", "exported", "paid")

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
            statement.locked = statement.state in self._workflow_locked_states

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
        """The one definition of a statement's totals: every screen, report
        and export reads these stored fields."""
        if all(self._ids):
            # every line of the batch in one query, not one per 1,000 lines
            self.line_ids.fetch(
                ["kind", "partner_id", "revenue", "collected"]
                + ["excluded_late", "excluded_legal", "commission"]
            )
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

    def _recompute_totals(self):
        """Recompute the totals of statements whose lines were written in SQL
        (by the generation), in one batch."""
        for fname in TOTAL_FIELDS:
            self.env.add_to_compute(self._fields[fname], self)
        self.flush_recordset(list(TOTAL_FIELDS))

    def write(self, vals):
        editing = set(vals) - self._workflow_guarded_fields() - {"note"}
        editing -= {"message_main_attachment_id", "activity_ids"}
        editing -= {"message_follower_ids"}
        if editing and not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only customer-service managers edit statements.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda statement: statement.state != "draft"):
            raise UserError(self.env._("Only draft statements can be deleted."))

    def _workflow_raise_locked(self):
        raise UserError(
            self.env._(
                "Statement %(names)s is approved and locked: correct it with an "
                "adjustment line on a later statement.",
                names=", ".join(self.mapped("name")),
            )
        )

    def _check_editable(self):
        """Lines change only on draft statements."""
        if self.filtered(lambda statement: statement.state != "draft"):
            locked = self.filtered("locked")
            if locked:
                locked._workflow_raise_locked()
            raise UserError(
                self.env._("Return the statement to draft before changing it.")
            )

    def _workflow_allowed(self, who, user):
        if who == "owner":
            return self.user_id == user or user.has_group(MANAGER)
        return super()._workflow_allowed(who, user)

    # ---- workflow: confirm, back to draft and approve from statement.stamp.mixin

    # ---- who approves --------------------------------------------------------

    @api.model
    def _approval_pending_domain(self):
        return [("state", "=", "confirmed")]

    def _approval_users(self):
        """A confirmed statement waits for the customer-service managers of
        its company, save its owner (four eyes)."""
        if self.state != "confirmed":
            return super()._approval_users()
        return self._approval_group_users(MANAGER)

    def _approval_summary(self):
        return self.env._(
            "Approve the commission statement %(name)s", name=self.display_name
        )

    def action_mark_paid(self):
        self._workflow_move("paid", {"paid_date": fields.Date.context_today(self)})

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
    def _cron_generate(self, batch_size=50):
        """From the configured day on, draft last month's statements once.

        Contract-shaped: the groups come from ``_get_generate_domain``, each is
        drafted by ``_generate_statements`` in its own company. Idempotent: a
        company with the month's statements is left alone, so a rerun or a
        resumed run drafts only what is missing.
        """
        today = fields.Date.context_today(self)
        month = add_months(first_of_month(today), -1)
        pending = self._get_generate_pending(month, today)
        batch = pending[:batch_size]
        for root, companies in batch:
            self.with_company(root)._generate_statements(month, companies)
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(pending) - len(batch)
        )

    @api.model
    def _get_generate_domain(self, today):
        """The company groups (by their root) whose statement day has come."""
        return [
            ("parent_id", "=", False),
            ("key_account_commission_day", "<=", today.day),
        ]

    @api.model
    def _get_generate_pending(self, month, today):
        """[(root company, companies without statements for ``month``)]."""
        Company = self.env["res.company"].sudo()
        roots = Company.search(self._get_generate_domain(today), order="id")
        groups = {root: Company.search([("id", "child_of", root.id)]) for root in roots}
        everyone = Company.union(*groups.values())
        done = Company.browse(
            [
                company.id
                for [company] in self.sudo()._read_group(
                    [("month", "=", month), ("company_id", "in", everyone.ids)],
                    ["company_id"],
                )
            ]
        )
        return [
            (root, companies - done)
            for root, companies in groups.items()
            if companies - done
        ]

    @api.model
    def _generate_statements(self, month, companies):
        """Draft (or redraft) the statements of ``month`` for ``companies``."""
        return (
            self.env["key.account.commission.generator"]
            .sudo()
            ._generate(month, companies)
        )
