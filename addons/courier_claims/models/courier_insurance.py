from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.claims import insured_period, insured_rate

INSURANCE_ORDER = ["draft", "reported", "proposal", "settled"]


class CourierInsuranceClaim(models.Model):
    """The claim on the insurer of an insured parcel (CL-5).

    Its deadlines are steps of the incident's ladder (claims office within
    24 hours, investigation, report, proposal, escalation, payout); moving the
    claim on marks them done.
    """

    _name = "courier.insurance.claim"
    _description = "Insurance Claim"
    _inherit = [
        "key.account.sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"

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

    def _advance(self, state, date_field):
        self.check_access("write")
        for claim in self:
            if INSURANCE_ORDER.index(state) != INSURANCE_ORDER.index(claim.state) + 1:
                raise UserError(
                    self.env._("Take the insurance claim one step at a time.")
                )
        self.write({"state": state, date_field: fields.Datetime.now()})
        reached = INSURANCE_ORDER.index(state)
        self.incident_id.sudo().deadline_ids.filtered(
            lambda step: (
                step.rule_id.done_insurance_state
                and INSURANCE_ORDER.index(step.rule_id.done_insurance_state) <= reached
            )
        )._mark_done()

    def action_report(self):
        for claim in self:
            if claim.incident_id.kind == "loss" and not claim.police_receipt:
                raise UserError(
                    self.env._("A lost parcel is reported to the police first.")
                )
            if not claim.claimed_amount:
                raise UserError(self.env._("Enter the amount claimed."))
        self._advance("reported", "reported_date")

    def action_proposal(self):
        self._advance("proposal", "proposal_date")

    def action_settle(self):
        if self.filtered(lambda claim: not claim.recovered_amount):
            raise UserError(self.env._("Enter the amount the insurer pays."))
        self._advance("settled", "settled_date")

    def action_refuse(self):
        self.check_access("write")
        self.filtered(lambda c: c.state in ("reported", "proposal")).write(
            {"state": "refused"}
        )


class CourierInsuredRegister(models.Model):
    """A branch's insured-parcel register for a 27th-26th period (CL-5)."""

    _name = "courier.insured.register"
    _description = "Insured Parcel Register"
    _inherit = ["mail.thread"]
    _order = "period_start desc, company_id"

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
        self.check_access("write")
        if self.filtered("submitted_date"):
            raise UserError(self.env._("This register is already submitted."))
        self.write({"submitted_date": fields.Datetime.now()})

    def write(self, vals):
        if self.filtered("submitted_date") and set(vals) & {
            "shipped_count",
            "insured_count",
            "period_start",
        }:
            raise UserError(self.env._("A submitted register is not changed."))
        return super().write(vals)
