from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.key_account_service.tools.input_checks import TERM_YEARS_AHEAD

CONTRACT_TYPES = [
    ("carriage", "Carriage Service"),
    ("monthly_settlement", "Monthly Settlement"),
    ("warehousing", "Warehousing"),
    ("other", "Other"),
]
STATES = [
    ("draft", "Draft"),
    ("review", "In Legal Review"),
    ("reviewed", "Reviewed"),
    ("signed", "Signed"),
    ("closed", "Ended"),
]
LEGAL = "cs_legal.cs_legal_group_user"
MANAGER = "cs_legal.cs_legal_group_manager"
HQ = "cs_legal.cs_legal_group_hq"


class LegalContract(models.Model):
    """A customer contract, from legal review to signature and renewal (LG-1)."""

    _name = "legal.contract"
    _description = "Customer Contract"
    _inherit = [
        "guarded.workflow.mixin",
        "approval.activity.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "sequence.reference.mixin",
    ]
    _order = "date_start desc, id desc"
    _track_state_subtypes = {
        "reviewed": "cs_legal.mt_legal_contract_reviewed",
        "signed": "cs_legal.mt_legal_contract_signed",
    }
    _check_company_auto = True

    # Legal staff review; whoever may write the contract requests the review
    # and signs it once reviewed.
    _workflow_transitions = {
        ("draft", "review"): None,
        ("review", "reviewed"): LEGAL,
        ("review", "draft"): LEGAL,
        ("reviewed", "signed"): None,
        ("reviewed", "draft"): None,
        ("signed", "closed"): LEGAL,
    }
    # The price annex: set or dropped with the contract's annex, approved or
    # refused by a legal manager who neither registered nor negotiates it.
    _workflow_other_transitions = {
        "annex_state": {
            ("none", "pending"): None,
            ("refused", "pending"): None,
            ("approved", "pending"): None,
            ("pending", "none"): None,
            ("refused", "none"): None,
            ("approved", "none"): None,
            ("pending", "approved"): MANAGER,
            ("pending", "refused"): MANAGER,
        }
    }
    _workflow_four_eyes = frozenset({("annex_state", "pending", "approved")})
    _workflow_owner_fields = ("user_id",)
    _workflow_fields = frozenset(
        {
            "review_requested_at",
            "review_deadline",
            "reviewed_at",
            "review_on_time",
            "annex_approved_by",
            "hq_filed_on",
            "renewal_reminded_on",
        }
    )
    # Once signed, what the customer signed for and how it qualified does not
    # change: its customer, term, prices, review and checklist lines. Free
    # stay what is established or handled after the signature: who follows
    # the contract (its renewal goes to them) and the ticks of the checklist
    # (sealed copies, the original handed to the archive room), whose lines
    # legal.contract.check itself keeps from being added, removed or moved.
    _workflow_locked_states = ("signed", "closed")
    _workflow_free_fields = frozenset({"user_id", "check_ids"})

    subject = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Negotiator",
        default=lambda self: self.env.user,
        tracking=True,
    )
    contract_type = fields.Selection(
        CONTRACT_TYPES, required=True, default="carriage", tracking=True
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, tracking=True
    )
    # Review: answered within the company's review hours of working time.
    reviewer_id = fields.Many2one(
        "res.users",
        string="Legal Reviewer",
        tracking=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("cs_legal.cs_legal_group_user").id)
        ],
    )
    review_requested_at = fields.Datetime(readonly=True, copy=False)
    review_deadline = fields.Datetime(readonly=True, copy=False)
    reviewed_at = fields.Datetime(readonly=True, copy=False)
    review_on_time = fields.Boolean(readonly=True, copy=False)
    review_note = fields.Html(string="Review Opinion")
    # the review on the deadline clock: reminded, escalated when late
    review_step_ids = fields.One2many(
        "legal.contract.deadline", "contract_id", string="Review Steps"
    )
    # Price annex: its prices go through the pricing approval.
    has_price_annex = fields.Boolean(string="Price Annex", tracking=True)
    annex_state = fields.Selection(
        [
            ("none", "No Annex"),
            ("pending", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        string="Price Annex Approval",
        default="none",
        readonly=True,
        tracking=True,
        copy=False,
    )
    annex_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    annex_can_approve = fields.Boolean(compute="_compute_annex_can_approve")
    # Signature and term.
    date_signed = fields.Date(tracking=True, copy=False)
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    renewal_due = fields.Date(
        compute="_compute_renewal_due",
        store=True,
        index=True,
        help="From this day on, the renewal is reminded: the end of the term "
        "less the company's renewal notice.",
    )
    renewal_reminded_on = fields.Date(readonly=True, copy=False)
    # National accounts: their contracts are filed with headquarters.
    hq_filing_required = fields.Boolean(
        compute="_compute_hq_filing_required", store=True
    )
    hq_filed_on = fields.Date(string="Filed at HQ", readonly=True, copy=False)
    check_ids = fields.One2many(
        "legal.contract.check", "contract_id", string="Checklist"
    )
    qualified = fields.Boolean(compute="_compute_qualified", store=True)
    missing = fields.Char(
        string="Not Qualified Because", compute="_compute_qualified", store=True
    )

    @api.depends("partner_id.key_account_tier", "partner_id.commercial_partner_id")
    def _compute_hq_filing_required(self):
        for contract in self:
            partner = contract.partner_id.commercial_partner_id
            contract.hq_filing_required = partner.key_account_tier == "national"

    # the notice is headquarters' figure: res.company recomputes on a change
    @api.depends("date_end", "company_id")
    def _compute_renewal_due(self):
        for contract in self:
            contract.renewal_due = (
                contract.date_end
                and contract.company_id
                and contract.date_end
                - timedelta(days=contract.company_id._policy().legal_renewal_days)
            )

    @api.depends(
        "state",
        "reviewed_at",
        "has_price_annex",
        "annex_state",
        "hq_filing_required",
        "hq_filed_on",
        "check_ids.done",
    )
    def _compute_qualified(self):
        for contract in self:
            missing = []
            if contract.state not in ("signed", "closed"):
                missing.append(self.env._("not signed"))
            if not contract.reviewed_at:
                missing.append(self.env._("not reviewed by legal"))
            if contract.has_price_annex and contract.annex_state != "approved":
                missing.append(self.env._("price annex not approved"))
            if contract.hq_filing_required and not contract.hq_filed_on:
                missing.append(self.env._("not filed at HQ"))
            missing += contract.check_ids.filtered(lambda c: not c.done).mapped(
                "item_id.name"
            )
            contract.qualified = not missing
            contract.missing = ", ".join(missing)

    @api.constrains("subject")
    def _check_subject(self):
        self._key_account_check_not_blank(["subject"])

    @api.constrains("date_signed", "date_start", "date_end")
    def _check_dates(self):
        self._key_account_check_dates(["date_signed"])
        self._key_account_check_dates(["date_start", "date_end"], TERM_YEARS_AHEAD)

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        for contract in contracts.filtered(lambda c: not c.check_ids):
            items = self.env["legal.checklist.item"]._items_for(
                "contract", contract.company_id
            )
            contract.check_ids = [Command.create({"item_id": i.id}) for i in items]
        contracts.filtered("has_price_annex")._workflow_move(
            "pending", field="annex_state"
        )
        contracts._approval_sync()
        return contracts

    def write(self, vals):
        res = super().write(vals)
        if "has_price_annex" in vals:
            # A new or changed annex is approved again; a dropped one is none.
            annex = "pending" if vals["has_price_annex"] else "none"
            self.filtered(lambda c: c.annex_state != annex)._workflow_move(
                annex, field="annex_state"
            )
        if {"has_price_annex", "reviewer_id"} & set(vals):
            self._approval_sync()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._("Only draft contracts can be deleted."))

    # ---- workflow ----------------------------------------------------------

    def _check_checklist_open(self):
        """Lines are added to or removed from a checklist until signature."""
        locked = self.filtered(lambda c: c.state in self._workflow_locked_states)
        if locked:
            locked._workflow_raise_locked()

    def _workflow_raise_locked(self):
        raise UserError(
            self.env._(
                "Contract %(names)s is signed: its customer, type, signature "
                "and prices cannot change. Sign a new contract or an amendment.",
                names=", ".join(self.mapped("name")),
            )
        )

    def _workflow_check(self, old, new, field=None):
        if field == "annex_state":
            if self.state in self._workflow_locked_states:
                self._workflow_raise_locked()
            return
        if new == "review" and self.annex_state == "refused":
            raise UserError(
                self.env._("Correct the refused price annex before the review.")
            )
        if new == "signed":
            if not self.date_signed or not self.date_start:
                raise UserError(
                    self.env._("Enter the signature and start dates before signing.")
                )
            if self.date_end and self.date_end < self.date_start:
                raise UserError(self.env._("The contract ends before it starts."))
            if self.has_price_annex and self.annex_state != "approved":
                raise UserError(
                    self.env._("The price annex must be approved before signing.")
                )

    def _review_deadline_from(self, requested_at):
        """``legal_review_hours`` of the branch calendar's working time later."""
        self.ensure_one()
        hours = self.company_id._policy().legal_review_hours
        calendar = self.company_id.resource_calendar_id
        return calendar._key_account_deadline(requested_at, hours, "working_hours")

    def action_request_review(self):
        now = fields.Datetime.now()
        for contract in self:
            deadline = contract._review_deadline_from(now)
            contract._workflow_move(
                "review", {"review_requested_at": now, "review_deadline": deadline}
            )
        self.env["legal.contract.deadline"].sudo().create(
            [contract._prepare_review_step_vals() for contract in self]
        )
        # the reviewers' approval activities, which the new steps link
        self._approval_sync()

    def _prepare_review_step_vals(self):
        self.ensure_one()
        return {"contract_id": self.id, "due": self.review_deadline}

    def _close_review_steps(self):
        self.sudo().review_step_ids._mark_done()

    def _legal_reviewers(self, company):
        return (
            self.env.ref("cs_legal.cs_legal_group_user")
            .sudo()
            .users.filtered(lambda u: company in u.company_ids)
            .sorted("id")
        )

    def action_approve_review(self):
        now = fields.Datetime.now()
        for contract in self:
            contract._workflow_move(
                "reviewed",
                {
                    "reviewed_at": now,
                    "review_on_time": now <= contract.review_deadline,
                    "reviewer_id": contract.reviewer_id.id or self.env.uid,
                },
            )
        self._close_review_steps()
        self._approval_sync()

    def action_return_to_draft(self):
        self._workflow_move("draft")
        self._close_review_steps()
        self._approval_sync()

    def action_sign(self):
        self._workflow_move("signed")

    def action_close(self):
        self._workflow_move("closed")

    def action_approve_annex(self):
        self._workflow_move(
            "approved", {"annex_approved_by": self.env.uid}, field="annex_state"
        )
        self._approval_sync()

    def action_refuse_annex(self):
        self._workflow_move("refused", field="annex_state")
        self._approval_sync()

    # ---- who approves ------------------------------------------------------

    def _approval_sync(self):
        res = super()._approval_sync()
        # an open review step holds its reviewers' approval activities
        self.sudo().review_step_ids.filtered(lambda s: not s.done_date)._schedule()
        return res

    @api.model
    def _approval_pending_domain(self):
        return ["|", ("state", "=", "review"), ("annex_state", "=", "pending")]

    def _approval_users(self):
        """A contract in review waits for its reviewer, or else for the
        branch's legal officers (any of them may review it); a pending price
        annex for the legal managers of the branch who neither registered nor
        negotiate it (four eyes)."""
        users = super()._approval_users()
        if self.state == "review":
            users |= self.reviewer_id or self._legal_reviewers(self.company_id)
        if self.annex_state == "pending":
            users |= self._annex_approvers()
        return users

    def _annex_approvers(self):
        return self._approval_group_users(MANAGER)

    def _approval_can_act(self, user):
        """A contract in review may be reviewed by any legal officer."""
        return (self.state == "review" and user.has_group(LEGAL)) or (
            self.annex_state == "pending" and user in self._annex_approvers()
        )

    @api.depends_context("uid")
    def _compute_annex_can_approve(self):
        for contract in self:
            contract.annex_can_approve = (
                contract.annex_state == "pending"
                and self.env.user in contract._annex_approvers()
            )

    def _approval_summary(self):
        if self.state == "review" and self.review_deadline:
            # the deadline to the minute, in the reviewer's time zone (context)
            return self.env._(
                "Review the contract by %s",
                self._key_account_format_datetime(self.review_deadline),
            )
        if self.state == "review":
            return self.env._("Review %(contract)s", contract=self.display_name)
        return self.env._(
            "Approve the price annex of %(contract)s", contract=self.display_name
        )

    def _approval_deadline(self):
        if self.state == "review" and self.review_deadline:
            return fields.Datetime.context_timestamp(self, self.review_deadline).date()
        return False

    def action_file_at_hq(self):
        filed = self.filtered("hq_filed_on")
        if filed:
            raise UserError(
                self.env._(
                    "%(names)s is already filed at headquarters.",
                    names=", ".join(filed.mapped("name")),
                )
            )
        self._workflow_write(
            {"hq_filed_on": fields.Date.context_today(self)},
            who=HQ,
            message=self.env._("Filed at headquarters."),
        )

    # ---- renewal -----------------------------------------------------------

    @api.model
    def _cron_renewal_reminders(self, batch_size=200):
        """One reminder per signed contract whose renewal is due; batched, per
        company, and run twice it reminds nobody twice."""
        self._cron_batch(
            self._get_renewal_reminders_domain(),
            lambda batch: batch._renewal_reminders(),
            batch_size,
        )

    @api.model
    def _get_renewal_reminders_domain(self):
        return [
            ("state", "=", "signed"),
            ("renewal_due", "<=", fields.Date.context_today(self)),
            ("renewal_reminded_on", "=", False),
        ]

    def _renewal_reminders(self):
        """Remind the contracts' owners, each in their language."""
        today = fields.Date.context_today(self)
        for contract in self:
            owner = contract.user_id or contract.create_uid
            reader = contract._key_account_for_reader(owner, contract.company_id)
            reader.activity_schedule(
                "cs_legal.mail_act_legal_contract_renewal",
                **reader._prepare_renewal_activity_vals(owner, today),
            )
        self._workflow_write({"renewal_reminded_on": today})

    def _prepare_renewal_activity_vals(self, owner, today):
        """The renewal reminder of ``owner``, in the context's language."""
        self.ensure_one()
        return {
            "date_deadline": min(self.date_end, today + timedelta(days=7)),
            "summary": self.env._(
                "Renew the contract ending on %s",
                self._key_account_format_date(self.date_end),
            ),
            "user_id": owner.id,
        }
