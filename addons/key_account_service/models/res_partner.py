from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import formatLang

from ..tools import (
    add_months,
    first_of_month,
    months_between,
    same_day_months_later,
)
from ..tools.commission import fixed_base
from .key_account_service_kpi import COUNTS


class _MoveDay:
    """The day a transfer moves accounts from, in the context of its write.

    An object no JSON-RPC client can build (a client's context holds only
    JSON values): only ``_key_account_assign`` dates a move, any other write
    of the manager moves the accounts today.
    """

    __slots__ = ("day",)

    def __init__(self, day):
        self.day = day


# KA-5: who serves the account: its branch, the regional manager, or HQ.
KEY_ACCOUNT_TIERS = [
    ("branch", "Branch"),
    ("regional", "Regional"),
    ("national", "National"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_key_account = fields.Boolean(string="Key Account", tracking=True, index=True)
    key_account_manager_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        domain="[('share', '=', False)]",
        tracking=True,
        index=True,
    )
    key_account_company_id = fields.Many2one(
        "res.company",
        string="Serving Branch",
        tracking=True,
        index=True,
        help="The branch that maintains this key account.",
    )
    key_account_start_date = fields.Date(
        string="Key Account Since",
        tracking=True,
        help="Periodic contacts are counted from this month.",
    )
    key_account_tier = fields.Selection(
        KEY_ACCOUNT_TIERS,
        string="Tier",
        default="branch",
        tracking=True,
    )
    # The accounts one serves, whatever companies are ticked: the key-account
    # list opens on them.
    key_account_mine = fields.Boolean(
        string="My Accounts",
        compute="_compute_key_account_mine",
        search="_search_key_account_mine",
        help="An account manager's own accounts and, for a regional manager, the "
        "region's; every account of their companies for a customer-service "
        "manager.",
    )
    # The serving branch may not be among the reader's active companies.
    key_account_currency_id = fields.Many2one(
        "res.currency", compute="_compute_key_account_currency_id", compute_sudo=True
    )
    key_account_expected_revenue = fields.Monetary(
        string="Expected Monthly Revenue",
        currency_field="key_account_currency_id",
        tracking=True,
        help="From the handover: the reference revenue until the account has been "
        "served for a whole reference window.",
    )
    key_account_commission_base = fields.Monetary(
        string="Commission Base",
        currency_field="key_account_currency_id",
        readonly=True,
        tracking=True,
        help="Weighted average monthly revenue of the first three months of "
        "service; fixed then, it does not float with later revenue.",
    )
    key_account_commission_rate = fields.Float(
        string="Commission Rate This Month (%)",
        compute="_compute_key_account_commission_rate",
        compute_sudo=True,  # the rates are headquarters', read from a branch
    )
    key_account_commission_base_date = fields.Date(
        string="Base Fixed On", readonly=True, tracking=True
    )
    # Written by _key_account_update_metrics from the revenue history.
    key_account_reference_revenue = fields.Monetary(
        string="Reference Revenue",
        currency_field="key_account_currency_id",
        readonly=True,
        help="Average monthly net revenue over the reference window.",
    )
    key_account_band_id = fields.Many2one(
        "key.account.band",
        string="Cadence Band",
        readonly=True,
        index=True,
        tracking=True,
    )
    key_account_national_detected = fields.Boolean(
        string="Looks National",
        readonly=True,
        help="Ships from, or is invoiced by, enough cities or branches at a "
        "national account's revenue.",
    )
    key_account_shipping_cities = fields.Integer(
        string="Cities Shipped From",
        readonly=True,
        help="The origin cities of its daily shipments in the reference window.",
    )
    key_account_floor = fields.Monetary(
        string="Maintenance Floor",
        currency_field="key_account_currency_id",
        readonly=True,
    )
    key_account_below_floor = fields.Boolean(string="Below Floor", readonly=True)
    key_account_yearly_revenue = fields.Monetary(
        string="Net Revenue, Last 12 Months",
        currency_field="key_account_currency_id",
        readonly=True,
        help="Net revenue of the last twelve complete months, every branch "
        "together; updated with the account's metrics.",
    )
    # KA-4 (002 art.6): accounts of 100万 a year and more are filed with HQ.
    key_account_hq_filing_required = fields.Boolean(
        string="To File with HQ",
        compute="_compute_key_account_hq_filing_required",
        store=True,
        index=True,
        help="The expected revenue of the handover times twelve, or the net "
        "revenue of the last twelve months, reaches headquarters' filing amount.",
    )
    key_account_hq_filed_date = fields.Date(
        string="Filed with HQ On", readonly=True, tracking=True, copy=False
    )
    key_account_hq_filed_by_id = fields.Many2one(
        "res.users",
        string="Filed with HQ By",
        readonly=True,
        tracking=True,
        copy=False,
    )
    key_account_metrics_date = fields.Date(readonly=True, copy=False)
    key_account_warning_date = fields.Date(readonly=True, copy=False)
    key_account_warning_ids = fields.One2many("key.account.warning", "partner_id")
    key_account_warning_level = fields.Selection(
        [("warning", "Warning"), ("serious", "Serious"), ("lost", "Lost")],
        string="Warning Level",
        compute="_compute_key_account_warning_level",
        store=True,
        help="The most severe open warning of the account.",
    )
    key_account_planned_through = fields.Date(readonly=True, copy=False)
    key_account_revenue_ids = fields.One2many("key.account.revenue", "partner_id")
    key_account_visit_ids = fields.One2many("key.account.visit", "partner_id")
    key_account_visit_count = fields.Integer(compute="_compute_key_account_visit_stats")
    key_account_satisfaction = fields.Float(
        string="Manager's Impression (1-5)",
        compute="_compute_key_account_satisfaction",
        help="Average of the account manager's impressions of the customer's "
        "satisfaction on the visits of the last twelve months.",
    )
    # the customer's own answers and the return visits, last twelve months
    key_account_survey_satisfaction = fields.Float(
        string="Survey Satisfaction (%)",
        compute="_compute_key_account_survey_figures",
        help="Satisfied answers among the answers of the last twelve months.",
    )
    key_account_survey_score = fields.Float(
        string="Survey Score (%)",
        compute="_compute_key_account_survey_figures",
        help="The average answer's share of the best score, last twelve months.",
    )
    key_account_callback_rate = fields.Float(
        string="Return Visits Made (%)",
        compute="_compute_key_account_survey_figures",
        help="Return visits made among those due in the last twelve months.",
    )
    key_account_survey_answer_count = fields.Integer(
        string="Survey Answers", compute="_compute_key_account_survey_figures"
    )
    key_account_satisfaction_target = fields.Float(
        string="Satisfaction Target (%)",
        compute="_compute_key_account_survey_figures",
    )
    key_account_callback_target = fields.Float(
        string="Return Visit Target (%)",
        compute="_compute_key_account_survey_figures",
    )
    key_account_kpi_ids = fields.One2many("key.account.service.kpi", "partner_id")
    key_account_order_on_time_rate = fields.Float(
        string="Orders On Time (%)", compute="_compute_key_account_kpis"
    )
    key_account_delivery_on_time_rate = fields.Float(
        string="Deliveries On Time (%)", compute="_compute_key_account_kpis"
    )
    key_account_complaint_rate = fields.Float(
        string="Complaints per 1,000", compute="_compute_key_account_kpis"
    )
    key_account_incident_rate = fields.Float(
        string="Incidents per 1,000", compute="_compute_key_account_kpis"
    )
    key_account_insured_rate = fields.Float(
        string="Insured Rate, 12 Months (%)",
        compute="_compute_key_account_insured_rate",
        help="Insured waybills among all the account's waybills of this month "
        "and the eleven before, from the operations system's daily figures.",
    )
    key_account_compliance = fields.Float(
        string="On-time Contacts (%)",
        compute="_compute_key_account_visit_stats",
        help="Contacts done on time among those due in the last three months.",
    )
    key_account_kpi_month = fields.Date(
        string="Service Figures Of",
        compute="_compute_key_account_kpis",
        help="The latest month with service figures; empty when there are none.",
    )
    # The account at a glance (its "360"), each computed for many partners at once.
    key_account_last_contact_date = fields.Date(
        string="Last Contact", compute="_compute_key_account_glance"
    )
    key_account_next_contact_date = fields.Date(
        string="Next Contact", compute="_compute_key_account_glance"
    )
    key_account_overdue_count = fields.Integer(
        string="Overdue Contacts",
        compute="_compute_key_account_glance",
        help="Planned or missed contacts past their date and not done.",
    )
    key_account_open_warning_count = fields.Integer(
        string="Open Warnings", compute="_compute_key_account_glance"
    )
    key_account_revenue_trend = fields.Html(
        string="Revenue, Last 12 Months",
        compute="_compute_key_account_revenue_trend",
        sanitize_style=True,
    )
    # X1: compensation is shown apart, never netted with revenue.
    key_account_compensation_month = fields.Monetary(
        string="Compensation This Month",
        currency_field="key_account_currency_id",
        compute="_compute_key_account_compensation",
        help="Claims compensation paid to the customer this month (posted "
        "compensation credit notes, untaxed, as of the last revenue refresh). "
        "Not revenue: it lowers neither the revenue, the band nor the commissions.",
    )
    key_account_compensation_year = fields.Monetary(
        string="Compensation, Last 12 Months",
        currency_field="key_account_currency_id",
        compute="_compute_key_account_compensation",
        help="Claims compensation paid to the customer over this month and the "
        "eleven before it, untaxed.",
    )
    key_account_commission_line_count = fields.Integer(
        string="Commission Lines",
        compute="_compute_key_account_commission_line_count",
        groups="key_account_service.key_account_service_group_user,"
        "key_account_service.key_account_service_group_finance",
    )
    key_account_open_visit_ids = fields.One2many(
        "key.account.visit",
        "partner_id",
        string="Open Contacts",
        domain=[("state", "in", ("planned", "missed"))],
    )

    @api.depends(
        "is_key_account",
        "key_account_company_id",
        "key_account_expected_revenue",
        "key_account_yearly_revenue",
    )
    def _compute_key_account_hq_filing_required(self):
        """At or above the filing amount (inclusive: "100万元以上")."""
        for partner in self:
            if not partner.is_key_account:
                partner.key_account_hq_filing_required = False
                continue
            company = partner._key_account_serving_company()
            threshold = company._policy().key_account_hq_filing_amount
            yearly = (
                partner.key_account_expected_revenue * 12,
                partner.key_account_yearly_revenue,
            )
            partner.key_account_hq_filing_required = any(
                company.currency_id.compare_amounts(amount, threshold) >= 0
                for amount in yearly
            )

    @api.depends("key_account_warning_ids.state", "key_account_warning_ids.level")
    def _compute_key_account_warning_level(self):
        for partner in self:
            open_cases = partner.key_account_warning_ids.filtered(
                lambda c: c.state == "open"
            )
            top = max(open_cases, key=lambda c: c.severity, default=None)
            partner.key_account_warning_level = top.level if top else False

    def _key_account_mine_domain(self):
        user = self.env.user
        if user.has_group("key_account_service.key_account_service_group_manager"):
            return [("key_account_company_id", "in", user.company_ids.ids)]
        # As superuser: a branch of the region need not be a ticked company.
        region_branches = (
            self.env["res.company"]
            .sudo()
            .search([("key_account_region_id.manager_id", "=", user.id)])
        )
        return [
            "|",
            ("key_account_manager_id", "=", user.id),
            ("key_account_company_id", "in", region_branches.ids),
        ]

    def _compute_key_account_mine(self):
        mine = self.filtered_domain(self._key_account_mine_domain())
        for partner in self:
            partner.key_account_mine = partner in mine

    def _search_key_account_mine(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        domain = self._key_account_mine_domain()
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    def _compute_key_account_currency_id(self):
        for partner in self:
            partner.key_account_currency_id = (
                partner._key_account_serving_company()
            ).currency_id

    def _compute_key_account_visit_stats(self):
        Visit = self.env["key.account.visit"]
        counts = dict(
            Visit._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        since = add_months(fields.Date.context_today(self), -3)
        due = Visit._read_group(
            [
                ("partner_id", "in", self.ids),
                ("date_planned", ">=", since),
                ("compliance", "in", ("on_time", "late", "missed")),
            ],
            ["partner_id", "compliance"],
            ["__count"],
        )
        totals, on_time = defaultdict(int), defaultdict(int)
        for partner, compliance, count in due:
            totals[partner] += count
            if compliance == "on_time":
                on_time[partner] += count
        for partner in self:
            partner.key_account_visit_count = counts.get(partner, 0)
            total = totals.get(partner, 0)
            partner.key_account_compliance = (
                100.0 * on_time[partner] / total if total else 0.0
            )

    def _compute_key_account_commission_rate(self):
        month = first_of_month(fields.Date.context_today(self))
        keys = {
            partner: (partner._origin.id, month, partner.key_account_manager_id.id)
            for partner in self.filtered(lambda p: p.is_key_account and p._origin.id)
        }
        rates = self.env["key.account.commission.rate"]._rates(set(keys.values()))
        for partner in self:
            key = keys.get(partner)
            partner.key_account_commission_rate = (rates[key] if key else None) or 0.0

    @api.depends(
        "key_account_kpi_ids.month",
        "key_account_kpi_ids.shipments",
        "key_account_kpi_ids.orders_on_time",
        "key_account_kpi_ids.deliveries_on_time",
        "key_account_kpi_ids.complaints",
        "key_account_kpi_ids.incidents",
    )
    def _compute_key_account_kpis(self):
        """The figures of the latest month with service records (KA-9): the
        rates of that month's counts summed over the branches that served it.

        Two grouped queries whatever the number of partners and the months of
        history: each one's latest month, then that month's sums.
        """
        Kpi = self.env["key.account.service.kpi"]
        ids = [pid for pid in self._origin.ids if pid]
        latest = {
            partner.id: month
            for partner, month in Kpi._read_group(
                [("partner_id", "in", ids)], ["partner_id"], ["month:max"]
            )
        }
        sums = {}
        if latest:
            rows = Kpi._read_group(
                [
                    ("partner_id", "in", list(latest)),
                    ("month", "in", list(set(latest.values()))),
                ],
                ["partner_id", "month:day"],
                [f"{name}:sum" for name in COUNTS],
            )
            sums = {
                partner.id: dict(zip(COUNTS, figures, strict=True))
                for partner, month, *figures in rows
                if month == latest[partner.id]
            }
        for partner in self:
            figures = sums.get(partner._origin.id, {})
            shipments = figures.get("shipments", 0)

            def rate(name, count, figures=figures, shipments=shipments):
                return Kpi._grouped_rate(name, figures.get(count, 0), shipments)

            partner.key_account_kpi_month = latest.get(partner._origin.id, False)
            partner.key_account_order_on_time_rate = rate(
                "order_on_time_rate", "orders_on_time"
            )
            partner.key_account_delivery_on_time_rate = rate(
                "delivery_on_time_rate", "deliveries_on_time"
            )
            partner.key_account_complaint_rate = rate("complaint_rate", "complaints")
            partner.key_account_incident_rate = rate("incident_rate", "incidents")

    def _compute_key_account_insured_rate(self):
        """Insured waybills of all waybills of the twelve months to this one,
        summed over the branches and days in one grouped query."""
        today = fields.Date.context_today(self)
        ids = [pid for pid in self._origin.ids if pid]
        sums = {
            partner.id: (insured, waybills)
            for partner, insured, waybills in self.env["key.account.shipment"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", ids),
                    ("date", ">=", add_months(today, -11)),
                    ("date", "<", add_months(today, 1)),
                ],
                ["partner_id"],
                ["insured_waybills:sum", "waybills:sum"],
            )
        }
        for partner in self:
            insured, waybills = sums.get(partner._origin.id, (0, 0))
            partner.key_account_insured_rate = (
                100.0 * insured / waybills if waybills else 0.0
            )

    def _compute_key_account_glance(self):
        """Last and next contact, overdue contacts and open warnings: four
        grouped queries whatever the number of partners."""
        today = fields.Date.context_today(self)
        ids = [pid for pid in self._origin.ids if pid]

        def grouped(model, domain, aggregate):
            return dict(
                self.env[model]._read_group(
                    [("partner_id", "in", ids), *domain], ["partner_id"], [aggregate]
                )
            )

        last = grouped("key.account.visit", [("state", "=", "done")], "date_done:max")
        upcoming = grouped(
            "key.account.visit",
            [("state", "=", "planned"), ("date_planned", ">=", today)],
            "date_planned:min",
        )
        overdue = grouped(
            "key.account.visit",
            [("state", "in", ("planned", "missed")), ("date_planned", "<", today)],
            "__count",
        )
        warnings = grouped("key.account.warning", [("state", "=", "open")], "__count")
        for partner in self:
            origin = partner._origin
            partner.key_account_last_contact_date = last.get(origin, False)
            partner.key_account_next_contact_date = upcoming.get(origin, False)
            partner.key_account_overdue_count = overdue.get(origin, 0)
            partner.key_account_open_warning_count = warnings.get(origin, 0)

    def _key_account_related_counts(self, model, field="partner_id"):
        """{partner: number of ``model`` records on it} in one grouped query;
        the smart buttons of the three addons count with it."""
        ids = [pid for pid in self._origin.ids if pid]
        return dict(
            self.env[model]._read_group([(field, "in", ids)], [field], ["__count"])
        )

    def _key_account_open_related(self, xmlid, field="partner_id"):
        """``xmlid``'s action on this partner's records, without its default
        filters: the list holds what the smart button counted."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field, "=", self.id)]
        action["context"] = {f"default_{field}": self.id}
        return action

    def _compute_key_account_commission_line_count(self):
        counts = self._key_account_related_counts("key.account.commission.line")
        for partner in self:
            partner.key_account_commission_line_count = counts.get(partner._origin, 0)

    @api.readonly
    def action_view_key_account_commission_lines(self):
        return self._key_account_open_related(
            "key_account_service.key_account_commission_line_action"
        )

    def _compute_key_account_revenue_trend(self):
        """The last twelve complete months' net revenue as small bars.

        Summed over every branch, as the reference revenue is (hence sudo): the
        figures are the account's totals, not another branch's invoices.
        """
        end = first_of_month(fields.Date.context_today(self))
        start = add_months(end, -12)
        ids = [pid for pid in self._origin.ids if pid]
        nets = defaultdict(dict)
        for partner, month, net in (
            self.env["key.account.revenue"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", ids),
                    ("month", ">=", start),
                    ("month", "<", end),
                ],
                ["partner_id", "month:month"],
                ["net:sum"],
            )
        ):
            nets[partner.id][first_of_month(month)] = net
        months = [add_months(start, n) for n in range(12)]
        for partner in self:
            figures = nets.get(partner._origin.id)
            partner.key_account_revenue_trend = (
                self._key_account_trend_html(months, figures, partner)
                if figures
                else False
            )

    def _compute_key_account_compensation(self):
        """This month's and the last twelve months' compensation from the
        revenue rows, one grouped query; summed over every branch, as the
        revenue trend is (hence sudo)."""
        month = first_of_month(fields.Date.context_today(self))
        ids = [pid for pid in self._origin.ids if pid]
        this_month, year = defaultdict(float), defaultdict(float)
        for partner, row_month, amount in (
            self.env["key.account.revenue"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", ids),
                    ("month", ">=", add_months(month, -11)),
                    ("month", "<=", month),
                    ("compensation", "!=", 0),
                ],
                ["partner_id", "month:month"],
                ["compensation:sum"],
            )
        ):
            year[partner.id] += amount or 0.0
            if first_of_month(row_month) == month:
                this_month[partner.id] += amount or 0.0
        for partner in self:
            partner.key_account_compensation_month = this_month[partner._origin.id]
            partner.key_account_compensation_year = year[partner._origin.id]

    def _key_account_trend_html(self, months, figures, partner):
        top = max(max(figures.values()), 0.0) or 1.0
        currency = partner.key_account_currency_id
        cells = Markup()
        for month in months:
            net = figures.get(month, 0.0)
            height = max(2, round(40 * max(net, 0.0) / top))
            cells += Markup(
                '<td style="vertical-align: bottom; padding: 0 2px;" title="%s: %s">'
                '<div style="height: %spx; width: 14px; background-color: #43C5B1;">'
                "</div></td>"
            ) % (
                month.strftime("%Y-%m"),
                formatLang(self.env, net, currency_obj=currency),
                height,
            )
        labels = Markup().join(
            Markup('<td style="font-size: 10px; padding: 0 2px;">%s</td>')
            % month.strftime("%m")
            for month in months
        )
        return Markup(
            '<table class="o_key_account_trend"><tr style="height: 42px;">%s</tr>'
            "<tr>%s</tr></table>"
        ) % (cells, labels)

    def _compute_key_account_satisfaction(self):
        """The average rating of the last twelve months' visits: one grouped
        query (at most five rows a partner) whatever the number of visits."""
        since = add_months(fields.Date.context_today(self), -12)
        ids = [pid for pid in self._origin.ids if pid]
        totals, counts = defaultdict(int), defaultdict(int)
        for partner, rating, count in self.env["key.account.visit"]._read_group(
            [
                ("partner_id", "in", ids),
                ("state", "=", "done"),
                ("satisfaction", "!=", False),
                ("date_done", ">=", since),
            ],
            ["partner_id", "satisfaction"],
            ["__count"],
        ):
            totals[partner.id] += int(rating) * count
            counts[partner.id] += count
        for partner in self:
            count = counts.get(partner._origin.id)
            partner.key_account_satisfaction = (
                totals[partner._origin.id] / count if count else 0.0
            )

    def _compute_key_account_survey_figures(self):
        """The rates of the last twelve months' summed counts, one grouped
        read whatever the number of partners."""
        since = first_of_month(add_months(fields.Date.context_today(self), -11))
        ids = [pid for pid in self._origin.ids if pid]
        rows = {
            row["partner_id"][0]: row
            for row in self.env["key.account.satisfaction"].read_group(
                [("partner_id", "in", ids), ("month", ">=", since)],
                [
                    "satisfaction_rate",
                    "score",
                    "callback_rate",
                    "answered_count:sum",
                ],
                ["partner_id"],
            )
        }
        for partner in self:
            row = rows.get(partner._origin.id, {})
            policy = partner._key_account_serving_company()._policy()
            partner.key_account_survey_satisfaction = row.get("satisfaction_rate", 0.0)
            partner.key_account_survey_score = row.get("score", 0.0)
            partner.key_account_callback_rate = row.get("callback_rate", 0.0)
            partner.key_account_survey_answer_count = row.get("answered_count", 0)
            partner.key_account_satisfaction_target = (
                policy.key_account_satisfaction_target
            )
            partner.key_account_callback_target = policy.key_account_callback_target

    def action_view_key_account_satisfaction(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_satisfaction_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"search_default_last_12_months": 1}
        return action

    # ---- write hooks -------------------------------------------------------

    def _key_account_check_owner_fields(self, vals_list, creating=False):
        """Key-account fields change through the handover (as superuser) or by a
        key-account manager; Odoo's Contact Creation right is not enough (H4).

        A new contact may carry them empty or at their default (the form sends
        every field it shows).
        """
        if self.env.su or self.env.user.has_group(
            "key_account_service.key_account_service_group_manager"
        ):
            return
        names = set()
        for vals in vals_list:
            for name, value in vals.items():
                if name != "is_key_account" and not name.startswith("key_account_"):
                    continue
                field = self._fields[name]
                if creating and (
                    not value or (field.default and value == field.default(self))
                ):
                    continue
                names.add(field._description_string(self.env))
        if names:
            raise AccessError(
                self.env._(
                    "Only customer-service managers or an approved handover change "
                    "the key-account fields of a contact (%(fields)s).",
                    fields=", ".join(sorted(names)),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._key_account_check_owner_fields(vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._key_account_check_owner_fields([vals])
        previous = {}
        if "key_account_manager_id" in vals:
            previous = {p: p.key_account_manager_id for p in self}
        res = super().write(vals)
        if "key_account_manager_id" in vals:
            self._key_account_reassign_visits()
            moved = self.filtered(lambda p: p.key_account_manager_id != previous[p])
            # a transfer moves the accounts from its date (_key_account_assign)
            move_day = self.env.context.get("key_account_move_date")
            if isinstance(move_day, _MoveDay):
                day = move_day.day
            else:
                day = fields.Date.context_today(self)
            self.env["key.account.roster"].sudo()._record_move(moved, day, previous)
        if {"is_key_account", "key_account_company_id"} & set(vals):
            # Band, floor and plan depend on these: recompute them tonight.
            self.sudo().write(
                {
                    "key_account_metrics_date": False,
                    "key_account_planned_through": False,
                }
            )
        return res

    def _key_account_assign(self, user, day):
        """Give the accounts to ``user`` from ``day`` (a transfer's date, checked
        by the transfer): the roster splits their month there, not today."""
        return self.with_context(key_account_move_date=_MoveDay(day)).write(
            {"key_account_manager_id": user.id}
        )

    def _key_account_replan_tonight(self):
        """The accounts' contacts are planned again by tonight's run."""
        self.sudo().filtered("key_account_planned_through").write(
            {"key_account_planned_through": False}
        )

    def _key_account_serving_company(self):
        """The account's serving branch, else the current company."""
        self.ensure_one()
        return self.key_account_company_id or self.env.company

    # ---- actions -----------------------------------------------------------

    @api.readonly
    def action_view_key_account_revenue(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_revenue_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.readonly
    def action_view_key_account_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.readonly
    def action_view_key_account_archive(self):
        """The customer's archive card in the serving company (KA-8)."""
        self.ensure_one()
        company = self._key_account_serving_company()
        archive = self.env["key.account.archive"].search(
            [("partner_id", "=", self.id), ("company_id", "=", company.id)], limit=1
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Archive"),
            "res_model": "key.account.archive",
            "view_mode": "form",
            "res_id": archive.id,
            "context": {
                "default_partner_id": self.id,
                "default_company_id": company.id,
            },
        }

    def action_key_account_plan_visits(self):
        """Update metrics and plan this month's and next month's contacts now."""
        self.ensure_one()
        if not self.env.user.has_group(
            "key_account_service.key_account_service_group_user"
        ):
            raise AccessError(self.env._("Only key-account staff may plan contacts."))
        today = fields.Date.context_today(self)
        self._key_account_update_metrics()
        self.env["key.account.visit"]._plan_partners(
            self, [first_of_month(today), add_months(today, 1)]
        )
        return self.action_view_key_account_visits()

    def _key_account_reassign_visits(self):
        """A new account manager takes over the account's future planned contacts."""
        today = fields.Date.context_today(self)
        visits = (
            self.env["key.account.visit"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("state", "=", "planned"),
                    ("date_planned", ">=", today),
                ]
            )
        )
        for partner in self:
            mine = visits.filtered(lambda v, p=partner: v.partner_id == p)
            manager = partner.key_account_manager_id
            mine.write({"user_id": manager.id})
            mine.planning_activity_id.write({"user_id": manager.id or self.env.uid})

    def action_key_account_record_hq_filing(self):
        """A customer-service manager records that the archive went to HQ."""
        if not self.env.user.has_group(
            "key_account_service.key_account_service_group_manager"
        ):
            raise AccessError(
                self.env._("Only customer-service managers record an HQ filing.")
            )
        self.check_access("read")
        unexpected = self.filtered(lambda p: not p.key_account_hq_filing_required)
        if unexpected:
            raise UserError(
                self.env._(
                    "%(customers)s do not reach headquarters' filing amount.",
                    customers=", ".join(unexpected.mapped("display_name")),
                )
            )
        # the customer-service manager may lack Odoo's Contact Creation right
        self.filtered(lambda p: not p.key_account_hq_filed_date).sudo().write(
            {
                "key_account_hq_filed_date": fields.Date.context_today(self),
                "key_account_hq_filed_by_id": self.env.uid,
            }
        )

    def action_key_account_rebase_commission(self):
        """Managers fix the base again from the three months after the start date."""
        if not self.env.user.has_group(
            "key_account_service.key_account_service_group_manager"
        ):
            raise AccessError(
                self.env._("Only customer-service managers may re-base a commission.")
            )
        self.sudo().write({"key_account_commission_base_date": False})
        self._key_account_fix_commission_base(force=True)

    def _key_account_fix_commission_base(self, force=False):
        """Fix the base of accounts whose first three months are complete."""
        today = fields.Date.context_today(self)
        pending = self.filtered(
            lambda p: (
                p.key_account_start_date
                and (force or not p.key_account_commission_base_date)
                and same_day_months_later(p.key_account_start_date, 3) <= today
            )
        )
        if not pending:
            return
        nets = defaultdict(dict)
        for partner, month, net in (
            self.env["key.account.revenue"]
            .sudo()
            ._read_group(
                [("partner_id", "in", pending.ids)],
                ["partner_id", "month:month"],
                ["net:sum"],
            )
        ):
            nets[partner][first_of_month(month)] = net
        for partner in pending:
            partner.sudo().write(
                {
                    "key_account_commission_base": fixed_base(
                        partner.key_account_start_date, nets[partner]
                    ),
                    "key_account_commission_base_date": today,
                }
            )

    # ---- metrics -----------------------------------------------------------

    def _key_account_window(self, today):
        """[start, end) of the complete months of the reference window."""
        policy = self._key_account_serving_company()._policy()
        end = first_of_month(today)
        return add_months(end, -policy.key_account_reference_months), end

    def _key_account_update_metrics(self):
        """Reference revenue, cadence band, national detection and floor, set-based."""
        today = fields.Date.context_today(self)
        Revenue, Band = self.env["key.account.revenue"], self.env["key.account.band"]
        by_window = defaultdict(lambda: self.browse())
        for partner in self:
            by_window[partner._key_account_window(today)] |= partner
        band_cache = {}
        yearly = self._key_account_yearly_revenues(today)
        for (start, end), partners in by_window.items():
            rows = Revenue.sudo()._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("month", ">=", start),
                    ("month", "<", end),
                ],
                ["partner_id", "company_id"],
                ["net:sum", "invoiced:sum"],
            )
            net, branches = defaultdict(float), defaultdict(int)
            for partner, _company, net_sum, invoiced_sum in rows:
                net[partner] += net_sum
                branches[partner] += 1 if invoiced_sum > 0 else 0
            cities = dict(
                self.env["key.account.shipment"]
                .sudo()
                ._read_group(
                    [
                        ("partner_id", "in", partners.ids),
                        ("date", ">=", start),
                        ("date", "<", end),
                    ],
                    ["partner_id"],
                    ["origin_city:count_distinct"],
                )
            )
            months = max(1, months_between(start, end))
            for partner in partners:
                company = partner._key_account_serving_company()
                policy = company._policy()
                reference = net[partner] / months
                started = partner.key_account_start_date
                if partner.key_account_expected_revenue and started and started > start:
                    reference = partner.key_account_expected_revenue
                if (company, "cadence") not in band_cache:
                    band_cache[company, "cadence"] = Band._get_bands(company, "cadence")
                band = band_cache[company, "cadence"]._find(reference)
                floor = company._key_account_floor()
                vals = {
                    "key_account_reference_revenue": reference,
                    # 000 §4.1: shipping in two cities or more (or invoiced
                    # by two branches) at about 100,000 a month
                    "key_account_national_detected": (
                        max(branches[partner], cities.get(partner, 0))
                        >= policy.key_account_national_min_branches
                        and reference >= policy.key_account_national_min_revenue
                    ),
                    "key_account_shipping_cities": cities.get(partner, 0),
                    "key_account_floor": floor,
                    "key_account_below_floor": reference < floor,
                    "key_account_yearly_revenue": yearly.get(partner, 0.0),
                    "key_account_metrics_date": today,
                }
                if band != partner.key_account_band_id:
                    vals["key_account_band_id"] = band.id
                    vals["key_account_planned_through"] = False  # re-plan on a new band
                partner.sudo().write(vals)

    def _key_account_yearly_revenues(self, today):
        """{partner: net revenue of the twelve complete months before ``today``},
        every branch together, in one grouped query."""
        end = first_of_month(today)
        return dict(
            self.env["key.account.revenue"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("month", ">=", add_months(end, -12)),
                    ("month", "<", end),
                ],
                ["partner_id"],
                ["net:sum"],
            )
        )

    @api.model
    def _key_account_queue_metrics(self):
        """Ask for every key account's metrics to be computed again."""
        self.sudo().search([("is_key_account", "=", True)]).write(
            {"key_account_metrics_date": False}
        )
        self.env.ref("key_account_service.ir_cron_key_account_metrics")._trigger()

    @api.model
    def _key_account_cron_batch(self, domain, process, batch_size):
        """One batch of a key-account cron (``_cron_batch``): each serving
        branch's accounts in that branch, those without one in the job's."""
        return self._cron_batch(
            domain,
            process,
            batch_size,
            company_field="key_account_company_id",
            order="key_account_company_id, id",
        )

    @api.model
    def _key_account_not_done_domain(self, stamp_field, day):
        """Key accounts whose ``stamp_field`` (the day a job last did them) is
        empty or before ``day``: what a daily job has left to do."""
        return [
            ("is_key_account", "=", True),
            "|",
            (stamp_field, "=", False),
            (stamp_field, "<", day),
        ]

    @api.model
    def _cron_update_metrics(self, batch_size=500):
        """Each key account's metrics and commission base, once a day.

        Contract-shaped: the accounts come from ``_get_update_metrics_domain``,
        each serving branch's are updated by ``_key_account_update_metrics``
        in that company. The update stamps the day, which takes the account
        out of the domain: a rerun or a resumed run updates only the others.
        """
        today = fields.Date.context_today(self)

        def update(batch):
            batch._key_account_update_metrics()
            batch._key_account_fix_commission_base()

        self._key_account_cron_batch(
            self._get_update_metrics_domain(today),
            update,
            batch_size,
        )

    @api.model
    def _get_update_metrics_domain(self, today):
        """Key accounts whose metrics were not updated ``today``."""
        return self._key_account_not_done_domain("key_account_metrics_date", today)
