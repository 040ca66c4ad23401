"""Followers may subscribe to the legal events: a contract reviewed or
signed, a case closed, a borrowing approved (message subtypes)."""

from odoo.tests import tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestSubtypes(LegalCommon):
    def setUp(self):
        super().setUp()
        # tracked as in production: the fixture disables mail tracking
        self.env = self.env(
            context={
                key: value
                for key, value in self.env.context.items()
                if key not in DISABLED_MAIL_CONTEXT
            }
        )

    def _commit(self):
        """What a commit runs: records created in the same transaction are
        not tracked, the ones changed later are."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _tracked(self, record, xmlid):
        self._commit()
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("subtype_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def test_a_follower_hears_of_the_signature(self):
        contract = self.env["legal.contract"].create(
            {
                "subject": "Express carriage 2027",
                "partner_id": self.customer.id,
                "company_id": self.branch.id,
                "date_signed": "2026-11-02",
                "date_start": "2026-11-02",
            }
        )
        signed = self.env.ref("cs_legal.mt_legal_contract_signed")
        self.assertFalse(signed.default, "followers opt in")
        contract.message_subscribe(
            partner_ids=self.hq_legal.partner_id.ids, subtype_ids=signed.ids
        )
        self._commit()
        contract.action_request_review()
        contract.action_approve_review()
        self.assertTrue(self._tracked(contract, "cs_legal.mt_legal_contract_reviewed"))
        contract.action_sign()
        messages = self._tracked(contract, "cs_legal.mt_legal_contract_signed")
        self.assertEqual(len(messages), 1)
        self.assertIn(
            self.hq_legal.partner_id, messages.notification_ids.res_partner_id
        )

    def test_case_closed_and_borrowing_approved(self):
        case = self.env["legal.case"].create(
            {
                "title": "Unpaid freight",
                "counterparty_id": self.customer.id,
                "company_id": self.branch.id,
                "claim_amount": 5000.0,
            }
        )
        self._commit()
        case.action_close()
        self.assertTrue(self._tracked(case, "cs_legal.mt_legal_case_closed"))
        archive = self.env["legal.archive"].create(
            {"title": "Lease opinion", "company_id": self.branch.id}
        )
        borrow = (
            self.env["legal.archive.borrow"]
            .with_user(self.legal_user)
            .create({"archive_id": archive.id, "purpose": "Hearing"})
        )
        self._commit()
        borrow.with_user(self.legal_manager).action_approve()
        self.assertTrue(self._tracked(borrow, "cs_legal.mt_legal_borrow_approved"))
