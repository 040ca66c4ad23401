from datetime import datetime, time, timedelta

from odoo import api, fields, models

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)


class CourierMonthlyReport(models.Model):
    """A branch's monthly claims statistics (CL-7, CL-9).

    Drafted on the 1st for the month before, with two activities for the
    branch's CS managers: the monthly report due on the 3rd and the analysis
    of major causes due on the 5th. The figures are read live from the
    incidents and complaints of the month.
    """

    _name = "courier.monthly.report"
    _description = "Monthly Claims Report"
    _inherit = [
        "month.start.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "month desc, company_id"

    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, index=True)
    cause_analysis = fields.Html(string="Major-Cause Analysis")
    incident_count = fields.Integer(compute="_compute_figures")
    major_count = fields.Integer(
        string="Major or Extraordinary", compute="_compute_figures"
    )
    compensation_total = fields.Monetary(compute="_compute_figures")
    complaint_count = fields.Integer(compute="_compute_figures")
    complaints_on_time = fields.Float(
        string="Complaints on Time (%)", compute="_compute_figures"
    )
    queries_on_time = fields.Float(
        string="Queries on Time (%)", compute="_compute_figures"
    )
    average_answer_hours = fields.Float(
        string="Average Answer Time (hours)", compute="_compute_figures"
    )

    _sql_constraints = [
        (
            "company_month_uniq",
            "UNIQUE(company_id, month)",
            "A branch has one report per month.",
        ),
    ]

    @api.depends("company_id", "month")
    def _compute_display_name(self):
        for report in self:
            report.display_name = (
                f"{report.company_id.name} {report.month:%Y-%m}"
                if report.month
                else report.company_id.name
            )

    def _period(self):
        start = datetime.combine(self.month, time.min)
        return start, datetime.combine(add_months(self.month, 1), time.min)

    @api.depends("company_id", "month")
    def _compute_figures(self):
        Incident = self.env["courier.incident"].sudo()
        Complaint = self.env["courier.complaint"].sudo()
        for report in self:
            start, stop = report._period()
            scope = [("company_id", "=", report.company_id.id)]
            incidents = Incident.search(
                scope + [("incident_date", ">=", start), ("incident_date", "<", stop)]
            )
            report.incident_count = len(incidents)
            report.major_count = len(
                incidents.filtered(lambda i: i.severity in ("major", "extraordinary"))
            )
            report.compensation_total = sum(
                incidents.filtered(lambda i: i.state in ("paid", "closed")).mapped(
                    "compensation"
                )
            )
            received = Complaint.search(
                scope + [("received", ">=", start), ("received", "<", stop)]
            )
            complaints = received.filtered(lambda c: c.kind == "complaint")
            queries = received - complaints
            report.complaint_count = len(complaints)
            report.complaints_on_time = _rate(complaints)
            report.queries_on_time = _rate(queries)
            answered = received.filtered("answered_date")
            report.average_answer_hours = (
                sum(
                    (c.answered_date - c.received).total_seconds() / 3600
                    for c in answered
                )
                / len(answered)
                if answered
                else 0.0
            )

    def _incident_breakdown(self):
        """The month's incidents by kind and severity, with their compensation."""
        self.ensure_one()
        start, stop = self._period()
        groups = (
            self.env["courier.incident"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("incident_date", ">=", start),
                    ("incident_date", "<", stop),
                ],
                ["kind", "severity"],
                ["__count", "compensation:sum"],
            )
        )
        Incident = self.env["courier.incident"]
        kinds = dict(Incident._fields["kind"]._description_selection(self.env))
        severities = dict(Incident._fields["severity"]._description_selection(self.env))
        return [
            {
                "kind": kinds.get(kind, kind or ""),
                "severity": severities.get(severity, severity or ""),
                "count": count,
                "compensation": compensation,
            }
            for kind, severity, count, compensation in groups
        ]

    @api.model
    def _cron_draft(self):
        """On the 1st (or the first run after), last month's report per branch."""
        month = add_months(first_of_month(fields.Date.context_today(self)), -1)
        done = self.search([("month", "=", month)]).company_id
        companies = self.env["res.company"].search([("id", "not in", done.ids)])
        group = self.env.ref("courier_claims.courier_claims_group_manager")
        for company in companies:
            report = self.create({"company_id": company.id, "month": month})
            managers = group.users.filtered(lambda u, c=company: c in u.company_ids)
            report_due = add_months(month, 1) + timedelta(days=2)  # the 3rd
            for user in managers:
                reader = report._key_account_for_reader(user, company)
                reader.activity_schedule(
                    "courier_claims.mail_act_courier_monthly_report",
                    date_deadline=report_due,
                    summary=reader.env._("Monthly incident report"),
                    user_id=user.id,
                )
                reader.activity_schedule(
                    "courier_claims.mail_act_courier_monthly_report",
                    date_deadline=report_due + timedelta(days=2),  # the 5th
                    summary=reader.env._("Major-cause analysis"),
                    user_id=user.id,
                )


def _rate(records):
    answered = records.filtered("answered_date")
    if not records:
        return 0.0
    return round(100.0 * len(answered.filtered("on_time")) / len(records), 2)
