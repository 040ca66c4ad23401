from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .commission_common import CommissionCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestCommissionStatement(CommissionCommon):
    def test_commission_is_due_on_collected_revenue_only(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 6000, "2026-03-20")
        self._generate("2026-03-01")
        march = self._statement("2026-03-01")
        self.assertRecordValues(
            self._line(march),
            [
                {
                    "revenue": 10000.0,
                    "collected": 6000.0,
                    "rate": 2.0,
                    "commission": 120.0,
                }
            ],
        )
        self.assertRecordValues(
            march, [{"state": "draft", "collected": 6000.0, "commission": 120.0}]
        )
        # The rest comes in April: April's statement pays it, March's is untouched.
        self._pay(invoice, 4000, "2026-04-10")
        march.with_user(self.account_manager).action_confirm()
        self._generate("2026-04-01")
        april = self._statement("2026-04-01")
        self.assertRecordValues(
            self._line(april),
            [{"revenue": 0.0, "collected": 4000.0, "commission": 80.0}],
        )
        self.assertEqual(march.commission, 120.0)

    def test_only_the_untaxed_share_of_a_collection_earns(self):
        tax = self.tax_sale_a  # 15%
        invoice = self._invoice("2026-03-05", 10000, tax=tax)
        self._pay(invoice, 5750, "2026-03-20")  # half of 11,500
        self._generate("2026-03-01")
        self.assertRecordValues(
            self._line(self._statement("2026-03-01")),
            [{"revenue": 10000.0, "collected": 5000.0, "commission": 100.0}],
        )

    def test_running_the_generation_twice_pays_nothing_twice(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 10000, "2026-03-20")
        self._generate("2026-03-01")
        self._generate("2026-03-01")
        march = self._statement("2026-03-01")
        self.assertEqual(len(march), 1)
        self.assertEqual(len(self._line(march)), 1)
        self.assertEqual(len(march.match_ids), 1)
        self.assertEqual(march.commission, 200.0)
        # April does not take March's collection again, even once March is confirmed.
        march.with_user(self.account_manager).action_confirm()
        self._generate("2026-04-01")
        self._generate("2026-04-01")
        april = self._statement("2026-04-01")
        self.assertEqual(april.collected, 0.0)
        self.assertFalse(april.match_ids)

    def test_a_late_reconciliation_is_picked_up_by_the_next_statement(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._generate("2026-03-01")
        self._statement("2026-03-01").with_user(self.account_manager).action_confirm()
        # Paid on 28 March, but reconciled only after March's statement was confirmed.
        self._pay(invoice, 10000, "2026-03-28")
        self._generate("2026-04-01")
        april = self._statement("2026-04-01")
        self.assertEqual(april.collected, 10000.0)
        self.assertEqual(april.match_ids.collected_on, date(2026, 3, 28))

    def test_refunds_reduce_the_base(self):
        invoice = self._invoice("2026-03-05", 10000)
        # a credit note settling part of the invoice is not money collected
        credit_note = self._invoice("2026-03-10", 2000, refund=True)
        (invoice + credit_note).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        self._pay(invoice, 8000, "2026-03-20")
        # a refund paid back in cash in April takes commission back
        cash_refund = self._invoice("2026-04-02", 1000, refund=True)
        self._pay(cash_refund, 1000, "2026-04-05")
        self._generate("2026-03-01")
        self._generate("2026-04-01")
        self.assertRecordValues(
            self._line(self._statement("2026-03-01")),
            [{"revenue": 8000.0, "collected": 8000.0, "commission": 160.0}],
        )
        self.assertRecordValues(
            self._line(self._statement("2026-04-01")),
            [{"revenue": -1000.0, "collected": -1000.0, "commission": -20.0}],
        )

    def _january_roster(self):
        """The month-end roster of January, as its cron made it."""
        self.env["key.account.roster"].sudo()._snapshot(date(2026, 1, 1), self.customer)

    def test_revenue_collected_after_six_months_is_forfeited(self):
        self._january_roster()
        invoice = self._invoice("2026-01-31", 10000)
        self._pay(invoice, 3000, "2026-07-31")  # the last day that earns
        self._pay(invoice, 7000, "2026-08-01")  # one day too late
        self._generate("2026-07-01")
        self._generate("2026-08-01")
        self.assertRecordValues(
            self._line(self._statement("2026-07-01")),
            [{"collected": 3000.0, "excluded_late": 0.0, "commission": 60.0}],
        )
        self.assertRecordValues(
            self._line(self._statement("2026-08-01")),
            [{"collected": 0.0, "excluded_late": 7000.0, "commission": 0.0}],
        )
        late = self._statement("2026-08-01").match_ids
        self.assertEqual(late.excluded_reason, "late")

    def test_the_forfeiture_period_is_a_policy_figure(self):
        self.company.key_account_commission_forfeit_months = 3
        self._january_roster()
        invoice = self._invoice("2026-01-31", 10000)
        self._pay(invoice, 10000, "2026-05-01")
        self._generate("2026-05-01")
        self.assertEqual(self._statement("2026-05-01").excluded, 10000.0)

    def test_revenue_recovered_through_legal_action_earns_nothing(self):
        invoice = self._invoice("2026-03-05", 10000)
        invoice.key_account_legal_recovery = True
        self._pay(invoice, 10000, "2026-03-25")
        self._generate("2026-03-01")
        self.assertRecordValues(
            self._line(self._statement("2026-03-01")),
            [{"collected": 0.0, "excluded_legal": 10000.0, "commission": 0.0}],
        )

    def test_new_account_earns_three_percent_for_exactly_three_months(self):
        new = self._account("New Freight Co.", 150000, start="2026-03-10")
        for day in ("2026-03-15", "2026-04-15", "2026-05-15", "2026-06-15"):
            invoice = self._invoice(day, 10000, partner=new)
            self._pay(invoice, 10000, day)
        for month in ("2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"):
            self._generate(month)
        rates = [
            self._line(self._statement(month), new).rate
            for month in ("2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01")
        ]
        self.assertEqual(rates, [3.0, 3.0, 3.0, 2.0])
        self.assertEqual(self._line(self._statement("2026-03-01"), new).commission, 300)

    def test_national_account_earns_two_percent(self):
        national = self._account(
            "National Retail Co.", 500000, key_account_tier="national"
        )
        invoice = self._invoice("2026-03-05", 100000, partner=national)
        self._pay(invoice, 100000, "2026-03-06")
        self._generate("2026-03-01")
        line = self._line(self._statement("2026-03-01"), national)
        self.assertRecordValues(line, [{"rate": 2.0, "commission": 2000.0}])

    def test_the_rate_is_fixed_and_does_not_float_with_revenue(self):
        invoice = self._invoice("2026-03-05", 900000)  # a record month
        self._pay(invoice, 900000, "2026-03-06")
        self._generate("2026-03-01")
        # the fixed base of 150,000 keeps the 2% band, not the 1.5% of 900,000
        self.assertEqual(self._line(self._statement("2026-03-01")).rate, 2.0)

    def test_a_reassignment_splits_the_month_at_the_move_date(self):
        first = self._invoice("2026-03-05", 10000)
        with freeze_time("2026-03-15"):
            self.customer.key_account_manager_id = self.colleague
        second = self._invoice("2026-03-20", 20000)
        self._pay(first, 10000, "2026-03-25")
        self._pay(second, 20000, "2026-03-25")
        self._generate("2026-03-01")
        self.assertRecordValues(
            self._line(self._statement("2026-03-01")),
            [{"revenue": 10000.0, "collected": 10000.0, "commission": 200.0}],
        )
        self.assertRecordValues(
            self._line(self._statement("2026-03-01", self.colleague)),
            [{"revenue": 20000.0, "collected": 20000.0, "commission": 400.0}],
        )

    def test_collections_before_the_start_date_are_never_settled(self):
        self.company.key_account_commission_since = "2026-03-01"
        old = self._invoice("2026-02-10", 5000)
        self._pay(old, 5000, "2026-02-20")
        new = self._invoice("2026-03-10", 1000)
        self._pay(new, 1000, "2026-03-20")
        self._generate("2026-02-01")
        self._generate("2026-03-01")
        self.assertEqual(self._statement("2026-02-01").collected, 0.0)
        self.assertEqual(self._statement("2026-03-01").collected, 1000.0)

    def test_an_unreconciled_collection_is_reversed_on_a_later_statement(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 10000, "2026-03-20")
        self._generate("2026-03-01")
        march = self._statement("2026-03-01")
        march.with_user(self.account_manager).action_confirm()
        march.with_user(self.cs_manager).action_approve()
        invoice.line_ids.remove_move_reconcile()
        self._generate("2026-04-01")
        april = self._statement("2026-04-01")
        self.assertRecordValues(
            self._line(april), [{"collected": -10000.0, "commission": -200.0}]
        )
        self.assertEqual(april.match_ids.reversed_match_id, march.match_ids)
        self._generate("2026-04-01")  # reversed once only
        self.assertEqual(self._statement("2026-04-01").commission, -200.0)
        self.assertEqual(march.commission, 200.0)  # the paid statement stays

    def test_statements_drafted_together_are_numbered_in_turn(self):
        Statement = self.env["key.account.commission.statement"]
        shared = self.env.ref(
            "key_account_service.seq_key_account_commission_statement"
        )
        first = shared.number_next_actual
        statements = Statement.create(
            [
                {"month": date(2026, 1, 1), "user_id": user.id, "company_id": company}
                for user, company in (
                    (self.account_manager, self.company.id),
                    (self.colleague, self.company.id),
                )
            ]
        )
        self.assertEqual(
            statements.mapped("name"),
            [shared.get_next_char(first), shared.get_next_char(first + 1)],
        )
        # A company's own sequence comes before the shared one.
        shared.copy({"company_id": self.company.id, "prefix": "HZ/"})
        own = Statement.create(
            {
                "month": date(2026, 2, 1),
                "user_id": self.account_manager.id,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(own.name, "HZ/00001")
