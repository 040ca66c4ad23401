from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.legal_rules import days_after, hq_duties, limitation_expiry
from .legal_case_deadline import CASE_DEADLINES

STAGES = [
    ("intake", "Intake"),
    ("evidence", "Evidence Collection"),
    ("filing", "Filing Prepared"),
    ("court", "In Court"),
    ("judgment", "Judgment"),
    ("enforcement", "Enforcement"),
    ("closed", "Closed"),
]
LEGAL = "cs_legal.cs_legal_group_user"
GENERAL_MANAGER = "courier_claims.courier_claims_group_general_manager"
# branch levels that litigate themselves (000 §2.2(二)4)
LITIGATING_LEVELS = ("hq", "level_1_2")
# The PRC Civil Code (art. 188) protects no right 20 years after the harm: a
# longer limitation period is a typo.
MAX_LIMITATION_YEARS = 20
# what a case's deadline steps follow
STEP_FIELDS = {
    "stage",
    "role",
    "company_id",
    "date_opened",
    "date_known",
    "limitation_years",
    "evidence_done_on",
    "date_filed",
    "date_served",
    "date_answered",
    "preservation_requested_at",
    "preservation_executed_on",
}


class LegalCase(models.Model):
    """A lawsuit as plaintiff or defendant, its deadlines and duties (LG-4)."""

    _name = "legal.case"
    _description = "Legal Case"
    _inherit = [
        "approval.activity.mixin",
        "guarded.workflow.mixin",
        "letter.composer.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "sequence.reference.mixin",
    ]
    _order = "date_opened desc, id desc"
    _track_state_field = "stage"
    _track_state_subtypes = {"closed": "cs_legal.mt_legal_case_closed"}
    _check_company_auto = True

    # Legal staff move a case forward, to court once the HQ duties are met,
    # and close it at any stage. A closed case keeps its record; its outcome
    # and the invoices it recovered are still written down.
    _workflow_field = "stage"
    _workflow_transitions = {
        ("intake", "evidence"): LEGAL,
        ("evidence", "filing"): LEGAL,
        ("intake", "court"): LEGAL,
        ("evidence", "court"): LEGAL,
        ("filing", "court"): LEGAL,
        ("court", "judgment"): LEGAL,
        ("judgment", "enforcement"): LEGAL,
        **{(stage, "closed"): LEGAL for stage, _label in STAGES[:-1]},
    }
    _workflow_fields = frozenset(
        {
            "hq_filed_on",
            "hq_reported_on",
            "date_closed",
            "court_signoff_requested",
            "court_signed_by_id",
            "court_signed_on",
        }
    )
    _workflow_locked_states = ("closed",)
    _workflow_free_fields = frozenset({"outcome", "recovered_invoice_ids"})

    title = fields.Char(required=True, tracking=True)
    role = fields.Selection(
        [("plaintiff", "Plaintiff"), ("defendant", "Defendant")],
        string="We Are",
        required=True,
        default="plaintiff",
        tracking=True,
    )
    counterparty_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Legal Officer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    hq_lawyer_id = fields.Many2one(
        "res.users",
        string="HQ Legal",
        tracking=True,
        help="Headquarters legal staff taking part (required from the HQ amount).",
    )
    claim_amount = fields.Monetary(required=True, tracking=True)
    court = fields.Char(tracking=True)
    stage = fields.Selection(
        STAGES, default="intake", required=True, readonly=True, tracking=True
    )
    incident_id = fields.Many2one(
        "courier.incident",
        string="Service Incident",
        index=True,
        tracking=True,
        check_company=True,
    )
    recovered_invoice_ids = fields.Many2many(
        "account.move",
        relation="account_move_legal_case_rel",
        column1="legal_case_id",
        column2="account_move_id",
        string="Invoices Recovered",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', counterparty_id)]",
        help="Money collected on these invoices through the case earns no "
        "key-account commission.",
    )
    evidence_ids = fields.One2many("legal.case.evidence", "case_id")
    evidence_missing = fields.Integer(compute="_compute_evidence_missing")
    # Reporting rules of the manual.
    hq_filed_on = fields.Date(
        string="Filed with HQ Legal",
        readonly=True,
        copy=False,
        help="Every case is filed with headquarters legal when it is opened.",
    )
    hq_report_required = fields.Boolean(compute="_compute_hq_duties", store=True)
    hq_take_part_required = fields.Boolean(compute="_compute_hq_duties", store=True)
    hq_reported_on = fields.Date(string="Reported to HQ", readonly=True, copy=False)
    # Entering proceedings (000 §7.2.2, §2.2(二)4): the general manager signs,
    # and a level 3+ branch litigates through its level 1-2 branch or HQ.
    court_signoff_requested = fields.Boolean(
        string="Court Sign-off Requested", readonly=True, copy=False
    )
    court_signed_by_id = fields.Many2one(
        "res.users",
        string="Court Signed Off by",
        readonly=True,
        copy=False,
        tracking=True,
        help="The general manager (or the branch's configured approver) who "
        "approved entering proceedings.",
    )
    court_signed_on = fields.Datetime(
        string="Court Signed Off on", readonly=True, copy=False
    )
    litigating_company_id = fields.Many2one(
        "res.company",
        string="Litigating Branch",
        tracking=True,
        domain="[('id', 'parent_of', company_id), "
        "('key_account_branch_level', 'in', ('hq', 'level_1_2', False))]",
        help="Only level 1-2 branches and headquarters litigate: a level 3+ "
        "branch names the level 1-2 branch above it or headquarters.",
    )
    litigating_company_required = fields.Boolean(
        string="Litigating Branch Required",
        compute="_compute_litigating_company_required",
    )
    # Deadlines.
    date_opened = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    date_known = fields.Date(
        string="Right Known On",
        help="The day the company knew of the harm: the limitation runs from it.",
    )
    limitation_years = fields.Integer(
        default=lambda self: self.env.company._policy().legal_limitation_years,
        required=True,
    )
    limitation_date = fields.Date(compute="_compute_deadlines", store=True)
    evidence_deadline = fields.Date(compute="_compute_deadlines", store=True)
    evidence_done_on = fields.Date(string="Evidence Collected", tracking=True)
    filing_deadline = fields.Date(compute="_compute_deadlines", store=True)
    date_filed = fields.Date(string="Filed in Court", tracking=True)
    date_served = fields.Date(
        string="Complaint Served",
        tracking=True,
        help="When we were served as defendant.",
    )
    answer_deadline = fields.Date(compute="_compute_deadlines", store=True)
    date_answered = fields.Date(tracking=True)
    preservation_requested_at = fields.Datetime(
        string="Preservation Requested", tracking=True
    )
    preservation_ruling_due = fields.Datetime(compute="_compute_deadlines", store=True)
    preservation_executed_on = fields.Date(
        string="Preservation Executed", tracking=True
    )
    preservation_suit_deadline = fields.Date(compute="_compute_deadlines", store=True)
    next_deadline = fields.Date(compute="_compute_deadlines", store=True)
    # the deadlines above as steps of the deadline clock: reminded, escalated
    deadline_step_ids = fields.One2many(
        "legal.case.deadline", "case_id", string="Deadline Steps"
    )
    # Fees and outcome.
    fee_schedule_id = fields.Many2one(
        "legal.fee.schedule",
        default=lambda self: self.env.company._policy().legal_fee_schedule_id,
    )
    court_fee = fields.Monetary(compute="_compute_court_fee", store=True)
    date_closed = fields.Date(readonly=True, copy=False)
    outcome = fields.Html()

    _sql_constraints = [
        ("claim_positive", "CHECK(claim_amount >= 0)", "A claim cannot be negative."),
    ]

    @api.depends("evidence_ids.done")
    def _compute_evidence_missing(self):
        for case in self:
            case.evidence_missing = len(
                case.evidence_ids.filtered(lambda e: not e.done)
            )

    @api.depends("company_id.key_account_branch_level")
    def _compute_litigating_company_required(self):
        for case in self:
            case.litigating_company_required = not case.company_id._legal_litigates()

    # Decided by the policy in force when the claim or the branch is set.
    @api.depends("claim_amount", "company_id")
    def _compute_hq_duties(self):
        for case in self:
            policy = case.company_id._policy()
            case.hq_report_required, case.hq_take_part_required = hq_duties(
                case.claim_amount,
                policy.legal_hq_report_amount,
                policy.legal_hq_take_part_amount,
            )

    @api.depends(
        "date_opened",
        "date_known",
        "limitation_years",
        "evidence_done_on",
        "date_filed",
        "date_served",
        "date_answered",
        "preservation_requested_at",
        "preservation_executed_on",
        "stage",
    )
    def _compute_deadlines(self):
        for case in self:
            policy = case.company_id._policy()
            calendar = case.company_id.resource_calendar_id
            case.limitation_date = limitation_expiry(
                case.date_known, case.limitation_years
            )
            case.evidence_deadline = case.date_opened and calendar._add_working_days(
                case.date_opened, policy.legal_evidence_days
            )
            case.filing_deadline = (
                case.role == "plaintiff"
                and case.evidence_done_on
                and calendar._add_working_days(
                    case.evidence_done_on, policy.legal_filing_days
                )
            )
            case.answer_deadline = days_after(
                case.date_served, policy.legal_answer_days
            )
            case.preservation_ruling_due = case.preservation_requested_at and (
                case.preservation_requested_at
                + timedelta(hours=policy.legal_preservation_ruling_hours)
            )
            case.preservation_suit_deadline = days_after(
                case.preservation_executed_on, policy.legal_preservation_suit_days
            )
            case.next_deadline = case._next_open_deadline()

    def _next_open_deadline(self):
        """The earliest deadline whose step is not done yet."""
        if self.stage == "closed":
            return False
        open_ = [
            not self.evidence_done_on and self.evidence_deadline,
            not self.date_filed and self.filing_deadline,
            not self.date_answered and self.answer_deadline,
            not self.date_filed and self.preservation_suit_deadline,
            not self.date_filed and self.limitation_date,
        ]
        dates = [day for day in open_ if day]
        return min(dates) if dates else False

    @api.depends("claim_amount", "fee_schedule_id.bracket_ids")
    def _compute_court_fee(self):
        for case in self:
            schedule = case.fee_schedule_id
            case.court_fee = (
                schedule.compute_fee(case.claim_amount) if schedule else 0.0
            )

    @api.constrains("title")
    def _check_title(self):
        self._key_account_check_not_blank(["title"])

    @api.constrains("limitation_years")
    def _check_limitation_years(self):
        for case in self:
            if not 1 <= case.limitation_years <= MAX_LIMITATION_YEARS:
                raise ValidationError(
                    self.env._(
                        "The limitation period is 1 to %(max)s years, not %(years)s.",
                        max=MAX_LIMITATION_YEARS,
                        years=case.limitation_years,
                    )
                )

    @api.constrains(
        "date_opened", "date_known", "date_filed", "date_served", "date_answered"
    )
    def _check_dates(self):
        self._key_account_check_dates(
            ["date_opened", "date_known", "date_filed", "date_served", "date_answered"]
        )

    # ---- create, write, recovered invoices ---------------------------------

    def _check_recovered_invoices(self, vals):
        """Only legal managers recover invoices, only on open cases, and only the
        counterparty's posted customer invoices of the case's branch (H6): the
        flag cancels an account manager's commission on them."""
        if "recovered_invoice_ids" not in vals or self.env.su:
            return
        if not self.env.user.has_group("cs_legal.cs_legal_group_manager"):
            raise AccessError(
                self.env._("Only legal managers record the invoices a case recovers.")
            )
        if self.filtered(lambda c: c.stage == "closed"):
            raise UserError(self.env._("A closed case recovers no further invoices."))

    def _check_recovered_invoices_match(self, before):
        for case in self:
            added = case.recovered_invoice_ids.sudo() - before.get(
                case, self.env["account.move"]
            )
            wrong = added.filtered(
                lambda m, c=case: (
                    m.move_type != "out_invoice"
                    or m.state != "posted"
                    or m.company_id != c.company_id
                    or m.commercial_partner_id
                    != c.counterparty_id.commercial_partner_id
                )
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(case)s recovers only posted customer invoices of "
                        "%(partner)s in %(company)s, not %(invoices)s.",
                        case=case.name,
                        partner=case.counterparty_id.display_name,
                        company=case.company_id.name,
                        invoices=", ".join(wrong.mapped("display_name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_recovered_invoices(vals)
        cases = super().create(vals_list)
        # Filed with HQ legal as it is opened.
        cases._workflow_write({"hq_filed_on": fields.Date.context_today(self)})
        for case in cases:
            items = self.env["legal.checklist.item"]
            for scope in ("evidence", "filing"):
                items |= items._items_for(scope, case.company_id, case.role)
            case.evidence_ids = [Command.create({"item_id": i.id}) for i in items]
            case._notify_hq()
        cases._sync_deadline_steps()
        if not self.env.su:
            cases._check_recovered_invoices_match({})
        if cases.recovered_invoice_ids:
            cases.recovered_invoice_ids.sudo()._key_account_redraft_statements()
        return cases

    def write(self, vals):
        self._check_recovered_invoices(vals)
        recovered = {case: case.recovered_invoice_ids for case in self}
        before = self.recovered_invoice_ids.sudo()
        flagged = before.filtered("key_account_legal_recovery")
        res = super().write(vals)
        if STEP_FIELDS.intersection(vals):
            self._sync_deadline_steps()
        if "user_id" in vals:
            # the legal officer holds the open steps' activities
            self.sudo().deadline_step_ids._reassign()
        if "recovered_invoice_ids" in vals:
            if not self.env.su:
                self._check_recovered_invoices_match(recovered)
            # the flag follows the cases (a stored compute); what it changed
            # redrafts the draft statements that settled those invoices
            invoices = before | self.recovered_invoice_ids.sudo()
            invoices.filtered(
                lambda m: m.key_account_legal_recovery != (m in flagged)
            )._key_account_redraft_statements()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_intake(self):
        if self.filtered(lambda c: c.stage != "intake"):
            raise UserError(self.env._("Only a case still at intake can be deleted."))

    def _sync_deadline_steps(self):
        """One step per open deadline, with its activity; a step is closed
        once its deadline is met or the case closes, and moved with its date."""
        Step = self.env["legal.case.deadline"].sudo()
        for case in self:
            steps = {step.kind: step for step in case.sudo().deadline_step_ids}
            new = Step
            for kind, (_due_field, done_field) in CASE_DEADLINES.items():
                step = steps.get(kind, Step)
                due = Step._due_of(case, kind)
                if case.stage == "closed" or case[done_field] or not due:
                    step._mark_done()
                elif not step:
                    new |= Step.create({"case_id": case.id, "kind": kind, "due": due})
                else:
                    step._reschedule(due)
            new._schedule()

    def _notify_hq(self):
        """Every case is filed with HQ legal: they are told at once."""
        hq_legal = self.env.ref("cs_legal.cs_legal_group_hq").users.filtered(
            lambda u: self.company_id in u.company_ids and not u.share
        )
        if hq_legal:
            self.message_subscribe(partner_ids=hq_legal.partner_id.ids)

    # ---- stages ------------------------------------------------------------

    def _workflow_raise_locked(self):
        raise UserError(self.env._("A closed case is kept as it was closed."))

    def _check_evidence_editable(self):
        closed = self.filtered(lambda c: c.stage in self._workflow_locked_states)
        if closed and not self.env.su:
            closed._workflow_raise_locked()

    def _workflow_check(self, old, new):
        if new == "court":
            self._check_hq_duties()
            self._check_litigating_company()
            self._check_court_signoff()
        elif new == "filing" and self.evidence_missing:
            raise UserError(
                self.env._(
                    "%(case)s: %(count)s items of the evidence checklist are "
                    "still missing.",
                    case=self.name,
                    count=self.evidence_missing,
                )
            )

    def _check_hq_duties(self):
        self.ensure_one()
        if self.hq_report_required and not self.hq_reported_on:
            raise UserError(
                self.env._(
                    "%(case)s claims %(amount)s: report it to headquarters "
                    "before going to court.",
                    case=self.name,
                    amount=self.claim_amount,
                )
            )
        if self.hq_take_part_required and not self.hq_lawyer_id:
            raise UserError(
                self.env._(
                    "%(case)s claims %(amount)s: headquarters legal takes part. "
                    "Name the HQ legal staff first.",
                    case=self.name,
                    amount=self.claim_amount,
                )
            )

    def _check_litigating_company(self):
        """Only level 1-2 branches and headquarters litigate."""
        self.ensure_one()
        if self.company_id._legal_litigates():
            return
        litigant = self.litigating_company_id
        if not litigant:
            raise UserError(
                self.env._(
                    "%(case)s: %(branch)s is not a level 1-2 branch and does not "
                    "litigate itself. Name the level 1-2 branch above it or "
                    "headquarters as the litigating branch first.",
                    case=self.name,
                    branch=self.company_id.name,
                )
            )
        if (
            litigant not in self.company_id.parent_ids
            or not litigant._legal_litigates()
        ):
            raise UserError(
                self.env._(
                    "%(case)s: %(litigant)s cannot litigate for %(branch)s; name "
                    "a level 1-2 branch above it or headquarters.",
                    case=self.name,
                    litigant=litigant.name,
                    branch=self.company_id.name,
                )
            )

    def _check_court_signoff(self):
        self.ensure_one()
        if not self.court_signed_by_id:
            raise UserError(
                self.env._(
                    "%(case)s enters proceedings only with the general manager's "
                    "sign-off: request it and have it signed first.",
                    case=self.name,
                )
            )

    def _court_approvers(self):
        """Who signs off entering proceedings: the general managers of the
        case's branch and the branch's configured approver, never whoever
        registered or holds the case."""
        self.ensure_one()
        approvers = self._approval_group_users(GENERAL_MANAGER)
        configured = self.company_id.sudo().legal_court_approver_id
        if configured and configured not in self._workflow_owners():
            approvers |= configured
        return approvers

    @api.model
    def _approval_pending_domain(self):
        return [
            ("court_signoff_requested", "=", True),
            ("court_signed_by_id", "=", False),
            ("stage", "in", ("intake", "evidence", "filing")),
        ]

    def _approval_users(self):
        if (
            not self.court_signoff_requested
            or self.court_signed_by_id
            or self.stage not in ("intake", "evidence", "filing")
        ):
            return super()._approval_users()
        return self._court_approvers()

    def _approval_summary(self):
        return self.env._(
            "Sign off entering proceedings: %(name)s", name=self.display_name
        )

    def action_request_court_signoff(self):
        for case in self:
            if case.stage not in ("intake", "evidence", "filing"):
                raise UserError(
                    self.env._("%(case)s is past entering proceedings.", case=case.name)
                )
            if case.court_signed_by_id:
                raise UserError(
                    self.env._(
                        "%(case)s was already signed off by %(who)s.",
                        case=case.name,
                        who=case.court_signed_by_id.name,
                    )
                )
        self._workflow_write(
            {"court_signoff_requested": True},
            who=LEGAL,
            message=self.env._("Sign-off for entering proceedings requested."),
        )
        self._approval_sync()

    def action_sign_court(self):
        """The general manager approves entering proceedings: recorded with
        who and when."""
        for case in self:
            if case.court_signed_by_id:
                raise UserError(
                    self.env._(
                        "%(case)s was already signed off by %(who)s.",
                        case=case.name,
                        who=case.court_signed_by_id.name,
                    )
                )
            if case.stage not in ("intake", "evidence", "filing"):
                raise UserError(
                    self.env._("%(case)s is past entering proceedings.", case=case.name)
                )
            if not self.env.su and self.env.user not in case.sudo()._court_approvers():
                case.sudo()._approval_refuse(
                    self.env._(
                        "Only the general manager or the branch's configured "
                        "approver signs off entering proceedings."
                    )
                )
        # checked above: the approver needs no write access to the case
        self.sudo()._workflow_write(
            {
                "court_signoff_requested": True,
                "court_signed_by_id": self.env.uid,
                "court_signed_on": fields.Datetime.now(),
            },
            message=self.env._("Entering proceedings signed off."),
        )
        self.sudo()._approval_sync()

    def action_report_hq(self):
        closed = self.filtered(lambda c: c.stage in self._workflow_locked_states)
        if closed:
            closed._workflow_raise_locked()
        for case in self.filtered("hq_reported_on"):
            raise UserError(
                self.env._(
                    "%(case)s was already reported to headquarters on %(date)s.",
                    case=case.name,
                    date=case._key_account_format_date(case.hq_reported_on),
                )
            )
        self._workflow_write(
            {"hq_reported_on": fields.Date.context_today(self)},
            who=LEGAL,
            message=self.env._("Reported to headquarters."),
        )
        self._notify_hq()

    def action_start_evidence(self):
        self._workflow_move("evidence")

    def action_evidence_done(self):
        self._workflow_move(
            "filing", {"evidence_done_on": fields.Date.context_today(self)}
        )

    def action_go_to_court(self):
        today = fields.Date.context_today(self)
        for case in self:
            case._workflow_move(
                "court", {"date_filed": today} if case.role == "plaintiff" else {}
            )

    def action_judgment(self):
        self._workflow_move("judgment")

    def action_enforce(self):
        self._workflow_move("enforcement")

    def action_close(self):
        self._workflow_move("closed", {"date_closed": fields.Date.context_today(self)})
        # a sign-off still awaited is moot once the case is closed
        self.sudo()._approval_sync()

    def action_send_lawyer_letter(self):
        self.ensure_one()
        template = self.env.ref("cs_legal.mail_template_lawyer_letter")
        return self._composer_action(template)
