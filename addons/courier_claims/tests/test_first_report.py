from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.courier_claims import add_first_report_steps

from .common import ClaimsCommon

NEXT_LEVEL = "Report to the next level"
HQ_SUPERVISION = "Report to HQ supervision"
FIRST_REPORT = "Report to the unit head"
APOLOGY = "Send the apology letter"


@tagged("post_install", "-at_install", "courier_claims")
class TestFirstReport(ClaimsCommon):
    """CL-4, 000 section 3.3: the person involved reports within 5 minutes;
    an expected loss above 1,000 goes to the next level, above 10,000 to HQ
    supervision; sending a letter closes its step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_shipped("courier.deadline.rule")
        cls.unit_head = cls._user("claims_t_unit_head", "user")
        cls.other_handler = cls._user(
            "claims_t_other_handler", "user", company=cls.other_branch
        )

    def _step(self, incident, name):
        return incident.deadline_ids.filtered(lambda s: s.name == name)

    def _send(self, action, user=None):
        """Send what the composer ``action`` opens, as ``user``."""
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(user or self.handler)
            .with_context(**action["context"])
        ).save()
        return composer._action_send_mail()[1]

    # ---- thresholds -------------------------------------------------------

    def test_next_level_above_1000_and_hq_supervision_above_10000(self):
        for loss, next_level, hq in (
            (1000, False, False),
            (1000.01, True, False),
            (10000, True, False),
            (10000.01, True, True),
        ):
            with self.subTest(loss=loss):
                incident = self._incident(
                    "delay",
                    100,
                    loss_amount=loss,
                    incident_date="2026-03-02 01:00:00",
                )
                self.assertEqual(bool(self._step(incident, NEXT_LEVEL)), next_level)
                self.assertEqual(bool(self._step(incident, HQ_SUPERVISION)), hq)
        step = self._step(incident, HQ_SUPERVISION)
        self.assertEqual(step.due, datetime(2026, 3, 3, 1, 0))
        self.assertIn(
            self.handler,
            incident.activity_ids.filtered(
                lambda a: a.summary == HQ_SUPERVISION
            ).user_id,
        )

    def test_the_thresholds_are_data(self):
        rule = self.env["courier.deadline.rule"].search(
            [("company_id", "=", self.hq.id), ("name", "=", NEXT_LEVEL)]
        )
        with self.assertRaises(AccessError):
            rule.with_user(self.handler).min_loss_amount = 2000
        rule.with_user(self.cs_manager).min_loss_amount = 2000
        self.assertFalse(self._step(self._incident(loss_amount=1500), NEXT_LEVEL))
        self.assertTrue(self._step(self._incident(loss_amount=2000.01), NEXT_LEVEL))
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            rule.min_loss_amount = -1
            rule.flush_recordset()

    def test_the_first_loss_estimate_stands_in_for_the_loss(self):
        incident = self._incident("delay", 100, first_loss_estimate=1500)
        self.assertTrue(self._step(incident, NEXT_LEVEL))
        incident.loss_amount = 800  # assessed lower: the estimate no longer counts
        self.assertFalse(self._step(incident, NEXT_LEVEL))

    def test_a_rising_loss_adds_the_step_a_falling_one_drops_it_if_open(self):
        incident = self._incident("delay", 100, loss_amount=900)
        self.assertFalse(self._step(incident, NEXT_LEVEL))
        incident.loss_amount = 12000
        self.assertTrue(self._step(incident, NEXT_LEVEL))
        self.assertTrue(self._step(incident, HQ_SUPERVISION))
        self._step(incident, NEXT_LEVEL).with_user(self.handler).action_done()
        incident.loss_amount = 500
        # the open HQ step goes, with its activity; the done one stays as history
        self.assertFalse(self._step(incident, HQ_SUPERVISION))
        self.assertFalse(
            incident.activity_ids.filtered(lambda a: a.summary == HQ_SUPERVISION)
        )
        done = self._step(incident, NEXT_LEVEL)
        self.assertEqual(done.status, "done")
        self.assertEqual(done.done_by_id, self.handler)
        self.assertIn(HQ_SUPERVISION, incident.message_ids[0].body)

    # ---- the first report -------------------------------------------------

    def test_recording_the_first_report_closes_its_5_minute_step(self):
        incident = self._incident(incident_date="2026-03-02 01:00:00")
        step = self._step(incident, FIRST_REPORT)
        self.assertEqual(step.due, datetime(2026, 3, 2, 1, 5))
        incident.with_user(self.handler).write(
            {
                "event_place": "Suzhou hub, dock 3",
                "event_cause": "Pallet dropped by the forklift",
                "people_involved": "Zhang San",
                "unit_name": "Suzhou hub",
                "pieces": 3,
                "weight": 42.5,
                "shipper_name": "Suzhou Textile Co.",
                "consignee_name": "Wuxi Garments",
                "consignee_address": "1 Renmin Road, Wuxi",
                "first_loss_estimate": 600,
                "reported_by_id": self.handler.id,
                "reported_to_id": self.unit_head.id,
                "reported_at": "2026-03-02 01:04:00",
            }
        )
        self.assertEqual(step.status, "done")
        self.assertEqual(step.done_date, datetime(2026, 3, 2, 1, 4))
        self.assertEqual(step.done_by_id, self.handler)
        self.assertIn("Suzhou hub, dock 3", incident.first_report_html)
        self.assertIn("Wuxi Garments", incident.first_report_html)

    def test_first_report_validations(self):
        incident = self._incident(incident_date="2026-03-02 01:00:00")
        who = {"reported_by_id": self.handler.id, "reported_to_id": self.unit_head.id}
        for vals in (
            {"pieces": -1},
            {"weight": -0.01},
            {"first_loss_estimate": -1},
            {**who, "reported_at": "2026-03-02 00:59:59"},
            {**who, "reported_at": fields.Datetime.now() + timedelta(minutes=1)},
            {"reported_at": "2026-03-02 01:02:00"},
            {
                "reported_by_id": self.handler.id,
                "reported_to_id": self.handler.id,
            },
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                incident.with_user(self.handler).write(vals)
        # someone who does not work for the branch is not its unit head
        with self.assertRaises(UserError), self.cr.savepoint():
            incident.with_user(self.handler).write(
                {**who, "reported_to_id": self.other_handler.id}
            )
        # nothing half-written
        incident.invalidate_recordset()
        self.assertFalse(incident.reported_at or incident.pieces)
        # at the very time of the event, nought pieces: accepted
        incident.with_user(self.handler).write(
            {**who, "reported_at": "2026-03-02 01:00:00", "pieces": 0}
        )
        self.assertEqual(self._step(incident, FIRST_REPORT).status, "done")

    def test_another_branch_neither_reads_nor_writes_the_first_report(self):
        incident = self._incident(event_place="Suzhou hub", pieces=2)
        as_other = incident.with_user(self.other_handler)
        with self.assertRaises(AccessError):
            as_other.read(["event_place", "pieces", "reported_by_id"])
        with self.assertRaises(AccessError):
            as_other.write({"pieces": 5})
        with self.assertRaises(AccessError):
            self._step(incident, FIRST_REPORT).with_user(self.other_handler).read(
                ["name"]
            )
        with self.assertRaises(AccessError):
            self._step(incident, FIRST_REPORT).with_user(
                self.other_handler
            ).action_done()
        self.assertEqual(incident.pieces, 2)

    def test_each_headquarters_follows_its_own_ladder(self):
        other_hq = self.env["res.company"].create({"name": "Other Group HQ"})
        other_handler = self._user("claims_t_other_hq", "user", company=other_hq)
        incident = (
            self.env["courier.incident"]
            .with_user(other_handler)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": other_hq.id,
                    "kind": "delay",
                    "loss_amount": 20000,
                }
            )
        )
        # the other group has no ladder: the test HQ's steps are not its own
        self.assertFalse(incident.sudo().deadline_ids)

    # ---- letters close their steps ----------------------------------------

    def test_sending_a_letter_closes_its_step(self):
        incident = self._incident(incident_date="2026-03-02 01:00:00")
        apology = self._step(incident, APOLOGY)
        negotiation = self._step(incident, "Send the negotiation letter")
        # a message without the letter's template closes nothing
        incident.with_user(self.handler).message_post(body="We are sorry.")
        self.assertFalse(apology.done_date)
        messages = self._send(
            incident.with_user(self.handler)
            .with_context(letter="apology")
            .action_send_letter()
        )
        self.assertEqual(messages.author_id, self.handler.partner_id)
        self.assertEqual(apology.status, "done")
        self.assertEqual(apology.done_by_id, self.handler)
        self.assertFalse(incident.activity_ids.filtered(lambda a: a.summary == APOLOGY))
        self.assertFalse(negotiation.done_date, "another letter's step stays open")
        self._send(
            incident.with_user(self.handler)
            .with_context(letter="negotiation")
            .action_send_letter()
        )
        self.assertTrue(negotiation.done_date)

    def test_the_reports_upwards_are_sent_from_their_step(self):
        incident = self._incident(
            "damage", 100, loss_amount=15000, event_place="Suzhou hub, dock 3"
        )
        for name in (NEXT_LEVEL, HQ_SUPERVISION, "Report to headquarters"):
            with self.subTest(step=name):
                step = self._step(incident, name)
                action = step.with_user(self.handler).action_send_letter()
                action["context"]["default_partner_ids"] = [
                    self.branch_manager.partner_id.id
                ]
                message = self._send(action)
                self.assertIn("Suzhou hub, dock 3", message.body)
                self.assertIn(self.branch_manager.partner_id, message.partner_ids)
                self.assertEqual(step.status, "done")
                self.assertEqual(step.done_by_id, self.handler)
                self.assertEqual(message.author_id, self.handler.partner_id)
        with self.assertRaises(UserError):
            self._step(incident, FIRST_REPORT).with_user(
                self.handler
            ).action_send_letter()

    # ---- databases from before 18.0.1.10.0 ---------------------------------

    def test_migration_wires_the_letters_and_copies_the_new_steps(self):
        Rule = self.env["courier.deadline.rule"]
        ladder = Rule.search([("company_id", "=", self.hq.id)])
        new_steps = (FIRST_REPORT, APOLOGY, NEXT_LEVEL, HQ_SUPERVISION)
        # the ladder as 18.0.1.9.0 copied it to the test HQ
        ladder.filtered(lambda r: r.name in new_steps).unlink()
        ladder.exists().write({"done_template_id": False})
        add_first_report_steps(self.env)
        add_first_report_steps(self.env)  # twice changes nothing
        ladder = Rule.search([("company_id", "=", self.hq.id)])
        self.assertEqual(
            sorted(ladder.filtered(lambda r: r.name in new_steps).mapped("name")),
            sorted(new_steps),
        )
        negotiation = ladder.filtered(lambda r: r.name == "Send the negotiation letter")
        self.assertEqual(
            negotiation.done_template_id,
            self.env.ref("courier_claims.mail_template_incident_negotiation"),
        )
        next_level = ladder.filtered(lambda r: r.name == NEXT_LEVEL)
        self.assertEqual(next_level.min_loss_amount, 1000)
        self.assertEqual(
            ladder.filtered(
                lambda r: r.name == "Report to headquarters"
            ).done_template_id,
            self.env.ref("courier_claims.mail_template_incident_report_hq"),
        )
        self.assertFalse(
            ladder.filtered(lambda r: r.name == "Pay the customer").done_template_id
        )
