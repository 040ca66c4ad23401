from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

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
# (from, to): the group allowed to make the move; None is anyone who may write.
TRANSITIONS = {
    ("draft", "review"): None,
    ("review", "reviewed"): "cs_legal.cs_legal_group_user",
    ("review", "draft"): "cs_legal.cs_legal_group_user",
    ("reviewed", "signed"): None,
    ("reviewed", "draft"): None,
    ("signed", "closed"): "cs_legal.cs_legal_group_user",
}
# Once signed, what the customer signed for does not change.
SIGNED_FIELDS = {
    "partner_id",
    "company_id",
    "contract_type",
    "date_signed",
    "date_start",
    "has_price_annex",
    "annex_state",
}


class LegalContract(models.Model):
    """A customer contract, from legal review to signature and renewal (LG-1)."""

    _name = "legal.contract"
    _description = "Customer Contract"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "key.account.sequence.reference.mixin",
    ]
    _order = "date_start desc, id desc"

    subject = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
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
    state = fields.Selection(STATES, default="draft", required=True, tracking=True)
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
    # Signature and term.
    date_signed = fields.Date(tracking=True, copy=False)
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
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
        for vals in vals_list:
            if vals.get("has_price_annex"):
                vals["annex_state"] = "pending"
        contracts = super().create(vals_list)
        for contract in contracts.filtered(lambda c: not c.check_ids):
            items = self.env["legal.checklist.item"]._items_for(
                "contract", contract.company_id
            )
            contract.check_ids = [Command.create({"item_id": i.id}) for i in items]
        return contracts

    def write(self, vals):
        if "state" in vals and not self.env.su:
            raise UserError(self.env._("A contract changes state through its buttons."))
        signed = self.filtered(lambda c: c.state in ("signed", "closed"))
        if signed and SIGNED_FIELDS & set(vals):
            raise UserError(
                self.env._(
                    "Contract %(names)s is signed: its customer, type, signature "
                    "and prices cannot change. Sign a new contract or an amendment.",
                    names=", ".join(signed.mapped("name")),
                )
            )
        if "has_price_annex" in vals:
            vals = dict(
                vals, annex_state="pending" if vals["has_price_annex"] else "none"
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._("Only draft contracts can be deleted."))

    # ---- workflow ----------------------------------------------------------

    def _move_to(self, state):
        for contract in self:
            key = (contract.state, state)
            if key not in TRANSITIONS:
                raise UserError(
                    self.env._(
                        "%(contract)s cannot go from %(old)s to %(new)s.",
                        contract=contract.name,
                        old=dict(STATES)[contract.state],
                        new=dict(STATES)[state],
                    )
                )
            group = TRANSITIONS[key]
            if group and not self.env.user.has_group(group):
                raise AccessError(self.env._("Only legal staff may make this step."))
        self.check_access("write")
        self.sudo().write({"state": state})

    def _review_deadline_from(self, requested_at):
        """``legal_review_hours`` of the branch calendar's working time later."""
        self.ensure_one()
        hours = self.company_id._legal_policy().legal_review_hours
        calendar = self.company_id.resource_calendar_id
        deadline = calendar and calendar.plan_hours(
            hours, requested_at, compute_leaves=True
        )
        return deadline or requested_at + timedelta(hours=hours)

    def action_request_review(self):
        now = fields.Datetime.now()
        for contract in self:
            if contract.has_price_annex and contract.annex_state == "refused":
                raise UserError(
                    self.env._("Correct the refused price annex before the review.")
                )
        self._move_to("review")
        for contract in self:
            deadline = contract._review_deadline_from(now)
            contract.write({"review_requested_at": now, "review_deadline": deadline})
            reviewers = contract.reviewer_id or self._legal_reviewers(
                contract.company_id
            )
            for reviewer in reviewers[:1]:
                contract.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Datetime.context_timestamp(
                        contract, deadline
                    ).date(),
                    summary=self.env._(
                        "Review the contract by %s", fields.Datetime.to_string(deadline)
                    ),
                    user_id=reviewer.id,
                )

    def _legal_reviewers(self, company):
        return (
            self.env.ref("cs_legal.cs_legal_group_user")
            .users.filtered(lambda u: company in u.company_ids)
            .sorted("id")
        )

    def action_approve_review(self):
        self._move_to("reviewed")
        now = fields.Datetime.now()
        for contract in self:
            contract.write(
                {
                    "reviewed_at": now,
                    "review_on_time": now <= contract.review_deadline,
                    "reviewer_id": contract.reviewer_id.id or self.env.uid,
                }
            )
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_return_to_draft(self):
        self._move_to("draft")
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_sign(self):
        for contract in self:
            if not contract.date_signed or not contract.date_start:
                raise UserError(
                    self.env._("Enter the signature and start dates before signing.")
                )
            if contract.date_end and contract.date_end < contract.date_start:
                raise UserError(self.env._("The contract ends before it starts."))
            if contract.has_price_annex and contract.annex_state != "approved":
                raise UserError(
                    self.env._("The price annex must be approved before signing.")
                )
        self._move_to("signed")

    def action_close(self):
        self._move_to("closed")

    def _check_legal_manager(self):
        if not self.env.user.has_group("cs_legal.cs_legal_group_manager"):
            raise AccessError(self.env._("Only a legal manager may decide this."))

    def action_approve_annex(self):
        self._check_legal_manager()
        for contract in self:
            if contract.annex_state != "pending":
                raise UserError(self.env._("No price annex waits for approval."))
        self.write({"annex_state": "approved", "annex_approved_by": self.env.uid})

    def action_refuse_annex(self):
        self._check_legal_manager()
        self.filtered(lambda c: c.annex_state == "pending").write(
            {"annex_state": "refused"}
        )

    def action_file_at_hq(self):
        if not self.env.user.has_group("cs_legal.cs_legal_group_hq"):
            raise AccessError(self.env._("Only headquarters legal files contracts."))
        self.check_access("read")
        self.sudo().write({"hq_filed_on": fields.Date.context_today(self)})

    # ---- renewal -----------------------------------------------------------

    @api.model
    def _cron_renewal_reminders(self, batch_size=200):
        """One reminder per contract ending within the renewal notice."""
        today = fields.Date.context_today(self)
        contracts = self.sudo().search(
            [
                ("state", "=", "signed"),
                ("date_end", "!=", False),
                ("renewal_reminded_on", "=", False),
            ]
        )
        due = contracts.filtered(
            lambda c: (
                c.date_end
                <= today
                + timedelta(days=c.company_id._legal_policy().legal_renewal_days)
            )
        )
        batch = due[:batch_size]
        for contract in batch:
            contract.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=min(contract.date_end, today + timedelta(days=7)),
                summary=self.env._(
                    "Renew the contract ending on %s", contract.date_end
                ),
                user_id=(contract.user_id or contract.create_uid).id,
            )
        batch.write({"renewal_reminded_on": today})
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(due) - len(batch)
        )


class LegalContractCheck(models.Model):
    _name = "legal.contract.check"
    _inherit = ["legal.checklist.line"]
    _description = "Contract Qualification Check"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        "legal.contract", required=True, index=True, ondelete="cascade"
    )

    def write(self, vals):
        if self.contract_id.filtered(lambda c: c.state == "closed"):
            raise UserError(
                self.env._("An ended contract's checklist is kept as it is.")
            )
        return super().write(vals)
