"""Contracts, cases, borrowings and signing reports hold against forged states,
approvals, stamps and figures, as the security probe sent them (C1, H5, L8).

Every call goes through ``with_user``, the way a client's ``call_kw`` does."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestLegalControls(LegalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.archive = cls.env["legal.archive"].create(
            {"title": "Opinion on insured-value limits", "company_id": cls.branch.id}
        )

    def _contract_vals(self, **values):
        return {
            "subject": "Express carriage 2027",
            "partner_id": self.customer.id,
            "company_id": self.branch.id,
            **values,
        }

    def _case_vals(self, **values):
        return {
            "title": "Unpaid freight",
            "counterparty_id": self.customer.id,
            "company_id": self.branch.id,
            "claim_amount": 5000.0,
            **values,
        }

    def _borrow_vals(self, **values):
        return {"archive_id": self.archive.id, "purpose": "self", **values}

    def _report_vals(self, month="2026-06-01", **values):
        return {"company_id": self.branch.id, "month": month, **values}

    def _contract(self, user=None, **values):
        Contract = self.env["legal.contract"].with_user(user or self.legal_user)
        return Contract.create(self._contract_vals(**values))

    def _case(self, user=None, **values):
        Case = self.env["legal.case"].with_user(user or self.legal_user)
        return Case.create(self._case_vals(**values))

    def _borrow(self, user=None, **values):
        Borrow = self.env["legal.archive.borrow"].with_user(user or self.legal_user)
        return Borrow.create(self._borrow_vals(**values))

    def _report(self, user=None, **values):
        Report = self.env["legal.signing.report"].with_user(user or self.legal_manager)
        return Report.create(self._report_vals(**values))

    def _signed(self, **values):
        contract = self._contract(
            date_signed="2026-11-02", date_start="2026-11-02", **values
        )
        contract.action_request_review()
        contract.action_approve_review()
        contract.action_sign()
        return contract

    def test_c1_no_workflow_record_is_created_past_its_first_step(self):
        officer, manager = self.legal_user, self.legal_manager
        forgeries = [
            (
                self._contract,
                officer,
                {
                    "state": "signed",
                    "reviewed_at": "2026-01-01 00:00:00",
                    "date_signed": "2026-01-01",
                    "date_start": "2026-01-01",
                },
            ),
            (
                self._contract,
                officer,
                {"annex_state": "approved", "annex_approved_by": manager.id},
            ),
            (self._contract, officer, {"hq_filed_on": "2026-01-01"}),
            (self._case, officer, {"claim_amount": 900000, "stage": "court"}),
            (self._case, officer, {"hq_reported_on": "2026-01-01"}),
            (self._case, officer, {"stage": "closed", "date_closed": "2026-01-01"}),
            (self._borrow, officer, {"state": "approved", "approver_id": officer.id}),
            (self._borrow, manager, {"state": "approved", "approver_id": manager.id}),
            (self._borrow, officer, {"approver_id": manager.id}),
            (
                self._report,
                manager,
                {"month": "2026-04-01", "state": "submitted", "signing_rate": 100},
            ),
            (
                self._report,
                manager,
                {"month": "2026-05-01", "signing_rate": 100, "signed_count": 99},
            ),
        ]
        for create, user, forged in forgeries:
            with (
                self.subTest(user=user.login, forged=forged),
                self.assertRaises(AccessError),
            ):
                create(user, **forged)
        # Nor through a default in the context, the way a client sends one.
        for model, field, default, first, values in (
            ("legal.contract", "state", "signed", "draft", self._contract_vals()),
            ("legal.case", "stage", "court", "intake", self._case_vals()),
            (
                "legal.archive.borrow",
                "state",
                "approved",
                "requested",
                self._borrow_vals(),
            ),
            ("legal.signing.report", "signing_rate", 100, 0, self._report_vals()),
            (
                "legal.signing.report",
                "state",
                "submitted",
                "draft",
                self._report_vals("2026-08-01"),
            ),
        ):
            with self.subTest(model=model, default=default):
                record = (
                    self.env[model]
                    .with_user(officer if model != "legal.signing.report" else manager)
                    .with_context(**{f"default_{field}": default})
                    .create(values)
                )
                self.assertEqual(record[field], first)

    def test_h5_action_only_fields_are_written_by_their_actions_alone(self):
        review = self._contract(has_price_annex=True)
        review.action_request_review()
        signed = self._signed()
        report = self.env["legal.signing.report"]._generate(
            signed.date_signed, self.branch
        )
        case = self._case(claim_amount=20000.0)
        figures = report.read(["signing_rate", "signed_count"])[0]
        forgeries = [
            (review, {"annex_state": "approved"}),
            (
                review,
                {"annex_state": "approved", "annex_approved_by": self.hq_legal.id},
            ),
            (review, {"annex_approved_by": self.legal_manager.id}),
            (review, {"hq_filed_on": "2026-12-01"}),
            (review, {"review_deadline": "2030-01-01 00:00:00"}),
            (signed, {"reviewed_at": False}),
            (signed, {"state": "signed", "reviewed_at": "2020-01-01 00:00:00"}),
            (report, {"signing_rate": 100, "signed_count": 99}),
            (report, {"state": "draft", "needed_partner_ids": [Command.clear()]}),
            (case, {"hq_reported_on": "2026-01-01"}),
            (case, {"stage": "intake", "hq_filed_on": "2020-01-01"}),
        ]
        for record, forged in forgeries:
            for user in (self.legal_user, self.legal_manager):
                with (
                    self.subTest(model=record._name, forged=forged, user=user.login),
                    self.assertRaises(AccessError),
                ):
                    record.with_user(user).write(forged)
            # not even as the superuser: only the action writes them
            with self.subTest(sudo=forged), self.assertRaises(AccessError):
                record.sudo().write(forged)
        self.assertRecordValues(review, [{"annex_state": "pending"}])
        self.assertTrue(signed.reviewed_at)
        self.assertEqual(report.read(["signing_rate", "signed_count"])[0], figures)
        self.assertFalse(case.hq_reported_on)
        # The actions do write them, for those allowed to act.
        with self.assertRaises(AccessError):
            review.with_user(self.legal_user).action_approve_annex()
        review.with_user(self.legal_manager).action_approve_annex()
        self.assertRecordValues(
            review,
            [{"annex_state": "approved", "annex_approved_by": self.legal_manager.id}],
        )
        with self.assertRaises(AccessError):
            signed.with_user(self.legal_manager).action_file_at_hq()
        signed.with_user(self.hq_legal).action_file_at_hq()
        self.assertTrue(signed.hq_filed_on)
        case.with_user(self.legal_user).action_report_hq()
        self.assertTrue(case.hq_reported_on)
        report.with_user(self.legal_user).action_submit()
        self.assertEqual(report.state, "submitted")

    def test_l8_a_signed_contract_keeps_its_term_and_checklist(self):
        contract = self._signed(date_end="2027-10-31")
        checks = contract.check_ids
        first = checks[0]
        for user, forged in (
            (self.legal_user, {"date_end": "2099-12-31"}),
            (self.legal_user, {"date_end": False}),
            (self.legal_manager, {"check_ids": [Command.delete(first.id)]}),
            (self.legal_manager, {"check_ids": [Command.unlink(first.id)]}),
            (self.legal_manager, {"check_ids": [Command.set([])]}),
            (self.legal_manager, {"reviewer_id": self.legal_manager.id}),
            (self.hq_legal, {"review_note": "<p>rewritten</p>"}),
        ):
            with (
                self.subTest(user=user.login, forged=forged),
                self.assertRaises(UserError),
            ):
                contract.with_user(user).write(forged)
        Check = self.env["legal.contract.check"].with_user(self.legal_manager)
        item = self.env.ref("cs_legal.legal_checklist_contract_terms")
        other = self._contract()
        for attempt in (
            first.with_user(self.legal_manager).unlink,
            lambda: Check.create({"contract_id": contract.id, "item_id": item.id}),
            lambda: first.with_user(self.legal_manager).write({"item_id": item.id}),
            lambda: (
                other.check_ids[:1]
                .with_user(self.legal_manager)
                .write({"contract_id": contract.id})
            ),
            lambda: first.with_user(self.legal_manager).write(
                {"contract_id": other.id}
            ),
        ):
            with self.subTest(attempt=attempt), self.assertRaises(UserError):
                attempt()
        self.assertEqual(contract.check_ids, checks)
        self.assertEqual(str(contract.date_end), "2027-10-31")
        # What is established after the signature is still recorded: the
        # checklist is ticked (sealed copies, the original in the archive room)
        # and the contract changes hands for its renewal.
        contract.with_user(self.legal_user).write(
            {"check_ids": [Command.update(first.id, {"done": True})]}
        )
        checks.with_user(self.legal_user).write({"done": True})
        self.assertTrue(contract.qualified)
        contract.with_user(self.legal_user).write({"user_id": self.legal_manager.id})

    def test_what_held_still_holds(self):
        contract = self._signed()
        for forged in (
            {"partner_id": self.env["res.partner"].create({"name": "X"}).id},
            {"contract_type": "warehousing"},
            {"date_start": "2026-01-01"},
            {"has_price_annex": True},
            {"annex_state": "none"},
            {"state": "draft"},
        ):
            with self.subTest(forged=forged), self.assertRaises(UserError):
                contract.with_user(self.legal_user).write(forged)
        report = self.env["legal.signing.report"]._generate(
            contract.date_signed, self.branch
        )
        report.with_user(self.legal_user).action_submit()
        for forged in ({"problems": "<p>late</p>"}, {"state": "draft"}):
            with self.subTest(forged=forged), self.assertRaises(UserError):
                report.with_user(self.hq_legal).write(forged)
        with self.assertRaises(UserError):
            report.with_user(self.hq_legal).unlink()
        case = self._case()
        case.with_user(self.legal_user).action_close()
        for forged in (
            {"claim_amount": 1.0},
            {"date_closed": False},
            {"stage": "intake"},
        ):
            with self.subTest(forged=forged), self.assertRaises(UserError):
                case.with_user(self.legal_user).write(forged)
        case.with_user(self.legal_user).write({"outcome": "<p>Settled</p>"})
        borrow = self._borrow()
        borrow.with_user(self.legal_manager).action_approve()
        borrow.with_user(self.legal_user).action_hand_over()
        with self.assertRaises(UserError):
            borrow.with_user(self.legal_user).write({"state": "returned"})
        with self.assertRaises(UserError):
            borrow.with_user(self.hq_legal).unlink()

    def test_four_eyes_on_borrowing_and_price_annex(self):
        own = self._borrow(self.legal_manager)
        with self.assertRaises(AccessError):
            own.with_user(self.legal_manager).action_approve()
        # registered for someone else, still by the manager: not hers to approve
        for_officer = self._borrow(self.legal_manager, borrower_id=self.legal_user.id)
        with self.assertRaises(AccessError):
            for_officer.with_user(self.legal_manager).action_approve()
        for_officer.with_user(self.hq_legal).action_approve()
        self.assertEqual(for_officer.approver_id, self.hq_legal)
        own.with_user(self.hq_legal).action_refuse()
        self.assertEqual(own.state, "refused")
        # an annex the manager registered or negotiates is approved by another
        contract = self._contract(self.legal_manager, has_price_annex=True)
        with self.assertRaises(AccessError):
            contract.with_user(self.legal_manager).action_approve_annex()
        negotiated = self._contract(has_price_annex=True, user_id=self.legal_manager.id)
        with self.assertRaises(AccessError):
            negotiated.with_user(self.legal_manager).action_approve_annex()
        contract.with_user(self.hq_legal).action_approve_annex()
        self.assertEqual(contract.annex_approved_by, self.hq_legal)

    def test_every_move_is_checked_posted_and_not_repeated(self):
        contract = self._contract(has_price_annex=True)
        contract.action_request_review()
        with self.assertRaisesRegex(UserError, "already"):
            contract.action_request_review()
        contract.action_approve_review()
        contract.with_user(self.legal_manager).action_refuse_annex()
        with self.assertRaises(UserError):
            contract.with_user(self.hq_legal).action_approve_annex()
        bodies = contract.message_ids.mapped("body")
        for line in ("Draft → In Legal Review", "In Legal Review → Reviewed"):
            self.assertTrue(any(line in body for body in bodies), line)
        self.assertTrue(any("To Approve → Refused" in body for body in bodies))
        # A case goes to court only once its HQ duties are met.
        case = self._case(claim_amount=900000.0)
        with self.assertRaises(UserError):
            case.action_go_to_court()
        self._sign_court(case)
        case.action_report_hq()
        case.write({"hq_lawyer_id": self.hq_legal.id})
        case.action_go_to_court()
        self.assertIn("Intake → In Court", " ".join(case.message_ids.mapped("body")))
        with self.assertRaisesRegex(UserError, "already"):
            case.action_report_hq()
        # A copy starts its workflow again.
        copy = contract.copy()
        self.assertRecordValues(
            copy, [{"state": "draft", "reviewed_at": False, "annex_state": "pending"}]
        )

    def test_review_evidence_stays_with_its_open_case(self):
        """Review: ticking another case's evidence, or a closed case's."""
        first, second = self._case(), self._case(title="Damaged shipment")
        self.assertTrue(second.evidence_ids)
        with self.assertRaises(UserError):
            second.evidence_ids[:1].with_user(self.legal_user).write(
                {"case_id": first.id}
            )
        first.sudo()._workflow_write({"stage": "closed"})
        with self.assertRaises(UserError):
            first.evidence_ids[:1].with_user(self.legal_user).write({"done": True})

    def test_review_a_decided_borrowing_keeps_its_due_date(self):
        borrow = self._borrow()
        borrow.with_user(self.legal_manager).action_approve()
        with self.assertRaises(UserError):
            borrow.with_user(self.legal_user).write({"date_due": "2099-12-31"})
