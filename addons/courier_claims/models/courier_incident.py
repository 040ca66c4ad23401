from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.claims import (
    AuthorityRule,
    SeverityRule,
    missing_levels,
    required_levels,
    severity,
)
from .courier_deadline import STATE_ORDER
from .courier_rules import INCIDENT_KINDS

OPEN_STATES = ("reported", "investigating", "negotiating", "awaiting_approval")
LOCKED_STATES = ("paid", "closed", "rejected")
# Who moves an incident from one state to another; approval has its own action.
TRANSITIONS = {
    ("reported", "investigating"): "user",
    ("investigating", "negotiating"): "user",
    ("negotiating", "awaiting_approval"): "user",
    ("awaiting_approval", "negotiating"): "user",
    ("approved", "paid"): "manager",
    ("paid", "closed"): "manager",
    **{(state, "rejected"): "manager" for state in OPEN_STATES},
}
GROUPS = {
    "user": "courier_claims.courier_claims_group_user",
    "manager": "courier_claims.courier_claims_group_manager",
}
# Changes that may make an incident serious, and so add steps to its ladder.
PLANNING_FIELDS = {
    "insured",
    "kind",
    "claimed_amount",
    "assessed_amount",
    "beyond_standard",
    "responsible_company_id",
    "responsibility_clear",
}
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
    """A service incident (服务事故) from report to payout (CL-1)."""

    _name = "courier.incident"
    _description = "Service Incident"
    _inherit = [
        "key.account.sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "incident_date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
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
    carrier_id = fields.Many2one("res.partner", tracking=True)
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
    state = fields.Selection(
        [
            ("reported", "Reported"),
            ("investigating", "Investigating"),
            ("negotiating", "Negotiating"),
            ("awaiting_approval", "Awaiting Approval"),
            ("approved", "Approved"),
            ("paid", "Paid"),
            ("closed", "Closed"),
            ("rejected", "Rejected"),
        ],
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
    deadline_ids = fields.One2many(
        "courier.incident.deadline", "incident_id", string="Deadlines"
    )

    @api.depends("claimed_amount", "assessed_amount")
    def _compute_compensation(self):
        for incident in self:
            incident.compensation = incident.assessed_amount or incident.claimed_amount

    @api.depends("kind", "compensation", "company_id")
    def _compute_severity(self):
        thresholds = {}  # per group of companies, read once
        for incident in self:
            root = incident.company_id.root_id
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
                incident.kind, incident.compensation, thresholds[root]
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
            incident.locked = incident.state in LOCKED_STATES

    @api.depends("approval_ids", "compensation", "beyond_standard", "cross_branch")
    def _compute_approval_needed(self):
        for incident in self:
            rules = incident._authority_rules()
            missing = set(incident._missing_levels())
            incident.approval_needed = ", ".join(
                rule.name for rule in rules if rule.level in missing
            )

    @api.constrains("share_ids")
    def _check_shares(self):
        for incident in self:
            if (
                incident.share_ids
                and round(sum(incident.share_ids.mapped("percent")), 2) != 100
            ):
                raise ValidationError(
                    self.env._(
                        "The responsibility shares of %(incident)s add up to "
                        "%(total)s%%, not 100%%.",
                        incident=incident.name,
                        total=round(sum(incident.share_ids.mapped("percent")), 2),
                    )
                )

    @api.constrains("claimed_amount", "assessed_amount", "declared_value", "premium")
    def _check_amounts_not_negative(self):
        for incident in self:
            if (
                min(
                    incident.claimed_amount,
                    incident.assessed_amount,
                    incident.declared_value,
                    incident.premium,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(incident)s: claimed, assessed and declared amounts and "
                        "the premium cannot be negative.",
                        incident=incident.name,
                    )
                )

    @api.constrains("incident_date")
    def _check_incident_date(self):
        self._key_account_check_dates(["incident_date"])

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

    @api.model_create_multi
    def create(self, vals_list):
        incidents = super().create(vals_list)
        incidents._plan_deadlines()
        return incidents

    def write(self, vals):
        self._check_company_change(vals)
        if "state" in vals and not self.env.su:
            raise UserError(
                self.env._("An incident changes state through its buttons only.")
            )
        if self.filtered("locked") and set(vals) - {
            "state",
            "message_main_attachment_id",
            "activity_ids",
            "message_follower_ids",
        }:
            raise UserError(
                self.env._(
                    "Incident %(names)s is paid, closed or rejected: it is locked.",
                    names=", ".join(self.filtered("locked").mapped("name")),
                )
            )
        res = super().write(vals)
        if set(vals) & PLANNING_FIELDS:
            self._plan_deadlines()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_reported(self):
        if self.filtered(lambda incident: incident.state != "reported"):
            raise UserError(self.env._("Only incidents still reported are deleted."))

    # ---- authority (CL-3) ----------------------------------------------------

    def _authority_rules(self):
        self.ensure_one()
        return (
            self.env["courier.authority.rule"]
            .sudo()
            .search([("company_id", "=", self.company_id.root_id.id)])
        )

    def _required_levels(self):
        self.ensure_one()
        rules = self._authority_rules()
        if not rules:
            raise UserError(self.env._("No approval authority is configured."))
        policy = self.company_id.root_id
        to_hq = (
            self.cross_branch
            and not self.responsibility_clear
            and self.compensation >= policy.courier_cross_branch_hq_amount
        )
        return required_levels(
            self.compensation,
            [AuthorityRule(r.level, r, r.amount_max or None) for r in rules],
            self.beyond_standard,
            rules.filtered("approves_beyond_standard").mapped("level"),
            hq_level=max(rules.mapped("level")) if to_hq else None,
        )

    def _missing_levels(self):
        self.ensure_one()
        if not self._authority_rules():
            return []
        return missing_levels(
            self._required_levels(), self.approval_ids.mapped("level")
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

    # ---- deadlines (CL-4) ----------------------------------------------------

    def _is_serious(self):
        """Major or extraordinary, or beyond every branch level of authority."""
        self.ensure_one()
        if self.severity in ("major", "extraordinary"):
            return True
        rules = self._authority_rules()
        return bool(rules) and max(self._required_levels()) == max(
            rules.mapped("level")
        )

    def _plan_deadlines(self):
        """Give each open incident the steps that apply to it; idempotent."""
        Deadline = self.env["courier.incident.deadline"].sudo()
        for incident in self.filtered(lambda i: i.state in OPEN_STATES):
            rules = (
                self.env["courier.deadline.rule"]
                .sudo()
                .search([("company_id", "=", incident.company_id.root_id.id)])
            )
            applies = {"all"}
            if incident._is_serious():
                applies.add("serious")
            if incident.insured:
                applies.add("insured")
            rules = rules.filtered(lambda rule, a=applies: rule.applies_to in a)
            new = rules - incident.deadline_ids.rule_id
            steps = Deadline.create(
                [
                    {
                        "incident_id": incident.id,
                        "rule_id": rule.id,
                        "due": rule._due(incident),
                    }
                    for rule in new
                ]
            )
            steps._schedule()

    # ---- workflow ------------------------------------------------------------

    def _move_to(self, state, reason):
        """Move to ``state`` after checking the transition, with its reason."""
        for incident in self:
            role = TRANSITIONS.get((incident.state, state))
            if role is None:
                raise UserError(
                    self.env._(
                        "%(incident)s cannot go from %(old)s to %(new)s.",
                        incident=incident.name,
                        old=incident._state_label(incident.state),
                        new=incident._state_label(state),
                    )
                )
            if not self.env.user.has_group(GROUPS[role]):
                raise AccessError(
                    self.env._(
                        "You may not move %(incident)s to %(state)s.",
                        incident=incident.name,
                        state=incident._state_label(state),
                    )
                )
            if state == "awaiting_approval" and not incident.compensation:
                raise UserError(self.env._("Assess the compensation first."))
            incident._record_transition(state, reason)

    def _record_transition(self, state, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for this step."))
        old = self._state_label(self.state)
        self.sudo().write({"state": state})  # checked by the caller
        reached = STATE_ORDER.index(state) if state in STATE_ORDER else -1
        self.sudo().deadline_ids.filtered(
            lambda step: (
                step.rule_id.done_state
                and STATE_ORDER.index(step.rule_id.done_state) <= reached
            )
        )._mark_done()
        self.message_post(
            body=self.env._(
                "%(old)s → %(new)s: %(reason)s",
                old=old,
                new=self._state_label(state),
                reason=reason,
            )
        )

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

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
        """Approve at the user's level; approved once every level has approved."""
        for incident in self:
            if incident.state != "awaiting_approval":
                raise UserError(self.env._("Only incidents awaiting approval."))
            if self.env.user in incident.approval_ids.user_id:
                raise UserError(self.env._("You have already approved it."))
            required = incident._required_levels()
            missing = incident._missing_levels()
            level = incident._user_level(self.env.user)
            if not any(wanted <= level for wanted in missing):
                raise AccessError(
                    self.env._(
                        "%(incident)s needs the approval of: %(who)s.",
                        incident=incident.name,
                        who=incident.approval_needed,
                    )
                )
            self.env["courier.incident.approval"].sudo().create(
                {"incident_id": incident.id, "user_id": self.env.uid, "level": level}
            )
            if not missing_levels(required, incident.approval_ids.mapped("level")):
                incident._record_transition(
                    "approved", self.env._("every required level has approved")
                )
