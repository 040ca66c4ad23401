from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged

from ..tools import add_months, first_of_month
from .common import KeyAccountServiceCommon, board_panel_domain, view_grouping


@tagged("post_install", "-at_install", "key_account_service")
class TestFormQueries(KeyAccountServiceCommon):
    """Opening a key account's form costs the same queries whatever its history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.month = first_of_month(cls.today)
        cls.phone = cls.env.ref("key_account_service.key_account_contact_type_phone")
        cls.new = cls._key_account(
            "Newly Served Co.", 30000, months=[add_months(cls.month, -1)]
        )
        cls._history(cls.new, months=1)
        history = [add_months(cls.month, -n) for n in range(1, 37)]
        cls.old = cls._key_account("Long Served Co.", 50000, months=history)
        cls._history(cls.old, months=36)

    @classmethod
    def _history(cls, partner, months):
        """``months`` months of contacts (done and rated, missed, planned),
        service figures from two branches and warnings, the last one open."""
        Visit, Kpi = cls.env["key.account.visit"], cls.env["key.account.service.kpi"]
        visits = []
        for n in range(months):
            day = cls.today - timedelta(days=30 * n + 3)
            visits += [
                {
                    "date_planned": day,
                    "state": "done",
                    "date_done": day,
                    "satisfaction": str(1 + n % 5),
                },
                {"date_planned": day - timedelta(days=10), "state": "missed"},
            ]
            for company, shipments in ((cls.branch, 100 + n), (cls.hq, 50)):
                Kpi._record(
                    partner,
                    add_months(cls.month, -n),
                    company=company,
                    shipments=shipments,
                    orders_on_time=90,
                    deliveries_on_time=80,
                    complaints=n % 3,
                )
        visits.append({"date_planned": cls.today + timedelta(days=5)})
        Visit.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": cls.branch.id,
                    "user_id": cls.account_manager.id,
                    "contact_type_id": cls.phone.id,
                    **vals,
                }
                for vals in visits
            ]
        )
        Warning = cls.env["key.account.warning"]
        for _n in range(months // 6):
            Warning.open_case(partner, "no_revenue", "warning").sudo().write(
                {"state": "recovered"}
            )
        Warning.open_case(partner, "no_revenue", "serious")

    def _form_spec(self, partner):
        """What the web client reads of the form: the key-account fields of the
        form view, as the account manager sees it."""
        view = partner.get_views([[False, "form"]])["views"]["form"]
        spec = {}
        for node in etree.fromstring(view["arch"]).iter("field"):
            name = node.get("name")
            field = partner._fields.get(name)
            if not field or not (
                name.startswith("key_account_") or name == "is_key_account"
            ):
                continue
            if field.type == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif field.type in ("one2many", "many2many"):
                spec[name] = {
                    "fields": {"date_planned": {}, "state": {}, "display_name": {}},
                    "limit": 10,
                    "order": "date_planned, id",
                }
            else:
                spec[name] = {}
        return spec

    def _open(self, partner):
        """Queries of one opening of ``partner``'s form, and what it shows."""
        partner = partner.with_user(self.account_manager)
        spec = self._form_spec(partner)
        self.env.flush_all()
        partner.invalidate_recordset()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        values = partner.web_read(spec)[0]
        return self.env.cr.sql_log_count - before, values

    def test_form_shows_the_latest_figures(self):
        _queries, values = self._open(self.old)
        self.assertEqual(values["key_account_kpi_month"], self.month)
        # the latest month, both branches: 190 shipments, 180 orders on time
        self.assertEqual(
            values["key_account_order_on_time_rate"], round(18000 / 150, 2)
        )
        self.assertEqual(values["key_account_complaint_rate"], 0.0)
        self.assertEqual(values["key_account_open_warning_count"], 1)
        # rated 1, 2, 3, 4, 5, 1, ... on the 13 visits of the last twelve months
        self.assertAlmostEqual(values["key_account_satisfaction"], 36 / 13, places=6)
        self.assertEqual(self._open(self.new)[1]["key_account_satisfaction"], 1.0)
        # the 37 open contacts listed, the first 10 read (the list's page)
        visits = values["key_account_open_visit_ids"]
        self.assertEqual(len(visits), 37)
        self.assertEqual(sum("state" in visit for visit in visits), 10)

    def test_form_queries_do_not_grow_with_history(self):
        self._open(self.new)  # warm the caches (views, rules, companies)
        self._open(self.old)
        few, _values = self._open(self.new)
        # the form's reads, the same for any history (the satisfaction survey's
        # figures and the insured rate read in one grouped query each)
        with self.assertQueryCount(30):
            many, _values = self._open(self.old)
        self.assertEqual(many, few)

    def test_read_only_calls_may_go_to_a_replica(self):
        """The smart buttons and the approvals counter only read: Odoo serves
        them on a read-only cursor (a replica when one is configured)."""
        for model, method in (
            ("res.partner", "action_view_key_account_revenue"),
            ("res.partner", "action_view_key_account_visits"),
            ("res.partner", "action_view_key_account_commission_lines"),
            ("res.partner", "action_view_key_account_archive"),
            ("mail.activity", "key_account_approval_count"),
            ("mail.activity", "action_key_account_approvals"),
        ):
            with self.subTest(method=method):
                function = getattr(type(self.env[model]), method)
                self.assertTrue(getattr(function, "_readonly", False))

    def _dashboard_reads(self):
        """The reads of the key-account dashboard's panels as the account
        manager, as the board sends them: a graph's grouped read, a pivot's
        total and rows, a list's first page."""
        board = self.env.ref("key_account_service.key_account_dashboard_view")
        reads = []
        for node in etree.fromstring(board.arch).iter("action"):
            action = self.env["ir.actions.act_window"].browse(int(node.get("name")))
            mode = node.get("view_mode")
            model = self.env[action.res_model].with_user(self.account_manager)
            domain = board_panel_domain(self.env, board, action, self.today)
            view = action.view_ids.filtered(lambda v, m=mode: v.view_mode == m).view_id
            if mode == "list":
                spec = {
                    f.get("name"): {"fields": {"display_name": {}}}
                    if model._fields[f.get("name")].type == "many2one"
                    else {}
                    for f in etree.fromstring(view.arch).iter("field")
                }
                reads.append(lambda m=model, d=domain, s=spec: m.web_search_read(d, s))
                continue
            groupby, measures = view_grouping(model, view)
            measures = ["__count", *measures]
            if mode == "pivot":  # its total, then its rows
                reads += [
                    lambda m=model, d=domain, a=measures, g=rows: m.read_group(
                        d, a, g, lazy=False
                    )
                    for rows in ([], groupby)
                ]
                continue
            reads.append(
                lambda m=model, d=domain, a=measures, g=groupby: m.web_read_group(
                    d, a, g, lazy=False
                )
            )
        return reads

    def _open_dashboard(self, reads):
        """Queries of one opening of the dashboard."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        for read in reads:
            read()
        return self.env.cr.sql_log_count - before

    def test_dashboard_queries_do_not_grow_with_history(self):
        """The dashboard's panels cost the same queries whatever the history
        of the accounts they sum (grouped reads, no read per record)."""
        reads = self._dashboard_reads()
        self._open_dashboard(reads)  # warm the caches (rules, companies)
        few = self._open_dashboard(reads)
        later = self._key_account(
            "Later Served Co.",
            40000,
            months=[add_months(self.month, -n) for n in range(1, 25)],
        )
        self._history(later, months=24)
        self.env.flush_all()  # the new history's writes, outside the count
        with self.assertQueryCount(15):
            many = self._open_dashboard(reads)
        self.assertEqual(many, few)
