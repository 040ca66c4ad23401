"""Probe L3 (ACCEPTED-INVALID rows): absurd adjustments, bands left with a gap,
archives of a person."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon, copy_manual_policy
from .probe_common import ProbeStatementCommon


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbeAdjustments(ProbeStatementCommon):
    def test_l3_absurd_commission_adjustments_are_refused(self):
        """L3 (rows 521-522): +-1e20 adjustments are refused, nothing written."""
        statement = self._statement()
        Line = self.env["key.account.commission.line"].with_user(self.cs_manager)
        for amount in (1e20, -1e20, 1e9 + 1):
            with (
                self.subTest(amount=amount),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Line.create(
                    {"statement_id": statement.id, "commission": amount, "note": "x"}
                )
        self.assertFalse(statement.line_ids)
        Line.create({"statement_id": statement.id, "commission": -1500, "note": "ok"})
        self.assertEqual(statement.commission, -1500)


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbeConfigurationGaps(KeyAccountServiceCommon):
    """L3: bands left with a gap, archives of a person."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        copy_manual_policy(cls.env, cls.hq)
        cls.Band = cls.env["key.account.band"].with_user(cls.cs_manager)

    def _bands(self, band_set="cadence"):
        return self.Band.search(
            [("company_id", "=", self.hq.id), ("band_set", "=", band_set)],
            order="amount_min",
        )

    def test_l3_deleting_a_middle_band_is_refused(self):
        """L3 (row 538): unlinking the 50k-100k cadence band would leave a gap."""
        bands = self._bands()
        with self.assertRaisesRegex(ValidationError, "gap"), self.cr.savepoint():
            bands[1].unlink()
        self.assertEqual(self._bands(), bands)
        # The lowest band may go (the set then starts higher), and so may the
        # whole set.
        bands[0].unlink()
        self._bands().unlink()
        self.assertFalse(self._bands())

    def test_l3_moving_the_open_top_band_away_is_refused(self):
        """L3 (row 539): the HQ set cannot lose its open-ended top band."""
        top = self._bands()[-1]
        with self.assertRaises(ValidationError), self.cr.savepoint():
            top.write({"company_id": self.branch.id})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            top.unlink()
        self.assertEqual(top.company_id, self.hq)

    def test_l3_archive_of_a_person_is_refused(self):
        """L3 (row 562): a customer archive belongs to a company."""
        person = self.env["res.partner"].create({"name": "Ms Li"})
        with self.assertRaises(ValidationError):
            self.env["key.account.archive"].with_user(self.cs_manager).create(
                {"partner_id": person.id, "company_id": self.branch.id}
            )
