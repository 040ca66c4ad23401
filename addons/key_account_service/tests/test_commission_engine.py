from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .commission_common import CommissionCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestCommissionEngine(CommissionCommon):
    """The seams of the statement generation and its query-count promises."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Generator = cls.env["key.account.commission.generator"]
        # 22 managers, each holding one account collected in March
        cls.managers = cls.env["res.users"]
        for n in range(22):
            manager = cls._role_user(f"com_engine_{n}", "user")
            account = cls._account(f"Engine account {n}", 150000, manager=manager)
            invoice = cls._invoice(cls, "2026-03-05", 1000 + n, partner=account)
            cls._pay(cls, invoice, 1000 + n, "2026-03-20")
            cls.managers |= manager

    def _draft(self, managers, month="2026-03-01"):
        return self.Generator.sudo()._generate(
            date.fromisoformat(month), self.company, managers
        )

    def test_an_addon_adds_a_column_to_the_lines_through_the_hook(self):
        generator_class = type(self.Generator)
        plain = generator_class._prepare_commission_line_vals

        def with_note(generator, *args, **kwargs):
            vals = plain(generator, *args, **kwargs)
            vals["note"] = f"rate {vals['rate']}"
            return vals

        with patch.object(generator_class, "_prepare_commission_line_vals", with_note):
            statement = self._draft(self.managers[:1])
        line = statement.line_ids
        self.assertEqual(line.kind, "account")
        self.assertEqual(line.note, "rate 2.0")
        self.assertEqual(line.commission, 20.0)  # 2% of 1,000
        self.assertEqual(line.create_uid, self.env.user)

    def test_the_statement_totals_are_the_sums_of_its_lines(self):
        statement = self._draft(self.managers[:1])
        self.assertRecordValues(
            statement,
            [
                {
                    "account_count": 1,
                    "revenue": 1000.0,
                    "collected": 1000.0,
                    "excluded": 0.0,
                    "commission": 20.0,
                }
            ],
        )
        # an adjustment goes through the same totals, and so does a redraft
        self.env["key.account.commission.line"].create(
            {"statement_id": statement.id, "commission": 5.0, "note": "Bonus"}
        )
        self.assertEqual(statement.commission, 25.0)
        self.assertEqual(statement.account_count, 1)
        self._draft(self.managers[:1])
        self.assertEqual(statement.commission, 25.0)
        self.assertEqual(len(statement.line_ids), 2)
        # the generation does not log its totals in the chatter
        self.assertFalse(
            statement.message_ids.tracking_value_ids.filtered(
                lambda value: value.field_id.name == "commission"
            )
        )

    def _queries(self, managers):
        """Draft for ``managers`` from cold caches: (statements, query count)."""
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        statements = self._draft(managers)
        return statements, self.cr.sql_log_count - before

    def test_drafting_costs_the_same_queries_for_2_or_20_managers(self):
        """A fixed number of queries, whatever the number of managers: the new
        statements' numbers too come from their sequence in one query."""
        # warm the caches (and the roster) with another manager's statement
        self._draft(self.account_manager)
        self.env.invalidate_all()
        with self.assertQueryCount(default=QUERIES_DRAFT):
            few = self._draft(self.managers[:2])
        self.env.invalidate_all()
        with self.assertQueryCount(default=QUERIES_DRAFT):
            many = self._draft(self.managers[2:22])
        self.assertEqual((len(few), len(many)), (2, 20))
        self.assertEqual(len(many.line_ids), 20)
        self.assertEqual(
            many.mapped("commission"),
            [round((1000 + n) * 0.02, 2) for n in range(2, 22)],
        )
        # the same, counted exactly: drafting 2 statements again
        few.unlink()
        few, queries_few = self._queries(self.managers[:2])
        many.unlink()
        many, queries_many = self._queries(self.managers[2:22])
        self.assertEqual(queries_many, queries_few)

    def test_redrafting_costs_the_same_queries_for_2_or_20_managers(self):
        self._draft(self.managers)
        self.env.invalidate_all()
        with self.assertQueryCount(default=QUERIES_REDRAFT):
            few = self._draft(self.managers[:2])
        self.env.invalidate_all()
        with self.assertQueryCount(default=QUERIES_REDRAFT):
            many = self._draft(self.managers[2:22])
        self.assertEqual((len(few), len(many)), (2, 20))
        _few, queries_few = self._queries(self.managers[:2])
        _many, queries_many = self._queries(self.managers[2:22])
        self.assertEqual(queries_few, queries_many)

    def test_a_new_statement_takes_its_values_from_the_hook(self):
        generator_class = type(self.Generator)
        plain = generator_class._prepare_statement_vals

        def with_note(generator, *args, **kwargs):
            return dict(plain(generator, *args, **kwargs), note="drafted by the hook")

        with patch.object(generator_class, "_prepare_statement_vals", with_note):
            statement = self._draft(self.managers[:1])
        self.assertEqual(statement.note, "drafted by the hook")

    def test_the_cron_reports_its_progress_and_can_run_twice(self):
        Statement = self.Statement.sudo()
        cron_class = type(self.env["ir.cron"])
        self.company.key_account_commission_day = 10
        with (
            patch.object(cron_class, "_notify_progress") as progress,
            freeze_time("2026-04-10"),
        ):
            Statement._cron_generate()
            first = self._statement("2026-03-01", self.managers[0])
            lines = first.line_ids
            # the second run leaves the drafted statements alone
            Statement._cron_generate()
            self.assertEqual(first.line_ids, lines)
        self.assertEqual(len(first), 1)
        self.assertEqual(first.commission, 20.0)
        done = self.Statement.search(
            [("month", "=", "2026-03-01"), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(done), 23)  # and the colleague's account
        calls = [call.kwargs for call in progress.call_args_list]
        self.assertEqual(len(calls), 2)
        self.assertGreaterEqual(calls[0]["done"], 1)
        self.assertEqual([call["remaining"] for call in calls], [0, 0])

    def test_the_cron_selects_the_groups_by_their_statement_day(self):
        Statement = self.Statement.sudo()
        self.company.key_account_commission_day = 12
        domain = Statement._get_generate_domain(date(2026, 4, 11))
        self.assertNotIn(
            self.company.root_id, self.env["res.company"].sudo().search(domain)
        )
        domain = Statement._get_generate_domain(date(2026, 4, 12))
        self.assertIn(
            self.company.root_id, self.env["res.company"].sudo().search(domain)
        )


# the fixed cost, whatever the number of managers and new statements
QUERIES_DRAFT = 29
QUERIES_REDRAFT = 22
