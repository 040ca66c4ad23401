from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestPartnerButtons(ClaimsCommon):
    """The customer's incidents and complaints, one click from its form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.partner"].create(
            {"name": "Wuxi Paper Co.", "is_company": True}
        )
        cls.delay = cls.env.ref("courier_claims.courier_complaint_category_delay")

    def _complaint(self, partner, waybill):
        return (
            self.env["courier.complaint"]
            .with_user(self.handler)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "waybill": waybill,
                    "category_id": self.delay.id,
                    "description": "Parcel late",
                }
            )
        )

    def test_counts_equal_the_records_the_buttons_open(self):
        incidents = self._incident() | self._incident(kind="loss")
        self._incident(partner_id=self.other.id)
        complaint = self._complaint(self.customer, "SF1")
        self._complaint(self.other, "SF2")
        customer = self.customer.with_user(self.handler)
        self.assertEqual(customer.courier_incident_count, 2)
        self.assertEqual(customer.courier_complaint_count, 1)
        action = customer.action_view_courier_incidents()
        self.assertEqual(
            self.env[action["res_model"]]
            .with_user(self.handler)
            .search(action["domain"]),
            incidents,
        )
        action = customer.action_view_courier_complaints()
        self.assertEqual(
            self.env[action["res_model"]]
            .with_user(self.handler)
            .search(action["domain"]),
            complaint,
        )
        self.assertNotIn("search_default_open", action["context"])

    def test_counts_are_computed_in_batch(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Batch {n}", "is_company": True} for n in range(6)]
        )
        for partner in partners:
            self._incident(partner_id=partner.id)

        def queries(records):
            records = records.with_user(self.handler)
            records.invalidate_model()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            values = [
                (r.courier_incident_count, r.courier_complaint_count) for r in records
            ]
            self.assertEqual(len(values), len(records))
            return self.env.cr.sql_log_count - before

        queries(partners)  # warm the caches (rules, language, companies)
        few = queries(partners.browse(partners[:2].ids))  # a fresh prefetch set
        with self.assertQueryCount(2):  # one grouped count per button
            self.assertEqual(queries(partners), few)
        self.assertEqual(
            partners.with_user(self.handler).mapped("courier_incident_count"), [1] * 6
        )
