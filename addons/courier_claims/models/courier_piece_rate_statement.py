from datetime import datetime, time, timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.key_account_service.models.statement_stamp_mixin import STAMP_FIELDS
from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)

from ..tools.claims import missing_insured

MANAGER = "courier_claims.courier_claims_group_manager"
FINANCE = "key_account_service.key_account_service_group_finance"
# The ticket types paid per piece, in the statement's order, with the policy
# field of each one's rate (000 §4.2).
PIECE_RATES = {
    "order": "courier_piece_rate_order",
    "consultation": "courier_piece_rate_consultation",
    "query": "courier_piece_rate_query",
    "complaint": "courier_piece_rate_complaint",
}
# The policy a statement was counted with, written by the generation only
# (the counts are its lines').
FIGURE_FIELDS = frozenset({"insured_target", "shortfall_rate", "computed_date"})


class CourierPieceRateStatement(models.Model):
    """A call-centre agent's piece-rate pay of a month (座席人员提成, 000 §4.2-4.3).

    Counted from the agent's answered calls of the month (the branch's local
    days) by what each call was about, at the headquarters' rates, less the
    deduction for each order missing to the insured target. A CS manager
    drafts and confirms it, another approves it (four eyes) and it is locked;
    finance exports it to payroll beside the commission statements.
    """

    _name = "courier.piece.rate.statement"
    _description = "Piece-Rate Statement"
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
    _check_company_auto = True

    _workflow_transitions = {
        ("draft", "confirmed"): MANAGER,
        ("confirmed", "draft"): MANAGER,
        ("confirmed", "approved"): MANAGER,
        ("approved", "exported"): FINANCE,
    }
    _workflow_four_eyes = frozenset({("confirmed", "approved")})
    # nobody approves what they confirmed, nor their own pay
    _workflow_owner_fields = ("confirmed_by_id", "user_id")
    _workflow_fields = STAMP_FIELDS | FIGURE_FIELDS
    _workflow_fixed_fields = frozenset({"company_id", "month", "user_id"})
    _workflow_locked_states = ("approved", "exported")

    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Agent", required=True, readonly=True, index=True
    )
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
        "courier.piece.rate.line", "statement_id", string="Lines", readonly=True
    )
    piece_total = fields.Monetary(
        string="Piece-Rate Pay", compute="_compute_totals", store=True
    )
    order_count = fields.Integer(
        string="Orders Accepted", compute="_compute_totals", store=True
    )
    insured_count = fields.Integer(
        string="Insured Orders", compute="_compute_totals", store=True
    )
    exempt_count = fields.Integer(
        string="Exempted Orders",
        compute="_compute_totals",
        store=True,
        help="Uninsured orders of customers exempted from the insurance target.",
    )
    insured_target = fields.Float(string="Insured Target (%)", readonly=True)
    shortfall_rate = fields.Monetary(
        string="Deduction per Missing Order", readonly=True
    )
    missing_count = fields.Integer(
        string="Missing Insured Orders", compute="_compute_totals", store=True
    )
    deduction = fields.Monetary(
        string="Insurance Deduction", compute="_compute_totals", store=True
    )
    total = fields.Monetary(compute="_compute_totals", store=True, tracking=True)
    computed_date = fields.Datetime(string="Counted on", readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        (
            "agent_month_uniq",
            "UNIQUE(user_id, company_id, month)",
            "An agent has one piece-rate statement per branch and month.",
        ),
    ]

    @api.depends("state")
    def _compute_locked(self):
        for statement in self:
            statement.locked = statement.state in self._workflow_locked_states

    @api.depends(
        "line_ids.amount",
        "line_ids.quantity",
        "line_ids.insured_count",
        "line_ids.exempt_count",
        "insured_target",
        "shortfall_rate",
    )
    def _compute_totals(self):
        for statement in self:
            statement.piece_total = sum(statement.line_ids.mapped("amount"))
            orders = statement.line_ids.filtered(
                lambda line: line.ticket_type == "order"
            )
            statement.order_count = sum(orders.mapped("quantity"))
            statement.insured_count = sum(orders.mapped("insured_count"))
            statement.exempt_count = sum(orders.mapped("exempt_count"))
            statement.missing_count = missing_insured(
                statement.order_count,
                statement.insured_count,
                statement.exempt_count,
                statement.insured_target,
            )
            statement.deduction = statement.currency_id.round(
                statement.missing_count * statement.shortfall_rate
            )
            statement.total = statement.piece_total - statement.deduction

    @api.depends("name", "user_id", "month")
    def _compute_display_name(self):
        for statement in self:
            name = statement.name if statement.name != "/" else ""
            statement.display_name = (
                f"{name} {statement.user_id.name} {statement.month:%Y-%m}"
                if statement.month
                else name
            ).strip() or False

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda statement: statement.state != "draft"):
            raise UserError(self.env._("Only draft statements can be deleted."))

    def _workflow_raise_locked(self):
        raise UserError(
            self.env._(
                "Piece-rate statement %(names)s is approved and locked: nothing "
                "on it changes any more.",
                names=", ".join(self.mapped("name")),
            )
        )

    # ---- counting ------------------------------------------------------------

    @api.model
    def _period(self, company, month):
        """The month's first and the following month's first moment, on the
        branch's local days, as Odoo stores them."""
        calendar = company.resource_calendar_id
        return (
            calendar._key_account_local_moment(month, time.min),
            calendar._key_account_local_moment(add_months(month, 1), time.min),
        )

    @api.model
    def _call_domain(self, company, month, users=None):
        start, stop = self._period(company, month)
        domain = [
            ("company_id", "=", company.id),
            ("disposition", "=", "answered"),
            ("agent_id", "!=", False),
            ("start", ">=", start),
            ("start", "<", stop),
            ("ticket_type", "in", list(PIECE_RATES)),
        ]
        if users:
            domain.append(("agent_id", "in", users.ids))
        return domain

    @api.model
    def _count_calls(self, company, month, users=None):
        """{agent: {"order": n, ..., "insured": n, "exempt": n}} of the
        branch's month, in three grouped queries whatever the calls."""
        Call = self.env["courier.call"].sudo()
        domain = self._call_domain(company, month, users)
        counts = {}
        for agent, ticket_type, count in Call._read_group(
            domain, ["agent_id", "ticket_type"], ["__count"]
        ):
            counts.setdefault(agent, {})[ticket_type] = count
        orders = [*domain, ("ticket_type", "=", "order")]
        for agent, count in Call._read_group(
            [*orders, ("insured", "=", True)], ["agent_id"], ["__count"]
        ):
            counts[agent]["insured"] = count
        for agent, count in Call._read_group(
            [
                *orders,
                ("insured", "=", False),
                # the customer's people call for it too
                "|",
                ("partner_id.courier_insurance_exempt", "=", True),
                (
                    "partner_id.commercial_partner_id.courier_insurance_exempt",
                    "=",
                    True,
                ),
            ],
            ["agent_id"],
            ["__count"],
        ):
            counts[agent]["exempt"] = count
        return counts

    # ---- generation ----------------------------------------------------------

    @api.model
    def _generate(self, month, companies, users=None):
        """Draft or redraft ``month``'s statements of the agents with calls in
        ``companies`` (or of ``users`` only). Idempotent: an agent's draft of
        the month is counted again, a confirmed or approved one is left
        alone, none is made twice. Returns the statements drafted or
        redrafted."""
        month = first_of_month(fields.Date.to_date(month))
        # made by the job, not registered by whoever runs it: the four eyes
        # are the confirmer's and the approver's
        # and, as the commission generation, neither logged nor tracked
        Statement = (
            self.with_user(SUPERUSER_ID)
            .sudo()
            .with_context(tracking_disable=True, mail_create_nolog=True)
        )
        done = Statement.browse()
        for company in companies:
            counts = self._count_calls(company, month, users)
            existing = Statement.search(
                [
                    ("company_id", "=", company.id),
                    ("month", "=", month),
                    *([("user_id", "in", users.ids)] if users else []),
                ]
            )
            by_user = {statement.user_id: statement for statement in existing}
            agents = set(counts) | {s.user_id for s in existing if s.state == "draft"}
            new_users = [agent for agent in agents if agent not in by_user]
            created = Statement.with_company(company).create(
                [
                    {"company_id": company.id, "user_id": agent.id, "month": month}
                    for agent in sorted(new_users, key=lambda u: u.id)
                ]
            )
            for statement in created:
                by_user[statement.user_id] = statement
            drafts = Statement.browse(
                [by_user[a].id for a in agents if by_user[a].state == "draft"]
            )
            drafts._write_counts(counts, company)
            done |= drafts
        return done.with_env(self.env)

    def _write_counts(self, counts, company):
        """Replace the drafts' lines and figures with ``counts`` at the
        headquarters' current rates: a fixed number of queries, whatever the
        number of agents."""
        policy = company._policy()
        # the same policy for all: one locked write of the drafts
        self._workflow_write(
            {
                "insured_target": policy.courier_insured_target,
                "shortfall_rate": policy.courier_insured_shortfall_rate,
                "computed_date": fields.Datetime.now(),
            }
        )
        self.line_ids.unlink()
        self.env["courier.piece.rate.line"].sudo().create(
            [
                {
                    "statement_id": statement.id,
                    "ticket_type": ticket_type,
                    "quantity": agent.get(ticket_type, 0),
                    "rate": policy[rate_field],
                    **(
                        {
                            "insured_count": agent.get("insured", 0),
                            "exempt_count": agent.get("exempt", 0),
                        }
                        if ticket_type == "order"
                        else {}
                    ),
                }
                for statement in self
                for agent in [counts.get(statement.user_id, {})]
                for ticket_type, rate_field in PIECE_RATES.items()
            ]
        )

    def action_recompute(self):
        """Count a draft again from the calls (late imports, corrections)."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only customer-service managers recompute statements.")
            )
        self.check_access("write")
        if self.filtered(lambda statement: statement.state != "draft"):
            raise UserError(
                self.env._("Return the statement to draft before counting it again.")
            )
        # one count per branch and month, not one per statement
        for (company, month), statements in self.grouped(
            lambda statement: (statement.company_id, statement.month)
        ).items():
            self._generate(month, company, statements.user_id)
        return True

    # ---- workflow ------------------------------------------------------------

    def action_export(self):
        if self.filtered(lambda statement: statement.state != "approved"):
            raise UserError(
                self.env._("Only approved piece-rate statements go to payroll.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "courier_claims.courier_piece_rate_export_action"
        )
        action["context"] = {"default_statement_ids": self.ids}
        return action

    @api.model
    def _approval_pending_domain(self):
        return [("state", "=", "confirmed")]

    def _approval_users(self):
        """A confirmed statement waits for the CS managers of its branch,
        save whoever confirmed it and the agent (four eyes)."""
        if self.state != "confirmed":
            return super()._approval_users()
        return self._approval_group_users(MANAGER)

    def _approval_summary(self):
        return self.env._(
            "Approve the piece-rate statement %(name)s", name=self.display_name
        )

    # ---- cron ----------------------------------------------------------------

    @api.model
    def _cron_generate(self, batch_size=20):
        """From the 1st, draft last month's statements of each branch's agents
        with calls; batched (``_cron_batch``) and idempotent: a branch whose
        agents all have their statement is not selected again. The batch's
        domain lists the branches pending when the run began, so the run
        after the last batch finds none and ends the job."""
        month = add_months(first_of_month(fields.Date.context_today(self)), -1)
        pending = self._generate_pending(month)
        self.env["res.company"]._cron_batch(
            [("id", "in", pending.ids)],
            lambda companies: self._generate_missing(month, companies),
            batch_size,
            company_field="id",
        )

    @api.model
    def _generate_missing(self, month, companies):
        # a branch drafted meanwhile (a manager's button) is not redone
        return self._generate(month, companies & self._generate_pending(month))

    @api.model
    def _generate_pending(self, month):
        """The branches with an agent whose answered calls of ``month`` have
        no statement yet."""
        # the branches with calls within a day of the month (whatever their
        # time zone), then each one's month on its local days
        Call = self.env["courier.call"].sudo()
        start = datetime.combine(month - timedelta(days=1), time.min)
        stop = datetime.combine(add_months(month, 1) + timedelta(days=1), time.min)
        candidates = [
            company
            for [company] in Call._read_group(
                [
                    ("start", ">=", start),
                    ("start", "<", stop),
                    ("disposition", "=", "answered"),
                    ("agent_id", "!=", False),
                ],
                ["company_id"],
            )
        ]
        pending = self.env["res.company"].sudo()
        for company in candidates:
            agents = set(self._count_calls(company, month))
            if not agents:
                continue
            done = (
                self.sudo()
                .search([("company_id", "=", company.id), ("month", "=", month)])
                .user_id
            )
            if agents - set(done):
                pending |= company
        return pending
