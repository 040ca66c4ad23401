import re
from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestClaimsLanguage(ClaimsCommon):
    """Deadline steps and their configuration in the reader's language and time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["courier_claims"], ["zh_CN"], overwrite=True
        )
        cls._copy_shipped("courier.deadline.rule")
        cls.branch.resource_calendar_id.tz = "Asia/Shanghai"
        cls.handler.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.unit_step = cls.env["courier.deadline.rule"].search(
            [("company_id", "=", cls.hq.id), ("name", "=", "Handle in the unit")]
        )
        cls.unit_step.with_context(lang="zh_CN").name = "单位受理"

    def _zh(self, model):
        return self.env[model].with_context(lang="zh_CN")

    def test_step_activity_in_the_handlers_language_and_local_day(self):
        # 00:30 on 3 March in Beijing; the unit has 30 minutes: 01:00 that day
        incident = self._incident(incident_date="2026-03-02 16:30:00")
        todo = incident.activity_ids.filtered(lambda a: a.user_id == self.handler)
        unit = todo.filtered(lambda a: a.summary == "单位受理")
        self.assertTrue(unit, todo.mapped("summary"))
        self.assertEqual(
            unit.date_deadline, date(2026, 3, 3), "Beijing's day, not UTC's"
        )
        # done when the incident moves on, whatever language it was written in
        incident.with_user(self.handler)._move_to("investigating", "on site")
        self.assertFalse(unit.exists())

    def test_complaint_activity_in_the_leaders_language_and_local_day(self):
        self.branch_manager.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.env["courier.complaint.team"].create(
            {
                "company_id": self.branch.id,
                "department": "supervision",
                "leader_id": self.branch_manager.id,
            }
        )
        # 22:00 in Beijing; four hours to answer: 02:00 the next day there
        complaint = (
            self.env["courier.complaint"]
            .with_user(self.handler)
            .with_context(lang="en_US")
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "waybill": "SF888",
                    "category_id": self.env.ref(
                        "courier_claims.courier_complaint_category_delay"
                    ).id,
                    "description": "Parcel three days late",
                    "received": "2026-03-02 14:00:00",
                }
            )
        )
        todo = complaint.activity_ids.filtered(
            lambda a: a.user_id == self.branch_manager
        )
        self.assertEqual(todo.date_deadline, date(2026, 3, 3))
        self.assertEqual(
            todo.summary,
            self._zh("courier.complaint").env._(
                "Complaint to handle: %s", complaint.name
            ),
        )
        self.assertNotIn("Complaint to handle", todo.summary)

    def test_overdue_message_in_local_time_to_the_minute(self):
        incident = self._incident(incident_date="2026-03-02 01:00:00")
        with freeze_time("2026-03-02 02:00:00"):
            self.env["courier.incident.deadline"].sudo()._cron_escalate()
        body = incident.message_ids.filtered(
            lambda m: "Handle in the unit" in (m.body or "")
        ).body
        self.assertTrue(body)
        self.assertIn("9:30", body, "due 01:30 UTC is 09:30 in China")
        self.assertNotRegex(body, r"\d:\d\d:\d\d", "to the minute")

    def test_done_states_are_translated_like_the_incidents_own(self):
        incident_states = dict(
            self._zh("courier.incident").fields_get(["state"])["state"]["selection"]
        )
        done_states = dict(
            self._zh("courier.deadline.rule").fields_get(["done_state"])["done_state"][
                "selection"
            ]
        )
        self.assertNotEqual(done_states["investigating"], "Investigating")
        self.assertEqual(done_states["investigating"], incident_states["investigating"])

    def test_the_time_a_step_takes_is_not_a_late_delivery(self):
        """The ladder's column has its own term, not the incident kind "Delay"
        (延误, a late delivery)."""
        Incident = self.env["courier.incident"]
        kinds = dict(Incident._fields["kind"]._description_selection(self.env))
        column = self.env["courier.deadline.rule"]._fields["delay"].string
        self.assertNotEqual(column, kinds["delay"])

    def test_dashboard_charts_group_by_named_values_not_booleans(self):
        view = self.env.ref(
            "courier_claims.courier_claims_dashboard_deadlines_view_graph"
        )
        Model = self._zh(view.model)
        arch = etree.fromstring(Model.get_view(view.id)["arch"])
        for field in arch.iter("field"):
            if field.get("type") != "measure":
                self.assertNotEqual(Model._fields[field.get("name")].type, "boolean")
        labels = dict(Model.fields_get(["escalation"])["escalation"]["selection"])
        self.assertNotIn("true", {label.lower() for label in labels.values()})
        self.assertTrue(all(re.match(r"\w", label) for label in labels.values()))
