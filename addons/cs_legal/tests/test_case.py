from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestLegalCase(LegalCommon):
    def _case(self, amount=5000.0, **values):
        return (
            self.env["legal.case"]
            .with_user(self.legal_user)
            .create(
                dict(
                    {
                        "title": "Unpaid freight",
                        "counterparty_id": self.customer.id,
                        "company_id": self.branch.id,
                        "claim_amount": amount,
                    },
                    **values,
                )
            )
        )

    def test_reporting_thresholds(self):
        small, reported, large = (
            self._case(9999.99),
            self._case(10000.0),
            self._case(100000.0),
        )
        self.assertEqual(
            [
                (c.hq_report_required, c.hq_take_part_required)
                for c in (small, reported, large)
            ],
            [(False, False), (True, False), (True, True)],
        )
        self.assertTrue(all((small | reported | large).mapped("hq_filed_on")))
        self.assertIn(self.hq_legal.partner_id, small.message_partner_ids)
        for case in (small, reported, large):
            self._sign_court(case)
        small.action_go_to_court()
        self.assertEqual(small.stage, "court")
        with self.assertRaises(UserError):
            reported.action_go_to_court()
        reported.action_report_hq()
        reported.action_go_to_court()
        large.action_report_hq()
        with self.assertRaises(UserError):
            large.action_go_to_court()
        large.write({"hq_lawyer_id": self.hq_legal.id})
        large.action_go_to_court()
        self.assertEqual(large.date_filed, date.today())

    def test_thresholds_are_the_company_policy(self):
        self.hq.write(
            {"legal_hq_report_amount": 5000, "legal_hq_take_part_amount": 50000}
        )
        self.assertTrue(self._case(5000.0).hq_report_required)
        self.assertTrue(self._case(50000.0).hq_take_part_required)

    def test_deadlines(self):
        # Opened on Wednesday 2026-11-25: 5 working days is Wednesday 2 December.
        case = self._case(
            date_opened="2026-11-25",
            date_known="2026-03-10",
            preservation_requested_at="2026-11-25 02:00:00",
            preservation_executed_on="2026-11-27",
        )
        self.assertEqual(case.evidence_deadline, date(2026, 12, 2))
        self.assertEqual(case.limitation_date, date(2028, 3, 9), "the manual's 2 years")
        self.assertEqual(case.preservation_ruling_due, datetime(2026, 11, 27, 2, 0))
        self.assertEqual(case.preservation_suit_deadline, date(2026, 12, 12))
        self.assertEqual(case.next_deadline, date(2026, 12, 2))
        case.evidence_ids.write({"done": True})
        case.action_start_evidence()
        with freeze_time("2026-12-01"):
            case.action_evidence_done()
        # filing within 5 working days after the evidence
        self.assertEqual(case.filing_deadline, date(2026, 12, 8))
        self.assertEqual(case.next_deadline, date(2026, 12, 8))
        self.hq.legal_limitation_years = 3  # PRC Civil Code
        civil_code = self._case(date_known="2026-03-10")
        self.assertEqual(civil_code.limitation_date, date(2029, 3, 9))
        defendant = self._case(role="defendant", date_served="2026-11-20")
        self.assertEqual(defendant.answer_deadline, date(2026, 12, 5))
        self.assertFalse(defendant.filing_deadline)

    def test_evidence_checklist_of_the_manual(self):
        plaintiff = self._case()
        defendant = self._case(role="defendant")
        names = plaintiff.evidence_ids.mapped("item_id.name")
        self.assertIn("Our settlement statement signed by the other party", names)
        self.assertIn("Copy of our business licence with the company seal", names)
        self.assertNotIn("Incident report", names)
        self.assertIn("Incident report", defendant.evidence_ids.mapped("item_id.name"))
        plaintiff.action_start_evidence()
        with self.assertRaises(UserError):
            plaintiff.action_evidence_done()

    def test_court_fee_on_both_schedules(self):
        manual = self.env.ref("cs_legal.legal_fee_schedule_manual")
        national = self.env.ref("cs_legal.legal_fee_schedule_national_2007")
        case = self._case(100000.0)
        self.assertEqual(case.fee_schedule_id, manual)
        self.assertEqual(case.court_fee, 3510.0)
        case.fee_schedule_id = national
        self.assertEqual(case.court_fee, 2300.0)
        calculator = (
            self.env["legal.fee.calculator"]
            .with_user(self.legal_user)
            .create({"amount": 200000.0, "schedule_id": national.id})
        )
        self.assertEqual(calculator.fee, 4300.0)
        fees = {line.schedule_id: line.fee for line in calculator.line_ids}
        self.assertEqual(fees[manual], 5510.0)
        self.assertEqual(fees[national], 4300.0)

    def test_recovered_invoices_earn_no_commission(self):
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_line_ids": [
                        (0, 0, {"name": "Freight", "price_unit": 800.0})
                    ],
                }
                for _ in range(2)
            ]
        )
        invoices.action_post()
        # Recovery is a legal manager's, on cases of the invoices' company.
        self.legal_manager.company_ids |= invoices.company_id
        Case = (
            self.env["legal.case"]
            .with_user(self.legal_manager)
            .with_company(invoices.company_id)
        )
        values = {
            "title": "Unpaid freight",
            "counterparty_id": self.customer.id,
            "company_id": invoices.company_id.id,
            "claim_amount": 5000.0,
        }
        case = Case.create(
            dict(values, recovered_invoice_ids=[(6, 0, invoices[0].ids)])
        )
        self.assertTrue(invoices[0].key_account_legal_recovery)
        self.assertFalse(invoices[1].key_account_legal_recovery)
        other = Case.create(
            dict(values, recovered_invoice_ids=[(6, 0, invoices[0].ids)])
        )
        case.write({"recovered_invoice_ids": [(6, 0, invoices[1].ids)]})
        self.assertTrue(invoices.mapped("key_account_legal_recovery") == [True, True])
        other.unlink()
        self.assertFalse(invoices[0].key_account_legal_recovery)
        self.assertTrue(invoices[1].key_account_legal_recovery)

    def test_lawyer_letter(self):
        case = self._case(12000.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("cs_legal.action_report_lawyer_letter", case.ids)[0]
            .decode()
        )
        self.assertIn("Suzhou Electronics", html)
        self.assertIn("12,000.00", html)
        action = case.action_send_lawyer_letter()
        template = self.env.ref("cs_legal.mail_template_lawyer_letter")
        self.assertEqual(action["context"]["default_template_id"], template.id)
        self.assertEqual(
            template._render_field("partner_to", case.ids)[case.id],
            str(self.customer.id),
        )

    def test_access_stage_and_company(self):
        case = self._case()
        with self.assertRaises(UserError):
            case.write({"stage": "closed"})
        with self.assertRaises(AccessError):
            case.unlink()  # legal officers do not delete
        self.assertNotIn(
            case, self.env["legal.case"].with_user(self.outsider).search([])
        )
        self.assertIn(case, self.env["legal.case"].with_user(self.hq_legal).search([]))
        case.action_close()
        with self.assertRaises(UserError):
            case.write({"claim_amount": 1.0})


