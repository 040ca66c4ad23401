from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("borrowed", "Borrowed"),
    ("returned", "Returned"),
    ("refused", "Refused"),
]
MANAGER = "cs_legal.cs_legal_group_manager"


class LegalArchiveBorrow(models.Model):
    """The borrowing register: request, approval, lending and return (LG-3)."""

    _name = "legal.archive.borrow"
    _description = "Archive Borrowing"
    _inherit = [
        "guarded.workflow.mixin",
        "approval.activity.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "sequence.reference.mixin",
    ]
    _order = "id desc"
    _track_state_subtypes = {"approved": "cs_legal.mt_legal_borrow_approved"}

    # A legal manager decides, never on a borrowing she asked for or
    # registered (four eyes); the archive room hands over and takes back.
    _workflow_transitions = {
        ("requested", "approved"): MANAGER,
        ("requested", "refused"): MANAGER,
        ("approved", "borrowed"): None,
        ("borrowed", "returned"): None,
    }
    _workflow_four_eyes = frozenset(
        {("requested", "approved"), ("requested", "refused")}
    )
    _workflow_owner_fields = ("borrower_id",)
    _workflow_fields = frozenset({"approver_id", "date_borrowed", "date_returned"})
    _workflow_locked_states = ("returned", "refused")

    archive_id = fields.Many2one(
        "legal.archive", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(
        related="archive_id.company_id", store=True, index=True
    )
    borrower_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    purpose = fields.Char(required=True, tracking=True)
    date_due = fields.Date(
        string="Due Back",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self)
            + timedelta(days=self.env.company._policy().legal_borrow_days)
        ),
        tracking=True,
    )
    state = fields.Selection(
        STATES, default="requested", required=True, readonly=True, tracking=True
    )
    approver_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_borrowed = fields.Date(readonly=True, copy=False)
    date_returned = fields.Date(readonly=True, copy=False)
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    # the return on the deadline clock: reminded, escalated when late
    return_step_ids = fields.One2many(
        "legal.archive.borrow.deadline", "borrow_id", string="Return Steps"
    )

    @api.depends("name", "archive_id")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        for borrow in self.filtered(lambda b: not b.display_name and b.archive_id):
            # the title of the request dialog, before the sequence names it
            borrow.display_name = self.env._(
                "Borrow %s", borrow.archive_id.display_name
            )
        return result

    @api.depends("state", "date_due")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for borrow in self:
            borrow.overdue = borrow.state == "borrowed" and borrow.date_due < today

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue borrowings with = or !=."))
        domain = [
            ("state", "=", "borrowed"),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("archive_id")
    def _check_lendable(self):
        for borrow in self:
            if borrow.archive_id.view_in_place:
                raise ValidationError(
                    self.env._(
                        "%(archive)s is read in the archive room only: it is never "
                        "lent.",
                        archive=borrow.archive_id.display_name,
                    )
                )

    @api.constrains("purpose")
    def _check_purpose(self):
        self._key_account_check_not_blank(["purpose"])

    @api.constrains("date_due")
    def _check_date_due(self):
        for borrow in self:
            if (
                borrow.state == "requested"
                and borrow.date_due < fields.Date.context_today(self)
            ):
                raise ValidationError(self.env._("The return date is already past."))

    @api.model_create_multi
    def create(self, vals_list):
        borrows = super().create(vals_list)
        # A request reaches the legal managers who decide it.
        borrows._approval_sync()
        return borrows

    def write(self, vals):
        # What was approved (which archive, for whom, why) stays as approved.
        decided = self.filtered(lambda b: b.state != "requested")
        if decided and {"archive_id", "borrower_id", "purpose", "date_due"} & set(vals):
            raise UserError(
                self.env._(
                    "%(names)s is decided: its archive, borrower, purpose and due "
                    "date are fixed.",
                    names=", ".join(decided.mapped("name")),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_requests(self):
        if self.filtered(lambda b: b.state not in ("requested", "refused")):
            raise UserError(self.env._("The borrowing register keeps every lending."))

    def _workflow_check(self, old, new):
        if new in ("approved", "borrowed"):
            self._check_lendable()
        if new == "borrowed" and self.archive_id.borrowed:
            raise UserError(
                self.env._("%s is already lent out.", self.archive_id.display_name)
            )

    def action_approve(self):
        self._workflow_move("approved", {"approver_id": self.env.uid})
        self._approval_sync()

    def action_refuse(self):
        self._workflow_move("refused", {"approver_id": self.env.uid})
        self._approval_sync()

    @api.model
    def _approval_pending_domain(self):
        return [("state", "=", "requested")]

    def _approval_users(self):
        """A request waits for the legal managers of the archive's company,
        save whoever asked for or registered it (four eyes)."""
        if self.state != "requested":
            return super()._approval_users()
        return self._approval_group_users(MANAGER)

    def _approval_summary(self):
        return self.env._(
            "Decide on lending %(archive)s to %(borrower)s",
            archive=self.archive_id.display_name,
            borrower=self.borrower_id.name,
        )

    def action_hand_over(self):
        self._workflow_move(
            "borrowed", {"date_borrowed": fields.Date.context_today(self)}
        )
        # the borrower holds the return from now on, due on its day
        self.env["legal.archive.borrow.deadline"].sudo().create(
            [borrow._prepare_return_step_vals() for borrow in self]
        )._schedule()
        for borrow in self:
            borrow.archive_id._register_access(
                "borrow", borrow.name, reason=borrow.purpose
            )

    def action_return(self):
        self._workflow_move(
            "returned", {"date_returned": fields.Date.context_today(self)}
        )
        self.sudo().return_step_ids._mark_done()
        for borrow in self:
            borrow.archive_id._register_access(
                "return", borrow.name, reason=borrow.purpose
            )

    def _prepare_return_step_vals(self):
        """Due at the end of the due day, on the branch's calendar."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        return {
            "borrow_id": self.id,
            "due": calendar._key_account_end_of_day(self.date_due),
        }

    @api.model
    def _cron_remind_overdue(self, batch_size=500):
        """Tell the legal managers of each overdue return once (the borrower
        holds it since the hand-over); batched, per company."""
        self._cron_batch(
            self._get_remind_overdue_domain(),
            lambda batch: batch._remind_overdue(),
            batch_size,
        )

    @api.model
    def _get_remind_overdue_domain(self):
        steps = self.env["legal.archive.borrow.deadline"]._get_escalate_domain()
        return [("state", "=", "borrowed"), ("return_step_ids", "any", steps)]

    def _remind_overdue(self):
        Step = self.env["legal.archive.borrow.deadline"]
        self.return_step_ids.filtered_domain(Step._get_escalate_domain())._escalate()
