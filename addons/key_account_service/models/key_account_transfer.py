from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import first_of_month

MANAGER = "key_account_service.key_account_service_group_manager"


class KeyAccountTransfer(models.Model):
    """A manager transferred away hands his accounts to a successor (CM-3,
    000 §4.1(2)5).

    From the transfer date (the day the transfer document is issued) the
    manager earns nothing on these accounts: the roster gives them to the
    successor from that day, and collections received from that day on for
    invoices of the manager's time are credited to the successor. The
    handover itself is a checklist: the customer files returned to customer
    service, and a joint visit of each account with the successor.

    The commission SQL (``commission_sql.transfer_joins``) trusts a carried-out
    transfer's parties, date, accounts and state: the state moves only through
    the buttons, and once out of draft nothing on the transfer changes but
    what the buttons write (files returned, the joint visits).
    """

    _name = "key.account.transfer"
    _description = "Key Account Manager Transfer"
    _inherit = ["guarded.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "user_id"
    _check_company_auto = True

    _workflow_transitions = {
        ("draft", "transferred"): MANAGER,
        ("transferred", "done"): MANAGER,
    }
    _workflow_fields = frozenset({"files_returned", "visit_ids"})
    # a draft is edited freely; carried out, its parties, date and accounts
    # stay as the roster moved them
    _workflow_locked_states = ("transferred", "done")

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Transferred Manager",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    successor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date = fields.Date(
        string="Transfer Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The day the transfer document is issued: from this day the "
        "manager earns no commission on these accounts.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "key_account_transfer_partner_rel",
        "transfer_id",
        "partner_id",
        string="Accounts",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('is_key_account', '=', True)]",
        help="The key accounts the manager holds, handed to the successor.",
    )
    joint_visit_date = fields.Date(
        string="Joint Visit On",
        required=True,
        default=fields.Date.context_today,
        help="The day the manager and the successor visit each account together.",
    )
    joint_visit_type_id = fields.Many2one(
        "key.account.contact.type",
        required=True,
        default=lambda self: self.env.ref(
            "key_account_service.key_account_contact_type_meeting",
            raise_if_not_found=False,
        ),
    )
    visit_ids = fields.Many2many(
        "key.account.visit",
        "key_account_transfer_visit_rel",
        "transfer_id",
        "visit_id",
        string="Joint Visits",
        readonly=True,
        copy=False,
    )
    files_returned = fields.Boolean(
        string="Customer Files Returned",
        readonly=True,
        copy=False,
        tracking=True,
        help="Every file of the accounts is back with customer service.",
    )
    joint_visits_done = fields.Boolean(compute="_compute_joint_visits_done")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("transferred", "Transferred"),
            ("done", "Handed Over"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    @api.depends("user_id", "company_id")
    def _compute_partner_ids(self):
        """The manager's key accounts served by the company or its branches,
        until the transfer is carried out."""
        drafts = self.filtered(lambda t: t.state == "draft")
        accounts = self.env["res.partner"].search(
            [
                ("is_key_account", "=", True),
                ("key_account_manager_id", "in", drafts.user_id.ids),
                ("key_account_company_id", "child_of", drafts.company_id.ids),
            ]
        )
        for transfer in drafts:
            transfer.partner_ids = accounts.filtered(
                lambda p, t=transfer: (
                    p.key_account_manager_id == t.user_id
                    and t.company_id
                    in (p.key_account_company_id | p.key_account_company_id.parent_ids)
                )
            )

    @api.depends("visit_ids.state")
    def _compute_joint_visits_done(self):
        for transfer in self:
            transfer.joint_visits_done = bool(transfer.visit_ids) and all(
                visit.state == "done" for visit in transfer.visit_ids
            )

    @api.constrains("user_id", "successor_id")
    def _check_successor(self):
        for transfer in self:
            if transfer.user_id == transfer.successor_id:
                raise ValidationError(
                    self.env._(
                        "The successor of %(manager)s is another manager.",
                        manager=transfer.user_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_transferred(self):
        if any(transfer.state != "draft" for transfer in self):
            raise UserError(self.env._("A transfer carried out is kept on record."))

    def _workflow_raise_locked(self):
        raise UserError(
            self.env._(
                "The transfer of %(managers)s is carried out: its manager, "
                "successor, date and accounts stay as they were transferred.",
                managers=", ".join(self.user_id.mapped("name")),
            )
        )

    def _check_cs_manager(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only customer-service managers transfer key accounts.")
            )
        self.check_access("write")

    def _workflow_check(self, old, new):
        if new == "transferred":
            self._check_transferable()
        elif new == "done":
            self._check_handed_over()
        return super()._workflow_check(old, new)

    def _check_transferable(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        if not self.partner_ids:
            raise UserError(
                self.env._(
                    "%(manager)s holds no key account to transfer.",
                    manager=self.user_id.name,
                )
            )
        if not first_of_month(today) <= self.date <= today:
            raise UserError(
                self.env._(
                    "A transfer is recorded in the month of its date, on or "
                    "after it: record the transfer of %(date)s between the "
                    "first of this month and today.",
                    date=self.date,
                )
            )
        foreign = self.partner_ids.filtered(
            lambda p: p.key_account_manager_id != self.user_id
        )
        if foreign:
            raise UserError(
                self.env._(
                    "%(manager)s does not hold %(accounts)s.",
                    manager=self.user_id.name,
                    accounts=", ".join(foreign.mapped("display_name")),
                )
            )

    def _check_handed_over(self):
        self.ensure_one()
        if not (self.files_returned and self.joint_visits_done):
            raise UserError(
                self.env._(
                    "The handover of %(manager)s's accounts is complete once the "
                    "customer files are returned and every joint visit with "
                    "%(successor)s is done.",
                    manager=self.user_id.name,
                    successor=self.successor_id.name,
                )
            )

    def action_transfer(self):
        """The successor holds the accounts from the transfer date; the joint
        visits are planned and the manager is asked for the files."""
        self._check_cs_manager()
        for transfer in self:
            # locks the transfer and checks it on the current data first
            transfer._workflow_move("transferred")
            # as superuser after the checks: a customer-service manager may
            # lack Odoo's Contact Creation right
            transfer.partner_ids.sudo()._key_account_assign(
                transfer.successor_id, transfer.date
            )
            transfer._plan_joint_visits()
            # in the language of the manager who returns them
            reader = transfer._key_account_for_reader(
                transfer.user_id, transfer.company_id
            )
            transfer.activity_schedule(
                "key_account_service.mail_act_key_account_transfer_files",
                date_deadline=transfer.date,
                summary=reader.env._("Return the customer files to customer service"),
                user_id=transfer.user_id.id,
            )

    def _prepare_joint_visit_vals(self, partner):
        return {
            "partner_id": partner.id,
            "company_id": partner._key_account_serving_company().id,
            "user_id": self.successor_id.id,
            "contact_type_id": self.joint_visit_type_id.id,
            "band_id": partner.key_account_band_id.id,
            "source": "transfer",
            "date_planned": self.joint_visit_date,
        }

    def _plan_joint_visits(self):
        self.ensure_one()
        Visit = self.env["key.account.visit"].sudo()
        visits = Visit.create(
            [self._prepare_joint_visit_vals(partner) for partner in self.partner_ids]
        )
        visits._create_planning_activities()
        self._workflow_write({"visit_ids": [Command.set(visits.ids)]})

    def action_files_returned(self):
        """Customer service has every file of the accounts back."""
        self._check_cs_manager()
        if any(transfer.state == "draft" for transfer in self):
            raise UserError(self.env._("Carry out the transfer first."))
        self._workflow_write({"files_returned": True}, who=MANAGER)
        self.activity_feedback(
            ["key_account_service.mail_act_key_account_transfer_files"]
        )

    def action_close(self):
        """The handover is complete: files returned, every joint visit done."""
        self._check_cs_manager()
        self._workflow_move("done")

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_visit_action"
        )
        action["domain"] = [("id", "in", self.visit_ids.ids)]
        action["context"] = {}
        return action
