"""X1: compensation paid to a customer is not lost revenue.

A 50,000-a-month account receives a 20,000 compensation credit note in April.
Its revenue, band, warning reference, half-year review and commission stay
those of its invoices; the compensation is shown apart. An ordinary credit
note of the same amount still lowers them all (the boundary).
"""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import last_of_month
from .commission_common import CommissionCommon

MONTHLY = 50000.0
COMPENSATION = 20000.0


@tagged("post_install", "-at_install", "key_account_service")
class TestCompensationIsNotRevenue(CommissionCommon):
    freeze_time = "2026-05-10"  # April is the last complete month

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_manager.key_account_grade_id = cls.env.ref(
            "key_account_service.key_account_manager_grade_manager_c"
        )
        cls.Revenue = cls.env["key.account.revenue"]

    def _april_credit_note(self, compensation):
        """A 50,000 account served since February, invoiced every month from
        January to April (April's invoice paid), with a 20,000 credit note in
        April paid back in cash, and 1,000 more in May."""
        partner = self.env["res.partner"].create(
            {
                "name": "Suzhou Electronics Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": self.company.id,
                "key_account_manager_id": self.account_manager.id,
                "key_account_start_date": "2026-02-01",
            }
        )
        for month in ("01", "02", "03"):
            self._invoice(f"2026-{month}-05", MONTHLY, partner=partner)
        april = self._invoice("2026-04-05", MONTHLY, partner=partner)
        self._pay(april, MONTHLY, "2026-04-20")
        notes = self.env["account.move"]
        for day, amount in (("2026-04-15", COMPENSATION), ("2026-05-04", 1000.0)):
            notes |= self._credit_note(partner, day, amount, compensation)
        self._pay(notes[0], COMPENSATION, "2026-04-25")  # paid out in cash
        self.Revenue._refresh_now(full=True)
        return partner, notes[0]

    def _credit_note(self, partner, day, amount, compensation):
        Move = self.env["account.move"]
        # as the claims payout makes one (_key_account_create_compensation)
        create = Move._key_account_create_compensation if compensation else Move.create
        note = create(
            [
                {
                    "move_type": "out_refund",
                    "partner_id": partner.id,
                    "invoice_date": day,
                    "date": day,
                    "key_account_compensation": compensation,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Claim", "price_unit": amount, "tax_ids": []}
                        )
                    ],
                }
            ]
        )
        note.action_post()
        return note

    def _april_bill_settled_net(self, compensation, invoice_day="2026-04-05"):
        """A 50,000 account (commission base 50,000) whose bill is settled net
        in April, as monthly-billed accounts do: a 20,000 credit note
        reconciled with the invoice, the other 30,000 paid in cash."""
        partner = self._account("Wuxi Textiles Co.", MONTHLY, start="2026-02-01")
        invoice = self._invoice(invoice_day, MONTHLY, partner=partner)
        note = self._credit_note(partner, "2026-04-15", COMPENSATION, compensation)
        (invoice | note).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        self._pay(invoice, MONTHLY - COMPENSATION, "2026-04-20")
        self.assertEqual(invoice.amount_residual, 0.0)
        self.Revenue._refresh_now(full=True)
        return partner, invoice

    def _matching_screen(self, invoice):
        """Finance's matching rows of ``invoice``: (kind, collected on, amount)."""
        rows = self.env["key.account.commission.collection"].search(
            [("invoice_id", "=", invoice.id)]
        )
        return sorted((row.kind, str(row.date), row.amount, row.status) for row in rows)

    def _row(self, partner, month):
        return self.Revenue.search(
            [("partner_id", "=", partner.id), ("month", "=", month)]
        )

    def _review(self, partner):
        """The manager's review of the first half, ``partner`` on his roster
        from February (its start) to June."""
        Roster = self.env["key.account.roster"].sudo()
        Roster.create(
            [
                Roster._prepare_roster_vals(
                    partner,
                    self.account_manager,
                    date(2026, month, 1),
                    last_of_month(date(2026, month, 1)),
                )
                for month in range(2, 7)
            ]
        )
        review = self.env["key.account.manager.review"].create(
            {
                "user_id": self.account_manager.id,
                "company_id": self.company.id,
                "year": 2026,
                "half": "1",
            }
        )
        review.action_gather()
        return review

    def _drop_cases(self, partner):
        self.env["key.account.warning"].sudo()._detect(partner)
        return self.env["key.account.warning"].search(
            [("partner_id", "=", partner.id), ("reason", "=", "revenue_drop")]
        )

    def test_compensation_keeps_revenue_band_warnings_review_and_commission(self):
        partner, note = self._april_credit_note(compensation=True)
        self.assertRecordValues(
            self._row(partner, "2026-04-01"),
            [
                {
                    "invoiced": MONTHLY,
                    "refunded": 0.0,
                    "net": MONTHLY,
                    "compensation": COMPENSATION,
                    "collected": MONTHLY,
                }
            ],
        )
        # reference and band: February to April
        partner._key_account_update_metrics()
        self.assertEqual(partner.key_account_reference_revenue, MONTHLY)
        self.assertEqual(partner.key_account_band_id.amount_min, 50000.0)
        # the commission base: the three months from the start date
        partner._key_account_fix_commission_base()
        self.assertEqual(partner.key_account_commission_base, MONTHLY)
        # April against the January-March reference: no drop, no case
        self.assertFalse(self._drop_cases(partner))
        # the half-year review counts the invoices only
        # (held from February: February to April, May's 1,000 is compensation)
        review = self._review(partner)
        self.assertEqual(review.overall_after, 3 * MONTHLY)
        self.assertEqual(review.largest_drop, 0.0)
        # April's commission: the invoice collected, nothing clawed back
        self._generate("2026-04-01")
        self.assertRecordValues(
            self._line(self._statement("2026-04-01"), partner),
            [
                {
                    "revenue": MONTHLY,
                    "collected": MONTHLY,
                    "rate": 3.0,
                    "commission": 1500.0,
                }
            ],
        )
        # finance's matching screen shows no collection nor debt for it
        self.assertFalse(
            self.env["key.account.commission.collection"].search(
                [("invoice_id", "=", note.id)]
            )
        )
        # the compensation is shown apart on the account
        self.assertEqual(partner.key_account_compensation_month, 1000.0)
        self.assertEqual(partner.key_account_compensation_year, COMPENSATION + 1000)

    def test_an_ordinary_credit_note_still_lowers_revenue(self):
        partner, _note = self._april_credit_note(compensation=False)
        self.assertRecordValues(
            self._row(partner, "2026-04-01"),
            [
                {
                    "invoiced": MONTHLY,
                    "refunded": COMPENSATION,
                    "net": MONTHLY - COMPENSATION,
                    "compensation": 0.0,
                    "collected": MONTHLY,
                }
            ],
        )
        partner._key_account_update_metrics()
        self.assertAlmostEqual(
            partner.key_account_reference_revenue, (3 * MONTHLY - COMPENSATION) / 3, 2
        )
        self.assertEqual(partner.key_account_band_id.amount_max, 50000.0)
        partner._key_account_fix_commission_base()
        self.assertAlmostEqual(
            partner.key_account_commission_base, (3 * MONTHLY - COMPENSATION) / 3, 2
        )
        case = self._drop_cases(partner)
        self.assertEqual((case.level, case.drop_percent), ("serious", 40.0))
        self.assertEqual(
            self._review(partner).overall_after, 3 * MONTHLY - COMPENSATION - 1000.0
        )
        self._generate("2026-04-01")
        self.assertRecordValues(
            self._line(self._statement("2026-04-01"), partner),
            [{"revenue": MONTHLY - COMPENSATION, "collected": MONTHLY - COMPENSATION}],
        )
        self.assertEqual(partner.key_account_compensation_month, 0.0)
        self.assertEqual(partner.key_account_compensation_year, 0.0)

    def test_a_reversed_compensation_is_not_revenue_either(self):
        partner, note = self._april_credit_note(compensation=True)
        reversal = note._reverse_moves(
            [{"invoice_date": "2026-04-28", "date": "2026-04-28"}]
        )
        reversal.action_post()
        self.assertTrue(reversal.key_account_compensation)
        self.assertEqual(reversal.move_type, "out_invoice")
        self.Revenue._refresh_now()
        self.assertRecordValues(
            self._row(partner, "2026-04-01"),
            [{"invoiced": MONTHLY, "net": MONTHLY, "compensation": 0.0}],
        )

    def test_the_flag_is_the_payouts_not_the_users(self):
        partner, note = self._april_credit_note(compensation=False)
        with self.assertRaises(UserError):
            note.write({"key_account_compensation": True})
        # nor is a compensation document made by hand, whatever the client sends
        Move = self.env["account.move"]
        for Maker, vals in (
            (Move, {"key_account_compensation": True}),
            (Move.with_context(default_key_account_compensation=True), {}),
        ):
            with self.assertRaises(UserError):
                Maker.create(
                    {"move_type": "out_refund", "partner_id": partner.id, **vals}
                )
        ordinary = self.env["account.move"].search(
            [("partner_id", "=", partner.id), ("move_type", "=", "out_invoice")],
            limit=1,
        )
        self.assertFalse(ordinary.copy().key_account_compensation)

    def test_flagging_existing_credit_notes_rebuilds_the_figures(self):
        """What the migration does with payouts booked before the flag."""
        partner, note = self._april_credit_note(compensation=False)
        partner._key_account_update_metrics()
        partner._key_account_fix_commission_base()
        self.assertLess(partner.key_account_commission_base, MONTHLY)
        self._generate("2026-04-01")  # a draft that clawed the payout back
        line = self._line(self._statement("2026-04-01"), partner)
        self.assertEqual(line.collected, MONTHLY - COMPENSATION)
        self.env.cr.execute(
            "UPDATE account_move SET key_account_compensation = TRUE WHERE id = %s",
            [note.id],
        )
        note.invalidate_recordset(["key_account_compensation"])
        note._key_account_compensation_flagged()
        self.assertRecordValues(
            self._row(partner, "2026-04-01"),
            [{"refunded": 0.0, "net": MONTHLY, "compensation": COMPENSATION}],
        )
        self.assertEqual(partner.key_account_commission_base, MONTHLY)
        self.assertFalse(partner.key_account_metrics_date)
        self.assertRecordValues(
            self._line(self._statement("2026-04-01"), partner),
            [{"revenue": MONTHLY, "collected": MONTHLY, "commission": 1500.0}],
        )

    def test_a_compensation_settling_the_bill_is_collected(self):
        """The part of the bill settled by the compensation credit note is a
        collection of the invoice on the day of the reconciliation."""
        partner, invoice = self._april_bill_settled_net(compensation=True)
        self.assertRecordValues(
            self._row(partner, "2026-04-01"),
            [
                {
                    "invoiced": MONTHLY,
                    "net": MONTHLY,
                    "compensation": COMPENSATION,
                    "collected": MONTHLY,
                }
            ],
        )
        self._generate("2026-04-01")
        statement = self._statement("2026-04-01")
        self.assertRecordValues(
            self._line(statement, partner),
            [
                {
                    "revenue": MONTHLY,
                    "collected": MONTHLY,
                    "excluded_late": 0.0,
                    "rate": 3.0,
                    "commission": 1500.0,
                }
            ],
        )
        self.assertEqual((statement.collected, statement.commission), (MONTHLY, 1500.0))
        # the matching screen: two collections settled on the draft, nothing
        # left uncollected
        self.assertEqual(
            self._matching_screen(invoice),
            [
                ("collection", "2026-04-15", COMPENSATION, "pending"),
                ("collection", "2026-04-20", MONTHLY - COMPENSATION, "pending"),
            ],
        )

    def test_the_upgrade_rebuilds_the_months_of_bills_settled_net(self):
        """What the 18.0.1.12.0 migration does with the rows built before."""
        partner, _invoice = self._april_bill_settled_net(compensation=True)
        row = self._row(partner, "2026-04-01")
        self.env.cr.execute(
            "UPDATE key_account_revenue SET collected = %s WHERE id = %s",
            [MONTHLY - COMPENSATION, row.id],
        )
        row.invalidate_recordset(["collected"])
        self.assertEqual(row.collected, MONTHLY - COMPENSATION)  # as built before
        self.Revenue._refresh_compensation_offsets()
        self.assertEqual(self._row(partner, "2026-04-01").collected, MONTHLY)

    def test_an_ordinary_credit_note_settling_the_bill_is_not_collected(self):
        partner, invoice = self._april_bill_settled_net(compensation=False)
        self.assertRecordValues(
            self._row(partner, "2026-04-01"),
            [
                {
                    "invoiced": MONTHLY,
                    "refunded": COMPENSATION,
                    "net": MONTHLY - COMPENSATION,
                    "compensation": 0.0,
                    "collected": MONTHLY - COMPENSATION,
                }
            ],
        )
        self._generate("2026-04-01")
        self.assertRecordValues(
            self._line(self._statement("2026-04-01"), partner),
            [
                {
                    "revenue": MONTHLY - COMPENSATION,
                    "collected": MONTHLY - COMPENSATION,
                    "commission": 900.0,
                }
            ],
        )
        self.assertEqual(
            self._matching_screen(invoice),
            [("collection", "2026-04-20", MONTHLY - COMPENSATION, "pending")],
        )

    def test_flagging_a_credit_note_that_settled_a_bill_collects_it(self):
        """The migration flagging payouts booked before the flag: March's bill
        settled net in April collects the payout once flagged."""
        partner, invoice = self._april_bill_settled_net(
            compensation=False, invoice_day="2026-03-05"
        )
        self._generate("2026-03-01")  # March's roster
        self._generate("2026-04-01")  # a draft without the payout's part
        self.assertEqual(
            self._line(self._statement("2026-04-01"), partner).collected,
            MONTHLY - COMPENSATION,
        )
        self.assertEqual(
            self._row(partner, "2026-03-01").collected, MONTHLY - COMPENSATION
        )
        note = invoice.line_ids.matched_credit_ids.credit_move_id.move_id.filtered(
            lambda move: move.move_type == "out_refund"
        )
        self.env.cr.execute(
            "UPDATE account_move SET key_account_compensation = TRUE WHERE id = %s",
            [note.id],
        )
        note.invalidate_recordset(["key_account_compensation"])
        note._key_account_compensation_flagged()
        self.assertEqual(self._row(partner, "2026-03-01").collected, MONTHLY)
        self.assertRecordValues(
            self._line(self._statement("2026-04-01"), partner),
            [{"collected": MONTHLY, "commission": 1500.0}],
        )
