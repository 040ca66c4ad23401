from datetime import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.courier_claims import read_severity_and_insurance_steps

from .common import ClaimsCommon

PROPOSAL = "Propose handling and penalty to branch manager and HQ"


@tagged("post_install", "-at_install", "courier_claims")
class TestInsurance(ClaimsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_shipped("courier.deadline.rule")
        cls.insurer = cls.env["res.partner"].create({"name": "Ping An Property"})

    def _step(self, incident, name):
        return incident.deadline_ids.filtered(lambda s: s.name == name)

    def test_insured_parcels_get_the_insurance_deadlines(self):
        plain = self._incident("loss", 800, incident_date="2026-03-02 01:00:00")
        self.assertFalse(self._step(plain, "Report to the insurer"))
        incident = self._incident(
            "loss", 800, incident_date="2026-03-02 01:00:00", insured=True
        )
        self.assertEqual(
            self._step(incident, "Contact the claims office (insured)").due,
            datetime(2026, 3, 3, 1, 0),
        )
        # CL-5: the customer paid within two months of the incident
        self.assertEqual(
            self._step(incident, "Pay the customer (insured)").due,
            datetime(2026, 5, 2, 1, 0),
        )
        self.assertFalse(self._step(incident, "Collect the insurer's payment"))
        self.assertFalse(self._step(incident, "Obtain the insurer's proposal"))
        plain.insured = True  # declared insured later: the steps follow
        self.assertTrue(self._step(plain, "Report to the insurer"))

    def test_the_claim_moves_its_steps_and_a_loss_needs_the_police_receipt(self):
        incident = self._incident(
            "loss", 800, incident_date="2026-03-02 01:00:00", insured=True
        )
        claim = (
            self.env["courier.insurance.claim"]
            .with_user(self.handler)
            .create(
                {
                    "incident_id": incident.id,
                    "insurer_id": self.insurer.id,
                    "claimed_amount": 800,
                }
            )
        )
        with self.assertRaises(UserError):
            claim.action_report()
        claim.police_receipt = "SZ-PSB-2026-0331"
        with self.assertRaises(UserError):
            claim.action_proposal()  # one step at a time
        claim.action_report()
        self.assertEqual(self._step(incident, "Report to the insurer").status, "done")
        proposal = self._step(incident, PROPOSAL)
        paid = self._step(incident, "Pay the customer (insured)")
        claim.action_proposal()
        # CL-5: the insurer's proposal is not the branch's handling proposal
        self.assertNotEqual(proposal.status, "done")
        with self.assertRaises(UserError):
            claim.action_settle()  # how much?
        claim.recovered_amount = 700
        claim.action_settle()
        self.assertEqual(claim.state, "settled")
        # the insurer paying the company is not the customer paid
        self.assertNotEqual(paid.status, "done")
        self.assertEqual(
            self._step(incident, "Escalate the insurance claim").status, "done"
        )

    def test_the_branch_proposal_step_goes_to_its_handler_for_five_working_days(self):
        incident = self._incident(
            "damage", 800, incident_date="2026-03-02 01:00:00", insured=True
        )
        step = self._step(incident, PROPOSAL)
        self.assertFalse(step.rule_id.done_state or step.rule_id.done_insurance_state)
        self.assertEqual(step.rule_id.delay, 5)
        self.assertEqual(step.rule_id.unit, "working_days")
        todo = incident.activity_ids.filtered(lambda a: a.summary == PROPOSAL)
        self.assertEqual(todo.user_id, self.handler)  # the branch CS staff
        step.with_user(self.handler).action_done()  # proposal sent
        self.assertEqual(step.status, "done")

    def test_databases_from_before_are_migrated(self):
        """18.0.1.9.0: the shipped insurance steps renamed and re-wired, and
        severities computed on the negotiated compensation recomputed."""
        incident = self._incident(
            "damage",
            30000,
            assessed_amount=4000,
            incident_date="2026-03-02 01:00:00",
            insured=True,
        )
        proposal = self._step(incident, PROPOSAL).rule_id
        paid = self._step(incident, "Pay the customer (insured)").rule_id
        hq_report = self._step(incident, "Report to headquarters")
        # as 18.0.1.7.0 left them: the insurer's settlement closed the step
        self._step(incident, "Pay the customer (insured)").sudo()._mark_done()
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM courier_incident_deadline WHERE id = %s", hq_report.ids
        )
        self.env.cr.execute(
            "UPDATE courier_incident SET severity = 'general' WHERE id = %s",
            incident.ids,
        )
        for rule, name, state in (
            (proposal, "Obtain the insurer's proposal", "proposal"),
            (paid, "Collect the insurer's payment", "settled"),
        ):
            self.env.cr.execute(
                "UPDATE courier_deadline_rule SET name = jsonb_build_object("
                "'en_US', %s::text, 'zh_CN', 'old'), done_state = NULL, "
                "done_insurance_state = %s WHERE id = %s",
                (name, state, rule.id),
            )
        self.env.invalidate_all()
        for _run in range(2):  # running it again changes nothing
            read_severity_and_insurance_steps(self.env)
            self.assertRecordValues(
                proposal | paid,
                [
                    {
                        "name": PROPOSAL,
                        "done_state": False,
                        "done_insurance_state": False,
                    },
                    {
                        "name": "Pay the customer (insured)",
                        "done_state": "paid",
                        "done_insurance_state": False,
                    },
                ],
            )
            self.assertEqual(
                proposal.with_context(lang="zh_CN").name, PROPOSAL, "old term gone"
            )
            self.assertEqual(incident.severity, "extraordinary")
            customer_paid = self._step(incident, "Pay the customer (insured)")
            self.assertEqual(customer_paid.status, "overdue", "unpaid since May")
            self.assertEqual(len(customer_paid.activity_ids.exists()), 1)
            self.assertEqual(len(self._step(incident, "Report to headquarters")), 1)

    def test_the_grouped_insured_rate_is_the_rate_of_the_summed_parcels(self):
        """X3: 1 of 1 and 0 of 9 parcels insured are 10% insured, not 50% (nor
        the 100% a sum of the rates gave)."""
        Register = self.env["courier.insured.register"]
        Register.create(
            [
                {
                    "company_id": self.branch.id,
                    "period_start": start,
                    "shipped_count": shipped,
                    "insured_count": insured,
                }
                for start, shipped, insured in (
                    ("2026-02-27", 1, 1),
                    ("2026-03-27", 9, 0),
                )
            ]
        )
        domain = [("company_id", "=", self.branch.id)]
        for spec in ("insured_rate", "insured_rate:avg", "insured_rate:sum"):
            (branch,) = Register.read_group(domain, [spec], ["company_id"])
            self.assertEqual(branch["insured_rate"], 10.0, spec)
        months = Register.read_group(domain, ["insured_rate"], ["period_start"])
        self.assertEqual([m["insured_rate"] for m in months], [100.0, 0.0])

    def test_the_register_period_its_rate_and_lateness(self):
        Register = self.env["courier.insured.register"].with_user(self.handler)
        register = Register.create(
            {
                "company_id": self.branch.id,
                "period_start": "2026-02-27",
                "shipped_count": 1200,
                "insured_count": 37,
            }
        )
        self.branch.resource_calendar_id.tz = "Asia/Shanghai"
        register.invalidate_recordset(["due"])
        self.assertEqual(register.period_end.isoformat(), "2026-03-26")
        self.assertEqual(register.insured_rate, 3.08)
        with freeze_time("2026-03-27 09:30:00"):  # 17:30 in China: late
            register.action_submit()
        self.assertTrue(register.late)
        with self.assertRaises(UserError):
            register.insured_count = 40
        with self.assertRaises(ValidationError):
            Register.create(
                {"company_id": self.branch.id, "period_start": "2026-03-01"}
            )
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            Register.create(
                {
                    "company_id": self.branch.id,
                    "period_start": "2026-03-27",
                    "shipped_count": 10,
                    "insured_count": 11,
                }
            )

    def test_the_register_is_due_on_the_27th_at_17_00(self):
        """X2: submitted at 17:00 sharp in China it is on time; at 17:01, late."""
        self.branch.resource_calendar_id.tz = "Asia/Shanghai"
        self.assertEqual(
            (self.hq.courier_register_start_day, self.hq.courier_register_due_hour),
            (27, 17.0),
        )
        Register = self.env["courier.insured.register"].with_user(self.handler)
        on_time, late = Register.create(
            [
                {"company_id": self.branch.id, "period_start": start}
                for start in ("2026-02-27", "2026-03-27")
            ]
        )
        self.assertEqual(on_time.due, datetime(2026, 3, 27, 9, 0))
        self.assertEqual(late.due, datetime(2026, 4, 27, 9, 0))
        with freeze_time("2026-03-27 09:00:00"):  # 17:00 in China
            on_time.action_submit()
        with freeze_time("2026-04-27 09:01:00"):  # 17:01
            late.action_submit()
        self.assertFalse(on_time.late)
        self.assertTrue(late.late)

    def test_the_register_period_and_due_time_follow_the_policy(self):
        """X2: headquarters moves the period to the 25th-24th, due 18:30; the
        branch's own figures do not count."""
        self.branch.resource_calendar_id.tz = "Asia/Shanghai"
        self.hq.write(
            {"courier_register_start_day": 25, "courier_register_due_hour": 18.5}
        )
        self.branch.write(
            {"courier_register_start_day": 10, "courier_register_due_hour": 9.0}
        )
        Register = self.env["courier.insured.register"].with_user(self.handler)
        with self.assertRaises(ValidationError):
            Register.create(
                {"company_id": self.branch.id, "period_start": "2026-02-27"}
            )
        on_time, late = Register.create(
            [
                {"company_id": self.branch.id, "period_start": start}
                for start in ("2026-02-25", "2026-03-25")
            ]
        )
        self.assertEqual(on_time.period_end.isoformat(), "2026-03-24")
        self.assertEqual(on_time.due, datetime(2026, 3, 25, 10, 30))  # 18:30
        with freeze_time("2026-03-25 10:29:00"):
            on_time.action_submit()
        with freeze_time("2026-04-25 10:31:00"):
            late.action_submit()
        self.assertFalse(on_time.late)
        self.assertTrue(late.late)

    def test_a_new_due_time_moves_the_registers_still_to_submit(self):
        """X2: HQ moves the due time to 18:30 and the start day to the 25th: a
        draft register is due at 18:30 and keeps its 27th-26th period; a
        submitted one keeps 17:00."""
        self.branch.resource_calendar_id.tz = "Asia/Shanghai"
        Register = self.env["courier.insured.register"].with_user(self.handler)
        submitted, draft = Register.create(
            [
                {"company_id": self.branch.id, "period_start": start}
                for start in ("2026-02-27", "2026-03-27")
            ]
        )
        with freeze_time("2026-03-27 08:00:00"):
            submitted.action_submit()
        self.hq.write(
            {"courier_register_start_day": 25, "courier_register_due_hour": 18.5}
        )
        self.env.flush_all()
        self.assertEqual(submitted.due, datetime(2026, 3, 27, 9, 0))
        self.assertEqual(draft.due, datetime(2026, 4, 27, 10, 30))
        self.assertEqual(draft.period_end.isoformat(), "2026-04-26")
