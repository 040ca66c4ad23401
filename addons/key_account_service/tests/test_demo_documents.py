"""The demo group keeps Chinese books and its payroll file is complete.

It reads the demo data: the suite always runs on a database with demo data
(scripts/test.sh), as the role walk does.
"""

import base64
import csv
import io

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "key_account_service")
class TestDemoDocuments(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = cls.env.ref(
            "key_account_service.demo_user_finance", raise_if_not_found=False
        )
        if not cls.finance:
            raise AssertionError("These checks need the demo data.")
        cls.companies = (
            cls.env.ref("base.main_company")
            | cls.env.ref("key_account_service.demo_company_hangzhou")
            | cls.env.ref("key_account_service.demo_company_wenzhou")
            | cls.env.ref("key_account_service.demo_company_shenzhen")
        )

    def test_the_group_keeps_its_books_in_rmb_on_the_chinese_chart(self):
        for company in self.companies:
            with self.subTest(company=company.name):
                self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
                self.assertEqual(company.chart_template, "cn")
                self.assertEqual(company.country_id.code, "CN")
        receivable = self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.companies[0]),
                ("account_type", "=", "asset_receivable"),
            ]
        )
        self.assertIn("112200", receivable.mapped("code"))
        # the key accounts' history still loaded, in RMB
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("company_id", "in", self.companies.ids),
                ("partner_id.is_key_account", "=", True),
            ]
        )
        self.assertGreater(len(invoices), 400)
        self.assertEqual(invoices.currency_id, self.env.ref("base.CNY"))
        self.assertTrue(
            self.env["key.account.revenue"].search_count(
                [("company_id", "in", self.companies.ids)]
            )
        )

    def test_the_payroll_file_lists_staff_numbers_and_bank_accounts(self):
        statements = self.env["key.account.commission.statement"].search(
            [("state", "=", "approved"), ("company_id", "in", self.companies.ids)]
        )
        self.assertTrue(statements, "the demo has statements waiting for export")
        wizard = (
            self.env["key.account.commission.export"]
            .with_user(self.finance)
            .with_context(allowed_company_ids=self.companies.ids)
            .create({"statement_ids": statements.ids, "file_format": "csv"})
        )
        wizard.action_export()
        rows = list(
            csv.DictReader(
                io.StringIO(base64.b64decode(wizard.file_data).decode("utf-8-sig"))
            )
        )
        chen = self.env.ref("key_account_service.demo_user_manager_chen")
        row = next(row for row in rows if row["Login"] == "chen.jing")
        self.assertEqual(row["Staff Number"], "SE200311")
        self.assertEqual(row["Bank"], "Industrial and Commercial Bank of China")
        self.assertEqual(row["Bank Account"], "6222021202000311015")
        self.assertEqual(row["Currency"], "CNY")
        self.assertEqual(chen.key_account_staff_number, "SE200311")
        for row in rows:
            with self.subTest(login=row["Login"]):
                self.assertTrue(row["Staff Number"].startswith("SE"))
                self.assertTrue(row["Bank Account"])
