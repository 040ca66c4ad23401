from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "cs_legal")
class TestLegalTour(HttpCase):
    def _branch_user(self, login, role):
        """A legal user whose only company is a branch of headquarters."""
        branch = self.env["res.company"].create(
            {
                "name": f"Tour Branch {login}",
                "parent_id": self.env.ref("base.main_company").id,
            }
        )
        user = new_test_user(
            self.env,
            login=login,
            groups=f"cs_legal.cs_legal_group_{role}",
            company_id=branch.id,
            company_ids=[(6, 0, branch.ids)],
        )
        return branch, user

    def test_fee_schedule_tour(self):
        self._branch_user("tour_legal_manager", "manager")
        self.start_tour("/odoo", "legal_fee_schedule_tour", login="tour_legal_manager")
        national = self.env.ref("cs_legal.legal_fee_schedule_national_2007")
        self.assertEqual(national.sample_amount, 250000.0)
        self.assertEqual(national.sample_fee, 5050.0)

    def test_signing_report_and_borrow_tour(self):
        branch, officer = self._branch_user("tour_legal_officer", "user")
        Partner = self.env["res.partner"]
        signed, unsigned = Partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "is_key_account": True,
                    "key_account_company_id": branch.id,
                }
                for name in ("Tour Signed Co.", "Tour Unsigned Co.")
            ]
        )
        contract = self.env["legal.contract"].create(
            {
                "subject": "Carriage",
                "partner_id": signed.id,
                "company_id": branch.id,
                "date_signed": "2026-01-05",
                "date_start": "2026-01-05",
            }
        )
        contract.action_request_review()
        contract.action_approve_review()
        contract.action_sign()
        report = self.env["legal.signing.report"]._generate(date(2026, 10, 1), branch)
        self.assertIn(unsigned, report.unsigned_partner_ids)
        self.assertNotIn(signed, report.unsigned_partner_ids)
        archive = self.env["legal.archive"].create(
            {"title": "Tour Opinion", "company_id": branch.id}
        )
        self.start_tour(
            "/odoo", "legal_signing_borrow_tour", login="tour_legal_officer"
        )
        self.assertRecordValues(
            archive.borrow_ids,
            [
                {
                    "purpose": "Hearing preparation",
                    "borrower_id": officer.id,
                    "state": "requested",
                }
            ],
        )

    def test_dashboard_tour(self):
        company, _officer = self._branch_user("dash_legal_officer", "user")
        customer = self.env["res.partner"].create(
            {"name": "Dash Carriage Co.", "is_company": True}
        )
        self.env["legal.contract"].create(
            {"subject": "Carriage", "partner_id": customer.id, "company_id": company.id}
        )
        archive = self.env["legal.archive"].create(
            {"title": "Dash Archive", "company_id": company.id}
        )
        borrow = self.env["legal.archive.borrow"].create(
            {"archive_id": archive.id, "purpose": "Audit"}
        )
        approver = new_test_user(
            self.env,
            login="dash_legal_manager",
            groups="cs_legal.cs_legal_group_manager",
            company_id=company.id,
        )
        borrow.with_user(approver).action_approve()
        returned = self.env["legal.archive"].create(
            {"title": "Dash Returned", "company_id": company.id}
        )
        done = self.env["legal.archive.borrow"].create(
            {"archive_id": returned.id, "purpose": "Audit"}
        )
        done.with_user(approver).action_approve()
        done.action_hand_over()
        done.action_return()
        self.start_tour("/odoo", "cs_legal_dashboard_tour", login="dash_legal_officer")
        self.assertEqual(borrow.state, "approved")
