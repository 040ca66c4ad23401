from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    courier_cross_branch_hq_amount = fields.Monetary(
        string="Cross-Branch Disputes to HQ from",
        default=3000.0,
        help="A dispute between branches with unclear responsibility goes to "
        "headquarters from this compensation on.",
    )
    courier_compensation_account_id = fields.Many2one(
        "account.account",
        string="Claims Compensation Account",
        check_company=True,
        help="The expense account of compensation credit notes and carrier "
        "recovery invoices.",
    )
    courier_query_hours = fields.Float(
        string="Queries Answered within (hours)", default=1.0
    )
    courier_complaint_hours_1 = fields.Float(
        string="Complaints: Receptionist (hours)",
        default=4.0,
        help="The first level resolves a complaint within this many hours of "
        "receiving it, else it goes to the platform CS manager.",
    )
    courier_complaint_hours_2 = fields.Float(
        string="Complaints: Platform CS Manager (hours)", default=24.0
    )
    courier_complaint_hours_3 = fields.Float(
        string="Complaints: Headquarters (hours)", default=48.0
    )
    courier_repeat_complaint_count = fields.Integer(
        string="Warning after Complaints",
        default=3,
        help="A key account with this many complaints within the period below "
        "gets a warning case for repeated complaints.",
    )
    courier_repeat_complaint_days = fields.Integer(
        string="Complaint Period (days)", default=30
    )

    courier_report_day = fields.Integer(
        string="Monthly Incident Report Due (day)",
        default=3,
        help="The branch's summary of last month's incidents is due on this "
        "day of the month.",
    )
    courier_analysis_day = fields.Integer(
        string="Major-Cause Analysis Due (day)",
        default=5,
        help="The analysis of the causes of last month's major incidents is "
        "due on this day of the month.",
    )
    courier_insurance_analysis_day = fields.Integer(
        string="Insurance Claims Analysis Due (day)",
        default=8,
        help="The branch's analysis of last month's insurance claims is due "
        "at headquarters on this day of the month.",
    )
    courier_register_start_day = fields.Integer(
        string="Insured Register Period Starts (day)",
        default=27,
        help="The insured-parcel register runs from this day of a month to the "
        "day before it in the next month, and is due on this day.",
    )
    courier_register_due_hour = fields.Float(
        string="Insured Register Due at",
        default=17.0,
        help="Local time of the due day by which the insured-parcel register "
        "is submitted; later is late.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "courier_register_due_hour" in vals:
            # registers still to submit are due at the new time
            self._policy_recompute(
                "courier.insured.register", "due", [("state", "=", "draft")]
            )
        return res

    @api.constrains(
        "courier_report_day",
        "courier_analysis_day",
        "courier_insurance_analysis_day",
        "courier_register_start_day",
        "courier_register_due_hour",
    )
    def _check_courier_policy_days(self):
        for company in self:
            days = (
                company.courier_report_day,
                company.courier_analysis_day,
                company.courier_insurance_analysis_day,
                company.courier_register_start_day,
            )
            if not all(1 <= day <= 28 for day in days):
                raise ValidationError(
                    self.env._(
                        "The report days and the insured register's start day "
                        "are days of the month between 1 and 28."
                    )
                )
            if company.courier_analysis_day < company.courier_report_day:
                raise ValidationError(
                    self.env._(
                        "The major-cause analysis cannot be due before the "
                        "monthly incident report."
                    )
                )
            if not 0 <= company.courier_register_due_hour < 24:
                raise ValidationError(
                    self.env._(
                        "The insured register's due time is between 00:00 and 23:59."
                    )
                )

    def _courier_policy_models(self):
        """Claims rules each headquarters owns (CL-2, CL-3, the deadlines and
        the fines of CL-6)."""
        return [
            "courier.severity.rule",
            "courier.authority.rule",
            "courier.deadline.rule",
            "courier.penalty.type",
        ]
