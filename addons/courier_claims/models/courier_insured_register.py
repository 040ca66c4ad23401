from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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
    # the counts a register takes from the branch's shipments
    _shipment_counts = {
        "shipped_count": "waybills",
        "insured_count": "insured_waybills",
    }

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
    from_shipments = fields.Boolean(
        string="Counted from Shipments",
        readonly=True,
        help="The operations system's daily figures cover the period: the "
        "parcels shipped and insured are their waybills and insured waybills, "
        "refreshed as figures arrive until the register is submitted.",
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        registers = super().create(vals_list)
        registers._count_from_shipments()
        return registers

    def write(self, vals):
        if set(vals) & set(self._shipment_counts) and not self.env.context.get(
            "courier_register_from_shipments"
        ):
            counted = self.filtered("from_shipments")
            if counted:
                raise ValidationError(
                    self.env._(
                        "The parcels of %(registers)s are counted from the "
                        "operations system's shipments: they are not typed.",
                        registers=", ".join(counted.mapped("display_name")),
                    )
                )
        res = super().write(vals)
        if {"period_start", "company_id"} & set(vals):
            self._count_from_shipments()
        return res

    @api.model
    def _refresh_from_shipments(self, days):
        """The draft registers whose branch and period hold one of ``days``
        ((branch, day) pairs of shipments loaded, changed or removed) count
        their parcels again; submitted registers keep theirs."""
        days = {(company.id, day) for company, day in days if day}
        if not days:
            return
        registers = self.sudo().search(
            [
                ("state", "=", "draft"),
                ("company_id", "in", list({company for company, _day in days})),
                ("period_start", "<=", max(day for _company, day in days)),
                ("period_end", ">=", min(day for _company, day in days)),
            ]
        )
        registers.filtered(
            lambda r: any(
                company == r.company_id.id and r.period_start <= day <= r.period_end
                for company, day in days
            )
        )._count_from_shipments()

    def _count_from_shipments(self):
        """The parcels shipped and insured of the draft registers whose
        period (its start to its end, both in) has shipments of the branch:
        their waybills and insured waybills, summed in one query. A period
        without shipments keeps the counts typed in."""
        drafts = self.sudo().filtered(lambda r: r.state == "draft")
        Shipment = self.env["key.account.shipment"].sudo()
        if not drafts.filtered("from_shipments") and not Shipment.search_count(
            [("company_id", "in", drafts.company_id.ids)], limit=1
        ):
            return  # branches without shipment data: typed in
        drafts = drafts.filtered("period_end")
        if not drafts:
            return
        self.env["key.account.shipment"].flush_model(
            ["company_id", "date", *self._shipment_counts.values()]
        )
        drafts.flush_recordset(["company_id", "period_start", "period_end"])
        self.env.cr.execute(
            SQL(
                "SELECT r.id, count(s.id), %(sums)s FROM courier_insured_register r "
                "JOIN key_account_shipment s ON s.company_id = r.company_id "
                "AND s.date BETWEEN r.period_start AND r.period_end "
                "WHERE r.id IN %(ids)s GROUP BY r.id",
                sums=SQL(", ").join(
                    SQL("COALESCE(SUM(s.%s), 0)", SQL.identifier(figure))
                    for figure in self._shipment_counts.values()
                ),
                ids=tuple(drafts.ids),
            )
        )
        counted = {row[0]: row[2:] for row in self.env.cr.fetchall()}
        writer = drafts.with_context(courier_register_from_shipments=True)
        for register in writer:
            sums = counted.get(register.id)
            if sums:
                values = dict(zip(self._shipment_counts, sums, strict=True))
                if not register.from_shipments or any(
                    register[name] != value for name, value in values.items()
                ):
                    register.write({**values, "from_shipments": True})
            elif register.from_shipments:
                # the period's shipments were all removed: nothing counted
                register.write(
                    {**dict.fromkeys(self._shipment_counts, 0), "from_shipments": False}
                )

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
