from datetime import date

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon, ReportRenderMixin


@tagged("post_install", "-at_install", "key_account_service")
class TestReaderLanguage(ReportRenderMixin, KeyAccountServiceCommon):
    """Names made by code read in the reader's language, not their maker's."""

    freeze_time = "2025-12-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese(["key_account_service"])
        cls._copy_manual_bands(cls.hq)
        cls.account_manager.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.chinese_reader = cls._new_user("ka_reader_zh", "manager", cls.hq)
        cls.chinese_reader.lang = "zh_CN"
        cls.english_reader = cls._new_user("ka_reader_en", "manager", cls.hq)
        cls.english_reader.lang = "en_US"
        cls.partner = cls._key_account(
            "Xihu Lanterns",
            30000,
            months=("2025-09-01", "2025-10-01", "2025-11-01"),
        )
        cls.partner._key_account_update_metrics()
        cls.phone = cls.env.ref("key_account_service.key_account_contact_type_phone")

    def _as(self, records, user):
        """``records`` as ``user`` reads them in the web client."""
        return records.with_user(user).with_context(lang=user.lang)

    def _chinese(self, record, field="name"):
        text = record.with_context(lang="zh_CN")[field]
        self.assertNotEqual(text, record.with_context(lang="en_US")[field])
        return text

    def _planned_phone_call(self):
        # planned by the nightly job, which runs in English
        self.env["key.account.visit"].with_context(lang="en_US")._cron_plan()
        return self.env["key.account.visit"].search(
            [
                ("partner_id", "=", self.partner.id),
                ("contact_type_id", "=", self.phone.id),
            ],
            limit=1,
        )

    def test_cron_planned_contacts_read_in_each_readers_language(self):
        visit = self._planned_phone_call()
        chinese = f"{self._chinese(self.phone)} - Xihu Lanterns"
        self.assertEqual(self._as(visit, self.chinese_reader).name, chinese)
        self.assertEqual(self._as(visit, self.chinese_reader).display_name, chinese)
        self.assertEqual(
            self._as(visit, self.english_reader).display_name,
            "Phone Call - Xihu Lanterns",
        )
        # lists and the calendar read display_name; each reader searches what he reads
        Visit = self._as(self.env["key.account.visit"], self.chinese_reader)
        self.assertIn(visit, Visit.search([("name", "ilike", chinese)]))
        self.assertIn(visit.id, [row[0] for row in Visit.name_search(chinese)])
        self.assertNotIn(visit, Visit.search([("name", "not ilike", "Xihu")]))
        Visit = self._as(self.env["key.account.visit"], self.english_reader)
        self.assertIn(visit, Visit.search([("name", "ilike", "Phone Call - Xihu")]))
        self.assertNotIn(visit, Visit.search([("name", "=", chinese)]))

    def test_planned_contact_activity_speaks_its_managers_language(self):
        visit = self._planned_phone_call()
        activity = visit.planning_activity_id
        self.assertFalse(activity.summary, "the translated activity type names it")
        self.assertEqual(
            self._as(activity, self.chinese_reader).activity_type_id.name,
            self._chinese(self.phone.activity_type_id),
        )
        self.assertEqual(
            activity.res_name, f"{self._chinese(self.phone)} - Xihu Lanterns"
        )

    def test_visit_report_title_in_the_readers_language(self):
        visit = self._planned_phone_call()
        self.assertIn(
            f"{self._chinese(self.phone)} - Xihu Lanterns",
            self._render("key_account_service.report_visit", visit, "zh_CN"),
        )
        self.assertIn(
            "Phone Call - Xihu Lanterns",
            self._render("key_account_service.report_visit", visit, "en_US"),
        )

    def test_names_cost_no_query_per_record(self):
        self._planned_phone_call()
        visits = self.env["key.account.visit"].search(
            [("partner_id", "=", self.partner.id)]
        )
        self.assertGreater(len(visits), 4)

        def queries(records):
            records.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.with_context(lang="zh_CN").mapped("display_name")
            return self.env.cr.sql_log_count - before

        few = queries(visits[:2])
        with self.assertQueryCount(3):  # the names of any number of contacts
            self.assertEqual(queries(visits), few)

    def test_warning_name_in_each_readers_language(self):
        case = (
            self.env["key.account.warning"]
            .with_context(lang="en_US")
            .open_case(self.partner, "revenue_drop", "warning")
        )
        reason = self._chinese(
            self.env.ref(
                "key_account_service.selection__key_account_warning__reason__revenue_drop"
            )
        )
        self.assertEqual(
            self._as(case, self.chinese_reader).display_name,
            f"Xihu Lanterns - {reason}",
        )
        self.assertEqual(
            self._as(case, self.english_reader).display_name,
            "Xihu Lanterns - Revenue Drop",
        )
        Warning = self._as(self.env["key.account.warning"], self.chinese_reader)
        self.assertEqual(Warning.search([("name", "ilike", "Xihu Lanterns")]), case)
        self.assertEqual(Warning.search([("name", "ilike", reason)]), case)
        self.assertEqual(
            Warning.search([("name", "=", f"Xihu Lanterns - {reason}")]), case
        )
        self.assertFalse(
            Warning.search([("name", "=", "Xihu Lanterns - Revenue Drop")])
        )

    def test_grade_names_in_each_readers_language(self):
        grade = self.env.ref("key_account_service.key_account_manager_grade_senior_a")
        chinese = grade.with_context(lang="zh_CN").display_name
        self.assertEqual(
            grade.with_context(lang="en_US").display_name, "Senior Account Manager A"
        )
        self.assertNotEqual(chinese, "Senior Account Manager A")
        Grade = self.env["key.account.manager.grade"].with_context(lang="zh_CN")
        self.assertIn(grade, Grade.search([("name", "=", chinese)]))

    def test_handover_activity_in_the_approvers_language(self):
        self.chinese_reader.company_ids |= self.branch
        handover = (
            self.env["key.account.handover"]
            .with_context(lang="en_US")
            .create(
                {
                    "partner_id": self.env["res.partner"]
                    .create({"name": "New Fashion Co.", "is_company": True})
                    .id,
                    "company_id": self.branch.id,
                    "approver_id": self.chinese_reader.id,
                    "account_manager_id": self.account_manager.id,
                    "monthly_revenue": 70000,
                    "start_date": "2026-01-15",
                }
            )
        )
        handover.action_submit()
        template = (
            self.env["key.account.handover"]
            .with_context(lang="zh_CN")
            .env._("Approve the handover of %(customer)s", customer="New Fashion Co.")
        )
        self.assertNotIn("Approve", template, "catalogue loaded")
        self.assertEqual(handover.activity_ids.summary, template)

    def test_date_errors_write_dates_as_the_reader_does(self):
        early = self.env["res.partner"].new(
            {"name": "Early Co.", "key_account_start_date": date(1990, 1, 1)}
        )
        with self.assertRaisesRegex(ValidationError, "01/01/2000"):
            early.with_context(lang="en_US")._key_account_check_dates(
                ["key_account_start_date"]
            )

    def test_consulting_is_not_labelled_with_a_state(self):
        """The consult dialog's confirm button is not the warning state "Open"."""
        arch = (
            self.env["key.account.access.request"]
            .with_context(lang="zh_CN")
            .get_view(
                self.env.ref(
                    "key_account_service.key_account_access_request_view_form"
                ).id
            )["arch"]
        )
        button = etree.fromstring(arch).find(".//button[@name='action_open']")
        state = dict(
            self.env["key.account.warning"]
            .with_context(lang="zh_CN")
            ._fields["state"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )["open"]
        self.assertNotEqual(button.get("string"), state)

    def test_demo_runs_on_china_time_in_three_languages(self):
        hangzhou = self.env.ref(
            "key_account_service.demo_company_hangzhou", raise_if_not_found=False
        )
        if not hangzhou:
            self.skipTest("demo data not installed")
        active = self.env["res.lang"].search([]).mapped("code")
        for code in ("en_US", "zh_CN", "zh_TW"):
            self.assertIn(code, active)
        # complete: the modules' own terms and Odoo's are loaded in zh_TW
        self.assertNotEqual(
            self.phone.with_context(lang="zh_TW").name,
            self.phone.with_context(lang="en_US").name,
        )
        menu = self.env.ref("base.menu_administration")
        self.assertNotEqual(
            menu.with_context(lang="zh_TW").name, menu.with_context(lang="en_US").name
        )
        companies = hangzhou | self.env.ref("base.main_company")
        self.assertEqual(
            set(companies.resource_calendar_id.mapped("tz")), {"Asia/Shanghai"}
        )
        users = self.env.ref(
            "key_account_service.demo_user_regional_east"
        ) | self.env.ref("base.user_admin")
        self.assertEqual(set(users.mapped("tz")), {"Asia/Shanghai"})
