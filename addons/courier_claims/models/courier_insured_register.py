from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.claims import insured_period, insured_rate

USER = "courier_claims.courier_claims_group_user"


class CourierInsuredRegister(models.Model):
    """A branch's insured-parcel register (CL-5): a period from the
    headquarters' start day (the manual's 27th) to the day before it in the
    next month, due on the start day at the policy's time (17:00)."""

    _name = "courier.insured.register"
    _description = "Insured Parcel Register"
    _inherit = ["guarded.workflow.mixin", "grouped.rate.mixin", "mail.thread"]
    _order = "period_start desc, company_id"
    # grouped: insured parcels of all parcels shipped, not a sum of the rates
    _grouped_rates = {"insured_rate": ("insured_count", "shipped_count", 100.0, 0.0)}

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
        compute="_compute_period",
        store=True,
        help="The period's start day in the next month, at the due time of the "
        "settings, local time.",
    )
    shipped_count = fields.Integer(string="Parcels Shipped", aggregator="sum")
    insured_count = fields.Integer(string="Insured Parcels", aggregator="sum")
    insured_rate = fields.Float(
        string="Insured Rate (%)",
        compute="_compute_insured_rate",
        store=True,
        aggregator="avg",  # recomputed from the counts for a group
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
            policy = register.company_id._policy()
            # a register keeps the period it started with when headquarters
            # moves the start day later (a wrong start is refused below)
            start_day = register.period_start.day
            if start_day > 28:
                start_day = policy.courier_register_start_day
            _first, last, due_day = insured_period(register.period_start, start_day)
            zone = pytz.timezone(register.company_id.resource_calendar_id.tz or "UTC")
            due = zone.localize(
                datetime.combine(due_day, time.min)
                + timedelta(hours=policy.courier_register_due_hour)
            )
            register.period_end = last
            register.due = due.astimezone(pytz.utc).replace(tzinfo=None)

    @api.constrains("period_start")
    def _check_period_start(self):
        for register in self:
            start_day = register.company_id._policy().courier_register_start_day
            if register.period_start.day != start_day:
                raise ValidationError(
                    self.env._(
                        "A register period starts on day %(day)s of the month.",
                        day=start_day,
                    )
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
