import re

from freezegun import freeze_time
from lxml import etree

from odoo.tests import new_test_user, tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestLegalLanguage(LegalCommon):
    """Text written in code is in its reader's language and time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["cs_legal"], ["zh_CN"], overwrite=True
        )
        cls.reviewer = new_test_user(
            cls.env,
            login="legal_reviewer_zh",
            groups="cs_legal.cs_legal_group_user",
            company_id=cls.branch.id,
            lang="zh_CN",
            tz="Asia/Shanghai",
        )

    def _contract(self, **values):
        return (
            self.env["legal.contract"]
            .with_user(self.legal_user)
            .with_context(lang="en_US")
            .create(
                {
                    "subject": "Express carriage 2027",
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    **values,
                }
            )
        )

    def test_review_activity_in_the_reviewers_language_and_time(self):
        # Monday 16:00 in Suzhou: due Tuesday 11:00 China time (03:00 UTC)
        contract = self._contract(reviewer_id=self.reviewer.id)
        with freeze_time("2026-11-23 08:00:00"):
            contract.action_request_review()
        summary = contract.activity_ids.summary
        template = (
            self.env["legal.contract"]
            .with_context(lang="zh_CN")
            .env._("Review the contract by %s", "@")
        )
        self.assertNotIn("Review the contract", template, "catalogue loaded")
        head, tail = template.split("@")
        self.assertTrue(summary.startswith(head) and summary.endswith(tail), summary)
        self.assertIn("11:00", summary, "China time, not UTC")
        self.assertNotIn("03:00", summary)
        self.assertNotRegex(summary, r"\d:\d\d:\d\d", "to the minute")

    def test_renewal_date_as_its_reader_writes_dates(self):
        contract = self._contract()
        contract.action_request_review()
        contract.action_approve_review()
        contract.write({"date_end": "2026-12-10"})
        contract.write({"date_signed": "2026-11-02", "date_start": "2026-11-02"})
        contract.action_sign()
        with freeze_time("2026-11-15"):
            self.env["legal.contract"]._cron_renewal_reminders()
        renewal = contract.activity_ids.filtered(lambda a: "Renew" in a.summary)
        self.assertEqual(renewal.user_id, self.legal_user)
        self.assertIn("12/10/2026", renewal.summary, "en_US writes dates so")

    def test_calculator_dismiss_is_not_closing_the_case(self):
        def labels(xmlid, model):
            arch = (
                self.env[model]
                .with_context(lang="zh_CN")
                .get_view(self.env.ref(xmlid).id)["arch"]
            )
            return etree.fromstring(arch)

        dismiss = labels(
            "cs_legal.legal_fee_calculator_view_form", "legal.fee.calculator"
        ).find(".//footer/button[@special='cancel']")
        close = labels("cs_legal.legal_case_view_form", "legal.case").find(
            ".//button[@name='action_close']"
        )
        self.assertNotEqual(dismiss.get("string"), close.get("string"))

    def test_a_new_borrowing_is_titled_after_its_archive(self):
        archive = self.env["legal.archive"].create(
            {"title": "Lease opinion", "company_id": self.branch.id}
        )
        borrowing = self.env["legal.archive.borrow"].new({"archive_id": archive.id})
        self.assertNotEqual(borrowing.display_name, "/")
        self.assertIn(archive.display_name, borrowing.display_name)
        self.assertTrue(re.match(r"^\w", borrowing.display_name))
