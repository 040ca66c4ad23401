from datetime import time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)

MANAGER = "courier_claims.courier_claims_group_manager"
SUMMARY_ACTIVITY = "courier_claims.mail_act_courier_complaint_summary"
PERIODS = [("week", "Weekly"), ("quarter", "Quarterly")]
# the complaints the document lists one by one: those that missed their limit
LATE_LISTED = 50


def period_start(period, day):
    """The first day of the week (Monday) or quarter holding ``day``."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    month = first_of_month(day)
    return month.replace(month=(month.month - 1) // 3 * 3 + 1)


def period_stop(period, start):
    """The first day after the period starting on ``start``."""
    return start + timedelta(days=7) if period == "week" else add_months(start, 3)


class CourierComplaintSummary(models.Model):
    """A branch's queries and complaints over a week or a quarter, as a document.

    The manuals ask for a weekly complaint summary (001, CS centre) and a
    quarterly 平台客户投诉汇总报告 from each branch, which headquarters
    turns into the company's quarterly customer-service report (002 art.13-14):
    headquarters' summary covers every branch under it. A daily job drafts the
    last finished week and quarter; the figures are read live from the
    complaints received in the period, the on-time targets are the policy's
    when it was drafted. The CS manager writes the analysis and sends it to
    headquarters; from then on it is kept as sent.
    """

    _name = "courier.complaint.summary"
    _description = "Complaint Summary"
    _inherit = [
        "guarded.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_from desc, period, company_id"

    _workflow_transitions = {("draft", "sent"): MANAGER}
    _workflow_fields = frozenset({"sent_on", "sent_by_id"})
    _workflow_fixed_fields = frozenset(
        {"company_id", "period", "date_from", "complaint_target", "query_target"}
    )
    _workflow_locked_states = ("sent",)

    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, index=True
    )
    period = fields.Selection(PERIODS, required=True, default="week")
    date_from = fields.Date(string="From", required=True, index=True)
    date_to = fields.Date(string="To", compute="_compute_date_to", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent to HQ")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    complaint_target = fields.Float(string="Complaints Target (%)", readonly=True)
    query_target = fields.Float(string="Queries Target (%)", readonly=True)
    analysis = fields.Html(
        string="Analysis and Measures",
        help="The problems the period's complaints show and what is done about them.",
    )
    sent_on = fields.Date(string="Sent to HQ on", readonly=True, copy=False)
    sent_by_id = fields.Many2one(
        "res.users", string="Sent by", readonly=True, copy=False
    )

    complaint_count = fields.Integer(string="Complaints", compute="_compute_figures")
    query_count = fields.Integer(string="Queries", compute="_compute_figures")
    complaints_on_time = fields.Float(
        string="Complaints on Time (%)", compute="_compute_figures"
    )
    queries_on_time = fields.Float(
        string="Queries on Time (%)", compute="_compute_figures"
    )
    complaints_below_target = fields.Boolean(compute="_compute_figures")
    queries_below_target = fields.Boolean(compute="_compute_figures")
    average_answer_hours = fields.Float(
        string="Average Answer Time (hours)", compute="_compute_figures"
    )
    open_count = fields.Integer(string="Still Open", compute="_compute_figures")
    escalated_count = fields.Integer(
        string="Escalated", compute="_compute_figures", help="Beyond the first level."
    )
    incident_count = fields.Integer(
        string="Second Complaints (Incidents)",
        compute="_compute_figures",
        help="Complaints that repeated an earlier one and became an incident.",
    )

    _sql_constraints = [
        (
            "company_period_uniq",
            "UNIQUE(company_id, period, date_from)",
            "A branch has one summary per period.",
        ),
    ]

    @api.depends("period", "date_from")
    def _compute_date_to(self):
        for summary in self:
            summary.date_to = summary.date_from and (
                period_stop(summary.period, summary.date_from) - timedelta(days=1)
            )

    @api.depends("company_id", "period", "date_from")
    def _compute_display_name(self):
        periods = dict(self._fields["period"]._description_selection(self.env))
        for summary in self:
            summary.display_name = " ".join(
                filter(
                    None,
                    [
                        summary.company_id.name,
                        periods.get(summary.period),
                        summary.date_from
                        and f"{summary.date_from} ~ {summary.date_to}",
                    ],
                )
            )

    @api.constrains("period", "date_from")
    def _check_period_start(self):
        for summary in self:
            if summary.date_from != period_start(summary.period, summary.date_from):
                raise UserError(
                    self.env._(
                        "A weekly summary starts on a Monday, a quarterly one on "
                        "the first day of a quarter."
                    )
                )

    def _complaints(self):
        """The queries and complaints received in the period (the branch's
        local days) by the branch and the branches under it, as superuser:
        the summary is the branch's document, whoever reads it."""
        self.ensure_one()
        # the branch's days, not UTC's: a complaint at 07:00 in Hangzhou on
        # a Monday is that week's
        calendar = self.company_id.resource_calendar_id
        start = calendar._key_account_local_moment(self.date_from, time.min)
        stop = calendar._key_account_local_moment(
            period_stop(self.period, self.date_from), time.min
        )
        return (
            self.env["courier.complaint"]
            .sudo()
            .search(
                [
                    ("company_id", "child_of", self.company_id.id),
                    ("received", ">=", start),
                    ("received", "<", stop),
                ]
            )
        )

    @api.depends(
        "company_id", "period", "date_from", "complaint_target", "query_target"
    )
    def _compute_figures(self):
        for summary in self:
            received = (
                summary._complaints()
                if summary.date_from
                else self.env["courier.complaint"]
            )
            summary.update(
                received._on_time_figures(
                    summary.complaint_target, summary.query_target
                )
            )
            summary.open_count = len(received.filtered(lambda c: c.state == "open"))
            summary.escalated_count = len(received.filtered(lambda c: c.level != "1"))
            summary.incident_count = len(received.filtered("incident_id"))

    # ------------------------------------------------------------
    # THE DOCUMENT'S TABLES
    # ------------------------------------------------------------

    def _breakdown(self, groupby):
        """Rows of complaints and queries per ``groupby`` value (a field of the
        complaint, ``received:month`` included), with their on-time rates."""
        self.ensure_one()
        complaints = self._complaints()
        groups = complaints._read_group(
            [("id", "in", complaints.ids)],
            [groupby, "kind"],
            ["received_count:sum", "on_time_count:sum"],
        )
        rows = {}
        for key, kind, received, on_time in groups:
            row = rows.setdefault(
                key,
                {
                    "key": key,
                    "complaints": 0,
                    "complaints_on_time": 0,
                    "queries": 0,
                    "queries_on_time": 0,
                },
            )
            prefix = "complaints" if kind == "complaint" else "queries"
            row[prefix] += received
            row[f"{prefix}_on_time"] += on_time
        for row in rows.values():
            row["complaint_rate"] = _percent(
                row["complaints_on_time"], row["complaints"]
            )
            row["query_rate"] = _percent(row["queries_on_time"], row["queries"])
        return list(rows.values())

    def _department_rows(self):
        """By the department a category routes to, and the category."""
        departments = dict(
            self.env["courier.complaint"]
            ._fields["department"]
            ._description_selection(self.env)
        )
        rows = self._breakdown("category_id")
        for row in rows:
            category = row["key"]
            row["department"] = departments.get(category.department, "")
            row["label"] = category.name or self.env._("Queries (no category)")
        return sorted(rows, key=lambda row: (row["department"], row["label"]))

    def _month_rows(self):
        rows = self._breakdown("received:month")
        for row in rows:
            row["label"] = row["key"].strftime("%Y-%m")
        return sorted(rows, key=lambda row: row["key"])

    def _branch_rows(self):
        """Per branch, for a summary covering branches under it."""
        rows = self._breakdown("company_id")
        for row in rows:
            row["label"] = row["key"].name
        return sorted(rows, key=lambda row: row["label"])

    def _late_complaints(self):
        """The complaints and queries that missed their time limit."""
        self.ensure_one()
        late = self._complaints().filtered(lambda c: not c.on_time)
        return late.sorted("received")[:LATE_LISTED]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_send(self):
        """Sent to headquarters: recorded, the managers' activities done."""
        today = fields.Date.context_today(self)
        for summary in self:
            summary._workflow_move(
                "sent", {"sent_on": today, "sent_by_id": self.env.uid}
            )
        self.activity_feedback(
            [SUMMARY_ACTIVITY],
            feedback=self.env._("Sent to headquarters."),
        )

    def _workflow_raise_locked(self):
        raise UserError(self.env._("A summary sent to headquarters is not changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(summary.state == "sent" for summary in self):
            raise UserError(self.env._("A summary sent to headquarters is kept."))

    # ------------------------------------------------------------
    # DRAFTING (the daily job)
    # ------------------------------------------------------------

    @api.model
    def _cron_draft(self, batch_size=50):
        """The last finished week's and quarter's summary of each branch;
        batched, and safe to run twice (a drafted branch is not selected
        again)."""
        today = fields.Date.context_today(self)
        Company = self.env["res.company"]
        done = remaining = 0
        for period in ("week", "quarter"):
            start = period_start(
                period, period_start(period, today) - timedelta(days=1)
            )
            domain = self._get_draft_domain(period, start)
            companies = Company.search(domain, limit=max(batch_size - done, 0))
            self._draft(companies, period, start)
            done += len(companies)
            remaining += Company.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _get_draft_domain(self, period, start):
        """The companies whose summary of the period is not drafted yet."""
        drafted = self.search(
            [("period", "=", period), ("date_from", "=", start)]
        ).company_id
        return [("id", "not in", drafted.ids)]

    @api.model
    def _draft(self, companies, period, start):
        """Each company's summary of the period, with its managers' activity."""
        for company in companies:
            Summary = self.with_company(company)
            summary = Summary.create(
                Summary._prepare_summary_vals(company, period, start)
            )
            summary._schedule_summary_activity()

    @api.model
    def _prepare_summary_vals(self, company, period, start):
        policy = company._policy()
        return {
            "company_id": company.id,
            "period": period,
            "date_from": start,
            "complaint_target": policy.courier_complaint_on_time_target,
            "query_target": policy.courier_query_on_time_target,
        }

    def _schedule_summary_activity(self):
        """The branch's CS managers write the analysis and send it, due after
        the activity type's delay."""
        group = self.env.ref(MANAGER)
        activity_type = self.env.ref(SUMMARY_ACTIVITY)
        for summary in self:
            company = summary.company_id
            for user in group.users.filtered(lambda u, c=company: c in u.company_ids):
                reader = summary._key_account_for_reader(user, company)
                reader.activity_schedule(
                    SUMMARY_ACTIVITY,
                    date_deadline=activity_type._get_date_deadline(),
                    user_id=user.id,
                )


def _percent(part, whole):
    return round(100.0 * part / whole, 2) if whole else 0.0
