from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestCompanyChecks(ClaimsCommon):
    """A claim links only records its branch may use: its own, its
    headquarters' or shared ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_shipped("courier.deadline.rule")
        Partner = cls.env["res.partner"]
        cls.wuxi_customer = Partner.create(
            {"name": "Wuxi Ceramics", "company_id": cls.other_branch.id}
        )
        cls.hq_carrier = Partner.create(
            {"name": "Group Line-haul", "company_id": cls.hq.id}
        )

    def test_an_incident_refuses_another_branchs_customer(self):
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self._incident(partner_id=self.wuxi_customer.id)
        incident = self._incident(carrier_id=self.hq_carrier.id)  # HQ's: fine
        self.assertEqual(incident.carrier_id, self.hq_carrier)
        self.assertTrue(incident.deadline_ids.rule_id, "HQ's ladder serves it")
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            incident.with_user(self.handler).carrier_id = self.wuxi_customer
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            incident.with_user(self.handler).share_ids = [
                Command.create(
                    {
                        "party_type": "carrier",
                        "carrier_id": self.wuxi_customer.id,
                        "percent": 100,
                    }
                )
            ]

    def test_a_complaint_refuses_another_branchs_customer(self):
        values = {
            "company_id": self.branch.id,
            "category_id": self.env.ref(
                "courier_claims.courier_complaint_category_delay"
            ).id,
            "description": "Parcel three days late",
        }
        Complaint = self.env["courier.complaint"].with_user(self.handler)
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            Complaint.create({**values, "partner_id": self.wuxi_customer.id})
        self.assertTrue(Complaint.create({**values, "partner_id": self.customer.id}))

    def test_an_insurance_claim_refuses_another_branchs_insurer(self):
        incident = self._incident(insured=True)
        Claim = self.env["courier.insurance.claim"].with_user(self.handler)
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            Claim.create(
                {"incident_id": incident.id, "insurer_id": self.wuxi_customer.id}
            )
