from odoo import api, fields, models


class KeyAccountDeadlineMixin(models.AbstractModel):
    """A deadline step on a record: one clock for every addon.

    Rules (or the record's own dates) give a step its due time, counted on the
    record's company calendar (``resource.calendar._key_account_deadline``).
    Each step schedules an activity of its own purpose-specific type and keeps
    the link to it; closing the step closes that activity and nothing else. The
    escalation cron alerts the next level once a step is overdue.

    Configured by class attributes, as ``guarded.workflow.mixin`` is:
    ``_deadline_record_field`` names the Many2one to the record the activities
    sit on; ``_deadline_activity_type`` and ``_deadline_overdue_activity_type``
    are the xml ids of the step's and the alert's activity types.
    """

    _name = "deadline.step.mixin"
    _description = "Deadline Step"
    _deadline_record_field = None
    _deadline_activity_type = None
    _deadline_overdue_activity_type = None

    due = fields.Datetime(required=True, readonly=True, index=True)
    done_date = fields.Datetime(readonly=True)
    escalated = fields.Boolean(readonly=True)
    # what charts group by: a boolean would show its legend as "true / false"
    escalation = fields.Selection(
        [("not_escalated", "Not Escalated"), ("escalated", "Escalated")],
        compute="_compute_escalation",
        store=True,
    )
    # the step's own activities: their summaries are in each assignee's language
    activity_ids = fields.Many2many("mail.activity", readonly=True, copy=False)
    status = fields.Selection(
        [("open", "Open"), ("overdue", "Overdue"), ("done", "Done")],
        compute="_compute_status",
    )

    @api.depends("escalated")
    def _compute_escalation(self):
        for step in self:
            step.escalation = "escalated" if step.escalated else "not_escalated"

    @api.depends("due", "done_date")
    def _compute_status(self):
        now = fields.Datetime.now()
        for step in self:
            if step.done_date:
                step.status = "done"
            else:
                step.status = "overdue" if step.due < now else "open"

    # ---- hooks ---------------------------------------------------------------

    def _deadline_record(self):
        """The record the step's activities and messages sit on."""
        return self[self._deadline_record_field]

    def _deadline_company(self):
        return self._deadline_record().company_id

    def _deadline_label(self):
        """The step's name, in the language of the context."""
        return self.display_name

    def _deadline_assignees(self):
        """Who does the step: by default the record's responsible user."""
        return self._deadline_record().user_id

    def _deadline_escalation_users(self):
        """Who is alerted when the step is overdue."""
        return self.env["res.users"]

    def _deadline_group_users(self, group):
        """Active members of ``group`` who work for the step's company."""
        company = self._deadline_company()
        return group.users.filtered(
            lambda user: company in user.company_ids and user.active
        )

    # ---- steps ---------------------------------------------------------------

    def _schedule(self):
        """One activity per assignee, due on the step's local day."""
        for step in self:
            company = step._deadline_company()
            for user in step._deadline_assignees():
                reader = step._key_account_for_reader(user, company)
                local_due = fields.Datetime.context_timestamp(reader, step.due)
                step.activity_ids |= reader._deadline_record().activity_schedule(
                    self._deadline_activity_type,
                    date_deadline=local_due.date(),
                    summary=reader._deadline_label(),
                    user_id=user.id,
                )

    def _reschedule(self, due):
        """Move open steps to ``due``, their open activities with them."""
        for step in self.filtered(lambda s: not s.done_date and s.due != due):
            step.write({"due": due, "escalated": False})
            for activity in step.activity_ids.exists():
                reader = step._key_account_for_reader(activity.user_id)
                activity.date_deadline = fields.Datetime.context_timestamp(
                    reader, due
                ).date()

    def _mark_done(self, feedback=None):
        """Close the steps and their own activities, nothing else."""
        steps = self.filtered(lambda step: not step.done_date)
        steps.write({"done_date": fields.Datetime.now()})
        steps.activity_ids.exists().action_feedback(
            feedback=feedback or self.env._("Step done.")
        )
        return steps

    def action_done(self):
        self._deadline_record().check_access("write")
        self.sudo()._mark_done()  # steps are not edited otherwise

    # ---- escalation ----------------------------------------------------------

    @api.model
    def _get_escalate_domain(self):
        return [
            ("done_date", "=", False),
            ("escalated", "=", False),
            ("due", "<", fields.Datetime.now()),
        ]

    def _escalate(self):
        """Tell the next level, in their language and time zone, once."""
        for step in self:
            users = step._deadline_escalation_users()
            record = step._deadline_record()
            company = step._deadline_company()
            reader = step._key_account_for_reader(
                users[:1] or step._deadline_assignees()[:1], company
            )
            record.message_post(
                body=reader.env._(
                    "Overdue: %(step)s was due on %(due)s.",
                    step=reader._deadline_label(),
                    due=reader._key_account_format_datetime(step.due),
                ),
                partner_ids=users.partner_id.ids,
            )
            for user in users:
                reader = step._key_account_for_reader(user, company)
                reader._deadline_record().activity_schedule(
                    self._deadline_overdue_activity_type,
                    summary=reader.env._("Overdue: %s", reader._deadline_label()),
                    user_id=user.id,
                )
        self.write({"escalated": True})

    @api.model
    def _cron_escalate(self, batch_size=500):
        """Alert the next level of every overdue step, once; batched."""
        domain = self._get_escalate_domain()
        steps = self.search(domain, limit=batch_size)
        steps._escalate()
        self.env["ir.cron"]._notify_progress(
            done=len(steps), remaining=self.search_count(domain)
        )
