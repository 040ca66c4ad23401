from odoo import api, fields, models

from ..tools import add_months, first_of_month

OUTCOMES = ("on_time", "late", "missed", "planned")


class KeyAccountComplianceSummary(models.TransientModel):
    """The month's contact compliance per branch, printed for the monthly review."""

    _name = "key.account.compliance.summary"
    _description = "Monthly Compliance Summary"

    month = fields.Date(
        required=True,
        default=lambda self: add_months(
            first_of_month(fields.Date.context_today(self)), -1
        ),
        help="Any day of the month to summarise.",
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Branches",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )

    def _month_bounds(self):
        start = first_of_month(self.month)
        return start, add_months(start, 1)

    def _rows(self):
        """Per branch: contacts due in the month by outcome, and the on-time rate."""
        self.ensure_one()
        start, stop = self._month_bounds()
        groups = self.env["key.account.visit"]._read_group(
            [
                ("company_id", "in", self.company_ids.ids),
                ("date_planned", ">=", start),
                ("date_planned", "<", stop),
                ("state", "!=", "cancelled"),
            ],
            ["company_id", "compliance"],
            ["__count"],
        )
        counts = {(company, compliance): n for company, compliance, n in groups}
        rows = []
        for company in self.company_ids.sorted("name"):
            row = {"company": company}
            row.update({key: counts.get((company, key), 0) for key in OUTCOMES})
            row["due"] = sum(row[key] for key in OUTCOMES)
            row["rate"] = _rate(row["on_time"], row["due"] - row["planned"])
            rows.append(row)
        total = {key: sum(r[key] for r in rows) for key in (*OUTCOMES, "due")}
        total["rate"] = _rate(total["on_time"], total["due"] - total["planned"])
        return rows, total

    @api.model
    def _bands(self, company):
        """Key accounts of ``company`` per band, for the summary's second table."""
        groups = self.env["res.partner"]._read_group(
            [
                ("is_key_account", "=", True),
                ("key_account_company_id", "=", company.id),
            ],
            ["key_account_band_id"],
            ["__count"],
        )
        return [(band, count) for band, count in groups]

    def action_print(self):
        return self.env.ref(
            "key_account_service.action_report_compliance_summary"
        ).report_action(self)


def _rate(on_time, settled):
    """On-time share of the contacts whose outcome is known, in percent."""
    return round(100.0 * on_time / settled, 1) if settled else 0.0
