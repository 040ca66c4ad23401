"""Incidents and their splits hold against forged states, amounts and locks.

Each test names the security probe's finding it closes (C1, C2, L7, M2)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestClaimsControls(ClaimsCommon):
    def _approved(self, amount=400.0):
        incident = self._to_approval(self._incident(amount=amount))
        incident.with_user(self.branch_manager).action_approve()
        self.assertEqual(incident.state, "approved")
        return incident

    def test_c1_a_handler_cannot_create_an_incident_already_approved(self):
        for forged in ({"state": "approved"}, {"state": "paid"}):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                self._incident(amount=50000, **forged)
        incident = (
            self.env["courier.incident"]
            .with_user(self.handler)
            .with_context(default_state="approved")
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "kind": "damage",
                    "claimed_amount": 50000,
                }
            )
        )
        self.assertEqual(incident.state, "reported")
        with self.assertRaises(AccessError):
            incident.with_user(self.handler).write({"state": "reported"})

    def test_c2_raising_an_approved_amount_sends_it_back_for_approval(self):
        incident = self._approved(400.0)
        incident.with_user(self.handler).write({"assessed_amount": 500000})
        self.assertEqual(incident.state, "awaiting_approval")
        self.assertEqual(incident.approval_ids.amount, 400.0)  # history kept
        self.assertIn("Headquarters", incident.approval_needed)
        with self.assertRaises(UserError):
            incident.with_user(self.cs_manager)._move_to("paid", "pay it anyway")
        # The branch manager's authority does not reach 500,000.
        with self.assertRaisesRegex(UserError, "Headquarters"):
            incident.with_user(self.branch_manager).action_approve()
        self.assertEqual(incident.state, "awaiting_approval")

    def test_c2_the_same_amount_keeps_the_approval(self):
        incident = self._approved(400.0)
        incident.with_user(self.handler).write(
            {"assessed_amount": 400.0, "waybill": "SF999"}
        )
        self.assertEqual(incident.state, "approved")

    def test_l7_nobody_approves_an_incident_they_registered_or_handle(self):
        own = (
            self.env["courier.incident"]
            .with_user(self.branch_manager)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "kind": "damage",
                    "claimed_amount": 400.0,
                    "user_id": self.branch_manager.id,
                }
            )
        )
        for state in ("investigating", "negotiating", "awaiting_approval"):
            own.with_user(self.branch_manager)._move_to(state, state)
        with self.assertRaises(AccessError):
            own.with_user(self.branch_manager).action_approve()
        handled = self._to_approval(self._incident(amount=400.0))
        handled.user_id = self.branch_manager
        with self.assertRaises(AccessError):
            handled.with_user(self.branch_manager).action_approve()
        self.assertFalse((own | handled).approval_ids)

    def test_m2_shares_of_a_paid_incident_do_not_change(self):
        incident = self._approved(400.0)
        incident.sudo().share_ids = [
            (
                0,
                0,
                {"party_type": "branch", "branch_id": self.branch.id, "percent": 100},
            )
        ]
        incident.sudo()._workflow_write({"state": "paid"})
        Share = self.env["courier.incident.share"].with_user(self.cs_manager)
        with self.assertRaises(UserError):
            Share.create(
                {"incident_id": incident.id, "party_type": "carrier", "percent": 60}
            )
        with self.assertRaises(UserError):
            incident.share_ids.with_user(self.cs_manager).unlink()
        with self.assertRaises(UserError):
            incident.share_ids.with_user(self.cs_manager).write({"percent": 50})
        self.assertEqual(incident.share_ids.percent, 100)

    def test_m2_a_split_always_adds_up_to_100(self):
        incident = self._incident(amount=1000.0)
        Share = self.env["courier.incident.share"].with_user(self.handler)
        with self.assertRaises(ValidationError):
            Share.create({"incident_id": incident.id, "percent": 30})
        incident.with_user(self.handler).write(
            {
                "share_ids": [
                    (0, 0, {"percent": 70}),
                    (0, 0, {"party_type": "branch", "percent": 30}),
                ]
            }
        )
        staff = incident.share_ids.filtered(lambda share: share.percent == 70)
        with self.assertRaises(ValidationError):
            staff.with_user(self.cs_manager).unlink()  # leaves 30%
        with self.assertRaises(ValidationError):
            staff.with_user(self.handler).write({"percent": 60})
        # Changed together in the incident's form, the split is checked whole.
        other = incident.share_ids - staff
        incident.with_user(self.handler).write(
            {
                "share_ids": [
                    (1, staff.id, {"percent": 60}),
                    (1, other.id, {"percent": 40}),
                ]
            }
        )
        self.assertEqual(sorted(incident.share_ids.mapped("percent")), [40, 60])

    def test_m1_an_insurance_claim_is_not_settled_by_writing_its_state(self):
        incident = self._incident("damage", 800, insured=True)
        insurer = self.env["res.partner"].create({"name": "Ping An Property"})
        claim = (
            self.env["courier.insurance.claim"]
            .with_user(self.handler)
            .create({"incident_id": incident.id, "insurer_id": insurer.id})
        )
        for forged in (
            {"state": "settled", "recovered_amount": 1000000},
            {"settled_date": "2020-01-01 00:00:00"},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                claim.with_user(self.handler).write(forged)
        claim.write({"claimed_amount": 800, "recovered_amount": 700})
        claim.with_user(self.handler).action_report()
        claim.with_user(self.handler).action_proposal()
        claim.with_user(self.handler).action_settle()
        with self.assertRaises(UserError):  # settled: locked, no way back
            claim.with_user(self.handler).write({"recovered_amount": 1000000})
        with self.assertRaises(AccessError):
            claim.with_user(self.handler).write({"state": "draft"})
        self.assertRecordValues(claim, [{"state": "settled", "recovered_amount": 700}])

    def test_m1_a_submitted_register_stays_submitted(self):
        register = (
            self.env["courier.insured.register"]
            .with_user(self.handler)
            .create(
                {
                    "company_id": self.branch.id,
                    "period_start": "2026-02-27",
                    "shipped_count": 100,
                    "insured_count": 10,
                }
            )
        )
        register.with_user(self.handler).action_submit()
        for forged in ({"submitted_date": False}, {"insured_count": 50}):
            with self.subTest(forged=forged), self.assertRaises(UserError):
                register.with_user(self.handler).write(forged)
        self.assertRecordValues(register, [{"state": "submitted", "insured_count": 10}])

    def test_m1_a_complaint_is_answered_only_by_answering_it(self):
        complaint = (
            self.env["courier.complaint"]
            .with_user(self.handler)
            .create(
                {
                    "kind": "query",
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "description": "Where is my parcel?",
                }
            )
        )
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler).write(
                {"state": "answered", "answered_date": complaint.received}
            )
        with self.assertRaises(UserError):
            complaint.with_user(self.handler).action_answer()  # no response yet
        complaint.with_user(self.handler).response = "It arrives tomorrow."
        complaint.with_user(self.handler).action_answer()
        with self.assertRaises(UserError):
            complaint.with_user(self.handler).write({"response": "rewritten"})
        self.assertEqual(complaint.state, "answered")

    def test_c1_a_personal_default_does_not_forge_a_state(self):
        """Review of C1: any user may set ir.default for himself."""
        self.env["ir.default"].with_user(self.handler).set(
            "courier.incident", "state", "approved", user_id=True
        )
        with self.assertRaises(AccessError):
            self._incident(amount=50000)

    def test_computed_figures_are_not_written_by_hand(self):
        """Review: the cross-branch flag decides HQ's approval level."""
        incident = self._to_approval(
            self._incident(amount=4000, responsible_company_id=self.other_branch.id)
        )
        self.assertTrue(incident.cross_branch)
        for forged in ({"cross_branch": False}, {"severity": "general"}):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                incident.with_user(self.handler).write(forged)

    def test_l7_handing_the_incident_over_does_not_open_its_approval(self):
        """Review of L7: a handler who gives the incident to a colleague just
        before approving is still its former handler."""
        incident = self._to_approval(self._incident(amount=400.0))
        tracked = incident.with_context(tracking_disable=False, mail_notrack=False)
        tracked.with_user(self.handler).write({"user_id": self.branch_manager.id})
        self.env.cr.precommit.run()  # the chatter's tracking, as at commit
        tracked.with_user(self.branch_manager).write({"user_id": self.cs_manager.id})
        self.env.cr.precommit.run()
        with self.assertRaises(AccessError):
            incident.with_user(self.branch_manager).action_approve()
