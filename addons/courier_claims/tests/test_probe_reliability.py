"""Probe M7 and L9: a claims handler registers and moves incidents.

M7: a serious incident of a key account opens its warning case (row 624);
L9: a user without an e-mail address posts with the company's (row 626).
"""

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.key_account_service.tests.common import copy_manual_policy

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims", "probe")
class TestProbeClaimsReliability(ClaimsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        copy_manual_policy(cls.env, cls.hq)
        cls.regional = new_test_user(
            cls.env,
            login="probe_m7_regional",
            groups="key_account_service.key_account_service_group_user",
            company_id=cls.hq.id,
            company_ids=[Command.set((cls.hq | cls.branch).ids)],
        )
        region = cls.env["key.account.region"].create(
            {
                "name": "Probe East",
                "company_id": cls.hq.id,
                "manager_id": cls.regional.id,
            }
        )
        cls.branch.key_account_region_id = region
        cls.customer.sudo().write(
            {
                "is_key_account": True,
                "key_account_company_id": cls.branch.id,
                "key_account_manager_id": cls.regional.id,
                "key_account_start_date": "2025-01-01",
            }
        )

    def test_m7_handler_registers_a_serious_incident_for_a_key_account(self):
        """M7 (row 624): the warning case opens, no AccessError on the region."""
        incident = self._incident("damage", 50000)
        self.assertEqual(incident.severity, "extraordinary")
        case = (
            self.env["key.account.warning"]
            .sudo()
            .search([("partner_id", "=", self.customer.id)])
        )
        self.assertRecordValues(
            case,
            [
                {
                    "reason": "major_incident",
                    "level": "serious",
                    "regional_manager_id": self.regional.id,
                }
            ],
        )

    def test_l9_user_without_email_moves_an_incident(self):
        """L9 (row 626): the chatter line goes out with the company's address."""
        self.handler.partner_id.email = False
        self.branch.email = "claims@branch.example.com"
        incident = self._incident(amount=400)
        incident.with_user(self.handler)._move_to("investigating", "parcel found")
        self.assertEqual(incident.state, "investigating")
        message = incident.message_ids[:1]
        self.assertEqual(message.author_id, self.handler.partner_id)
        self.assertIn("claims@branch.example.com", message.email_from)
