from odoo import fields, models


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

    def _courier_policy_models(self):
        """Claims rules each headquarters owns (CL-2, CL-3 and the deadlines)."""
        return [
            "courier.severity.rule",
            "courier.authority.rule",
            "courier.deadline.rule",
        ]
