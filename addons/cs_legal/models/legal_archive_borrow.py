from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("borrowed", "Borrowed"),
    ("returned", "Returned"),
    ("refused", "Refused"),
]


class LegalArchiveBorrow(models.Model):
    """The borrowing register: request, approval, lending and return (LG-3)."""

    _name = "legal.archive.borrow"
    _description = "Archive Borrowing"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "key.account.sequence.reference.mixin",
    ]
    _order = "id desc"

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
            + timedelta(days=self.env.company._legal_policy().legal_borrow_days)
        ),
        tracking=True,
    )
    state = fields.Selection(STATES, default="requested", required=True, tracking=True)
    approver_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_borrowed = fields.Date(readonly=True, copy=False)
    date_returned = fields.Date(readonly=True, copy=False)
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    reminded_on = fields.Date(readonly=True, copy=False)

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

    def write(self, vals):
        if "state" in vals and not self.env.su:
            raise UserError(
                self.env._("A borrowing changes state through its buttons.")
            )
        if "archive_id" in vals and self.filtered(lambda b: b.state != "requested"):
            raise UserError(
                self.env._("The archive of an approved borrowing is fixed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_requests(self):
        if self.filtered(lambda b: b.state not in ("requested", "refused")):
            raise UserError(self.env._("The borrowing register keeps every lending."))

    def _move_to(self, state, expected, values=None):
        bad = self.filtered(lambda b: b.state not in expected)
        if bad:
            raise UserError(
                self.env._(
                    "%(name)s is %(state)s: this step does not apply.",
                    name=bad[0].name,
                    state=dict(STATES)[bad[0].state],
                )
            )
        self.check_access("write")
        self.sudo().write(dict(values or {}, state=state))

    def _check_approver(self):
        if not self.env.user.has_group("cs_legal.cs_legal_group_manager"):
            raise AccessError(self.env._("Only a legal manager approves borrowing."))
        if self.filtered(lambda b: b.borrower_id == self.env.user):
            raise AccessError(self.env._("Nobody approves their own borrowing."))

    def action_approve(self):
        self._check_approver()
        self._check_lendable()
        self._move_to("approved", ("requested",), {"approver_id": self.env.uid})

    def action_refuse(self):
        self._check_approver()
        self._move_to("refused", ("requested",), {"approver_id": self.env.uid})

    def action_hand_over(self):
        self._check_lendable()
        for borrow in self:
            if borrow.archive_id.borrowed:
                raise UserError(
                    self.env._(
                        "%s is already lent out.", borrow.archive_id.display_name
                    )
                )
        self._move_to(
            "borrowed",
            ("approved",),
            {"date_borrowed": fields.Date.context_today(self)},
        )
        for borrow in self:
            borrow.archive_id._register_access(
                "borrow", borrow.name, reason=borrow.purpose
            )

    def action_return(self):
        self._move_to(
            "returned",
            ("borrowed",),
            {"date_returned": fields.Date.context_today(self)},
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        for borrow in self:
            borrow.archive_id._register_access(
                "return", borrow.name, reason=borrow.purpose
            )

    @api.model
    def _cron_remind_overdue(self, batch_size=500):
        """One reminder activity per overdue borrowing, to the borrower."""
        domain = [("overdue", "=", True), ("reminded_on", "=", False)]
        borrows = self.sudo().search(domain, limit=batch_size)
        for borrow in borrows:
            borrow.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=self.env._(
                    "Return %(archive)s: it was due on %(due)s",
                    archive=borrow.archive_id.display_name,
                    due=borrow.date_due,
                ),
                user_id=borrow.borrower_id.id,
            )
        borrows.write({"reminded_on": fields.Date.context_today(self)})
        self.env["ir.cron"]._notify_progress(
            done=len(borrows), remaining=self.sudo().search_count(domain)
        )
