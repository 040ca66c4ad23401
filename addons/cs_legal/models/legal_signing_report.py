from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)

from ..tools.legal_rules import rate

LEGAL = "cs_legal.cs_legal_group_user"
# What the refresh computes and nobody else writes.
FIGURES = frozenset(
    {
        "needed_partner_ids",
        "signed_partner_ids",
        "qualified_partner_ids",
        "unsigned_partner_ids",
        "needed_count",
        "signed_count",
        "qualified_count",
        "signing_rate",
        "qualified_rate",
        "target_rate",
        "below_target",
        "case_new_count",
        "case_open_count",
        "generated_on",
    }
)


class LegalSigningReport(models.Model):
    """A branch's month: who needs a contract, who signed, who qualified (LG-2)."""

    _name = "legal.signing.report"
    _description = "Contract Signing Report"
    _inherit = [
        "guarded.workflow.mixin",
        "month.start.mixin",
        "grouped.rate.mixin",
        "mail.thread",
    ]
    _order = "month desc, company_id"
    # grouped: the rates of the summed counts, nothing to count full marks
    _grouped_rates = {
        "signing_rate": ("signed_count", "needed_count", 100.0, 100.0),
        "qualified_rate": ("qualified_count", "needed_count", 100.0, 100.0),
    }

    # Legal staff report the month to HQ; from then on it stays as sent.
    _workflow_transitions = {("draft", "submitted"): LEGAL}
    _workflow_fields = FIGURES | {"sent_on", "sent_by_id", "late"}
    _workflow_fixed_fields = frozenset({"company_id", "month"})
    _workflow_locked_states = ("submitted",)

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, index=True
    )
    month = fields.Date(required=True, index=True, help="First day of the month.")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Reported to HQ")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    needed_partner_ids = fields.Many2many(
        "res.partner",
        "legal_signing_report_needed_rel",
        string="Customers Needing a Contract",
        readonly=True,
    )
    signed_partner_ids = fields.Many2many(
        "res.partner", "legal_signing_report_signed_rel", string="Signed", readonly=True
    )
    qualified_partner_ids = fields.Many2many(
        "res.partner",
        "legal_signing_report_qualified_rel",
        string="Qualified",
        readonly=True,
    )
    unsigned_partner_ids = fields.Many2many(
        "res.partner",
        "legal_signing_report_unsigned_rel",
        string="Without Signed Contract",
        readonly=True,
    )
    needed_count = fields.Integer(readonly=True, aggregator="sum")
    signed_count = fields.Integer(readonly=True, aggregator="sum")
    qualified_count = fields.Integer(readonly=True, aggregator="sum")
    signing_rate = fields.Float(
        string="Signing Rate (%)", readonly=True, aggregator="avg"
    )
    qualified_rate = fields.Float(
        string="Qualified Rate (%)", readonly=True, aggregator="avg"
    )
    target_rate = fields.Float(string="Target (%)", readonly=True, aggregator="avg")
    below_target = fields.Boolean(readonly=True)
    case_new_count = fields.Integer(string="New Cases", readonly=True)
    case_open_count = fields.Integer(string="Open Cases", readonly=True)
    problems = fields.Html(help="Management problems to report to headquarters.")
    generated_on = fields.Datetime(readonly=True)
    sent_on = fields.Date(
        string="Sent to HQ on", readonly=True, copy=False, tracking=True
    )
    sent_by_id = fields.Many2one(
        "res.users", string="Sent by", readonly=True, copy=False
    )
    late = fields.Boolean(
        string="Sent Late",
        readonly=True,
        copy=False,
        help="Sent to headquarters after the report day of the following month.",
    )

    _sql_constraints = [
        (
            "company_month_uniq",
            "UNIQUE(company_id, month)",
            "A branch has one signing report per month.",
        ),
    ]

    @api.depends("company_id", "month")
    def _compute_name(self):
        for report in self:
            report.name = (
                f"{report.company_id.name} {report.month:%Y-%m}" if report.month else ""
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda r: r.state == "submitted"):
            raise UserError(self.env._("A report sent to headquarters is kept."))

    def _workflow_raise_locked(self):
        raise UserError(self.env._("A report sent to headquarters is not changed."))

    # ---- generation --------------------------------------------------------

    @api.model
    def _needed_partners(self, companies, month):
        """{company id: commercial partners that need a contract that month}."""
        month_end = add_months(month, 1)
        needed = {company.id: set() for company in companies}
        key_accounts = self.env["res.partner"]._read_group(
            [
                ("is_key_account", "=", True),
                ("key_account_company_id", "in", companies.ids),
                "|",
                ("key_account_start_date", "=", False),
                ("key_account_start_date", "<", month_end),
            ],
            ["key_account_company_id"],
            ["id:array_agg"],
        )
        for company, ids in key_accounts:
            needed[company.id].update(ids)
        for company in companies:
            invoiced = self.env["key.account.revenue"]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("month", "=", month),
                    ("invoiced", ">=", company._policy().legal_contract_amount),
                ],
                [],
                ["partner_id:array_agg"],
            )
            needed[company.id].update(invoiced[0][0] or [])
        return needed

    @api.model
    def _signed_partners(self, companies, month):
        """{company id: {partner id: qualified}} for contracts in force that month."""
        month_end = add_months(month, 1)
        contracts = self.env["legal.contract"].search(
            [
                ("company_id", "in", companies.ids),
                ("state", "in", ("signed", "closed")),
                ("date_signed", "<", month_end),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", month),
            ]
        )
        signed = {company.id: {} for company in companies}
        for contract in contracts:
            partner = contract.partner_id.commercial_partner_id.id
            seen = signed[contract.company_id.id]
            seen[partner] = seen.get(partner, False) or contract.qualified
        return signed

    @api.model
    def _generate(self, month, companies):
        """Create or refresh the draft reports of ``month``; skip submitted ones."""
        month = first_of_month(month)
        existing = self.search(
            [("month", "=", month), ("company_id", "in", companies.ids)]
        )
        companies -= existing.filtered(lambda r: r.state == "submitted").company_id
        if not companies:
            return self.browse()
        needed = self._needed_partners(companies, month)
        signed = self._signed_partners(companies, month)
        reports = self.browse()
        for company in companies:
            need = needed[company.id]
            done = {p: q for p, q in signed[company.id].items() if p in need}
            values = self._prepare_signing_report_vals(company, month, need, done)
            report = existing.filtered(lambda r, c=company: r.company_id == c)
            if not report:
                report = self.create({"company_id": company.id, "month": month})
            report._workflow_write(values, who=LEGAL)
            reports |= report
        return reports

    @api.model
    def _prepare_signing_report_vals(self, company, month, needed, signed):
        """The figures of ``company``'s report of ``month``: ``needed`` are the
        partners that need a contract, ``signed`` {partner: qualified} those
        of them with a contract in force."""
        qualified = {partner for partner, ok in signed.items() if ok}
        target = company._policy().legal_signing_target
        month_end = add_months(month, 1)
        cases = self.env["legal.case"]
        return {
            "needed_partner_ids": [fields.Command.set(list(needed))],
            "signed_partner_ids": [fields.Command.set(list(signed))],
            "qualified_partner_ids": [fields.Command.set(list(qualified))],
            "unsigned_partner_ids": [fields.Command.set(list(needed - set(signed)))],
            "needed_count": len(needed),
            "signed_count": len(signed),
            "qualified_count": len(qualified),
            "signing_rate": rate(len(signed), len(needed)),
            "qualified_rate": rate(len(qualified), len(needed)),
            "target_rate": target,
            "below_target": rate(len(signed), len(needed)) < target,
            "case_new_count": cases.search_count(
                [
                    ("company_id", "=", company.id),
                    ("date_opened", ">=", month),
                    ("date_opened", "<", month_end),
                ]
            ),
            "case_open_count": cases.search_count(
                [
                    ("company_id", "=", company.id),
                    ("date_opened", "<", month_end),
                    "|",
                    ("date_closed", "=", False),
                    ("date_closed", ">=", month_end),
                ]
            ),
            "generated_on": fields.Datetime.now(),
        }

    def _open_cases(self):
        """The branch's cases open at the month's end that the reader may see."""
        self.ensure_one()
        month_end = add_months(self.month, 1)
        return self.env["legal.case"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_opened", "<", month_end),
                "|",
                ("date_closed", "=", False),
                ("date_closed", ">=", month_end),
            ],
            order="date_opened",
        )

    @api.model
    def _cron_generate(self, batch_size=50):
        """Last month's reports, refreshed daily until the report day (LG-2).

        Contract-shaped: the branches come from ``_get_generate_domain``, each
        report is written by ``_generate`` in its own company. A report sent
        to HQ or refreshed today is left alone, so a rerun or a resumed run
        writes only what is missing.
        """
        today = fields.Date.context_today(self)
        month = add_months(first_of_month(today), -1)
        Company = self.env["res.company"].sudo()
        domain = self._get_generate_domain(month, today)
        companies = Company.search(domain, order="id", limit=batch_size)
        for company in companies:
            self.sudo().with_company(company)._generate(month, company)
        self.env["ir.cron"]._notify_progress(
            done=len(companies), remaining=Company.search_count(domain)
        )

    @api.model
    def _get_generate_domain(self, month, today):
        """The companies (``res.company``) whose report of ``month`` is
        missing, or open and not refreshed today while their headquarters'
        report day has not passed."""
        Company = self.env["res.company"].sudo()
        reports = self.sudo().search([("month", "=", month)])
        # sent to HQ, or refreshed since midnight (UTC, as stored): done
        kept = reports.filtered_domain(
            [
                "|",
                ("state", "=", "submitted"),
                ("generated_on", ">=", datetime.combine(fields.Date.today(), time.min)),
            ]
        )
        refreshing = Company.search(
            [("parent_id", "=", False), ("legal_report_day", ">=", today.day)]
        )
        return [
            ("id", "not in", kept.company_id.ids),
            "|",
            ("id", "not in", reports.company_id.ids),
            ("id", "child_of", refreshing.ids),
        ]

    def action_refresh(self):
        for report in self:
            self._generate(report.month, report.company_id)

    def _report_due(self):
        """The last day the month's report may reach headquarters: the
        headquarters' report day of the following month."""
        self.ensure_one()
        day = self.company_id._policy().legal_report_day
        return add_months(self.month, 1).replace(day=day)

    def action_submit(self):
        today = fields.Date.context_today(self)
        for report in self:
            report._workflow_move(
                "submitted",
                {
                    "sent_on": today,
                    "sent_by_id": self.env.uid,
                    "late": today > report._report_due(),
                },
            )

    def _open_partners(self, partners, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": f"{self.name}: {title}",
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", partners.ids)],
            "context": {"create": False},
        }

    def action_view_unsigned(self):
        return self._open_partners(self.unsigned_partner_ids, self.env._("Unsigned"))

    def action_view_needed(self):
        return self._open_partners(
            self.needed_partner_ids, self.env._("Need a Contract")
        )

    def action_view_signed(self):
        return self._open_partners(self.signed_partner_ids, self.env._("Signed"))

    def action_view_qualified(self):
        return self._open_partners(self.qualified_partner_ids, self.env._("Qualified"))
