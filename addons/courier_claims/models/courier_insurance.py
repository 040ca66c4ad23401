from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.claims import insured_period, insured_rate

INSURANCE_ORDER = ["draft", "reported", "proposal", "settled"]
USER = "courier_claims.courier_claims_group_user"


class CourierInsuranceClaim(models.Model):
    """The claim on the insurer of an insured parcel (CL-5).

    Its deadlines are steps of the incident's ladder (claims office within
    24 hours, investigation, report, proposal, escalation, payout); moving the
    claim on marks them done.
    """

    _name = "courier.insurance.claim"
    _description = "Insurance Claim"
    _inherit = [
        "guarded.workflow.mixin",
        "sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"

    # One step at a time; a settled or refused claim is closed.
    _workflow_transitions = {
        ("draft", "reported"): USER,
        ("reported", "proposal"): USER,
        ("proposal", "settled"): USER,
        ("reported", "refused"): USER,
        ("proposal", "refused"): USER,
    }
    _workflow_fields = frozenset({"reported_date", "proposal_date", "settled_date"})
    _workflow_locked_states = ("settled", "refused")

    incident_id = fields.Many2one(
        "courier.incident",
        required=True,
        index=True,
        domain="[('insured', '=', True)]",
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True)
    currency_id = fields.Many2one(related="incident_id.currency_id")
    partner_id = fields.Many2one(related="incident_id.partner_id")
    insurer_id = fields.Many2one("res.partner", required=True)
    policy_number = fields.Char()
    police_receipt = fields.Char(
        string="Police Report Receipt",
        help="A lost parcel is reported to the police at once; keep the receipt.",
    )
    carrier_certificate = fields.Boolean(string="Carrier's Certificate Received")
    claimed_amount = fields.Monetary(tracking=True)
    recovered_amount = fields.Monetary(tracking=True)
    state = fields.Selection(
        [
            ("draft", "Preparing"),
            ("reported", "Reported to the Insurer"),
            ("proposal", "Proposal Received"),
            ("settled", "Settled"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    reported_date = fields.Datetime(readonly=True)
    proposal_date = fields.Datetime(readonly=True)
    settled_date = fields.Datetime(readonly=True)

    @api.constrains("claimed_amount", "recovered_amount")
    def _check_amounts_not_negative(self):
        if self.filtered(lambda c: min(c.claimed_amount, c.recovered_amount) < 0):
            raise ValidationError(
                self.env._("Claimed and recovered amounts cannot be negative.")
            )

    def _workflow_check(self, old, new):
        if new == "reported":
            if self.incident_id.kind == "loss" and not self.police_receipt:
                raise UserError(
                    self.env._("A lost parcel is reported to the police first.")
                )
            if not self.claimed_amount:
                raise UserError(self.env._("Enter the amount claimed."))
        if new == "settled" and not self.recovered_amount:
            raise UserError(self.env._("Enter the amount the insurer pays."))
        return super()._workflow_check(old, new)

    def _workflow_move(self, new_state, values=None, reason=None):
        """Moving the claim on marks the incident's insurance steps done."""
        res = super()._workflow_move(new_state, values, reason)
        if new_state in INSURANCE_ORDER:
            reached = INSURANCE_ORDER.index(new_state)
            self.incident_id.sudo().deadline_ids.filtered(
                lambda step: (
                    step.rule_id.done_insurance_state
                    and INSURANCE_ORDER.index(step.rule_id.done_insurance_state)
                    <= reached
                )
            )._mark_done()
        return res

    def action_report(self):
        self._workflow_move("reported", {"reported_date": fields.Datetime.now()})

    def action_proposal(self):
        self._workflow_move("proposal", {"proposal_date": fields.Datetime.now()})

    def action_settle(self):
        self._workflow_move("settled", {"settled_date": fields.Datetime.now()})

    def action_refuse(self):
        self.filtered(lambda c: c.state in ("reported", "proposal"))._workflow_move(
            "refused"
        )


class CourierInsuredRegister(models.Model):
    """A branch's insured-parcel register for a 27th-26th period (CL-5)."""

    _name = "courier.insured.register"
    _description = "Insured Parcel Register"
    _inherit = ["guarded.workflow.mixin", "mail.thread"]
    _order = "period_start desc, company_id"

    # Submitted to the insurer, the register and its date are final.
    _workflow_transitions = {("draft", "submitted"): USER}
    _workflow_fields = frozenset({"submitted_date"})
    _workflow_locked_states = ("submitted",)

    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(compute="_compute_period", store=True)
    due = fields.Datetime(
        compute="_compute_period", store=True, help="The 27th at 17:00, local time."
    )
    shipped_count = fields.Integer(string="Parcels Shipped")
    insured_count = fields.Integer(string="Insured Parcels")
    insured_rate = fields.Float(
        string="Insured Rate (%)", compute="_compute_insured_rate", store=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    submitted_date = fields.Datetime(readonly=True, tracking=True)
    late = fields.Boolean(compute="_compute_late", store=True)

    _sql_constraints = [
        (
            "company_period_uniq",
            "UNIQUE(company_id, period_start)",
            "A branch has one register per period.",
        ),
        (
            "counts",
            "CHECK(insured_count >= 0 AND shipped_count >= insured_count)",
            "Insured parcels are some of the parcels shipped.",
        ),
    ]

    @api.depends("period_start", "company_id")
    def _compute_period(self):
        for register in self:
            if not register.period_start:
                register.period_end = register.due = False
                continue
            _first, last, due_day = insured_period(register.period_start)
            zone = pytz.timezone(register.company_id.resource_calendar_id.tz or "UTC")
            due = zone.localize(datetime.combine(due_day, time(17, 0)))
            register.period_end = last
            register.due = due.astimezone(pytz.utc).replace(tzinfo=None)

    @api.constrains("period_start")
    def _check_period_start(self):
        for register in self:
            if insured_period(register.period_start)[0] != register.period_start:
                raise ValidationError(
                    self.env._("A register period starts on the 27th.")
                )

    @api.depends("insured_count", "shipped_count")
    def _compute_insured_rate(self):
        for register in self:
            register.insured_rate = insured_rate(
                register.insured_count, register.shipped_count
            )

    @api.depends("submitted_date", "due")
    def _compute_late(self):
        for register in self:
            register.late = bool(
                register.submitted_date and register.submitted_date > register.due
            )

    def action_submit(self):
        self._workflow_move("submitted", {"submitted_date": fields.Datetime.now()})
