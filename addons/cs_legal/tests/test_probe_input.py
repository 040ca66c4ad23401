"""Probe L3 (ACCEPTED-INVALID rows) on the legal models: empty subject and
purpose, limitation years, impossible dates, a fee schedule without its 0 bracket."""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal", "probe")
class TestProbeLegalInput(LegalCommon):
    def _contract(self, **values):
        return (
            self.env["legal.contract"]
            .with_user(self.legal_user)
            .create(
                {
                    "subject": "Express carriage",
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    **values,
                }
            )
        )

    def _case(self, **values):
        return (
            self.env["legal.case"]
            .with_user(self.legal_user)
            .create(
                {
                    "title": "Unpaid freight",
                    "counterparty_id": self.customer.id,
                    "company_id": self.branch.id,
                    "claim_amount": 5000.0,
                    **values,
                }
            )
        )

    def _refused(self, create, **values):
        with (
            self.subTest(**{k: str(v) for k, v in values.items()}),
            self.assertRaises(ValidationError),
            self.cr.savepoint(),
        ):
            create(**values)

    def test_l3_empty_subject_and_purpose_are_refused(self):
        """L3 (rows 556, 559): empty or blank subject, purpose and title."""
        for blank in ("", "   ", "\n\t"):
            self._refused(self._contract, subject=blank)
            self._refused(self._case, title=blank)
        archive = (
            self.env["legal.archive"]
            .with_user(self.legal_user)
            .create({"title": "Opinion", "company_id": self.branch.id})
        )
        Borrow = self.env["legal.archive.borrow"].with_user(self.legal_user)
        for blank in ("", "  "):
            self._refused(
                lambda **v: Borrow.create({"archive_id": archive.id, **v}),
                purpose=blank,
            )
        contract = self._contract()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            contract.write({"subject": " "})

    def test_l3_limitation_years_must_make_sense(self):
        """L3 (rows 552-553): negative, zero or absurd limitation periods."""
        for years in (-50, 0, 21, 100000):
            self._refused(self._case, limitation_years=years, date_known="2026-01-01")
        case = self._case(limitation_years=3, date_known="2026-01-01")
        self.assertEqual(case.limitation_date, date(2028, 12, 31))

    def test_l3_dates_before_2000_or_far_ahead_are_refused(self):
        """L3: case and contract dates out of range."""
        today = fields.Date.today()
        for field in ("date_opened", "date_known", "date_served"):
            for day in ("0001-01-01", "1999-12-31", today + timedelta(days=400)):
                self._refused(self._case, **{field: day})
        for day in ("1999-12-31", today + timedelta(days=400)):
            self._refused(self._contract, date_signed=day)
        self._refused(self._contract, date_end=today + timedelta(days=365 * 31))
        self._refused(self._contract, date_start="1990-01-01")
        self._contract(date_start=today, date_end=today + timedelta(days=365 * 5))

    def test_l3_deleting_the_zero_bracket_is_refused(self):
        """L3 (row 544): a schedule keeps its bracket starting at 0."""
        schedule = self.env.ref("cs_legal.legal_fee_schedule_manual")
        zero = schedule.bracket_ids.filtered(lambda b: not b.amount_from)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            zero.with_user(self.hq_legal).unlink()
        self.assertTrue(zero.exists())
        self.assertEqual(schedule.compute_fee(100000.0), 3510.0)
        # A middle bracket may go: the one below it simply reaches further.
        schedule.bracket_ids.sorted("amount_from")[1].with_user(self.hq_legal).unlink()
