from odoo.tests import tagged

from odoo.addons.key_account_service.tests.common import copy_manual_policy

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestKeyAccountHooks(ClaimsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        copy_manual_policy(cls.env, cls.hq)
        top_band = cls.env["key.account.band"].search(
            [
                ("company_id", "=", cls.hq.id),
                ("band_set", "=", "cadence"),
                ("amount_min", "=", 200000),
            ]
        )
        cls.customer.sudo().write(
            {
                "is_key_account": True,
                "key_account_company_id": cls.branch.id,
                "key_account_manager_id": cls.cs_manager.id,
                "key_account_band_id": top_band.id,
                "key_account_start_date": "2025-01-01",
            }
        )

    def _apologies(self):
        return (
            self.env["key.account.visit"]
            .sudo()
            .search(
                [("partner_id", "=", self.customer.id), ("source", "=", "incident")]
            )
        )

    def test_each_incident_plans_the_apology_its_band_owes(self):
        self._incident("delay", 100, incident_date="2026-03-02 01:00:00")
        self.assertEqual(len(self._apologies()), 1)  # 1 per incident at 20万+
        self._incident("damage", 200, incident_date="2026-03-05 01:00:00")
        self.assertEqual(len(self._apologies()), 2)
        plain = self.env["res.partner"].create({"name": "Walk-in customer"})
        self._incident("damage", 200, partner_id=plain.id)
        self.assertEqual(len(self._apologies()), 2)

    def test_a_major_incident_opens_the_accounts_warning(self):
        Warning = self.env["key.account.warning"].sudo()
        self._incident("damage", 3000)
        self.assertFalse(Warning.search([("partner_id", "=", self.customer.id)]))
        incident = self._incident("loss", 8000)
        case = Warning.search([("partner_id", "=", self.customer.id)])
        self.assertRecordValues(
            case,
            [
                {
                    "reason": "major_incident",
                    "level": "warning",
                    "source_ref": incident.name,
                }
            ],
        )
        # the loss found larger (the compensation no longer decides, CL-2)
        incident.with_user(self.handler).loss_amount = 25000
        self.assertEqual(case.level, "serious")

    def _callbacks(self):
        return (
            self.env["key.account.visit"]
            .sudo()
            .search(
                [("partner_id", "=", self.customer.id), ("source", "=", "callback")]
            )
        )

    def _invitations(self):
        return (
            self.env["survey.user_input"]
            .sudo()
            .search([("key_account_partner_id", "=", self.customer.id)])
        )

    def test_an_answered_complaint_is_called_back_and_surveyed_once(self):
        self.customer.sudo().email = "service@suzhou-textile.cn"
        complaint = (
            self.env["courier.complaint"]
            .with_user(self.handler)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "waybill": "SF888",
                    "category_id": self.env.ref(
                        "courier_claims.courier_complaint_category_delay"
                    ).id,
                    "description": "Parcel three days late",
                    "received": "2026-03-02 01:00:00",
                    "response": "Re-delivered, fee refunded",
                }
            )
        )
        self.assertFalse(self._callbacks())
        complaint.action_answer()
        callback = self._callbacks()
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.source_ref, complaint.name)
        self.assertEqual(callback.user_id, self.cs_manager)
        self.assertEqual(callback.planning_activity_id.user_id, self.cs_manager)
        invitation = self._invitations()
        self.assertEqual(invitation.partner_id, self.customer)
        self.assertEqual(invitation.key_account_line_id.source_ref, complaint.name)
        # a query answered is no complaint: nothing more
        self.env["courier.complaint"].with_user(self.handler).create(
            {
                "partner_id": self.customer.id,
                "company_id": self.branch.id,
                "kind": "query",
                "waybill": "SF889",
                "description": "Where is it?",
                "received": "2026-03-02 01:00:00",
                "response": "Out for delivery",
            }
        ).action_answer()
        self.assertEqual(len(self._callbacks()), 1)
        self.assertEqual(len(self._invitations()), 1)
