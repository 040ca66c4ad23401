import base64
import csv
import io
import zipfile
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.key_account_service.tests.common import ReportRenderMixin

from .common import ClaimsCommon, PayoutCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestLiabilityOfPaidIncidents(PayoutCommon):
    """CL-6 (001 理赔管理制度 §4): once an incident is paid, each responsible
    staff member is told their share and it is deducted in their month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        main = cls.env.ref("base.main_company")
        for penalty in cls.env["courier.penalty.type"].search(
            [("company_id", "=", main.id)]
        ):
            penalty.copy({"company_id": cls.company.id})
        cls.loader, cls.driver = (
            new_test_user(
                cls.env,
                login=login,
                groups="base.group_user",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            for login in ("liability_loader", "liability_driver")
        )

    def _paid(self, amount, shares):
        incident = self._approved(
            amount, share_ids=[Command.create(vals) for vals in shares]
        )
        incident.action_create_payout()
        incident._move_to("paid", "credit note sent")
        return incident

    def _notices(self, incident, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "courier.incident"),
                ("res_id", "=", incident.id),
                ("user_id", "=", user.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("courier_claims.mail_act_courier_liability").id,
                ),
            ]
        )

    def test_each_responsible_person_is_told_their_amount_once(self):
        incident = self._paid(
            333.33,
            [
                {
                    "party_type": "staff",
                    "employee_user_id": self.loader.id,
                    "percent": 50,
                },
                {
                    "party_type": "staff",
                    "employee_user_id": self.driver.id,
                    "percent": 50,
                },
            ],
        )
        by_user = {share.employee_user_id: share.amount for share in incident.share_ids}
        self.assertEqual(sorted(by_user.values()), [166.66, 166.67])
        for user, amount in by_user.items():
            notice = self._notices(incident, user)
            self.assertEqual(len(notice), 1)
            self.assertIn(f"{amount:.2f}", notice.summary)
            self.assertIn(incident.name, notice.summary)
            # the staff member reads it without any claims right
            self.assertTrue(notice.with_user(user).summary)
        incident._move_to("closed", "done")
        incident.share_ids._charge_staff()
        for user in by_user:
            self.assertEqual(len(self._notices(incident, user)), 1)

    def test_staff_shares_become_deductions_of_the_payout_month(self):
        incident = self._paid(
            450.0,
            [
                {
                    "party_type": "staff",
                    "employee_user_id": self.loader.id,
                    "percent": 70,
                },
                {
                    "party_type": "staff",
                    "employee_user_id": self.driver.id,
                    "percent": 30,
                },
            ],
        )
        lines = incident.penalty_line_ids
        self.assertRecordValues(
            lines.sorted("amount"),
            [
                {"user_id": self.driver.id, "kind": "deduction", "amount": 135.0},
                {"user_id": self.loader.id, "kind": "deduction", "amount": 315.0},
            ],
        )
        self.assertEqual(
            set(lines.mapped("month")), {incident.payout_date.replace(day=1)}
        )
        self.assertEqual(lines.statement_id.company_id, self.company)
        self.assertEqual(lines.statement_id.total, 450.0)
        # run again: nothing new
        incident.share_ids._charge_staff()
        incident._move_to("closed", "done")
        self.assertEqual(len(incident.penalty_line_ids), 2)
        self.assertEqual(
            self.env["courier.penalty.line"].search_count(
                [("incident_id", "=", incident.id)]
            ),
            2,
        )

    def test_branch_and_carrier_shares_are_no_staff_deduction(self):
        branch = self.env["res.company"].create(
            {"name": "Liability Other Branch", "parent_id": self.company.id}
        )
        incident = self._paid(
            400.0,
            [
                {"party_type": "branch", "branch_id": branch.id, "percent": 50},
                {
                    "party_type": "staff",
                    "employee_user_id": self.loader.id,
                    "percent": 50,
                },
            ],
        )
        self.assertEqual(incident.penalty_line_ids.user_id, self.loader)
        self.assertEqual(incident.penalty_line_ids.amount, 200.0)

    def test_no_deduction_before_payment(self):
        incident = self.env["courier.incident"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "kind": "damage",
                "claimed_amount": 100.0,
                "share_ids": [
                    Command.create(
                        {
                            "party_type": "staff",
                            "employee_user_id": self.loader.id,
                            "percent": 100,
                        }
                    )
                ],
            }
        )
        incident.share_ids._charge_staff()
        self.assertFalse(incident.penalty_line_ids)
        self.assertFalse(self._notices(incident, self.loader))


@tagged("post_install", "-at_install")
class TestPenaltiesAndStatements(ReportRenderMixin, ClaimsCommon):
    """Fines within their type's amounts, the monthly rewards-and-penalties
    statement (监察奖罚明细), its approval and its payroll file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_shipped("courier.penalty.type")
        Type = cls.env["courier.penalty.type"]
        cls.missing_record = Type.search(
            [("company_id", "=", cls.hq.id), ("amount_min", "=", 5)]
        )
        cls.left_post = Type.search(
            [("company_id", "=", cls.hq.id), ("amount_max", "=", 50)], limit=1
        )
        cls.second_cs = cls._user("claims_t_cs2", "manager")
        cls.other_handler = cls._user("claims_t_handler2", "user", cls.other_branch)
        cls.finance = new_test_user(
            cls.env,
            login="claims_t_finance",
            groups="key_account_service.key_account_service_group_finance",
            company_id=cls.branch.id,
            company_ids=[Command.set((cls.hq | cls.branch).ids)],
        )
        cls.loader = new_test_user(
            cls.env,
            login="claims_t_loader",
            name="Loader Li",
            company_id=cls.branch.id,
            company_ids=[Command.set(cls.branch.ids)],
        )
        cls.driver = new_test_user(
            cls.env,
            login="claims_t_driver",
            name="Driver Zhang",
            company_id=cls.branch.id,
            company_ids=[Command.set(cls.branch.ids)],
        )

    def _fine(
        self, user, penalty, amount, when=date(2026, 10, 12), as_user=None, company=None
    ):
        return (
            self.env["courier.penalty.line"]
            .with_user(as_user or self.handler)
            .create(
                {
                    "company_id": (company or self.branch).id,
                    "user_id": user.id,
                    "type_id": penalty.id,
                    "amount": amount,
                    "date": when,
                    "reason": "Loading on 12 October",
                }
            )
        )

    def test_the_handbook_fines_are_shipped_as_data(self):
        shipped = self.env["courier.penalty.type"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertEqual(
            sorted((t.amount_min, t.amount_max, t.amount_default) for t in shipped),
            [(5, 10, 5), (50, 50, 50), (50, 50, 50), (100, 100, 100), (100, 100, 100)],
        )

    def test_a_fine_stays_within_its_type(self):
        self.assertEqual(self._fine(self.loader, self.missing_record, 5).amount, 5)
        self.assertEqual(self._fine(self.loader, self.missing_record, 10).amount, 10)
        for amount in (4.99, 10.01):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._fine(self.loader, self.missing_record, amount)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._fine(self.loader, self.left_post, 49.99)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["courier.penalty.line"].create(
                {
                    "company_id": self.branch.id,
                    "user_id": self.loader.id,
                    "amount": 20,
                    "reason": "no type",
                }
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["courier.penalty.line"].create(
                {
                    "company_id": self.branch.id,
                    "user_id": self.loader.id,
                    "kind": "deduction",
                    "amount": 20,
                    "reason": "a deduction needs its share",
                }
            )

    def test_a_type_default_lies_within_its_range(self):
        with self.assertRaises(ValidationError):
            self.missing_record.amount_default = 11
        self.missing_record.write({"amount_max": 20, "amount_default": 15})
        self.assertEqual(self._fine(self.loader, self.missing_record, 20).amount, 20)

    def test_the_statement_gathers_the_month_per_person(self):
        self._fine(self.loader, self.missing_record, 5)
        self._fine(self.loader, self.left_post, 50)
        self._fine(self.driver, self.missing_record, 8, when=date(2026, 10, 31))
        november = self._fine(self.driver, self.left_post, 50, when=date(2026, 11, 1))
        other = self._fine(
            self.driver,
            self.left_post,
            50,
            as_user=self.other_handler,
            company=self.other_branch,
        ).sudo()
        statement = self.env["courier.penalty.statement"].search(
            [("company_id", "=", self.branch.id), ("month", "=", "2026-10-01")]
        )
        self.assertEqual(len(statement.line_ids), 3)
        self.assertNotEqual(november.statement_id, statement)
        self.assertEqual(other.statement_id.company_id, self.other_branch)
        self.assertEqual(
            [
                (p["user"], p["deductions"], p["fines"], p["total"], len(p["lines"]))
                for p in statement._person_totals()
            ],
            [(self.driver, 0.0, 8.0, 8.0, 1), (self.loader, 0.0, 55.0, 55.0, 2)],
        )
        self.assertEqual((statement.fine_total, statement.total), (63.0, 63.0))
        self.assertEqual(statement.person_count, 2)
        html = self._render("courier_claims.report_penalty_statement", statement)
        self.assertIn("Rewards and Penalties Statement", html)
        self.assertIn("Loader Li", html)
        self.assertIn("55.00", html)

    def _approved(self):
        self._fine(self.loader, self.missing_record, 5)
        statement = self.env["courier.penalty.statement"].search(
            [("company_id", "=", self.branch.id), ("month", "=", "2026-10-01")]
        )
        statement.with_user(self.cs_manager).action_confirm()
        statement.with_user(self.second_cs).action_approve()
        return statement

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_confirmed_by_one_approved_by_another_cs_manager(self):
        self._fine(self.loader, self.missing_record, 5)
        statement = self.env["courier.penalty.statement"].search(
            [("company_id", "=", self.branch.id), ("month", "=", "2026-10-01")]
        )
        statement.with_user(self.handler).action_confirm()
        self.assertEqual(statement.state, "confirmed")
        # the handler does not approve, nor a CS manager who confirmed it
        with self.assertRaises(AccessError):
            statement.with_user(self.handler).action_approve()
        statement.with_user(self.handler).action_reset_draft()
        statement.with_user(self.cs_manager).action_confirm()
        approvers = statement._approval_activities().user_id
        self.assertIn(self.second_cs, approvers)
        self.assertNotIn(self.cs_manager, approvers)
        with self.assertRaises(AccessError):
            statement.with_user(self.cs_manager).action_approve()
        # a confirmed month takes no new fine and its lines stay
        with self.assertRaises(UserError):
            self._fine(self.driver, self.missing_record, 5)
        with self.assertRaises(UserError):
            statement.line_ids.with_user(self.cs_manager).amount = 6
        statement.with_user(self.second_cs).action_approve()
        self.assertEqual(statement.state, "approved")
        self.assertEqual(statement.approved_by_id, self.second_cs)
        self.assertFalse(statement._approval_activities())
        with self.assertRaises(UserError):
            statement.with_user(self.second_cs).action_reset_draft()
        with self.assertRaises(UserError):
            statement.with_user(self.second_cs).note = "changed"
        with self.assertRaises(UserError):
            statement.line_ids.with_user(self.second_cs).unlink()
        with self.assertRaises(AccessError):
            statement.with_user(self.handler).write({"state": "draft"})

    def test_a_deduction_in_a_closed_month_goes_to_the_next(self):
        statement = self._approved()
        incident = self._incident(
            share_ids=[
                Command.create(
                    {
                        "party_type": "staff",
                        "employee_user_id": self.driver.id,
                        "percent": 100,
                    }
                )
            ]
        )
        line = (
            self.env["courier.penalty.line"]
            .sudo()
            .create(
                {
                    "company_id": self.branch.id,
                    "user_id": self.driver.id,
                    "kind": "deduction",
                    "amount": incident.share_ids.amount,
                    "date": date(2026, 10, 20),
                    "reason": "share",
                    "incident_id": incident.id,
                    "share_id": incident.share_ids.id,
                }
            )
        )
        self.assertEqual(line.month, date(2026, 11, 1))
        self.assertNotEqual(line.statement_id, statement)
        self.assertEqual(statement.total, 5.0)
        with self.assertRaises(UserError):
            line.amount = 1
        with self.assertRaises(UserError):
            self.env["courier.penalty.line"].with_user(self.handler).create(
                {
                    "company_id": self.branch.id,
                    "user_id": self.driver.id,
                    "kind": "deduction",
                    "amount": 1,
                    "reason": "forged",
                    "share_id": incident.share_ids.id,
                }
            )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_finance_exports_approved_statements_to_payroll(self):
        self._fine(self.loader, self.left_post, 50)
        self._fine(self.driver, self.missing_record, 7.5)
        statement = self.env["courier.penalty.statement"].search(
            [("company_id", "=", self.branch.id), ("month", "=", "2026-10-01")]
        )
        Export = self.env["courier.penalty.export"].with_user(self.finance)
        wizard = Export.create(
            {"statement_ids": [Command.set(statement.ids)], "file_format": "csv"}
        )
        with self.assertRaises(UserError):
            wizard.action_export()
        statement.with_user(self.cs_manager).action_confirm()
        statement.with_user(self.second_cs).action_approve()
        with self.assertRaises(AccessError):
            statement.with_user(self.cs_manager)._workflow_move("exported")
        wizard.action_export()
        self.assertEqual(statement.state, "exported")
        self.assertEqual(wizard.file_name, "penalties_2026-10.csv")
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(wizard.file_data).decode("utf-8-sig"))
            )
        )
        self.assertEqual(rows[0][3], "Employee")
        self.assertEqual(
            [(r[0], r[1], r[3], r[5], r[6], r[8], r[9]) for r in rows[1:]],
            [
                (statement.name, "2026-10", "Driver Zhang", "claims_t_driver")
                + ("1", "7.5", "7.5"),
                (statement.name, "2026-10", "Loader Li", "claims_t_loader")
                + ("1", "50.0", "50.0"),
            ],
        )
        xlsx = Export.create(
            {"statement_ids": [Command.set(statement.ids)], "file_format": "xlsx"}
        )
        with self.assertRaises(UserError):
            xlsx.action_export()  # exported already
        content = xlsx._xlsx(xlsx._payroll_header(), xlsx._payroll_rows())
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            self.assertIn('name="Penalties"', book.read("xl/workbook.xml").decode())
            self.assertIn("Loader Li", book.read("xl/sharedStrings.xml").decode())

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_each_branch_sees_its_own_lines_and_statements(self):
        fine = self._fine(self.loader, self.missing_record, 5)
        Line = self.env["courier.penalty.line"]
        Statement = self.env["courier.penalty.statement"]
        self.assertEqual(Line.with_user(self.handler).search([]), fine)
        self.assertEqual(
            Statement.with_user(self.handler).search([]), fine.statement_id
        )
        self.assertFalse(Line.with_user(self.other_handler).search([]))
        self.assertFalse(Statement.with_user(self.other_handler).search([]))
        with self.assertRaises(AccessError):
            fine.with_user(self.other_handler).read(["amount"])
        # the other branch's handler records fines in his branch only
        with self.assertRaises(AccessError):
            self._fine(self.driver, self.missing_record, 5, as_user=self.other_handler)
        # staff outside claims read no line; a handler deletes none, a CS manager may
        with self.assertRaises(AccessError):
            Line.with_user(self.loader).search([])
        with self.assertRaises(AccessError):
            fine.with_user(self.handler).unlink()
        with self.assertRaises(AccessError):
            self.missing_record.with_user(self.handler).amount_max = 12
        fine.with_user(self.cs_manager).unlink()
        self.assertFalse(fine.exists())
