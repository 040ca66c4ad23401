from odoo import api, fields, models
from odoo.exceptions import UserError

APPROVAL_TYPE = "key_account_service.mail_act_approval"


class KeyAccountApprovalMixin(models.AbstractModel):
    """Records someone must approve: the approver is told and finds them.

    Like OCA's ``base_tier_validation`` ("To validate"), but on Odoo's own
    activities: whoever must act now holds an open activity of the
    "Approval" type on the record. It lands in their inbox and activity menu
    (which counts them per model), the "Awaiting My Approval" filter and the
    one list across the apps read it, and it goes away once they or someone
    else acted.

    A model says who must act now (``_approval_users``), whether the current
    user may act (``_approval_can_act``), and calls ``_approval_sync`` after
    each step that changes either.
    """

    _name = "approval.activity.mixin"
    _description = "Awaiting Approval"

    approval_can_act = fields.Boolean(
        string="Can Approve",
        compute="_compute_approval_can_act",
        help="Whether you may approve it now.",
    )
    approval_awaiting_me = fields.Boolean(
        string="Awaiting My Approval",
        compute="_compute_approval_awaiting_me",
        search="_search_approval_awaiting_me",
    )

    @api.model
    def _approval_pending_domain(self):
        """The records that may wait for someone (a model's waiting states)."""
        return [("id", "=", False)]

    @api.model
    def _approval_sync_all(self):
        """Bring every waiting record's approval activities up to date (run
        on install and update: records that waited before get theirs)."""
        self.sudo().search(self._approval_pending_domain())._approval_sync()

    def _approval_users(self):
        """The users who must act on this record now (none once decided)."""
        return self.env["res.users"]

    def _approval_group_users(self, group_xmlid):
        """The members of ``group_xmlid`` who work for the record's company,
        save whoever made or owned it (four eyes)."""
        return (
            self.env.ref(group_xmlid)
            .sudo()
            .users.filtered(
                lambda user: (
                    not user.share
                    and self.company_id in user.company_ids
                    and user not in self._workflow_owners()
                )
            )
        )

    def _approval_can_act(self, user):
        """Whether ``user`` may act now (a higher level may act too)."""
        return user in self._approval_users()

    def _approval_summary(self):
        return self.env._("Approve %(name)s", name=self.display_name)

    def _approval_deadline(self):
        """When the approval is due (a date), False for today."""
        return False

    @api.depends_context("uid")
    def _compute_approval_can_act(self):
        for record in self:
            record.approval_can_act = bool(record.id) and record._approval_can_act(
                self.env.user
            )

    @api.depends_context("uid")
    def _compute_approval_awaiting_me(self):
        mine = self._approval_activities().filtered(
            lambda activity: activity.user_id == self.env.user
        )
        for record in self:
            record.approval_awaiting_me = record.id in mine.mapped("res_id")

    def _search_approval_awaiting_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search awaiting approval with = or !=."))
        domain = [
            (
                "activity_ids",
                "any",
                [
                    ("activity_type_id", "=", self._approval_type().id),
                    ("user_id", "=", self.env.uid),
                ],
            )
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _approval_type(self):
        return self.env.ref(APPROVAL_TYPE)

    def _approval_activities(self):
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", self._approval_type().id),
                ]
            )
        )

    def _approval_sync(self):
        """Give each user who must act now an approval activity, and take it
        from who no longer must.

        The acting user's own activity is marked done (the chatter keeps who
        acted); the others' go away. The step was checked already, so this
        runs as superuser, still in the name of the user who made it: Odoo
        tells each new assignee as it tells any activity's (inbox or mail,
        see ``mail.thread.message_notify``).
        """
        activity_type = self._approval_type()
        # grouped before the loop: a record's own may be gone by the next one
        by_record = {}
        for activity in self._approval_activities():
            by_record.setdefault(activity.res_id, activity.browse())
            by_record[activity.res_id] |= activity
        for record in self:
            wanted = record._approval_users() if record.exists() else None
            held = by_record.get(record.id, self.env["mail.activity"].sudo())
            stale = held.filtered(lambda a, w=wanted: not w or a.user_id not in w)
            own = stale.filtered(lambda a: a.user_id == self.env.user)
            kept = (held - stale).user_id
            (stale - own).unlink()
            own._action_done()
            company = record.company_id if "company_id" in record else None
            for user in (wanted or self.env["res.users"]) - kept:
                # in the approver's language and time zone: the activity is theirs
                reader = record.sudo()._key_account_for_reader(user, company)
                reader.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=reader._approval_summary(),
                    user_id=user.id,
                    date_deadline=reader._approval_deadline(),
                ).mapped("res_name")  # stored now, in the approver's language
        return True

    def _approval_refuse(self, message):
        """The user may not act at this step: a business rule, no access
        error. Say who must act; they have it in their list already."""
        users = self._approval_users()
        if users:
            message = self.env._(
                "%(message)s It waits for %(who)s, who has it in the list "
                "awaiting approval.",
                message=message,
                who=", ".join(users.mapped("name")),
            )
        raise UserError(message)
