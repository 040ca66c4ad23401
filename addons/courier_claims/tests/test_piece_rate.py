import base64
import csv
import io
import zipfile
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.translate import xml_translate

from odoo.addons.key_account_service.tests.common import ReportRenderMixin

from .common import ClaimsCommon

OCTOBER = date(2026, 10, 1)


@tagged("post_install", "-at_install", "courier_claims")
class TestPieceRateStatements(ReportRenderMixin, ClaimsCommon):
    """The agents' monthly piece-rate pay (000 §4.2-4.3): tickets at the
    headquarters' rates, less 0.10 per order missing to the insured target,
    confirmed and approved by two CS managers, exported to payroll."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the branch works on Beijing time: its months are its local days
        (cls.branch | cls.other_branch).resource_calendar_id.tz = "Asia/Shanghai"
        cls.agent = cls._user("claims_t_agent", "agent", cls.branch)
        cls.agent.name = "Agent Wang"
        cls.agent2 = cls._user("claims_t_agent2", "agent", cls.branch)
        cls.agent2.name = "Agent Zhao"
        cls.other_agent = cls._user("claims_t_agent3", "agent", cls.other_branch)
        cls.second_cs = cls._user("claims_t_cs2", "manager")
        cls.other_cs = cls._user("claims_t_cs3", "manager", cls.other_branch)
        cls.finance = new_test_user(
            cls.env,
            login="claims_t_finance",
            groups="key_account_service.key_account_service_group_finance",
            company_id=cls.branch.id,
            company_ids=[Command.set((cls.hq | cls.branch).ids)],
        )
        cls.Statement = cls.env["courier.piece.rate.statement"]
        cls.serial = 0

    # ---- helpers -------------------------------------------------------------

    def _calls(self, agent, ticket_type, count, start=None, company=None, **vals):
        """``count`` answered calls of ``agent`` (15 October, 10:00 Beijing)."""
        values = []
        for _i in range(count):
            type(self).serial += 1
            values.append(
                {
                    "name": f"call-{self.serial}",
                    "company_id": (company or self.branch).id,
                    "agent_id": agent.id,
                    "start": start or datetime(2026, 10, 15, 2, 0),
                    "disposition": "answered",
                    "ticket_type": ticket_type,
                    **vals,
                }
            )
        return self.env["courier.call"].create(values)

    def _generate(self, month=OCTOBER, company=None, user=None):
        wizard = (
            self.env["courier.piece.rate.generate"]
            .with_user(user or self.cs_manager)
            .create({"company_id": (company or self.branch).id, "month": month})
        )
        with freeze_time("2026-11-03"):
            wizard.action_generate()
        return self.Statement.search(
            [("company_id", "=", (company or self.branch).id), ("month", "=", month)]
        )

    def _of(self, statements, agent):
        return statements.filtered(lambda s: s.user_id == agent)

    def _manual_month(self):
        """The example: 120 orders (117 insured), 300 consultations, 40
        queries, 10 complaints."""
        self._calls(self.agent, "order", 117, insured=True)
        self._calls(self.agent, "order", 3)
        self._calls(self.agent, "consultation", 300)
        self._calls(self.agent, "query", 40)
        self._calls(self.agent, "complaint", 10)

    # ---- the figures ---------------------------------------------------------

    def test_the_manual_rates_and_the_insured_deduction(self):
        self._manual_month()
        self._calls(self.agent2, "order", 120, insured=True)
        # not counted: unanswered, other business, another branch's, no agent
        self._calls(self.agent, "order", 5, disposition="no_answer")
        self._calls(self.agent, "other", 7)
        self._calls(self.other_agent, "order", 9, company=self.other_branch)
        statements = self._generate()
        self.assertEqual(statements.user_id, self.agent | self.agent2)
        mine = self._of(statements, self.agent)
        self.assertEqual(
            [
                (line.ticket_type, line.quantity, line.rate, line.amount)
                for line in mine.line_ids
            ],
            [
                ("order", 120, 1.0, 120.0),
                ("consultation", 300, 0.1, 30.0),
                ("query", 40, 0.5, 20.0),
                ("complaint", 10, 1.0, 10.0),
            ],
        )
        self.assertEqual(mine.piece_total, 180.0)
        self.assertEqual((mine.order_count, mine.insured_count), (120, 117))
        self.assertEqual((mine.missing_count, mine.deduction), (3, 0.3))
        self.assertAlmostEqual(mine.total, 179.7)
        # exactly 100% insured: nothing deducted
        theirs = self._of(statements, self.agent2)
        self.assertEqual((theirs.missing_count, theirs.deduction), (0, 0.0))
        self.assertEqual(theirs.total, 120.0)

    def test_a_call_on_a_query_or_complaint_counts_as_its_kind(self):
        query = self.env["courier.complaint"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.branch.id,
                "waybill": "SF777",
                "kind": "query",
                "description": "Where is my parcel?",
                "received": "2026-10-15 02:00:00",
            }
        )
        # the agent links the call to the query it opened
        self._calls(self.agent, "consultation", 1).complaint_id = query
        statement = self._generate()
        self.assertEqual(
            statement.line_ids.filtered(lambda l: l.quantity).mapped("ticket_type"),
            ["query"],
        )
        self.assertEqual(statement.piece_total, 0.5)

    def test_the_month_is_the_branch_local_month(self):
        # 31 October 23:59 in Beijing is 15:59 UTC; 1 November 00:00 is 16:00
        self._calls(
            self.agent, "order", 1, start=datetime(2026, 10, 31, 15, 59), insured=True
        )
        self._calls(self.agent, "query", 1, start=datetime(2026, 10, 31, 16, 0))
        # 1 October 00:00 in Beijing is 30 September 16:00 UTC
        self._calls(self.agent, "complaint", 1, start=datetime(2026, 9, 30, 16, 0))
        self._calls(self.agent, "complaint", 1, start=datetime(2026, 9, 30, 15, 59))
        october = self._generate()
        self.assertEqual(
            {line.ticket_type: line.quantity for line in october.line_ids},
            {"order": 1, "consultation": 0, "query": 0, "complaint": 1},
        )
        november = self._generate(date(2026, 11, 1))
        self.assertEqual(november.piece_total, 0.5)

    def test_rates_and_target_are_the_headquarters_data(self):
        shipped = self.env.ref("base.main_company")
        self.assertEqual(
            (
                shipped.courier_piece_rate_order,
                shipped.courier_piece_rate_consultation,
                shipped.courier_piece_rate_query,
                shipped.courier_piece_rate_complaint,
                shipped.courier_insured_target,
                shipped.courier_insured_shortfall_rate,
            ),
            (1.0, 0.1, 0.5, 1.0, 100.0, 0.1),
        )
        self._manual_month()
        # the branch's settings edit its headquarters' figures
        settings = self.env["res.config.settings"].with_company(self.branch).create({})
        self.assertEqual(settings.courier_piece_rate_consultation, 0.1)
        settings.courier_piece_rate_consultation = 0.2
        settings.courier_insured_target = 90.0
        settings.execute()
        self.assertEqual(self.hq.courier_piece_rate_consultation, 0.2)
        statement = self._generate()
        self.assertEqual(statement.piece_total, 210.0)
        # 90% of 120 orders: 108 to insure, 117 are
        self.assertEqual((statement.missing_count, statement.deduction), (0, 0.0))
        with self.assertRaises(ValidationError):
            self.hq.courier_piece_rate_query = -1
        with self.assertRaises(ValidationError):
            self.hq.courier_insured_target = 101

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_an_exempted_customer_is_not_counted_missing(self):
        exempt = self.env["res.partner"].create({"name": "Cash Customer"})
        self._calls(self.agent, "order", 8, insured=True)
        self._calls(self.agent, "order", 2, partner_id=exempt.id)
        self._calls(self.agent, "order", 1, partner_id=self.customer.id)
        # the caller's number found a person of the exempted customer
        clerk = self.env["res.partner"].create(
            {"name": "Clerk Li", "parent_id": exempt.id, "type": "contact"}
        )
        self._calls(self.agent, "order", 1, partner_id=clerk.id)
        with self.assertRaises(AccessError):
            exempt.with_user(self.handler).action_toggle_courier_insurance_exempt()
        # nor does another branch's CS manager exempt this branch's customer
        exempt.company_id = self.branch
        with self.assertRaises(AccessError):
            exempt.with_user(self.other_cs).action_toggle_courier_insurance_exempt()
        self.assertFalse(exempt.sudo().courier_insurance_exempt)
        exempt.with_user(self.cs_manager).action_toggle_courier_insurance_exempt()
        self.assertTrue(exempt.sudo().courier_insurance_exempt)
        statement = self._generate()
        self.assertEqual((statement.order_count, statement.exempt_count), (12, 3))
        self.assertEqual((statement.missing_count, statement.deduction), (1, 0.1))

    # ---- generation ----------------------------------------------------------

    def test_generating_again_updates_drafts_and_duplicates_nothing(self):
        self._calls(self.agent, "order", 2)
        self._calls(self.agent2, "query", 2)
        first = self._generate()
        self.assertEqual(len(first), 2)
        self._calls(self.agent, "order", 1)
        again = self._generate()
        self.assertEqual(again, first)
        self.assertEqual(self._of(again, self.agent).piece_total, 3.0)
        # a confirmed statement is not counted again, nor is a new call
        confirmed = self._of(again, self.agent2)
        confirmed.with_user(self.cs_manager).action_confirm()
        self._calls(self.agent2, "query", 2)
        self._generate()
        self.assertEqual(confirmed.piece_total, 1.0)
        with self.assertRaises(UserError):
            confirmed.with_user(self.cs_manager).action_recompute()
        confirmed.with_user(self.cs_manager).action_reset_draft()
        confirmed.with_user(self.cs_manager).action_recompute()
        self.assertEqual(confirmed.piece_total, 2.0)
        # another branch's manager drafts nothing here
        with self.assertRaises(AccessError):
            self._generate(user=self.other_cs)
        with self.assertRaises(AccessError):
            self._generate(user=self.handler)

    def test_the_monthly_job_drafts_last_month_once(self):
        self._calls(self.agent, "order", 2, start=datetime(2026, 10, 20, 2, 0))
        self._calls(self.other_agent, "query", 1, company=self.other_branch)
        with freeze_time("2026-11-01 03:00:00"):
            self.Statement._cron_generate()
            self.Statement._cron_generate()
        statements = self.Statement.search([("month", "=", OCTOBER)])
        self.assertEqual(
            sorted((s.company_id.name, s.user_id.login) for s in statements),
            [("Suzhou Branch", "claims_t_agent"), ("Wuxi Branch", "claims_t_agent3")],
        )
        self.assertEqual(statements.mapped("state"), ["draft", "draft"])
        self.assertFalse(self.Statement._generate_pending(OCTOBER))

    def _draft_queries(self, agents):
        """Draft ``agents``' October from cold caches: (statements, queries)."""
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        statements = self.Statement.sudo()._generate(OCTOBER, self.branch, agents)
        self.env.flush_all()
        return statements, self.cr.sql_log_count - before

    def test_drafting_costs_the_same_queries_for_2_or_20_agents(self):
        agents = self.env["res.users"]
        for n in range(22):
            agent = self._user(f"claims_t_many_{n}", "agent", self.branch)
            self._calls(agent, "order", 2, insured=True)
            self._calls(agent, "order", n % 3)
            self._calls(agent, "query", n)
            agents |= agent
        # warm the caches with another agent's statement
        self._calls(self.agent, "order", 1)
        self.Statement.sudo()._generate(OCTOBER, self.branch, self.agent)
        few, queries_few = self._draft_queries(agents[:2])
        many, queries_many = self._draft_queries(agents[2:])
        self.assertEqual((len(few), len(many)), (2, 20))
        self.assertEqual(queries_many, queries_few)
        self.assertEqual(
            [(s.missing_count, s.piece_total) for s in many.sorted("id")],
            [(n % 3, 2 + n % 3 + 0.5 * n) for n in range(2, 22)],
        )
        # counting the drafts again: the same, whatever their number
        _few, queries_few = self._draft_queries(agents[:2])
        _many, queries_many = self._draft_queries(agents[2:])
        self.assertEqual(queries_many, queries_few)

        # a CS manager's "Count Again" on the drafts: the same
        def recount(statements):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            statements.with_user(self.cs_manager).action_recompute()
            self.env.flush_all()
            return self.cr.sql_log_count - before

        # warm the CS manager's access caches, then count
        recount(few)
        recount(many)
        self.assertEqual(recount(many), recount(few))
        # the generation logs neither the drafting nor its totals in the chatter
        self.assertFalse(many.message_ids.tracking_value_ids)
        self.assertFalse(many.message_ids)

    # ---- workflow ------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_confirmed_by_one_cs_manager_approved_by_another(self):
        self._manual_month()
        statement = self._generate()
        with self.assertRaises(AccessError):
            statement.with_user(self.handler).action_confirm()
        statement.with_user(self.cs_manager).action_confirm()
        self.assertEqual(statement.confirmed_by_id, self.cs_manager)
        approvers = statement._approval_activities().user_id
        self.assertIn(self.second_cs, approvers)
        self.assertNotIn(self.cs_manager, approvers)
        with self.assertRaises(AccessError):
            statement.with_user(self.cs_manager).action_approve()
        with self.assertRaises(AccessError):
            statement.with_user(self.agent).action_approve()
        statement.with_user(self.second_cs).action_approve()
        self.assertEqual(
            (statement.state, statement.approved_by_id), ("approved", self.second_cs)
        )
        self.assertFalse(statement._approval_activities())
        # locked: no figure, note or state changes, no recount
        with self.assertRaises(UserError):
            statement.with_user(self.second_cs).action_reset_draft()
        with self.assertRaises(UserError):
            statement.with_user(self.second_cs).note = "changed"
        with self.assertRaises(UserError):
            statement.with_user(self.second_cs).action_recompute()
        with self.assertRaises(UserError):
            statement.with_user(self.second_cs).unlink()
        with self.assertRaises(AccessError):
            statement.with_user(self.cs_manager).write({"order_count": 1})
        self.hq.courier_piece_rate_order = 2.0
        self._calls(self.agent, "order", 5)
        self._generate()
        self.assertEqual(statement.piece_total, 180.0)
        self.assertAlmostEqual(statement.total, 179.7)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_rpc_writes_get_around_nothing(self):
        """What a client could send, as each role, on a draft and an approved
        statement and its lines."""
        self._manual_month()
        statement = self._generate()
        line = statement.line_ids[:1]
        attempts = {
            "update a line": [Command.update(line.id, {"quantity": 999})],
            "add a line": [Command.create({"ticket_type": "order", "quantity": 9})],
            "delete a line": [Command.delete(line.id)],
            "clear the lines": [Command.clear()],
        }
        for user in (self.cs_manager, self.agent, self.finance):
            for label, commands in attempts.items():
                with (
                    self.subTest(user=user.login, attempt=label),
                    self.assertRaises(AccessError),
                ):
                    statement.with_user(user).write({"line_ids": commands})
            with self.assertRaises(AccessError):
                line.with_user(user).write({"rate": 5.0})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
        with self.assertRaises(AccessError):
            statement.with_user(self.cs_manager).copy()
        with self.assertRaises(AccessError):
            statement.with_user(self.agent).action_confirm()
        # a CS manager who answered calls himself approves not his own pay
        self._calls(self.second_cs, "order", 1, insured=True)
        own = self._of(self._generate(), self.second_cs)
        own.with_user(self.cs_manager).action_confirm()
        with self.assertRaises(AccessError):
            own.with_user(self.second_cs).action_approve()
        statement.with_user(self.cs_manager).action_confirm()
        statement.with_user(self.second_cs).action_approve()
        for user in (self.cs_manager, self.second_cs, self.finance):
            with self.subTest(user=user.login, attempt="approved"):
                with self.assertRaises(UserError):
                    statement.with_user(user).write({"note": "changed"})
                with self.assertRaises(UserError):
                    statement.with_user(user).write(
                        {"line_ids": [Command.update(line.id, {"quantity": 1})]}
                    )
                with self.assertRaises(UserError):
                    statement.with_user(user).unlink()
        # a CS manager does not export: finance does
        export = (
            self.env["courier.piece.rate.export"]
            .with_user(self.cs_manager)
            .create({"statement_ids": [Command.set(statement.ids)]})
        )
        with self.assertRaises(AccessError):
            export.action_export()
        self.assertEqual(statement.state, "approved")
        self.assertEqual(
            [line.quantity for line in statement.line_ids], [120, 300, 40, 10]
        )

    # ---- payroll and report --------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_finance_exports_approved_statements_with_the_commissions(self):
        self._manual_month()
        self._calls(self.agent2, "consultation", 15)
        statements = self._generate()
        Export = self.env["courier.piece.rate.export"].with_user(self.finance)
        with self.assertRaises(UserError):
            Export.create(
                {"statement_ids": [Command.set(statements.ids)], "file_format": "csv"}
            ).action_export()
        for statement in statements:
            statement.with_user(self.cs_manager).action_confirm()
            statement.with_user(self.second_cs).action_approve()
        wizard = Export.create(
            {"statement_ids": [Command.set(statements.ids)], "file_format": "csv"}
        )
        wizard.action_export()
        self.assertEqual(statements.mapped("state"), ["exported", "exported"])
        self.assertEqual(wizard.file_name, "piece_rates_2026-10.csv")
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(wizard.file_data).decode("utf-8-sig"))
            )
        )
        self.assertEqual(rows[0][3], "Employee")
        self.assertEqual(
            rows[0][11:14], ["Piece-Rate Pay", "Insurance Deduction", "Total"]
        )
        mine = self._of(statements, self.agent)
        self.assertEqual(
            rows[1:],
            [
                [mine.name, "2026-10", "Suzhou Branch", "Agent Wang", "",
                 "claims_t_agent", "120", "300", "40", "10", "3", "180.0", "0.3",
                 "179.7", mine.currency_id.name],
                [self._of(statements, self.agent2).name, "2026-10", "Suzhou Branch",
                 "Agent Zhao", "", "claims_t_agent2", "0", "15", "0", "0", "0",
                 "1.5", "0.0", "1.5", mine.currency_id.name],
            ],
        )  # fmt: skip
        xlsx = Export.create(
            {"statement_ids": [Command.set(statements.ids)], "file_format": "xlsx"}
        )
        content = xlsx._xlsx(xlsx._payroll_header(), xlsx._payroll_rows())
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            self.assertIn('name="Piece Rates"', book.read("xl/workbook.xml").decode())
            self.assertIn("Agent Wang", book.read("xl/sharedStrings.xml").decode())

    def test_the_statement_prints(self):
        self._manual_month()
        statement = self._generate()
        html = self._render("courier_claims.report_piece_rate_statement", statement)
        self.assertIn("Piece-Rate Statement", html)
        self.assertIn("Agent Wang", html)
        self.assertIn("180.00", html)
        self.assertIn("179.70", html)
        self.assertIn("Missing Insured Orders", html)

    def test_the_statement_text_translates_as_whole_phrases(self):
        """A sentence cut by its figures cannot be put in Chinese word order:
        each text of the printed statement is a whole label."""
        view = self.env.ref("courier_claims.report_piece_rate_statement")
        terms = []
        xml_translate(terms.append, view.arch_db)
        phrases = [term for term in terms if any(c.isalpha() for c in term)]
        self.assertIn("Missing Insured Orders", phrases)
        self.assertEqual([term for term in phrases if not term[0].isupper()], [])

    # ---- access --------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_agents_see_their_own_and_other_branches_nothing(self):
        self._calls(self.agent, "order", 1)
        self._calls(self.agent2, "order", 1)
        statements = self._generate()
        mine = self._of(statements, self.agent)
        Statement = self.Statement
        self.assertEqual(Statement.with_user(self.agent).search([]), mine)
        self.assertEqual(
            self.env["courier.piece.rate.line"].with_user(self.agent).search([]),
            mine.line_ids,
        )
        # the agent opens his statement as the form shows it
        views = Statement.with_user(self.agent).get_views([(False, "form")])
        shown = views["models"]["courier.piece.rate.statement"]["fields"]
        self.assertEqual(mine.with_user(self.agent).read(list(shown))[0]["total"], 0.9)
        with self.assertRaises(AccessError):
            self._of(statements, self.agent2).with_user(self.agent).read(["total"])
        with self.assertRaises(AccessError):
            mine.with_user(self.agent).note = "more please"
        self.assertEqual(Statement.with_user(self.cs_manager).search([]), statements)
        self.assertFalse(Statement.with_user(self.other_cs).search([]))
        with self.assertRaises(AccessError):
            mine.with_user(self.other_cs).read(["total"])
        # finance reads the approved ones only
        self.assertFalse(Statement.with_user(self.finance).search([]))
        mine.with_user(self.cs_manager).action_confirm()
        mine.with_user(self.second_cs).action_approve()
        self.assertEqual(Statement.with_user(self.finance).search([]), mine)
        # nobody creates one by hand
        with self.assertRaises(AccessError):
            Statement.with_user(self.cs_manager).create(
                {
                    "company_id": self.branch.id,
                    "user_id": self.agent.id,
                    "month": "2026-09-01",
                }
            )
        # the exemption is the CS managers' to see
        with self.assertRaises(AccessError):
            self.customer.with_user(self.agent).read(["courier_insurance_exempt"])

    def test_a_month_to_come_is_refused(self):
        wizard = (
            self.env["courier.piece.rate.generate"]
            .with_user(self.cs_manager)
            .create({"company_id": self.branch.id, "month": date(2026, 12, 1)})
        )
        with freeze_time("2026-11-03"), self.assertRaises(UserError):
            wizard.action_generate()
