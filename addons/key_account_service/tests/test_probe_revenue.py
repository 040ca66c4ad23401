"""Probe L5: the revenue refresh removes the rows of deleted invoices."""

from odoo.tests import tagged

from .commission_common import KeyAccountInvoicingCommon


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbeStaleRevenue(KeyAccountInvoicingCommon):
    """L5: the refresh removes the row of an invoice that is gone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Probe Porcelain Co.", "is_company": True}
        )
        cls.Revenue = cls.env["key.account.revenue"]

    def _row(self):
        return self.Revenue.search(
            [("partner_id", "=", self.customer.id), ("month", "=", "2024-03-01")]
        )

    def test_l5_deleted_only_invoice_of_a_month_leaves_the_history(self):
        """L5 (row 627): incremental pass and full rebuild both drop the row."""
        for full in (False, True):
            with self.subTest(full=full):
                invoice = self._invoice("2024-03-10", 12345)
                self.Revenue._refresh_now(full=True)
                self.assertEqual(self._row().net, 12345)
                invoice.button_draft()
                invoice.unlink()
                # The months of moves written since then are all gone too.
                self.env["ir.config_parameter"].set_param(
                    "key_account_service.revenue_watermark", str(self.env.cr.now())
                )
                self.Revenue._refresh_now(full=full)
                self.assertFalse(self._row())
