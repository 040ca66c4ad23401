from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged

from ..tools import add_months, first_of_month
from .common import KeyAccountServiceCommon

GLANCE = [
    "key_account_last_contact_date",
    "key_account_next_contact_date",
    "key_account_overdue_count",
    "key_account_open_warning_count",
    "key_account_revenue_trend",
    "key_account_kpi_month",
    "key_account_commission_line_count",
    "key_account_compliance",
]


@tagged("post_install", "-at_install", "key_account_service")
class TestAccountGlance(KeyAccountServiceCommon):
    """A key account's facts at a glance on its form (its "360")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.month = first_of_month(cls.today)
        cls.partner = cls._key_account(
            "Glance Freight Co.",
            40000,
            months=[add_months(cls.month, -n) for n in (1, 2, 3)],
        )
        cls.phone = cls.env.ref("key_account_service.key_account_contact_type_phone")

    def _visit(self, partner, days, state="planned", done=None):
        return self.env["key.account.visit"].create(
            {
                "partner_id": partner.id,
                "company_id": self.branch.id,
                "user_id": self.account_manager.id,
                "contact_type_id": self.phone.id,
                "date_planned": self.today + timedelta(days=days),
                "state": state,
                "date_done": done,
            }
        )

    def test_last_and_next_contact_overdue_and_warnings(self):
        self._visit(self.partner, -30, "done", self.today - timedelta(days=28))
        self._visit(self.partner, -10, "done", self.today - timedelta(days=9))
        late = self._visit(self.partner, -2)
        missed = self._visit(self.partner, -40, "missed")
        self._visit(self.partner, -5, "cancelled")
        nearest = self._visit(self.partner, 3)
        self._visit(self.partner, 25)
        self.env["key.account.warning"].open_case(self.partner, "no_revenue", "serious")
        partner = self.partner.with_user(self.account_manager)
        self.assertEqual(
            partner.key_account_last_contact_date, self.today - timedelta(days=9)
        )
        self.assertEqual(partner.key_account_next_contact_date, nearest.date_planned)
        self.assertEqual(partner.key_account_overdue_count, 2)
        self.assertEqual(partner.key_account_open_warning_count, 1)
        # the form's contact list: what is still to do, overdue first
        open_visits = partner.key_account_open_visit_ids.sorted("date_planned")
        self.assertEqual(open_visits[:2], missed | late)
        self.assertNotIn("done", open_visits.mapped("state"))

    def test_no_contact_reads_empty_not_a_date(self):
        partner = self.partner.with_user(self.account_manager)
        self.assertFalse(partner.key_account_last_contact_date)
        self.assertFalse(partner.key_account_next_contact_date)
        self.assertEqual(partner.key_account_overdue_count, 0)

    def test_revenue_trend_shows_the_last_twelve_complete_months(self):
        trend = self.partner.with_user(self.account_manager).key_account_revenue_trend
        self.assertEqual(str(trend).count("<td"), 24, "12 bars and 12 month labels")
        self.assertIn(add_months(self.month, -1).strftime("%Y-%m"), trend)
        self.assertNotIn(self.month.strftime("%Y-%m"), trend, "no partial month")
        bare = self._key_account("No Revenue Co.", 0, months=())
        self.assertFalse(bare.key_account_revenue_trend)

    def test_missing_service_figures_are_no_data_not_zero(self):
        partner = self.partner.with_user(self.account_manager)
        self.assertFalse(partner.key_account_kpi_month)
        arch = partner.get_view(self.env.ref("base.view_partner_form").id, "form")[
            "arch"
        ]
        self.assertIn('invisible="not key_account_kpi_month"', arch)
        self.env["key.account.service.kpi"]._record(
            self.partner, self.month, shipments=200, orders_on_time=190
        )
        partner.invalidate_recordset()
        self.assertEqual(partner.key_account_kpi_month, self.month)
        self.assertEqual(partner.key_account_order_on_time_rate, 95.0)

    def test_key_account_facts_are_on_the_first_tab(self):
        arch = self.partner.with_user(self.account_manager).get_view(
            self.env.ref("base.view_partner_form").id, "form"
        )["arch"]
        pages = etree.fromstring(arch).xpath("//notebook/page")
        self.assertEqual(pages[0].get("name"), "key_account")
        # the notebook opens on its autofocus page: ours, and no other
        self.assertEqual(
            [page.get("name") for page in pages if page.get("autofocus")],
            ["key_account"],
        )

    def test_glance_is_computed_in_batch(self):
        """The glance costs the same queries for two accounts or eight."""
        partners = self.partner
        for index in range(8):
            partner = self._key_account(
                f"Batch Freight {index}",
                30000,
                months=[add_months(self.month, -1)],
            )
            self._visit(partner, -1)
            self._visit(partner, 2)
            partners |= partner

        def queries(records):
            records = records.with_user(self.account_manager)
            records.invalidate_model()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            # one record after the other, as the list reads them
            values = [record[name] for record in records for name in GLANCE]
            self.assertEqual(len(values), len(records) * len(GLANCE))
            return self.env.cr.sql_log_count - before

        queries(partners)  # warm the caches (rules, language, companies)
        few = queries(partners.browse(partners[:2].ids))  # a fresh prefetch set
        with self.assertQueryCount(
            12
        ):  # the glance's grouped reads, whatever the number of accounts
            self.assertEqual(queries(partners), few)
