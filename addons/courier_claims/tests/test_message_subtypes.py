from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestMessageSubtypes(ClaimsCommon):
    """Followers subscribe to the business events they care about."""

    def setUp(self):
        super().setUp()
        # the common context disables tracking; these tests are about it
        self.env = self.env(
            context=dict(self.env.context, tracking_disable=False, mail_notrack=False)
        )

    def _follow(self, record, user, subtype):
        record.sudo().message_subscribe(
            partner_ids=user.partner_id.ids,
            subtype_ids=self.env.ref(f"courier_claims.{subtype}").ids,
        )

    def _event(self, record, subtype):
        """The tracking message of ``subtype`` once the change is committed
        (a record is tracked from its first commit on)."""
        self.env.flush_all()
        self.cr.flush()  # the tracking messages are posted before commit
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("subtype_id", "=", self.env.ref(f"courier_claims.{subtype}").id),
            ]
        )

    def test_an_approved_incident_tells_who_follows_approvals(self):
        incident = self._to_approval(self._incident("damage", 400))
        self._follow(incident, self.general_manager, "mt_courier_incident_approved")
        self._follow(incident, self.hq_user, "mt_courier_incident_paid")
        self.assertFalse(self._event(incident, "mt_courier_incident_approved"))
        incident.with_user(self.cs_manager).action_approve()
        message = self._event(incident, "mt_courier_incident_approved")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.tracking_value_ids.field_id.name, "state")
        self.assertIn(self.general_manager.partner_id, message.notified_partner_ids)
        self.assertNotIn(self.hq_user.partner_id, message.notified_partner_ids)
        # an approved incident sent back is no approval
        incident.with_user(self.handler).assessed_amount = 300
        self.assertEqual(len(self._event(incident, "mt_courier_incident_approved")), 1)

    def test_an_answered_complaint_tells_who_follows_answers(self):
        complaint = (
            self.env["courier.complaint"]
            .with_user(self.handler)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "category_id": self.env.ref(
                        "courier_claims.courier_complaint_category_delay"
                    ).id,
                    "description": "Parcel three days late",
                }
            )
        )
        self._follow(complaint, self.cs_manager, "mt_courier_complaint_answered")
        self.assertFalse(self._event(complaint, "mt_courier_complaint_answered"))
        complaint.response = "Re-delivered this morning, fee refunded"
        complaint.action_answer()
        message = self._event(complaint, "mt_courier_complaint_answered")
        self.assertEqual(len(message), 1)
        self.assertIn(self.cs_manager.partner_id, message.notified_partner_ids)

    def test_a_settled_insurance_claim_tells_who_follows_settlements(self):
        incident = self._incident("damage", 800, insured=True)
        claim = (
            self.env["courier.insurance.claim"]
            .with_user(self.handler)
            .create(
                {
                    "incident_id": incident.id,
                    "insurer_id": self.customer.id,
                    "claimed_amount": 800,
                }
            )
        )
        self._follow(claim, self.cs_manager, "mt_courier_insurance_claim_settled")
        claim.action_report()
        claim.action_proposal()
        self.assertFalse(self._event(claim, "mt_courier_insurance_claim_settled"))
        claim.recovered_amount = 700
        claim.action_settle()
        message = self._event(claim, "mt_courier_insurance_claim_settled")
        self.assertEqual(len(message), 1)
        self.assertIn(self.cs_manager.partner_id, message.notified_partner_ids)
