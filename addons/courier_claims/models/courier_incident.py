from datetime import datetime, time

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.key_account_service.tools import add_months, first_of_month

from ..tools.claims import (
    AuthorityRule,
    SeverityRule,
    missing_levels,
    required_levels,
    severity,
)
from .courier_incident_recovery import UNSETTLED_STATES

INCIDENT_KINDS = [
    ("delay", "Delay"),
    ("damage", "Damage"),
    ("loss", "Loss"),
    ("wrong_delivery", "Wrong Delivery"),
    ("service", "Service Dispute"),
    ("price", "Price Dispute"),
]
# Marks share changes made inside an incident's own write, whose constraint
# checks the whole split once the write is done (an object, so no client's
# context can carry it).
SPLIT_CHECKED_BY_INCIDENT = object()
OPEN_STATES = ("reported", "investigating", "negotiating", "awaiting_approval")
SERIOUS = ("major", "extraordinary")
USER = "courier_claims.courier_claims_group_user"
MANAGER = "courier_claims.courier_claims_group_manager"
# What an approval is given for: changing any of it after approval sends the
# incident back for approval.
APPROVAL_INPUTS = {
    "kind",
    "claimed_amount",
    "assessed_amount",
    "beyond_standard",
    "responsible_company_id",
    "responsibility_clear",
}
# Changes that may make an incident serious, and so add steps to its ladder.
PLANNING_FIELDS = APPROVAL_INPUTS | {"insured", "loss_amount", "first_loss_estimate"}
# The 5-minute first report by the person involved (000 section 3.3): who
# reported to whom and when; recording it closes its step.
FIRST_REPORT_WHO = ("reported_by_id", "reported_to_id", "reported_at")
STATES = [
    ("reported", "Reported"),
    ("investigating", "Investigating"),
    ("negotiating", "Negotiating"),
    ("awaiting_approval", "Awaiting Approval"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]
# The way an incident goes, which deadline steps wait for ("done when
# reaching"): a rejected incident is off it.
STATE_ORDER = [key for key, _label in STATES if key != "rejected"]
# Once the compensation is approved, the paying branch recovers the other
# parties' shares.
RECOVERABLE_STATES = ("approved", "paid", "closed")
INTERNAL_CAUSES = [
    ("acceptance", "Acceptance Error"),
    ("stranded", "Stranded Goods"),
    ("late_dispatch", "Late Dispatch"),
    ("late_delivery", "Late Delivery"),
    ("handling", "Packing or Handling"),
    ("theft", "Theft"),
    ("rude_service", "Rude Service"),
]


class CourierIncident(models.Model):
    """A service incident (服务事故) from report to payout (CL-1).

    What it means for a key account is called from the main flow, in this
    order: a new incident plans its deadline steps, then the apology visits
    its account is owed (KA-2); an incident that becomes major or
    extraordinary opens (or aggravates) the account's warning case (KA-6).
    The payout is a posted credit note to the customer on the claims
    compensation account, what a responsible carrier owes is invoiced to it
    (CL-7).
    """

    _name = "courier.incident"
    _description = "Service Incident"
    _inherit = [
        "guarded.workflow.mixin",
        "letter.composer.mixin",
        "approval.activity.mixin",
        "sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "incident_date desc, id desc"
    _track_state_subtypes = {
        "approved": "courier_claims.mt_courier_incident_approved",
        "paid": "courier_claims.mt_courier_incident_paid",
    }
    _check_company_auto = True

    # Who moves an incident; approval has its own action (action_approve),
    # and a changed compensation takes an approved incident back.
    _workflow_transitions = {
        ("reported", "investigating"): USER,
        ("investigating", "negotiating"): USER,
        ("negotiating", "awaiting_approval"): USER,
        ("awaiting_approval", "negotiating"): USER,
        ("awaiting_approval", "approved"): USER,
        ("approved", "awaiting_approval"): USER,
        ("approved", "paid"): MANAGER,
        ("paid", "closed"): MANAGER,
        **{(state, "rejected"): MANAGER for state in OPEN_STATES},
    }
    _workflow_fields = frozenset(
        {
            "payout_move_id",
            "recovery_move_id",
            "allocation_approved_plan",
            "allocation_approved_uid",
            "allocation_approved_date",
        }
    )
    _workflow_locked_states = ("paid", "closed", "rejected")
    _workflow_owner_fields = ("user_id",)

    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    waybill = fields.Char(index="trigram", tracking=True)
    incident_date = fields.Datetime(
        required=True, default=fields.Datetime.now, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handler",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    kind = fields.Selection(INCIDENT_KINDS, required=True, tracking=True)
    description = fields.Html()
    insured = fields.Boolean(tracking=True)
    declared_value = fields.Monetary()
    premium = fields.Monetary(string="Premium Paid")
    claimed_amount = fields.Monetary(tracking=True)
    loss_amount = fields.Monetary(
        tracking=True,
        help="The loss on the goods, estimated then assessed: it sets the "
        "severity, the claimed amount standing in until it is entered. A "
        "compensation negotiated below it does not lower the severity.",
    )
    assessed_amount = fields.Monetary(
        tracking=True, help="The compensation negotiated with the customer."
    )
    compensation = fields.Monetary(
        compute="_compute_compensation",
        store=True,
        help="The assessed amount, or the claimed one until it is assessed.",
    )
    severity = fields.Selection(
        [
            ("general", "General"),
            ("major", "Major"),
            ("extraordinary", "Extraordinary"),
        ],
        compute="_compute_severity",
        store=True,
        tracking=True,
    )
    responsibility = fields.Selection(
        [("internal", "Internal"), ("carrier", "Third-Party Carrier")],
        tracking=True,
    )
    internal_cause = fields.Selection(INTERNAL_CAUSES, tracking=True)
    carrier_id = fields.Many2one("res.partner", tracking=True, check_company=True)
    # another branch of the group, by definition: no company check
    responsible_company_id = fields.Many2one(
        "res.company", string="Responsible Branch", tracking=True
    )
    cross_branch = fields.Boolean(
        string="Dispute between Branches",
        compute="_compute_cross_branch",
        store=True,
    )
    responsibility_clear = fields.Boolean(
        tracking=True,
        help="Cross-branch disputes with unclear responsibility above the HQ "
        "threshold go to headquarters.",
    )
    beyond_standard = fields.Boolean(
        string="Demand beyond the Standard",
        tracking=True,
        help="The customer asks more than the compensation standard: the branch "
        "CS manager and the branch manager both approve.",
    )
    # the first report (当事人 5 分钟内汇报, 000 section 3.3)
    event_place = fields.Char(string="Place", tracking=True)
    event_cause = fields.Text(string="Cause")
    people_involved = fields.Char(
        help="Names of the staff, drivers or others involved in the incident."
    )
    unit_name = fields.Char(
        string="Unit",
        help="The unit (station, counter, department) the people involved belong to.",
    )
    pieces = fields.Integer()
    weight = fields.Float(string="Weight (kg)", digits=(12, 2))
    shipper_name = fields.Char(string="Shipper")
    consignee_name = fields.Char(string="Consignee")
    consignee_address = fields.Char()
    first_loss_estimate = fields.Monetary(
        tracking=True,
        help="The first estimate of the loss to people, vehicles and goods; it "
        "stands in for the loss amount in the ladder's loss thresholds until "
        "the loss is entered.",
    )
    reported_by_id = fields.Many2one(
        "res.users",
        string="Reported by",
        tracking=True,
        check_company=True,
        help="The person involved who gave the first report.",
    )
    reported_to_id = fields.Many2one(
        "res.users",
        string="Reported to",
        tracking=True,
        check_company=True,
        help="The head of the unit who received the first report.",
    )
    reported_at = fields.Datetime(tracking=True)
    first_report_html = fields.Html(
        string="First Report Summary",
        compute="_compute_first_report_html",
        sanitize=False,
    )
    state = fields.Selection(
        STATES,
        default="reported",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    locked = fields.Boolean(compute="_compute_locked")
    approval_ids = fields.One2many("courier.incident.approval", "incident_id")
    approval_needed = fields.Char(
        string="Approvals Needed", compute="_compute_approval_needed"
    )
    share_ids = fields.One2many(
        "courier.incident.share", "incident_id", string="Responsibility Split"
    )
    penalty_line_ids = fields.One2many(
        "courier.penalty.line", "incident_id", string="Deductions and Fines"
    )
    deadline_ids = fields.One2many(
        "courier.incident.deadline", "incident_id", string="Deadlines"
    )
    # the complaints a second complaint on the matter linked (CL-8)
    complaint_ids = fields.One2many(
        "courier.complaint", "incident_id", string="Complaints", readonly=True
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    payout_move_id = fields.Many2one(
        "account.move",
        string="Compensation Credit Note",
        readonly=True,
        copy=False,
        check_company=True,
    )
    payout_date = fields.Date(
        related="payout_move_id.invoice_date", store=True, string="Paid out on"
    )
    payout_state = fields.Selection(
        related="payout_move_id.payment_state", string="Payout Payment"
    )
    recovery_amount = fields.Monetary(
        string="To Recover from the Carrier",
        compute="_compute_recovery_amount",
        help="The carrier's shares of the compensation.",
    )
    recovery_move_id = fields.Many2one(
        "account.move",
        string="Carrier Invoice",
        readonly=True,
        copy=False,
        check_company=True,
    )
    recovered_amount = fields.Monetary(compute="_compute_recovered_amount")
    # The allocation plan (赔偿金分配方案): who bears what share, approved
    # before recoveries are raised; changing the shares or the compensation
    # afterwards asks for a new approval.
    allocation_state = fields.Selection(
        [
            ("none", "Nothing to Recover"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
        ],
        string="Allocation Plan",
        compute="_compute_allocation_state",
        help="Shares borne by another branch or a carrier make an allocation "
        "plan, approved before the recoveries are raised: by headquarters for "
        "a dispute between branches with unclear responsibility from the HQ "
        "threshold on, else by the branch.",
    )
    allocation_approver = fields.Char(
        string="Allocation Approved by", compute="_compute_allocation_state"
    )
    allocation_approved_plan = fields.Char(readonly=True, copy=False)
    allocation_approved_uid = fields.Many2one(
        "res.users", string="Allocation Approver", readonly=True, copy=False
    )
    allocation_approved_date = fields.Datetime(readonly=True, copy=False)
    recovery_ids = fields.One2many(
        "courier.incident.recovery", "incident_id", string="Network Recoveries"
    )
    recovery_count = fields.Integer(compute="_compute_recovery_count")
    recovery_to_raise = fields.Boolean(
        string="Recoveries to Raise",
        compute="_compute_recovery_count",
        help="A party of the approved allocation plan has no recovery yet.",
    )
    responsible_partner_id = fields.Many2one(
        "res.partner",
        compute="_compute_responsible_partner_id",
        help="Who receives the confirmation letter: the carrier, else the "
        "responsible branch, else the incident's own branch.",
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("claimed_amount", "assessed_amount")
    def _compute_compensation(self):
        for incident in self:
            incident.compensation = incident.assessed_amount or incident.claimed_amount

    @api.depends("kind", "loss_amount", "claimed_amount", "company_id")
    def _compute_severity(self):
        """By the loss (按损失金额分, CL-2), not the negotiated compensation."""
        thresholds = {}  # per group of companies, read once
        for incident in self:
            root = incident.company_id._policy()
            if root not in thresholds:
                rules = (
                    self.env["courier.severity.rule"]
                    .sudo()
                    .search([("company_id", "=", root.id)])
                )
                thresholds[root] = [
                    SeverityRule((r.kind,), r.general_max, r.major_max) for r in rules
                ]
            incident.severity = incident.kind and severity(
                incident.kind,
                incident.loss_amount or incident.claimed_amount,
                thresholds[root],
            )

    @api.depends(
        "event_place",
        "incident_date",
        "event_cause",
        "people_involved",
        "unit_name",
        "pieces",
        "weight",
        "shipper_name",
        "consignee_name",
        "consignee_address",
        "first_loss_estimate",
        *FIRST_REPORT_WHO,
    )
    def _compute_first_report_html(self):
        """The first report as the letters to the next level and to HQ
        supervision quote it."""
        for incident in self:
            incident.first_report_html = self.env["ir.qweb"]._render(
                "courier_claims.courier_incident_first_report_summary",
                {"incident": incident},
            )

    @api.depends("responsible_company_id", "company_id")
    def _compute_cross_branch(self):
        for incident in self:
            incident.cross_branch = bool(
                incident.responsible_company_id
                and incident.responsible_company_id != incident.company_id
            )

    @api.depends("state")
    def _compute_locked(self):
        for incident in self:
            incident.locked = incident.state in self._workflow_locked_states

    @api.depends(
        "approval_ids.amount", "compensation", "beyond_standard", "cross_branch"
    )
    def _compute_approval_needed(self):
        for incident in self:
            rules = incident._authority_rules()
            missing = set(incident._missing_levels())
            incident.approval_needed = ", ".join(
                rule.name for rule in rules if rule.level in missing
            )

    @api.depends("carrier_id", "responsible_company_id", "company_id")
    def _compute_responsible_partner_id(self):
        for incident in self:
            incident.responsible_partner_id = (
                incident.carrier_id
                or incident.responsible_company_id.partner_id
                or incident.company_id.partner_id
            )

    @api.depends("share_ids.amount", "share_ids.party_type")
    def _compute_recovery_amount(self):
        for incident in self:
            incident.recovery_amount = sum(
                incident.share_ids.filtered(lambda s: s.party_type == "carrier").mapped(
                    "amount"
                )
            )

    @api.depends("recovery_move_id.amount_residual")
    def _compute_recovered_amount(self):
        for incident in self:
            move = incident.recovery_move_id
            incident.recovered_amount = (
                move.amount_total - move.amount_residual if move else 0.0
            )

    @api.depends(
        "share_ids.party_type",
        "share_ids.branch_id",
        "share_ids.carrier_id",
        "share_ids.percent",
        "compensation",
        "company_id",
        "allocation_approved_plan",
    )
    @api.depends_context("lang")
    def _compute_allocation_state(self):
        for incident in self:
            plan = incident._allocation_plan()
            if not plan:
                incident.allocation_state = "none"
            elif plan == incident.allocation_approved_plan:
                incident.allocation_state = "approved"
            else:
                incident.allocation_state = "to_approve"
            incident.allocation_approver = (
                incident._allocation_rule().name
                if incident.allocation_state == "to_approve"
                and incident._authority_rules()
                else False
            )

    @api.depends("recovery_ids.state", "allocation_state", "state")
    def _compute_recovery_count(self):
        for incident in self:
            incident.recovery_count = len(incident.recovery_ids)
            incident.recovery_to_raise = bool(
                incident.state in RECOVERABLE_STATES
                and incident.allocation_state == "approved"
                and incident._recovery_parties_to_raise()
            )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("share_ids")
    def _check_shares(self, shares=None):
        """The shares of a split add up to 100%, whichever way they change."""
        for incident in self:
            split = incident.share_ids if shares is None else shares
            total = round(sum(split.mapped("percent")), 2)
            if split and total != 100:
                raise ValidationError(
                    self.env._(
                        "The responsibility shares of %(incident)s add up to "
                        "%(total)s%%, not 100%%.",
                        incident=incident.name,
                        total=total,
                    )
                )

    def _check_shares_editable(self):
        if self.filtered("locked"):
            raise UserError(self.env._("The incident is locked."))

    @api.constrains(
        "claimed_amount", "assessed_amount", "loss_amount", "declared_value", "premium"
    )
    def _check_amounts_not_negative(self):
        for incident in self:
            if (
                min(
                    incident.claimed_amount,
                    incident.assessed_amount,
                    incident.loss_amount,
                    incident.declared_value,
                    incident.premium,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(incident)s: claimed, loss, assessed and declared amounts "
                        "and the premium cannot be negative.",
                        incident=incident.name,
                    )
                )

    @api.constrains("incident_date", "reported_at")
    def _check_incident_date(self):
        self._key_account_check_dates(["incident_date"])
        self.filtered("reported_at")._key_account_check_dates(["reported_at"])

    @api.constrains("pieces", "weight", "first_loss_estimate", *FIRST_REPORT_WHO)
    def _check_first_report(self):
        """The first report: quantities not negative; reported by one person to
        another, at or after the event."""
        for incident in self:
            if min(incident.pieces, incident.weight, incident.first_loss_estimate) < 0:
                raise ValidationError(
                    self.env._(
                        "%(incident)s: pieces, weight and the first loss estimate "
                        "cannot be negative.",
                        incident=incident.name,
                    )
                )
            if incident.reported_at and not (
                incident.reported_by_id and incident.reported_to_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(incident)s: a first report says who reported it and "
                        "to whom.",
                        incident=incident.name,
                    )
                )
            if incident.reported_by_id and (
                incident.reported_by_id == incident.reported_to_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(incident)s: the first report goes to someone other "
                        "than the person reporting it.",
                        incident=incident.name,
                    )
                )
            if incident.reported_at and not (
                incident.incident_date <= incident.reported_at <= fields.Datetime.now()
            ):
                raise ValidationError(
                    self.env._(
                        "%(incident)s: the first report comes after the incident, "
                        "and not later than now.",
                        incident=incident.name,
                    )
                )

    def _check_company_change(self, vals):
        """Incidents stay in their branch (M3).

        Moving one is refused, except to fix a branch picked by mistake at
        registration: the user must work for the new branch, and the incident
        must not have reached approval yet (its approvals and authority are
        the branch's).
        """
        if "company_id" not in vals or self.env.su:
            return
        moved = self.filtered(lambda i: i.company_id.id != vals["company_id"])
        if not moved:
            return
        if vals["company_id"] not in self.env.user.company_ids.ids or moved.filtered(
            lambda i: i.state not in ("reported", "investigating", "negotiating")
        ):
            raise UserError(
                self.env._(
                    "Incident %(names)s stays in its branch: only a branch you work "
                    "for, and only before approval is asked.",
                    names=", ".join(moved.mapped("name")),
                )
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        incidents = super().create(vals_list)
        incidents._on_incidents_created()
        return incidents

    def write(self, vals):
        self._check_company_change(vals)
        before = {incident: incident.severity for incident in self}
        months = (
            self._key_account_months()
            if {"partner_id", "incident_date"} & set(vals)
            else set()
        )
        records = self
        if "share_ids" in vals:
            records = self.with_context(
                courier_incident_split=SPLIT_CHECKED_BY_INCIDENT
            )
        res = super(CourierIncident, records).write(vals)
        if months:
            self._count_for_key_accounts(months)
        if set(vals) & PLANNING_FIELDS:
            self._plan_deadlines()
        if "reported_at" in vals:
            self._close_first_report_steps()
        if set(vals) & APPROVAL_INPUTS:
            self._send_back_for_approval()
        rank = ["general", *SERIOUS].index
        self.filtered(
            lambda i: (
                i.severity in SERIOUS
                and rank(i.severity) > rank(before[i] or "general")
            )
        )._on_severity_raised()
        return res

    def unlink(self):
        months = self._key_account_months()
        res = super().unlink()
        self.browse()._count_for_key_accounts(months)
        return res

    def _send_back_for_approval(self):
        """An approval holds for the amount approved: an approved incident
        whose compensation (or what decides its authority) changed goes back
        for approval, its earlier approvals kept as history."""
        changed = self.filtered(
            lambda incident: incident.state == "approved" and incident._missing_levels()
        )
        for incident in changed:
            incident.sudo()._workflow_move(
                "awaiting_approval",
                reason=self.env._("the compensation changed after approval"),
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_reported(self):
        if self.filtered(lambda incident: incident.state != "reported"):
            raise UserError(self.env._("Only incidents still reported are deleted."))

    # ------------------------------------------------------------
    # HOOKS
    # ------------------------------------------------------------

    def _on_incidents_created(self):
        """New incidents: their deadline steps, then what they mean for a key
        account (apology visits owed, the warning of a serious one)."""
        self._plan_deadlines()
        self._close_first_report_steps()
        self._plan_key_account_apologies()
        self.filtered(lambda i: i.severity in SERIOUS)._on_severity_raised()
        self._count_for_key_accounts()

    def _key_account_months(self):
        """The (key account, month) pairs of these incidents."""
        return {
            (
                incident.partner_id.commercial_partner_id,
                first_of_month(incident.incident_date.date()),
            )
            for incident in self
            if incident.partner_id.commercial_partner_id.is_key_account
            and incident.incident_date
        }

    def _count_for_key_accounts(self, months=frozenset()):
        """Each key account's incident count of the month of these incidents
        (and of ``months``, pairs of account and month) in its service figures
        (KA-9: incidents per 1,000 shipments), counted as superuser: handlers
        do not manage key accounts."""
        Incident = self.sudo()
        Kpi = self.env["key.account.service.kpi"]
        for partner, month in set(months) | self._key_account_months():
            count = Incident.search_count(
                [
                    ("partner_id", "child_of", partner.id),
                    ("incident_date", ">=", datetime.combine(month, time.min)),
                    (
                        "incident_date",
                        "<",
                        datetime.combine(add_months(month, 1), time.min),
                    ),
                ]
            )
            Kpi._record(partner, month, incidents=count)

    def _on_severity_raised(self):
        """The incidents became major or extraordinary (or were created so)."""
        self._warn_key_account()

    def _on_paid(self):
        """The incidents are paid, their split final: the staff who bear a
        share are told and charged (CL-6)."""
        self.share_ids._charge_staff()

    # ------------------------------------------------------------
    # AUTHORITY (CL-3)
    # ------------------------------------------------------------

    def _authority_rules(self):
        self.ensure_one()
        return (
            self.env["courier.authority.rule"]
            .sudo()
            .search([("company_id", "=", self.company_id._policy().id)])
        )

    def _required_levels(self):
        self.ensure_one()
        rules = self._authority_rules()
        if not rules:
            raise UserError(self.env._("No approval authority is configured."))
        return required_levels(
            self.compensation,
            [AuthorityRule(r.level, r, r.amount_max or None) for r in rules],
            self.beyond_standard,
            rules.filtered("approves_beyond_standard").mapped("level"),
            hq_level=max(rules.mapped("level")) if self._goes_to_hq() else None,
        )

    def _goes_to_hq(self):
        """A dispute between branches with unclear responsibility, from the HQ
        threshold on (000 section 3.3): headquarters decides."""
        self.ensure_one()
        return bool(
            self.cross_branch
            and not self.responsibility_clear
            and self.compensation
            >= self.company_id._policy().courier_cross_branch_hq_amount
        )

    def _missing_levels(self):
        self.ensure_one()
        if not self._authority_rules():
            return []
        return missing_levels(
            self._required_levels(), self._current_approvals().mapped("level")
        )

    def _current_approvals(self):
        """The approvals given for today's compensation."""
        self.ensure_one()
        return self.approval_ids.filtered(
            lambda approval: (
                not self.currency_id.compare_amounts(approval.amount, self.compensation)
            )
        )

    def _user_level(self, user):
        """The highest approval level ``user`` holds, 0 for none."""
        return max(
            (
                rule.level
                for rule in self._authority_rules()
                if rule.group_id in user.groups_id
            ),
            default=0,
        )

    # ------------------------------------------------------------
    # APPROVAL: WHO APPROVES NOW
    # ------------------------------------------------------------

    def _approval_candidates(self):
        """Who may approve at some level: in the incident's branch, neither
        its registrant nor its handler, and not approved yet for today's
        compensation."""
        self.ensure_one()
        users = self._authority_rules().group_id.sudo().users
        return users.filtered(
            lambda user: (
                not user.share
                and self.company_id in user.company_ids
                and user not in self._workflow_owners()
                and user not in self._current_approvals().user_id
            )
        )

    @api.model
    def _approval_pending_domain(self):
        return [("state", "=", "awaiting_approval")]

    def _approval_users(self):
        """For each level still missing, the candidates of the lowest level
        that covers it: a branch claim waits for the branch, not the general
        manager (who may still approve it)."""
        if self.state != "awaiting_approval" or not self._authority_rules():
            return super()._approval_users()
        candidates = self._approval_candidates()
        levels = {user: self._user_level(user) for user in candidates}
        users = self.env["res.users"]
        for wanted in self._missing_levels():
            covering = [level for level in levels.values() if level >= wanted]
            if covering:
                lowest = min(covering)
                users |= candidates.filtered(
                    lambda u, lowest=lowest: levels[u] == lowest
                )
        return users

    def _approval_can_act(self, user):
        if self.state != "awaiting_approval" or not self._authority_rules():
            return False
        level = self._user_level(user)
        return user in self._approval_candidates() and any(
            wanted <= level for wanted in self._missing_levels()
        )

    def _approval_summary(self):
        return self.env._(
            "Approve %(incident)s: %(who)s",
            incident=self.name,
            who=self.approval_needed,
        )

    # ------------------------------------------------------------
    # DEADLINES (CL-4)
    # ------------------------------------------------------------

    def _is_serious(self):
        """Major or extraordinary, or beyond every branch level of authority."""
        self.ensure_one()
        if self.severity in ("major", "extraordinary"):
            return True
        rules = self._authority_rules()
        return bool(rules) and max(self._required_levels()) == max(
            rules.mapped("level")
        )

    def _threshold_loss(self):
        """The loss the ladder's thresholds read: the loss amount, the first
        loss estimate standing in until it is entered."""
        self.ensure_one()
        return self.loss_amount or self.first_loss_estimate

    def _plan_deadlines(self):
        """Give each open incident the steps that apply to it, and take off
        the open ones that no longer do (a loss lowered below a threshold);
        done steps stay as history. Idempotent."""
        for incident in self.filtered(lambda i: i.state in OPEN_STATES):
            rules = (
                self.env["courier.deadline.rule"]
                .sudo()
                .search([("company_id", "=", incident.company_id._policy().id)])
            )
            applies = {"all"}
            if incident._is_serious():
                applies.add("serious")
            if incident.insured:
                applies.add("insured")
            if incident.recovery_ids.filtered(lambda r: r.state in UNSETTLED_STATES):
                applies.add("recovery")
            rules = rules.filtered(
                lambda rule, a=applies, i=incident: rule._applies(i, a)
            )
            stale = incident.sudo().deadline_ids.filtered(
                lambda step, rules=rules: (
                    not step.done_date and step.rule_id not in rules
                )
            )
            if stale:
                incident.message_post(
                    body=self.env._(
                        "No longer on the ladder: %(steps)s.",
                        steps=", ".join(stale.mapped("name")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                stale.activity_ids.exists().unlink()
                stale.unlink()
            incident._add_deadline_steps(rules)

    def _add_deadline_steps(self, rules):
        """The steps of ``rules`` the incident has not had yet, scheduled."""
        self.ensure_one()
        new = rules - self.deadline_ids.rule_id
        steps = (
            self.env["courier.incident.deadline"]
            .sudo()
            .create(
                [
                    {"incident_id": self.id, "rule_id": rule.id, "due": rule._due(self)}
                    for rule in new
                ]
            )
        )
        steps._schedule()

    def _close_first_report_steps(self):
        """The first report recorded closes its step, done when it was given."""
        for incident in self.filtered("reported_at"):
            incident.sudo().deadline_ids.filtered(
                "rule_id.done_on_first_report"
            )._mark_done(done_date=incident.reported_at)

    def _letter_sent(self, template):
        """A letter sent from ``template`` closes the steps it is the letter of."""
        self.sudo().deadline_ids.filtered(
            lambda step: step.rule_id.done_template_id == template
        )._mark_done()

    # ------------------------------------------------------------
    # WORKFLOW
    # ------------------------------------------------------------

    def _move_to(self, state, reason):
        """Move to ``state`` with the reason the chatter keeps."""
        return self._workflow_move(state, reason=reason)

    def _workflow_check(self, old, new):
        if (
            new == "awaiting_approval"
            and old == "negotiating"
            and not self.compensation
        ):
            raise UserError(self.env._("Assess the compensation first."))
        self._check_can_reach(new)

    def _check_can_reach(self, state):
        """What ``state`` asks of the incident, however it is reached: a paid
        one has its credit note posted; an approved or paid one, the approvals
        of today's compensation."""
        if state == "paid" and self.payout_move_id.state != "posted":
            raise UserError(
                self.env._("Post the compensation credit note before paying.")
            )
        if state in ("approved", "paid") and self._missing_levels():
            raise UserError(
                self.env._(
                    "%(incident)s needs the approval of: %(who)s.",
                    incident=self.name,
                    who=self.approval_needed,
                )
            )

    def _workflow_move(self, new_state, values=None, reason=None):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for this step."))
        res = super()._workflow_move(new_state, values, reason)
        self._approval_sync()
        for incident in self:
            reached = STATE_ORDER.index(new_state) if new_state in STATE_ORDER else -1
            incident.sudo().deadline_ids.filtered(
                lambda step, reached=reached: (
                    step.rule_id.done_state
                    and STATE_ORDER.index(step.rule_id.done_state) <= reached
                )
            )._mark_done()
        if new_state == "paid":
            self._on_paid()
        if new_state == "closed":
            self._follow_up_key_account()
        return res

    def _follow_up_key_account(self):
        """A closed incident of a key account: its manager calls the customer
        back and one contact is surveyed (issue 21), as superuser."""
        Campaign = self.env["key.account.survey.campaign"].sudo()
        for incident in self:
            partner = incident._key_account()
            if partner:
                Campaign._follow_up_case(partner, incident.name)

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for incident in self:
            incident.complaint_count = len(incident.complaint_ids)

    def action_view_complaints(self):
        """The complaints on this incident's matter."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "courier_claims.courier_complaint_action"
        )
        action["domain"] = [("incident_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_open_transition(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Next Step"),
            "res_model": "courier.incident.transition",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_incident_id": self.id,
                "default_new_state": self.env.context.get("next_state"),
            },
        }

    def action_approve(self):
        """Approve at the user's level; approved once every level has approved
        today's compensation. Nobody approves what they registered or handle."""
        for incident in self:
            incident._workflow_lock()
            if incident.state != "awaiting_approval":
                raise UserError(self.env._("Only incidents awaiting approval."))
            incident._workflow_check_four_eyes()
            if self.env.user in incident._current_approvals().user_id:
                raise UserError(self.env._("You have already approved it."))
            missing = incident._missing_levels()
            level = incident._user_level(self.env.user)
            if not any(wanted <= level for wanted in missing):
                # Above the user's authority: a business rule, not an access
                # error; the level that must approve has it in its list.
                incident._approval_refuse(
                    self.env._(
                        "%(incident)s needs the approval of: %(who)s.",
                        incident=incident.name,
                        who=incident.approval_needed,
                    )
                )
            incident.check_access("write")
            self.env["courier.incident.approval"].sudo().create(
                {
                    "incident_id": incident.id,
                    "user_id": self.env.uid,
                    "level": level,
                    "amount": incident.compensation,
                }
            )
            if not incident._missing_levels():
                incident._workflow_move(
                    "approved",
                    reason=self.env._("every required level has approved"),
                )
            else:
                # the next level is told now
                incident._approval_sync()

    # ------------------------------------------------------------
    # PAYOUT AND RECOVERY (CL-7)
    # ------------------------------------------------------------

    def _prepare_compensation_line_vals(self, amount, label):
        """A line of ``amount`` on the claims compensation account, untaxed."""
        self.ensure_one()
        account = self.company_id._policy().courier_compensation_account_id
        if not account:
            raise UserError(
                self.env._(
                    "Set the claims compensation account on %(company)s first.",
                    company=self.company_id._policy().name,
                )
            )
        return {
            "name": label,
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [],
            "account_id": account.id,
        }

    def _prepare_payout_move_line_vals(self):
        """The compensation line of the payout credit note."""
        self.ensure_one()
        return self._prepare_compensation_line_vals(
            self.compensation,
            self.env._(
                "Compensation for %(incident)s, waybill %(waybill)s",
                incident=self.name,
                waybill=self.waybill or "",
            ),
        )

    def _prepare_payout_move_vals(self):
        """The payout: a credit note to the customer (a hook for another
        addon's journal, analytic account or extra lines), marked as a
        compensation document: it is not revenue (X1)."""
        self.ensure_one()
        return {
            "move_type": "out_refund",
            "key_account_compensation": True,
            "partner_id": self.partner_id.id,
            "invoice_origin": self.name,
            "ref": self.env._("Compensation %s", self.name),
            "invoice_line_ids": [Command.create(self._prepare_payout_move_line_vals())],
        }

    def _prepare_recovery_move_vals(self, carrier):
        """The invoice of ``carrier``'s shares of the compensation."""
        self.ensure_one()
        return {
            "move_type": "out_invoice",
            "partner_id": carrier.id,
            "invoice_origin": self.name,
            "invoice_line_ids": [
                Command.create(
                    self._prepare_compensation_line_vals(
                        self.recovery_amount,
                        self.env._("Your share of the compensation for %s", self.name),
                    )
                )
            ],
        }

    def action_create_payout(self):
        """The compensation as a posted credit note to the customer."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "approved" or self.payout_move_id:
            raise UserError(self.env._("Only an approved incident is paid, once."))
        if self._missing_levels():  # the approvals must cover today's amount
            raise UserError(
                self.env._(
                    "%(incident)s needs the approval of: %(who)s.",
                    incident=self.name,
                    who=self.approval_needed,
                )
            )
        move = (
            self.env["account.move"]
            .with_company(self.company_id)
            ._key_account_create_compensation([self._prepare_payout_move_vals()])
        )
        move.action_post()
        self._workflow_write({"payout_move_id": move.id})  # access checked above
        self.message_post(
            body=self.env._("Compensation credit note %s posted.", move.name)
        )
        return move

    def action_invoice_carrier(self):
        """Invoice the responsible carrier its shares of the compensation."""
        self.ensure_one()
        self.check_access("write")
        carriers = self.share_ids.filtered(lambda s: s.party_type == "carrier")
        if not carriers or self.recovery_move_id:
            raise UserError(self.env._("No carrier share to invoice, or already done."))
        if len(carriers.carrier_id) != 1:
            raise UserError(self.env._("Invoice one carrier at a time."))
        move = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(self._prepare_recovery_move_vals(carriers.carrier_id))
        )
        move.action_post()
        self._workflow_write({"recovery_move_id": move.id})
        return move

    # ------------------------------------------------------------
    # ALLOCATION PLAN AND NETWORK RECOVERY (000 3.3, 8.3; 002 art. 2-4)
    # ------------------------------------------------------------

    def _recovery_parties(self):
        """``{(party_type, branch or carrier): shares}`` of the shares another
        branch or a carrier bears; the paying branch's own and the staff's
        stay with it."""
        self.ensure_one()
        parties = {}
        for share in self.share_ids:
            if share.party_type == "carrier":
                key = ("carrier", share.carrier_id)
            elif share.party_type == "branch" and share.branch_id != self.company_id:
                key = ("branch", share.branch_id)
            else:
                continue
            parties[key] = parties.get(key, share.browse()) | share
        return parties

    def _recovery_parties_to_raise(self):
        """The parties of the plan without a recovery (a withdrawn one aside)."""
        raised = self.recovery_ids.filtered(lambda r: r.state != "cancelled")
        return {
            (kind, party): shares
            for (kind, party), shares in self._recovery_parties().items()
            if party
            not in (
                raised.carrier_id
                if kind == "carrier"
                else raised.responsible_company_id
            )
        }

    def _allocation_plan(self):
        """The plan as one text, to tell whether the approved one still holds:
        each party's share, and the compensation they are shares of."""
        self.ensure_one()
        parties = self._recovery_parties()
        if not parties:
            return False
        return ";".join(
            [
                f"{self.compensation:.2f}",
                *sorted(
                    f"{kind}:{party.id}:{sum(shares.mapped('percent')):.2f}"
                    for (kind, party), shares in parties.items()
                ),
            ]
        )

    def _allocation_rule(self):
        """Who approves the plan: headquarters when it decides the dispute
        (the HQ threshold, as the compensation), else the first level."""
        self.ensure_one()
        rules = self._authority_rules()
        if not rules:
            raise UserError(self.env._("No approval authority is configured."))
        levels = rules.mapped("level")
        level = max(levels) if self._goes_to_hq() else min(levels)
        return rules.filtered(lambda rule: rule.level == level)[:1]

    def action_approve_allocation(self):
        """Approve who bears what share; nobody approves the plan of an
        incident they registered or handle."""
        for incident in self:
            incident._workflow_lock()
            if incident.allocation_state != "to_approve":
                raise UserError(
                    self.env._(
                        "%(incident)s has no allocation plan to approve.",
                        incident=incident.name,
                    )
                )
            incident._workflow_check_four_eyes()
            rule = incident._allocation_rule()
            if incident._user_level(self.env.user) < rule.level:
                raise UserError(
                    self.env._(
                        "The allocation plan of %(incident)s is approved by: %(who)s.",
                        incident=incident.name,
                        who=rule.name,
                    )
                )
            incident._workflow_write(
                {
                    "allocation_approved_plan": incident._allocation_plan(),
                    "allocation_approved_uid": self.env.uid,
                    "allocation_approved_date": fields.Datetime.now(),
                },
                message=self.env._("Allocation plan approved."),
            )
        return True

    def action_raise_recoveries(self):
        """Raise a draft recovery against each branch or carrier bearing a
        share of the approved plan, once; they are then sent from their form."""
        self.ensure_one()
        self.check_access("write")
        user = self.env.user
        if not self.env.su and not (
            self.company_id in user.company_ids and user.has_group(USER)
        ):
            raise UserError(self.env._("The paying branch raises its recoveries."))
        if self.state not in RECOVERABLE_STATES:
            raise UserError(
                self.env._("Recoveries are raised once the compensation is approved.")
            )
        if self.allocation_state != "approved":
            raise UserError(
                self.env._(
                    "Have the allocation plan of %(incident)s approved first.",
                    incident=self.name,
                )
            )
        vals_list = []
        for (kind, party), shares in self._recovery_parties_to_raise().items():
            vals_list.append(
                {
                    "incident_id": self.id,
                    "company_id": self.company_id.id,
                    "party_type": kind,
                    "responsible_company_id": party.id if kind == "branch" else False,
                    "carrier_id": party.id if kind == "carrier" else False,
                    "base_amount": self.compensation,
                    "percent": sum(shares.mapped("percent")),
                    "amount": sum(shares.mapped("amount")),
                }
            )
        if not vals_list:
            raise UserError(
                self.env._("Every party of the plan has its recovery already.")
            )
        # the workflow's figures come from the approved plan, not the client
        self.env["courier.incident.recovery"].sudo().with_company(
            self.company_id
        ).create(vals_list)
        return self.action_view_recoveries()

    def action_view_recoveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "courier_claims.courier_incident_recovery_action"
        )
        action["domain"] = [("incident_id", "=", self.id)]
        action["context"] = {"create": False}
        if len(self.recovery_ids) == 1:
            action.update(view_mode="form", views=[(False, "form")])
            action["res_id"] = self.recovery_ids.id
        return action

    def _recovery_steps_update(self):
        """The step "refer failed recoveries to HQ arbitration" runs while a
        recovery waits for its answer or a disputed one stays with the
        branches, and is done once none does."""
        for incident in self:
            rules = (
                self.env["courier.deadline.rule"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", incident.company_id._policy().id),
                        ("applies_to", "=", "recovery"),
                    ]
                )
            )
            if incident.recovery_ids.filtered(lambda r: r.state in UNSETTLED_STATES):
                incident._add_deadline_steps(rules)
            else:
                incident.sudo().deadline_ids.filtered(
                    lambda step, rules=rules: step.rule_id in rules
                )._mark_done()

    # ------------------------------------------------------------
    # LETTERS
    # ------------------------------------------------------------

    def action_send_letter(self):
        """Open the composer with the apology, negotiation or confirmation letter."""
        self.ensure_one()
        letter = self.env.context.get("letter")
        if letter not in ("apology", "negotiation", "confirmation"):
            raise UserError(self.env._("Choose a letter to send."))
        template = self.env.ref(f"courier_claims.mail_template_incident_{letter}")
        return self._composer_action(template)

    # ------------------------------------------------------------
    # KEY ACCOUNTS (KA-2, KA-6)
    # ------------------------------------------------------------

    def _key_account(self):
        partner = self.partner_id.commercial_partner_id
        return partner if partner.is_key_account else partner.browse()

    def _plan_key_account_apologies(self):
        """Apologies per N incidents this year (KA-2), as superuser: the handler
        registering an incident need not manage key-account contacts."""
        for incident in self:
            partner = incident._key_account()
            if not partner:
                continue
            since = incident.incident_date.date().replace(month=1, day=1)
            count = self.sudo().search_count(
                [
                    ("partner_id", "child_of", partner.id),
                    ("incident_date", ">=", since),
                    ("state", "!=", "rejected"),
                ]
            )
            self.env["key.account.visit"].sudo()._plan_incident_apologies(
                partner, count, since
            )

    def _warn_key_account(self):
        for incident in self:
            partner = incident._key_account()
            if not partner:
                continue
            self.env["key.account.warning"].sudo().open_case(
                partner,
                "major_incident",
                "serious" if incident.severity == "extraordinary" else "warning",
                note=self.env._(
                    "%(incident)s: %(kind)s of %(amount)s on waybill %(waybill)s.",
                    incident=incident.name,
                    kind=dict(
                        incident._fields["kind"]._description_selection(self.env)
                    )[incident.kind],
                    amount=incident.compensation,
                    waybill=incident.waybill or "",
                ),
                source_ref=incident.name,
            )
