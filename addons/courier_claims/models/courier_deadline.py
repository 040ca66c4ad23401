from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.key_account_service.tools.commission import same_day_months_later

STATE_ORDER = [
    "reported",
    "investigating",
    "negotiating",
    "awaiting_approval",
    "approved",
    "paid",
    "closed",
]


class CourierDeadlineRule(models.Model):
    """A step of the deadline ladder (CL-4), counted from the incident date."""

    _name = "courier.deadline.rule"
    _description = "Incident Deadline Step"
    _order = "company_id, sequence, id"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company.root_id,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True, translate=True)
    # not "Delay": that word is already the late-delivery incident kind
    delay = fields.Integer(
        string="Time Allowed",
        required=True,
        help="How long the step may take, in the unit beside it.",
    )
    unit = fields.Selection(
        [
            ("minutes", "Minutes"),
            ("hours", "Hours"),
            ("working_days", "Working Days"),
            ("months", "Months"),
        ],
        required=True,
        default="working_days",
    )
    applies_to = fields.Selection(
        [
            ("all", "Every Incident"),
            ("serious", "Major, or beyond the Branch's Authority"),
            ("insured", "Insured Parcels"),
        ],
        required=True,
        default="all",
    )
    done_state = fields.Selection(
        selection="_selection_done_state",
        string="Done When Reaching",
        help="The step is done once the incident reaches this state; empty: "
        "the handler marks it done.",
    )
    done_insurance_state = fields.Selection(
        [
            ("reported", "Reported to the Insurer"),
            ("proposal", "Proposal Received"),
            ("settled", "Settled"),
        ],
        string="Done When the Insurance Claim Is",
        help="For insured parcels: the step is done once the insurance claim "
        "reaches this state.",
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Done by",
        help="Members of this group in the incident's branch get the step; "
        "empty: the incident's handler.",
    )
    escalate_group_id = fields.Many2one(
        "res.groups",
        string="Overdue Goes to",
        required=True,
        help="Members of this group in the incident's branch are alerted when "
        "the step is overdue.",
    )

    _sql_constraints = [
        ("delay_positive", "CHECK(delay > 0)", "A step takes some time."),
    ]

    @api.model
    def _selection_done_state(self):
        # the labels in the reader's language, as the incident's own field shows them
        states = self.env["courier.incident"]._fields["state"]
        return [
            (key, label)
            for key, label in states._description_selection(self.env)
            if key in STATE_ORDER[1:]
        ]

    def _due(self, incident):
        """When this step is due for ``incident``."""
        self.ensure_one()
        start = incident.incident_date
        if self.unit == "minutes":
            return start + timedelta(minutes=self.delay)
        if self.unit == "hours":
            return start + timedelta(hours=self.delay)
        if self.unit == "months":
            day = same_day_months_later(start.date(), self.delay)
            return datetime.combine(day, start.time())
        calendar = incident.company_id.resource_calendar_id
        zone = pytz.timezone(calendar.tz or "UTC")
        local_start = pytz.utc.localize(start).astimezone(zone).date()
        due = calendar._add_working_days(local_start, self.delay)
        if due is None:
            raise UserError(
                self.env._(
                    "%(calendar)s has too few working days.", calendar=calendar.name
                )
            )
        # the end of that working day, back in UTC as Odoo stores datetimes
        end = zone.localize(datetime.combine(due, time(23, 59, 59)))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.ondelete(at_uninstall=False)
    def _unlink_unused(self):
        if self.env["courier.incident.deadline"].search_count(
            [("rule_id", "in", self.ids)], limit=1
        ):
            raise UserError(
                self.env._("Incidents have followed this step: it cannot be deleted.")
            )


class CourierIncidentDeadline(models.Model):
    """A step of an incident's deadline ladder, with its activity."""

    _name = "courier.incident.deadline"
    _description = "Incident Deadline"
    _order = "due, id"

    incident_id = fields.Many2one(
        "courier.incident", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True)
    # cascade only ever runs at uninstall: a used rule cannot be deleted
    rule_id = fields.Many2one(
        "courier.deadline.rule", required=True, readonly=True, ondelete="cascade"
    )
    name = fields.Char(related="rule_id.name")
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

    _sql_constraints = [
        (
            "incident_rule_uniq",
            "UNIQUE(incident_id, rule_id)",
            "An incident has each step once.",
        ),
    ]

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

    def _responsible_users(self, group):
        self.ensure_one()
        company = self.incident_id.company_id
        if not group:
            return self.incident_id.user_id
        return group.users.filtered(
            lambda user: company in user.company_ids and user.active
        )

    def _schedule(self):
        for step in self:
            company = step.incident_id.company_id
            for user in step._responsible_users(step.rule_id.group_id):
                reader = step._key_account_for_reader(user, company)
                local_due = fields.Datetime.context_timestamp(reader, step.due)
                step.activity_ids |= reader.incident_id.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=local_due.date(),
                    summary=reader.name,
                    user_id=user.id,
                )

    def _mark_done(self):
        steps = self.filtered(lambda step: not step.done_date)
        steps.write({"done_date": fields.Datetime.now()})
        for step in steps:
            # steps scheduled before activities were linked: by their summary
            unlinked = step.incident_id.activity_ids.filtered(
                lambda a, s=step: a.summary == s.name
            )
            (step.activity_ids | unlinked).action_feedback(
                feedback=self.env._("Step done.")
            )

    def action_done(self):
        self.incident_id.check_access("write")
        self.sudo()._mark_done()  # steps are not edited otherwise

    @api.model
    def _cron_escalate(self, batch_size=500):
        """Alert the next level of every overdue step, once; batched."""
        domain = [
            ("done_date", "=", False),
            ("escalated", "=", False),
            ("due", "<", fields.Datetime.now()),
        ]
        steps = self.search(domain, limit=batch_size)
        for step in steps:
            users = step._responsible_users(step.rule_id.escalate_group_id)
            company = step.incident_id.company_id
            # the message in the language and time zone of those it alerts
            reader = step._key_account_for_reader(
                users[:1] or step.incident_id.user_id, company
            )
            step.incident_id.message_post(
                body=reader.env._(
                    "Overdue: %(step)s was due on %(due)s.",
                    step=reader.name,
                    due=reader._key_account_format_datetime(step.due),
                ),
                partner_ids=users.partner_id.ids,
            )
            for user in users:
                reader = step._key_account_for_reader(user, company)
                reader.incident_id.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=reader.env._("Overdue: %s", reader.name),
                    user_id=user.id,
                )
        steps.write({"escalated": True})
        self.env["ir.cron"]._notify_progress(
            done=len(steps), remaining=self.search_count(domain)
        )
