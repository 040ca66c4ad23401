import base64
import csv
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .commission_common import CommissionCommon, MarchStatementCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestCommissionWorkflow(MarchStatementCommon):
    def test_manager_confirms_and_cs_manager_approves(self):
        statement = self._approved()
        self.assertRecordValues(
            statement,
            [
                {
                    "state": "approved",
                    "locked": True,
                    "confirmed_by_id": self.account_manager.id,
                    "approved_by_id": self.cs_manager.id,
                    "commission": 200.0,
                }
            ],
        )

    def test_an_account_manager_cannot_approve(self):
        self.march.with_user(self.account_manager).action_confirm()
        with self.assertRaises(AccessError):
            self.march.with_user(self.account_manager).action_approve()
        with self.assertRaises(AccessError):
            self.march.with_user(self.account_manager).write({"state": "approved"})
        self.assertEqual(self.march.state, "confirmed")

    def test_nobody_approves_their_own_statement(self):
        own = self._account("CS Manager's Own Co.", 150000, manager=self.cs_manager)
        invoice = self._invoice("2026-03-05", 5000, partner=own)
        self._pay(invoice, 5000, "2026-03-06")
        self._generate("2026-03-01")
        statement = self._statement("2026-03-01", self.cs_manager)
        statement.with_user(self.cs_manager).action_confirm()
        with self.assertRaises(AccessError):
            statement.with_user(self.cs_manager).action_approve()

    def test_states_only_move_along_the_workflow(self):
        with self.assertRaises(UserError):
            self.march.write({"state": "approved"})  # skipping confirmation
        with self.assertRaises(UserError):
            self.march.with_user(self.finance).write({"state": "paid"})

    def test_an_account_manager_cannot_rewrite_their_statement(self):
        with self.assertRaises(AccessError):
            self.march.with_user(self.account_manager).write(
                {"user_id": self.colleague.id}
            )
        with self.assertRaises(AccessError):
            self.march.line_ids.with_user(self.account_manager).write(
                {"commission": 9999}
            )

    def test_an_approved_statement_stays_locked(self):
        statement = self._approved()
        line = self._line(statement)
        for attempt in (
            lambda: statement.write({"note": "changed"}),
            lambda: statement.sudo().write({"note": "changed"}),
            lambda: statement.action_reset_draft(),
            lambda: statement.action_recompute(),
            lambda: statement.unlink(),
            lambda: line.sudo().write({"note": "changed"}),
            lambda: line.sudo().unlink(),
            lambda: self.env["key.account.commission.line"].create(
                {"statement_id": statement.id, "note": "bonus", "commission": 50}
            ),
            lambda: statement.match_ids.sudo().write({"net": 0}),
        ):
            with self.subTest(attempt=attempt), self.assertRaises(UserError):
                attempt()
        self._generate("2026-03-01")  # redrafting leaves it alone
        self.assertRecordValues(
            statement, [{"state": "approved", "commission": 200.0, "note": False}]
        )
        self.assertEqual(self._line(statement), line)

    def test_a_correction_is_an_adjustment_on_a_later_statement(self):
        statement = self._approved()
        april = self._generate("2026-04-01")
        self.env["key.account.commission.line"].with_user(self.cs_manager).create(
            {
                "statement_id": april.id,
                "note": "Rate error in March",
                "commission": -15.5,
                "corrected_statement_id": statement.id,
            }
        )
        self.assertEqual(april.commission, -15.5)
        self._generate("2026-04-01")  # redrafting keeps the adjustment
        self.assertEqual(april.commission, -15.5)
        with self.assertRaises(UserError):
            self.env["key.account.commission.line"].create(
                {"statement_id": april.id, "commission": 10}
            )

    def _payroll_facts(self):
        """The manager's staff number and the bank account payroll pays into."""
        self.account_manager.key_account_staff_number = "SE200311"
        bank = self.env["res.bank"].create({"name": "Bank of Hangzhou"})
        self.env["res.partner.bank"].create(
            {
                "partner_id": self.account_manager.partner_id.id,
                "bank_id": bank.id,
                "acc_number": "6222021202000311015",
            }
        )

    def test_finance_exports_approved_statements_to_payroll_and_pays(self):
        self._payroll_facts()
        statement = self._approved()
        wizard = (
            self.env["key.account.commission.export"]
            .with_user(self.finance)
            .create({"statement_ids": statement.ids, "file_format": "csv"})
        )
        action = wizard.action_export()
        self.assertIn("/file_data/", action["url"])
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(wizard.file_data).decode("utf-8-sig"))
            )
        )
        self.assertEqual(
            rows[0][:8],
            [
                "Statement",
                "Month",
                "Company",
                "Employee",
                "Staff Number",
                "Login",
                "Bank",
                "Bank Account",
            ],
        )
        self.assertEqual(
            rows[1],
            [
                statement.name,
                "2026-03",
                self.company.name,
                self.account_manager.name,
                "SE200311",
                "com_manager_a",
                "Bank of Hangzhou",
                "6222021202000311015",
                "1",
                "10000.0",
                "10000.0",
                "0.0",
                "200.0",
                self.company.currency_id.name,
            ],
        )
        self.assertEqual(statement.state, "exported")
        self.assertEqual(statement.exported_by_id, self.finance)
        statement.with_user(self.finance).action_mark_paid()
        self.assertEqual(statement.state, "paid")

    def test_the_xlsx_export_is_a_workbook(self):
        self._payroll_facts()
        statement = self._approved()
        wizard = (
            self.env["key.account.commission.export"]
            .with_user(self.finance)
            .create({"statement_ids": statement.ids, "file_format": "xlsx"})
        )
        wizard.action_export()
        content = base64.b64decode(wizard.file_data)
        self.assertTrue(content.startswith(b"PK"))
        self.assertEqual(wizard.file_name, "commissions_2026-03.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(rows[0][4], "Staff Number")
        self.assertEqual(
            rows[1][3:8],
            [
                self.account_manager.name,
                "SE200311",
                "com_manager_a",
                "Bank of Hangzhou",
                "6222021202000311015",
            ],
        )
        self.assertEqual(rows[1][12], 200.0)

    def test_the_file_is_named_after_every_month_it_holds(self):
        invoice = self._invoice("2026-04-05", 3000)
        self._pay(invoice, 3000, "2026-04-06")
        april = self._generate("2026-04-01")
        statements = self._approved() | april
        april.with_user(self.account_manager).action_confirm()
        april.with_user(self.cs_manager).action_approve()
        wizard = (
            self.env["key.account.commission.export"]
            .with_user(self.finance)
            .create({"statement_ids": statements.ids, "file_format": "csv"})
        )
        wizard.action_export()
        self.assertEqual(wizard.file_name, "commissions_2026-03_2026-04.csv")

    def test_the_wizard_closes_after_the_download(self):
        """The file downloads and the dialog closes, as Odoo's invoice sending
        does, so the list behind reloads with the statements exported."""
        statement = self._approved()
        wizard = (
            self.env["key.account.commission.export"]
            .with_user(self.finance)
            .create({"statement_ids": statement.ids, "file_format": "xlsx"})
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIs(action.get("close"), True)
        # "self" would replace the page and never close the dialog
        self.assertNotIn(action.get("target"), ("self", "download"))
        self.assertTrue(
            action["url"].endswith("/commissions_2026-03.xlsx?download=true")
        )
        self.assertEqual(statement.state, "exported")

    def test_only_finance_exports_and_only_approved_statements(self):
        with self.assertRaises(UserError):
            self.env["key.account.commission.export"].create(
                {"statement_ids": self.march.ids}
            ).action_export()
        self._approved()
        with self.assertRaises(AccessError):
            self.env["key.account.commission.export"].with_user(self.cs_manager).create(
                {"statement_ids": self.march.ids}
            ).action_export()
        self.assertEqual(self.march.state, "approved")

    def test_cron_drafts_last_months_statements_on_the_configured_day(self):
        invoice = self._invoice("2026-04-05", 3000)
        self._pay(invoice, 3000, "2026-04-06")
        Statement = self.Statement.sudo()
        with freeze_time("2026-05-09"):
            Statement._cron_generate()
        self.assertFalse(self._statement("2026-04-01"))
        with freeze_time("2026-05-10"):
            Statement._cron_generate()
            Statement._cron_generate()
        april = self._statement("2026-04-01")
        self.assertEqual(len(april), 1)
        self.assertEqual(april.commission, 60.0)
        self.company.key_account_commission_day = 3
        with freeze_time("2026-06-03"):
            Statement._cron_generate()
        self.assertTrue(self._statement("2026-05-01"))
        with self.assertRaises(UserError):
            self.company.key_account_commission_day = 31


@tagged("post_install", "-at_install", "key_account_service")
class TestCommissionAccess(CommissionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls.env["res.company"].create(
            {"name": "Ningbo Branch", "parent_id": cls.company.id}
        )
        cls.branch_manager = cls._role_user("com_branch_cs", "manager", cls.branch)
        cls.branch_manager.company_ids |= cls.company
        cls.other = cls._account("Other Manager Co.", 150000, manager=cls.colleague)
        for partner in (cls.customer, cls.other):
            invoice = cls._invoice(cls, "2026-03-05", 10000, partner=partner)
            cls._pay(cls, invoice, 10000, "2026-03-20")
        cls.statements = cls._generate(cls, "2026-03-01")
        cls.mine = cls._statement(cls, "2026-03-01")

    def _visible(self, user):
        return self.Statement.with_user(user).search([("month", "=", "2026-03-01")])

    def test_an_account_manager_sees_only_their_own_statements(self):
        self.assertEqual(self._visible(self.account_manager), self.mine)
        lines = self.env["key.account.commission.line"].with_user(self.account_manager)
        self.assertEqual(lines.search([]).statement_id, self.mine)
        matches = self.env["key.account.commission.match"].with_user(
            self.account_manager
        )
        self.assertEqual(matches.search([]).statement_id, self.mine)

    def test_a_cs_manager_sees_their_branch_and_finance_all(self):
        self.assertEqual(len(self.statements), 2)
        self.assertEqual(self._visible(self.cs_manager), self.statements)
        self.assertFalse(self._visible(self.branch_manager))
        self.assertEqual(self._visible(self.finance), self.statements)

    def test_companies_are_kept_apart(self):
        other_group = self.env["res.company"].create({"name": "Other Courier Group"})
        outsider = self._role_user("com_outside_finance", "finance", other_group)
        self.assertFalse(self._visible(outsider))
        self.assertFalse(
            self.env["key.account.commission.collection"].with_user(outsider).search([])
        )

    def test_only_managers_draft_statements(self):
        with self.assertRaises(AccessError):
            self.env["key.account.commission.generate"].with_user(
                self.account_manager
            ).create(
                {"month": "2026-03-01", "company_ids": self.company.ids}
            ).action_generate()
        action = (
            self.env["key.account.commission.generate"]
            .with_user(self.cs_manager)
            .create({"month": "2026-03-01", "company_ids": self.company.ids})
            .action_generate()
        )
        self.assertEqual(self.Statement.search(action["domain"]), self.statements)


@tagged("post_install", "-at_install", "key_account_service")
class TestCollectionMatching(CommissionCommon):
    def test_every_collection_next_to_its_statement_line(self):
        paid = self._invoice("2026-03-05", 10000)
        self._pay(paid, 10000, "2026-03-20")
        flagged = self._invoice("2026-03-06", 2000)
        flagged.key_account_legal_recovery = True
        self._pay(flagged, 2000, "2026-03-21")
        open_invoice = self._invoice("2026-03-07", 4000)
        self._pay(open_invoice, 1000, "2026-03-22")
        self._generate("2026-03-01")
        march = self._statement("2026-03-01")
        march.with_user(self.account_manager).action_confirm()
        march.with_user(self.cs_manager).action_approve()
        late = self._invoice("2026-03-08", 500)
        self._pay(late, 500, "2026-03-30")  # after the statement: unmatched
        rows = self.env["key.account.commission.collection"].with_user(self.finance)
        found = rows.search([("partner_id", "=", self.customer.id)])
        by_invoice = {(row.invoice_id, row.status): row.net for row in found}
        self.maxDiff = None
        self.assertEqual(
            by_invoice,
            {
                (paid, "paid"): 10000.0,
                (flagged, "excluded"): 2000.0,
                (open_invoice, "paid"): 1000.0,
                (open_invoice, "uncollected"): 3000.0,
                (late, "unmatched"): 500.0,
            },
        )
        settled = found.filtered(lambda row: row.invoice_id == paid)
        self.assertEqual(settled.line_id, self._line(march))
        self.assertEqual(settled.user_id, self.account_manager)
        self.assertEqual(settled.age, 15)
        self.assertEqual(settled.age_bucket, "0_30")
        mine = rows.with_user(self.account_manager).search([])
        self.assertEqual(mine, found)
        self.assertFalse(rows.with_user(self.colleague).search([]))

    def setUp(self):
        super().setUp()
        # finance ticks the exclusion on the invoice, as he.fang does
        self.finance.groups_id |= self.env.ref("account.group_account_invoice")

    def _rows(self, invoice):
        # as a new request would: nothing of the SQL view read from the cache
        self.env["key.account.commission.collection"].invalidate_model()
        return (
            self.env["key.account.commission.collection"]
            .with_user(self.finance)
            .search([("invoice_id", "=", invoice.id), ("kind", "=", "collection")])
        )

    def test_a_legal_recovery_shows_without_a_recompute(self):
        """Finance ticks the exclusion; the draft's row shows it at once."""
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 10000, "2026-03-20")
        self._generate("2026-03-01")
        march = self._statement("2026-03-01")
        self.assertEqual(self._rows(invoice).status, "pending")
        invoice.with_user(self.finance).key_account_legal_recovery = True
        row = self._rows(invoice)
        self.assertEqual((row.status, row.excluded_reason), ("excluded", "legal"))
        self.assertRecordValues(
            self._line(march),
            [{"collected": 0.0, "excluded_legal": 10000.0, "commission": 0.0}],
        )
        self.assertEqual(march.state, "draft")
        invoice.with_user(self.finance).key_account_legal_recovery = False
        row = self._rows(invoice)
        self.assertEqual((row.status, row.excluded_reason), ("pending", False))

    def test_a_legal_recovery_not_yet_settled_shows_as_excluded(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 10000, "2026-03-20")
        self.assertEqual(self._rows(invoice).status, "unmatched")
        invoice.with_user(self.finance).key_account_legal_recovery = True
        row = self._rows(invoice)
        self.assertEqual((row.status, row.excluded_reason), ("excluded", "legal"))

    def test_a_confirmed_statement_is_not_redrafted(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 10000, "2026-03-20")
        self._generate("2026-03-01")
        march = self._statement("2026-03-01")
        march.with_user(self.account_manager).action_confirm()
        invoice.with_user(self.finance).key_account_legal_recovery = True
        self.assertEqual(march.state, "confirmed")
        self.assertEqual(self._line(march).excluded_legal, 0.0)

    def test_a_collection_row_opens_its_invoice_and_statement(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 10000, "2026-03-20")
        self._generate("2026-03-01")
        row = self._rows(invoice)
        action = row.action_open_invoice()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("account.move", invoice.id)
        )
        opened = (
            self.env[action["res_model"]]
            .with_user(self.finance)
            .browse(action["res_id"])
        )
        self.assertEqual(opened.name, invoice.name)
        action = row.action_open_statement()
        self.assertEqual(action["res_id"], self._statement("2026-03-01").id)
        collections = self.env.ref(
            "key_account_service.key_account_commission_collection_action"
        )
        self.assertIn("form", collections.view_mode)
