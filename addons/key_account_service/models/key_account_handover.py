from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import add_months, first_of_month
from .res_partner import KEY_ACCOUNT_TIERS


class KeyAccountHandover(models.Model):
    """Sales hands a new key account over to customer service (KA-4)."""

    _name = "key.account.handover"
    _description = "Key Account Handover"
    _inherit = ["approval.activity.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _track_state_subtypes = {
        "approved": "key_account_service.mt_key_account_handover_approved"
    }
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Serving Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    submitted_by_id = fields.Many2one(
        "res.users",
        string="Handed Over By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    approver_id = fields.Many2one(
        "res.users",
        string="Responsible Manager",
        required=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="The manager who approves the handover.",
    )
    account_manager_id = fields.Many2one(
        "res.users",
        string="Proposed Account Manager",
        required=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    tier = fields.Selection(
        KEY_ACCOUNT_TIERS,
        required=True,
        default="branch",
    )
    start_date = fields.Date(
        string="Service Starts", required=True, default=fields.Date.context_today
    )
    contact_summary = fields.Text(
        string="Contacts",
        help="Who is who at the customer: names, departments, phones.",
    )
    current_carriers = fields.Char(help="Couriers the customer uses today.")
    monthly_parcels = fields.Integer(string="Parcels a Month")
    monthly_revenue = fields.Monetary(
        string="Expected Revenue a Month", help="Expected monthly revenue with us."
    )
    yearly_revenue = fields.Monetary(
        string="Expected Revenue a Year", compute="_compute_yearly_revenue", store=True
    )
    potential = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
    )
    industry_influence = fields.Selection(
        [("local", "Local"), ("regional", "Regional"), ("national", "National")],
        required=True,
        default="local",
    )
    service_plan = fields.Html(help="The service the customer needs from us.")
    hq_filing = fields.Boolean(
        string="File with HQ",
        compute="_compute_hq_filing",
        store=True,
        help="Accounts reaching the headquarters' yearly filing amount are filed "
        "with HQ.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    decision_note = fields.Text(
        string="Decision", copy=False, help="Why the handover is approved or rejected."
    )
    date_decided = fields.Date(readonly=True, copy=False)

    @api.depends("monthly_revenue")
    def _compute_yearly_revenue(self):
        for handover in self:
            handover.yearly_revenue = handover.monthly_revenue * 12

    @api.depends("yearly_revenue", "company_id")
    def _compute_hq_filing(self):
        """At or above the filing amount: "100万元以上" includes 100万 (002 art.6)."""
        for handover in self:
            threshold = handover.company_id._policy().key_account_hq_filing_amount
            handover.hq_filing = (
                handover.currency_id.compare_amounts(handover.yearly_revenue, threshold)
                >= 0
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if any(h.state in ("approved", "rejected") for h in self):
            raise UserError(self.env._("A decided handover is kept on record."))

    def action_submit(self):
        submitted = self.filtered(lambda h: h.state == "draft")
        submitted.state = "submitted"
        submitted._approval_sync()

    @api.model
    def _approval_pending_domain(self):
        return [("state", "=", "submitted")]

    def _approval_users(self):
        return (
            self.approver_id if self.state == "submitted" else super()._approval_users()
        )

    def _approval_can_act(self, user):
        return self.state == "submitted" and (
            user == self.approver_id
            or user.has_group("key_account_service.key_account_service_group_manager")
        )

    def _approval_summary(self):
        return self.env._(
            "Approve the handover of %(customer)s", customer=self.partner_id.name
        )

    def _check_decider(self):
        for handover in self:
            if handover.state != "submitted":
                raise UserError(
                    self.env._("Only a submitted handover can be approved or rejected.")
                )
            if not handover._approval_can_act(self.env.user):
                handover._approval_refuse(
                    self.env._(
                        "Only %(manager)s or a customer-service manager may decide on "
                        "the handover of %(customer)s.",
                        manager=handover.approver_id.name,
                        customer=handover.partner_id.name,
                    )
                )

    def action_approve(self):
        """The customer becomes a key account; its first contacts are planned."""
        self._check_decider()
        today = fields.Date.context_today(self)
        for handover in self:
            partner = handover.partner_id.commercial_partner_id.sudo()
            partner.write(
                {
                    "is_key_account": True,
                    "key_account_manager_id": handover.account_manager_id.id,
                    "key_account_company_id": handover.company_id.id,
                    "key_account_start_date": handover.start_date,
                    "key_account_tier": handover.tier,
                    "key_account_expected_revenue": handover.monthly_revenue,
                }
            )
            partner._key_account_update_metrics()
            start = first_of_month(max(handover.start_date, today))
            self.env["key.account.visit"].sudo()._plan_partners(
                partner, [start, add_months(start, 1)]
            )
            handover.write({"state": "approved", "date_decided": today})
            handover._approval_sync()

    def action_reject(self):
        self._check_decider()
        for handover in self:
            if not handover.decision_note:
                raise UserError(
                    self.env._(
                        "Write why the handover of %(customer)s is rejected.",
                        customer=handover.partner_id.name,
                    )
                )
        self.write(
            {"state": "rejected", "date_decided": fields.Date.context_today(self)}
        )
        self._approval_sync()
