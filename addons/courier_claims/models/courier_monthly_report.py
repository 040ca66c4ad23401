from datetime import time

from odoo import api, fields, models

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)


class CourierMonthlyReport(models.Model):
    """A branch's monthly claims statistics (CL-7, CL-9).

    Drafted on the 1st for the month before, with three activities for the
    branch's CS managers: the monthly report, the analysis of major causes and
    the insurance-claims analysis to headquarters, due on the days of the
    headquarters' policy (the manual's 3rd, 5th and 8th).
    The figures are read live from the incidents and complaints of the month.
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
    query_count = fields.Integer(string="Queries", compute="_compute_figures")
    complaints_on_time = fields.Float(
        string="Complaints on Time (%)", compute="_compute_figures"
    )
    queries_on_time = fields.Float(
        string="Queries on Time (%)", compute="_compute_figures"
    )
    average_answer_hours = fields.Float(
        string="Average Answer Time (hours)", compute="_compute_figures"
    )
    # the targets of the policy when the month was drafted: a later change of
    # policy does not rewrite past months
    complaint_target = fields.Float(string="Complaints Target (%)", readonly=True)
    query_target = fields.Float(string="Queries Target (%)", readonly=True)
    complaints_below_target = fields.Boolean(compute="_compute_figures")
    queries_below_target = fields.Boolean(compute="_compute_figures")
    shipment_count = fields.Integer(
        string="Shipments",
        compute="_compute_figures",
        help="The branch's waybills of the month, from the operations system's "
        "daily figures.",
    )
    complaint_rate = fields.Float(
        string="Complaints per 1,000 Shipments", compute="_compute_figures"
    )
    incident_rate = fields.Float(
        string="Incidents per 1,000 Shipments", compute="_compute_figures"
    )

    _sql_constraints = [
        (
            "company_month_uniq",
            "UNIQUE(company_id, month)",
            "A branch has one report per month.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        """A month takes the targets of its branch's policy when drafted."""
        for vals in vals_list:
            policy = self.env["res.company"].browse(vals.get("company_id"))._policy()
            vals.setdefault("complaint_target", policy.courier_complaint_on_time_target)
            vals.setdefault("query_target", policy.courier_query_on_time_target)
        return super().create(vals_list)

    @api.depends("company_id", "month")
    def _compute_display_name(self):
        for report in self:
            report.display_name = (
                f"{report.company_id.name} {report.month:%Y-%m}"
                if report.month
                else report.company_id.name
            )

    def _period(self):
        """The month's first and following month's first moment, on the
        branch's local days, as Odoo stores them."""
        calendar = self.company_id.resource_calendar_id
        return (
            calendar._key_account_local_moment(self.month, time.min),
            calendar._key_account_local_moment(add_months(self.month, 1), time.min),
        )

    @api.depends("company_id", "month", "complaint_target", "query_target")
    def _compute_figures(self):
        Incident = self.env["courier.incident"].sudo()
        Complaint = self.env["courier.complaint"].sudo()
        shipments = self._shipment_counts()
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
            report.update(
                received._on_time_figures(report.complaint_target, report.query_target)
            )
            shipped = shipments.get((report.company_id, report.month), 0)
            report.shipment_count = shipped
            report.complaint_rate = _per_thousand(report.complaint_count, shipped)
            report.incident_rate = _per_thousand(report.incident_count, shipped)

    def _shipment_counts(self):
        """{(branch, month): waybills} of these reports' months, in one
        grouped query (a shipment's day is the branch's local day)."""
        reports = self.filtered(lambda r: r.company_id and r.month)
        if not reports:
            return {}
        months = reports.mapped("month")
        return {
            (company, first_of_month(month)): waybills
            for company, month, waybills in self.env["key.account.shipment"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "in", reports.company_id.ids),
                    ("date", ">=", min(months)),
                    ("date", "<", add_months(max(months), 1)),
                ],
                ["company_id", "date:month"],
                ["waybills:sum"],
            )
        }

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

    # ------------------------------------------------------------
    # DRAFTING (the monthly cron)
    # ------------------------------------------------------------

    @api.model
    def _cron_draft(self, batch_size=50):
        """On the 1st (or the first run after), last month's report per
        branch; batched, and safe to run twice (a drafted branch is not
        selected again)."""
        month = add_months(first_of_month(fields.Date.context_today(self)), -1)
        Company = self.env["res.company"]
        companies = Company.search(self._get_draft_domain(month), limit=batch_size)
        self._draft_reports(companies, month)
        self.env["ir.cron"]._notify_progress(
            done=len(companies),
            remaining=Company.search_count(self._get_draft_domain(month)),
        )

    @api.model
    def _get_draft_domain(self, month):
        """The companies (``res.company``) whose report of ``month`` is not
        drafted yet."""
        drafted = self.search([("month", "=", month)]).company_id
        return [("id", "not in", drafted.ids)]

    @api.model
    def _draft_reports(self, companies, month):
        """Each company's report of ``month``, with its managers' activities."""
        for company in companies:
            Report = self.with_company(company)
            report = Report.create(Report._prepare_monthly_report_vals(company, month))
            report._schedule_report_activities()

    @api.model
    def _prepare_monthly_report_vals(self, company, month):
        return {"company_id": company.id, "month": month}

    def _schedule_report_activities(self):
        """The branch's CS managers: the report due on the headquarters'
        report day (the manual's 3rd), the analysis of major causes on its
        analysis day (the 5th), the branch's insurance-claims analysis to
        headquarters on its insurance day (the 8th)."""
        group = self.env.ref("courier_claims.courier_claims_group_manager")
        for report in self:
            company = report.company_id
            managers = group.users.filtered(lambda u, c=company: c in u.company_ids)
            policy = company._policy()
            following = add_months(report.month, 1)
            report_due = following.replace(day=policy.courier_report_day)
            analysis_due = following.replace(day=policy.courier_analysis_day)
            insurance_due = following.replace(day=policy.courier_insurance_analysis_day)
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
                    date_deadline=analysis_due,
                    summary=reader.env._("Major-cause analysis"),
                    user_id=user.id,
                )
                reader.activity_schedule(
                    "courier_claims.mail_act_courier_monthly_report",
                    date_deadline=insurance_due,
                    summary=reader.env._("Insurance claims analysis"),
                    user_id=user.id,
                )


def _per_thousand(count, shipments):
    """``count`` per 1,000 ``shipments``, to the hundredth; none shipped, 0."""
    return round(1000.0 * count / shipments, 2) if shipments else 0.0
