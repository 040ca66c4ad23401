from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestMyDay(KeyAccountServiceCommon):
    """The account manager's home: what is due, what burns, what to confirm."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls._new_user("ka_colleague", "user", cls.branch)
        cls.mine = cls._key_account("My Freight Co.", 50000)
        cls.theirs = cls._key_account("Their Freight Co.", 50000, manager=cls.colleague)
        cls.today = fields.Date.context_today(cls.env.user)
        phone = cls.env.ref("key_account_service.key_account_contact_type_phone")
        Visit = cls.env["key.account.visit"]

        def visit(partner, days, state="planned", user=None):
            return Visit.create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.branch.id,
                    "user_id": (user or partner.key_account_manager_id).id,
                    "contact_type_id": phone.id,
                    "date_planned": cls.today + timedelta(days=days),
                    "state": state,
                    "date_done": cls.today if state == "done" else False,
                }
            )

        cls.due_today = visit(cls.mine, 0)
        cls.late = visit(cls.mine, -1)
        cls.missed = visit(cls.mine, -20, "missed")
        cls.done = visit(cls.mine, -2, "done")
        cls.cancelled = visit(cls.mine, -3, "cancelled")
        cls.tomorrow = visit(cls.mine, 1)
        cls.colleagues = visit(cls.theirs, 0)
        Warning = cls.env["key.account.warning"]
        cls.warning = Warning.open_case(cls.mine, "revenue_drop", "warning")
        Warning.open_case(cls.theirs, "revenue_drop", "serious")
        Statement = cls.env["key.account.commission.statement"]
        cls.draft = Statement.create(
            {
                "month": "2026-10-01",
                "user_id": cls.account_manager.id,
                "company_id": cls.branch.id,
            }
        )
        confirmed = Statement.create(
            {
                "month": "2026-09-01",
                "user_id": cls.account_manager.id,
                "company_id": cls.branch.id,
            }
        )
        confirmed.with_user(cls.account_manager).action_confirm()
        Statement.create(
            {
                "month": "2026-10-01",
                "user_id": cls.colleague.id,
                "company_id": cls.branch.id,
            }
        )

    def _open(self, user):
        """The home action as ``user`` with only his default company active."""
        action = (
            self.env.ref("key_account_service.key_account_my_day_action")
            .with_user(user)
            .with_context(allowed_company_ids=user.company_id.ids)
            .run()
        )
        self.assertEqual(action["res_model"], "key.account.my.day")
        return (
            self.env["key.account.my.day"]
            .with_user(user)
            .with_context(allowed_company_ids=user.company_id.ids)
            .browse(action["res_id"])
        )

    def test_my_day_holds_my_due_and_overdue_contacts(self):
        day = self._open(self.account_manager)
        self.assertEqual(day.user_id, self.account_manager)
        self.assertEqual(day.visit_ids, self.due_today | self.late | self.missed)
        # today first, then the most recent overdue
        self.assertEqual(day.visit_ids[0], self.due_today)
        self.assertEqual((day.today_count, day.overdue_count), (1, 2))

    def test_my_day_holds_my_open_warnings_and_drafts_to_confirm(self):
        day = self._open(self.account_manager)
        self.assertEqual(day.warning_ids, self.warning)
        self.assertEqual(day.warning_count, 1)
        self.assertEqual(day.statement_ids, self.draft)
        self.assertEqual(day.statement_count, 1)
        self.draft.with_user(self.account_manager).action_confirm()
        self.assertFalse(self._open(self.account_manager).statement_ids)

    def test_a_colleague_has_his_own_day_and_cannot_read_mine(self):
        day = self._open(self.account_manager)
        theirs = self._open(self.colleague)
        self.assertEqual(theirs.visit_ids, self.colleagues)
        with self.assertRaises(AccessError):
            day.with_user(self.colleague).read(["visit_ids"])

    def test_account_managers_of_the_demo_land_on_their_day(self):
        action = self.env.ref("key_account_service.key_account_my_day_action")
        chen = self.env.ref(
            "key_account_service.demo_user_manager_chen", raise_if_not_found=False
        )
        if not chen:
            self.skipTest("demo data not loaded")
        self.assertEqual(chen.action_id.id, action.id)
        menu = self.env.ref("key_account_service.key_account_my_day_menu")
        self.assertTrue(menu.with_user(chen)._filter_visible_menus())

    def test_demo_account_manager_day_with_only_his_company(self):
        chen = self.env.ref(
            "key_account_service.demo_user_manager_chen", raise_if_not_found=False
        )
        if not chen:
            self.skipTest("demo data not loaded")
        day = self._open(chen)
        today = fields.Date.context_today(day)
        expected = (
            self.env["key.account.visit"]
            .sudo()
            .search(
                [
                    ("company_id", "in", chen.company_id.ids),
                    ("state", "in", ("planned", "missed")),
                    ("date_planned", "<=", today),
                    "|",
                    ("user_id", "=", chen.id),
                    ("partner_id.key_account_manager_id", "=", chen.id),
                ]
            )
        )
        self.assertTrue(expected, "the demo plans overdue contacts for chen.jing")
        self.assertEqual(day.visit_ids.ids, day.visit_ids.sudo().ids)
        self.assertEqual(set(day.visit_ids.ids), set(expected.ids))
        warnings = (
            self.env["key.account.warning"]
            .sudo()
            .search(
                [
                    ("company_id", "in", chen.company_id.ids),
                    ("state", "=", "open"),
                    ("account_manager_id", "=", chen.id),
                ]
            )
        )
        self.assertEqual(set(day.warning_ids.ids), set(warnings.ids))

    def test_overdue_filter_counts_missed_contacts(self):
        """'Overdue' is what a manager expects: not done and past its date."""
        arch = self.env["key.account.visit"].get_view(
            self.env.ref("key_account_service.key_account_visit_view_search").id,
            "search",
        )["arch"]
        (node,) = etree.fromstring(arch).xpath("//filter[@name='overdue']")
        domain = safe_eval(
            node.get("domain"),
            {"context_today": lambda: safe_datetime.datetime.now()},
        )
        overdue = self.env["key.account.visit"].search(
            [*domain, ("partner_id", "=", self.mine.id)]
        )
        self.assertEqual(overdue, self.late | self.missed)