@tagged("post_install", "-at_install", "cs_legal")
class TestEnteringProceedings(LegalCommon):
    """000 §7.2.2: the general manager signs before a case enters proceedings;
    000 §2.2(二)4: only level 1-2 branches litigate, the others through their
    level 1-2 branch or headquarters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch.key_account_branch_level = "level_1_2"
        cls.county = cls.env["res.company"].create(
            {
                "name": "Legal Station Wujiang",
                "parent_id": cls.branch.id,
                "key_account_branch_level": "level_3_plus",
            }
        )
        cls.sibling = cls.env["res.company"].create(
            {
                "name": "Legal Station Kunshan",
                "parent_id": cls.branch.id,
                "key_account_branch_level": "level_3_plus",
            }
        )
        cls.general_manager.company_ids |= cls.county

    def _case(self, company=None, user=None):
        Case = self.env["legal.case"]
        if user:
            Case = Case.with_user(user)
        return Case.create(
            {
                "title": "Unpaid freight",
                "counterparty_id": self.customer.id,
                "company_id": (company or self.branch).id,
                "claim_amount": 5000.0,
            }
        )

    def test_court_is_refused_without_the_general_managers_signoff(self):
        case = self._case(user=self.legal_user)
        with self.assertRaisesRegex(UserError, "general manager's sign-off"):
            case.action_go_to_court()
        self.assertEqual(case.stage, "intake")
        # the legal officer cannot sign it off himself
        with self.assertRaisesRegex(UserError, "Only the general manager"):
            case.action_sign_court()
        case.action_request_court_signoff()
        gm_case = case.with_user(self.general_manager)
        self.assertTrue(gm_case.approval_awaiting_me)
        self.assertTrue(gm_case.approval_can_act)
        self.assertFalse(case.approval_can_act)
        with freeze_time("2026-12-01 03:00:00"):
            gm_case.action_sign_court()
        self.assertEqual(case.court_signed_by_id, self.general_manager)
        self.assertEqual(case.court_signed_on, datetime(2026, 12, 1, 3, 0))
        self.assertFalse(gm_case.approval_awaiting_me, "the approval is done")
        with self.assertRaisesRegex(UserError, "already signed off"):
            gm_case.action_sign_court()
        case.action_go_to_court()
        self.assertEqual(case.stage, "court")

    def test_the_general_manager_reads_the_case_to_sign_and_changes_nothing(self):
        case = self._case(user=self.legal_user)
        case.action_request_court_signoff()
        gm_case = case.with_user(self.general_manager)
        gm_case.read(["title", "claim_amount", "stage", "court_signoff_requested"])
        gm_case.evidence_ids.read(["item_id", "done"])
        gm_case.deadline_step_ids.read(["kind", "due"])
        with self.assertRaises(AccessError):
            gm_case.write({"title": "Changed"})
        with self.assertRaises(AccessError):
            gm_case.evidence_ids[:1].write({"done": True})
        # a general manager of another company does not sign it
        stranger = new_test_user(
            self.env,
            login="other_general_manager",
            groups="courier_claims.courier_claims_group_general_manager",
            company_id=self.other.id,
            company_ids=[Command.set(self.other.ids)],
        )
        self.assertNotIn(stranger, case._court_approvers())
        self.assertIn(self.general_manager, case._court_approvers())
        # closed before it was signed: nothing waits for the general manager
        self.assertTrue(gm_case.approval_awaiting_me)
        case.action_close()
        self.assertFalse(gm_case.approval_awaiting_me)

    def test_the_branchs_configured_approver_signs_off(self):
        case = self._case(user=self.legal_user)
        with self.assertRaisesRegex(UserError, "Only the general manager"):
            case.with_user(self.legal_manager).action_sign_court()
        self.branch.legal_court_approver_id = self.legal_manager
        case.with_user(self.legal_manager).action_sign_court()
        self.assertEqual(case.court_signed_by_id, self.legal_manager)
        # the signature is the workflow's: nobody writes it by hand
        with self.assertRaises(AccessError):
            case.write({"court_signed_by_id": self.legal_user.id})

    def test_level_2_branch_litigates_itself(self):
        case = self._case()
        self.assertFalse(case.litigating_company_required)
        self._sign_court(case)
        case.action_go_to_court()
        self.assertEqual(case.stage, "court")

    def test_level_3_branch_litigates_through_its_level_2_branch_or_hq(self):
        case = self._case(self.county)
        self.assertTrue(case.litigating_company_required)
        self._sign_court(case)
        with self.assertRaisesRegex(UserError, "does not litigate itself"):
            case.action_go_to_court()
        # another level 3 station cannot litigate for it
        case.litigating_company_id = self.sibling
        with self.assertRaisesRegex(UserError, "cannot litigate for"):
            case.action_go_to_court()
        self.assertEqual(case.stage, "intake")
        self.assertEqual(self.county._legal_litigating_company(), self.branch)
        case.litigating_company_id = self.branch
        case.action_go_to_court()
        self.assertEqual(case.stage, "court")
        other = self._case(self.county)
        self._sign_court(other)
        other.litigating_company_id = self.hq
        other.action_go_to_court()
        self.assertEqual(other.stage, "court")
