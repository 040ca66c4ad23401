from odoo.tests import tagged

from .commission_common import KeyAccountInvoicingCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestRevenueHistory(KeyAccountInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.customer = cls.env["res.partner"].create(
            {"name": "Hangzhou Silk Co.", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Ms Li", "parent_id": cls.customer.id}
        )
        cls.Revenue = cls.env["key.account.revenue"]

    def _row(self, month):
        return self.Revenue.search(
            [("partner_id", "=", self.customer.id), ("month", "=", month)]
        )

    def test_month_sums_invoices_refunds_and_collections(self):
        invoice = self._invoice("2026-01-10", 80000)
        self._invoice("2026-01-20", 30000, partner=self.contact)  # billed to a contact
        self._invoice("2026-01-25", 10000, refund=True)
        self._invoice("2026-01-28", 5000, post=False)  # drafts do not count
        self._pay(invoice, 40000, "2026-02-05")
        self.Revenue._refresh_now(full=True)
        row = self._row("2026-01-01")
        self.assertRecordValues(
            row,
            [
                {
                    "company_id": self.company.id,
                    "invoiced": 110000.0,
                    "refunded": 10000.0,
                    "net": 100000.0,
                    "collected": 40000.0,
                }
            ],
        )

    def test_refund_reconciled_with_invoice_is_not_collected(self):
        invoice = self._invoice("2026-01-10", 10000)
        refund = self._invoice("2026-01-12", 10000, refund=True)
        (invoice | refund).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        self.assertEqual(invoice.payment_state, "reversed")
        self.Revenue._refresh_now(full=True)
        self.assertRecordValues(
            self._row("2026-01-01"), [{"net": 0.0, "collected": 0.0}]
        )

    def test_rebuild_is_idempotent(self):
        self._invoice("2026-01-10", 1000)
        self._invoice("2026-02-10", 2000)
        fields = ["month", "invoiced", "refunded", "net", "collected"]
        self.Revenue._refresh_now(full=True)
        before = self.Revenue.search([("partner_id", "=", self.customer.id)]).read(
            fields
        )
        self.Revenue._refresh_now(full=True)
        after = self.Revenue.search([("partner_id", "=", self.customer.id)]).read(
            fields
        )
        self.assertEqual(
            [{k: v for k, v in row.items() if k != "id"} for row in after],
            [{k: v for k, v in row.items() if k != "id"} for row in before],
        )
        self.assertEqual(len(after), 2)

    def test_refresh_repairs_changed_rows_and_leaves_the_rest_alone(self):
        other = self.env["res.partner"].create({"name": "Ningbo Port Co."})
        self._invoice("2026-01-10", 1000)
        self._invoice("2026-01-12", 3000, partner=other)
        self.Revenue._refresh_now(full=True)
        mine = self._row("2026-01-01")
        theirs = self.Revenue.search([("partner_id", "=", other.id)])

        def location(row):  # a row's physical place changes when it is rewritten
            self.env.cr.execute(
                "SELECT ctid FROM key_account_revenue WHERE id = %s", [row.id]
            )
            return self.env.cr.fetchone()[0]

        self.env.cr.execute(
            "UPDATE key_account_revenue SET net = 999, collected = 999 WHERE id = %s",
            [mine.id],
        )
        untouched = location(theirs)
        self.Revenue.invalidate_model()
        self.Revenue._refresh_now(full=True)
        self.assertRecordValues(mine, [{"net": 1000.0, "collected": 0.0}])
        self.assertEqual(location(theirs), untouched)
        self.assertEqual(theirs.net, 3000.0)

    def test_nightly_refresh_takes_only_touched_months(self):
        self._invoice("2026-01-10", 1000)
        self.Revenue._refresh_now(full=True)
        january = self._row("2026-01-01")
        february_invoice = self._invoice("2026-02-10", 2000)
        keys = self.Revenue._start_pass()["keys"]
        self.assertIn([self.company.id, "2026-02-01"], keys)
        # Months of invoices untouched for over the overlap are left alone.
        self.env.cr.execute(
            "UPDATE account_move SET write_date = write_date - interval '2 hours' "
            "WHERE id != %s",
            [february_invoice.id],
        )
        self.env["ir.config_parameter"].set_param(
            "key_account_service.revenue_watermark",
            str(self.env.cr.now()),
        )
        keys = self.Revenue._start_pass()["keys"]
        self.assertEqual(keys, [[self.company.id, "2026-02-01"]])
        self.Revenue._cron_refresh()
        self.assertEqual(self._row("2026-02-01").net, 2000.0)
        self.assertEqual(self._row("2026-01-01"), january, "January was not rewritten")
        # A posted invoice reset to draft leaves the history at the next refresh.
        february_invoice.button_draft()
        self.Revenue._cron_refresh()
        self.assertFalse(self._row("2026-02-01"))
        self.assertEqual(january.net, 1000.0)

    def test_interrupted_pass_resumes_without_losing_months(self):
        for month in range(1, 6):
            self._invoice(f"2026-{month:02d}-10", 1000 * month)
        total = len(self.Revenue._start_pass(full=True)["keys"])
        done, remaining = self.Revenue._run_pass_batch(batch_size=2)
        self.assertEqual((done, remaining), (2, total - 2))
        # The worker dies here; the next run carries on where it stopped.
        done, remaining = self.Revenue._run_pass_batch(batch_size=2)
        self.assertEqual((done, remaining), (2, total - 4))
        while remaining:
            done, remaining = self.Revenue._run_pass_batch(batch_size=2)
        nets = self.Revenue.search(
            [("partner_id", "=", self.customer.id)], order="month"
        ).mapped("net")
        self.assertEqual(nets, [1000.0, 2000.0, 3000.0, 4000.0, 5000.0])
        self.assertFalse(self.Revenue._get_pass())
        self.assertTrue(
            self.env["ir.config_parameter"].get_param(
                "key_account_service.revenue_watermark"
            )
        )

    def test_rebuild_action_queues_a_full_pass(self):
        self._invoice("2026-03-10", 500)
        action = self.Revenue.action_rebuild_all()
        self.assertEqual(action["tag"], "display_notification")
        keys = self.Revenue._get_pass()["keys"]
        self.assertIn([self.company.id, "2026-03-01"], keys)
