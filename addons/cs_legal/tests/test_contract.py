from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestContract(LegalCommon):
    def _contract(self, **values):
        return (
            self.env["legal.contract"]
            .with_user(self.legal_user)
            .create(
                dict(
                    {
                        "subject": "Express carriage 2027",
                        "partner_id": self.customer.id,
                        "company_id": self.branch.id,
                    },
                    **values,
                )
            )
        )

    def _sign(self, contract):
        contract.write({"date_signed": "2026-11-02", "date_start": "2026-11-02"})
        contract.action_sign()

    def test_review_deadline_is_four_working_hours(self):
        # Monday 16:00 in Suzhou (08:00 UTC): 1 h that day, 3 h on Tuesday.
        contract = self._contract()
        with freeze_time("2026-11-23 08:00:00"):
            contract.action_request_review()
        self.assertEqual(contract.review_deadline, datetime(2026, 11, 24, 3, 0))
        # one review activity per legal officer of the branch, due that day
        self.assertEqual(
            set(contract.activity_ids.mapped("date_deadline")), {date(2026, 11, 24)}
        )
        # Friday 16:00: the weekend is not working time.
        friday = self._contract()
        with freeze_time("2026-11-27 08:00:00"):
            friday.action_request_review()
        self.assertEqual(friday.review_deadline, datetime(2026, 11, 30, 3, 0))
        with freeze_time("2026-11-30 02:00:00"):
            friday.with_user(self.legal_manager).action_approve_review()
        self.assertTrue(friday.review_on_time)
        with freeze_time("2026-11-24 05:00:00"):
            contract.action_approve_review()
        self.assertFalse(contract.review_on_time, "answered two hours late")

    def test_review_hours_are_the_company_policy(self):
        self.hq.legal_review_hours = 1.5
        contract = self._contract()
        with freeze_time("2026-11-23 08:00:00"):
            contract.action_request_review()
        self.assertEqual(contract.review_deadline, datetime(2026, 11, 24, 0, 30))

    def test_price_annex_approval_and_qualification(self):
        contract = self._contract(has_price_annex=True)
        self.assertEqual(contract.annex_state, "pending")
        contract.action_request_review()
        contract.action_approve_review()
        with self.assertRaises(UserError):
            self._sign(contract)
        with self.assertRaises(AccessError):
            contract.action_approve_annex()
        contract.with_user(self.legal_manager).action_approve_annex()
        self._sign(contract)
        self.assertEqual(contract.state, "signed")
        self.assertFalse(contract.qualified)
        self.assertIn("Original handed to the archive room", contract.missing)
        contract.check_ids.write({"done": True})
        self.assertTrue(contract.qualified)
        self.assertEqual(contract.check_ids.done_by, self.legal_user)

    def test_national_account_contract_is_filed_at_hq(self):
        self.customer.write({"is_key_account": True, "key_account_tier": "national"})
        contract = self._contract()
        self.assertTrue(contract.hq_filing_required)
        contract.action_request_review()
        contract.action_approve_review()
        self._sign(contract)
        contract.check_ids.write({"done": True})
        self.assertFalse(contract.qualified)
        self.assertIn("not filed at HQ", contract.missing)
        with self.assertRaises(AccessError):
            contract.action_file_at_hq()
        contract.with_user(self.hq_legal).action_file_at_hq()
        self.assertTrue(contract.qualified)

    def test_signed_contract_is_locked_and_state_moves_by_buttons(self):
        contract = self._contract()
        with self.assertRaises(UserError):
            contract.write({"state": "signed"})
        with self.assertRaises(UserError):
            contract.action_sign()  # not reviewed
        contract.action_request_review()
        contract.action_approve_review()
        self._sign(contract)
        with self.assertRaises(UserError):
            contract.write(
                {"partner_id": self.env["res.partner"].create({"name": "X"}).id}
            )
        with self.assertRaises(UserError):
            contract.with_user(self.legal_manager).unlink()
        # The term is what was signed: a renewal is a new contract (L8). Who
        # follows the contract for its renewal still changes.
        with self.assertRaises(UserError):
            contract.write({"date_end": "2027-11-01"})
        contract.write({"user_id": self.legal_manager.id})

    def test_renewal_reminder_once(self):
        contract = self._contract()
        contract.action_request_review()
        contract.action_approve_review()
        contract.write({"date_end": "2026-12-10"})
        self._sign(contract)
        Contract = self.env["legal.contract"]
        with freeze_time("2026-11-05"):
            Contract._cron_renewal_reminders()
        self.assertFalse(contract.renewal_reminded_on, "40 days ahead: not yet")
        with freeze_time("2026-11-15"):
            Contract._cron_renewal_reminders()
            Contract._cron_renewal_reminders()
        self.assertEqual(contract.renewal_reminded_on.isoformat(), "2026-11-15")
        renewals = contract.activity_ids.filtered(lambda a: "Renew" in a.summary)
        self.assertEqual(len(renewals), 1)

    def test_review_is_a_step_escalated_once_and_closed_with_the_review(self):
        contract = self._contract()
        other = contract.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Ask for the annex",
            user_id=self.legal_user.id,
        )
        with freeze_time("2026-11-23 08:00:00"):
            contract.action_request_review()
            step = contract.review_step_ids
            self.assertEqual(step.status, "open")
        self.assertEqual(step.due, contract.review_deadline)
        # its activity is the reviewers' approval: the review waits in their
        # "Awaiting My Approval" list
        approvals = contract.activity_ids - other
        self.assertEqual(step.activity_ids, approvals)
        self.assertEqual(
            approvals.activity_type_id,
            self.env.ref("key_account_service.mail_act_approval"),
        )
        self.assertIn(self.legal_user, approvals.user_id)
        Step = self.env["legal.contract.deadline"]
        with freeze_time("2026-11-24 02:00:00"):
            Step._cron_escalate()
        self.assertFalse(step.escalated, "not due before 11:00 China time")
        with freeze_time("2026-11-24 05:00:00"):
            Step._cron_escalate()
            Step._cron_escalate()
        overdue = self.env.ref("cs_legal.mail_act_legal_contract_review_overdue")
        alerts = contract.activity_ids.filtered(lambda a: a.activity_type_id == overdue)
        mine = alerts.filtered(lambda a: a.user_id == self.legal_manager)
        self.assertEqual(len(mine), 1, "the legal manager is told once")
        self.assertNotIn(self.legal_user, alerts.user_id)
        with freeze_time("2026-11-24 06:00:00"):
            contract.action_approve_review()
        self.assertEqual(step.status, "done")
        self.assertFalse(approvals.exists())
        self.assertFalse(alerts.exists())
        # the review's own activities only: the other to-do stays
        self.assertEqual(contract.activity_ids, other)

    def test_a_review_sent_back_closes_its_step_and_a_new_request_opens_one(self):
        contract = self._contract()
        contract.action_request_review()
        first = contract.review_step_ids
        contract.with_user(self.legal_manager).action_return_to_draft()
        self.assertEqual(first.status, "done")
        self.assertFalse(contract.activity_ids)
        contract.action_request_review()
        self.assertEqual(len(contract.review_step_ids), 2)
        self.assertTrue((contract.review_step_ids - first).activity_ids)

    def test_renewal_due_is_the_end_less_the_notice_of_headquarters(self):
        contract = self._contract(date_end="2026-12-10")
        self.assertEqual(contract.renewal_due, date(2026, 11, 10))
        self.hq.legal_renewal_days = 10
        self.assertEqual(contract.renewal_due, date(2026, 11, 30))
        contract.action_request_review()
        contract.action_approve_review()
        self._sign(contract)
        Contract = self.env["legal.contract"]
        # the cron selects in SQL on the stored day
        with freeze_time("2026-11-29"):
            due = Contract.search(Contract._get_renewal_reminders_domain())
        self.assertNotIn(contract, due)
        with freeze_time("2026-11-30"):
            due = Contract.search(Contract._get_renewal_reminders_domain())
        self.assertIn(contract, due)

    def test_branch_visibility(self):
        contract = self._contract()
        Contract = self.env["legal.contract"]
        self.assertIn(contract, Contract.with_user(self.hq_legal).search([]))
        self.assertNotIn(contract, Contract.with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            contract.with_user(self.outsider).read(["subject"])
