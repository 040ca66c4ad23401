from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.key_account_service.tests.common import copy_manual_policy

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestComplaints(ClaimsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["courier.complaint"].with_user(cls.handler)
        cls.delay = cls.env.ref("courier_claims.courier_complaint_category_delay")

    def _complaint(self, waybill="SF777", received="2026-03-02 01:00:00", **vals):
        return self.Complaint.create(
            {
                "partner_id": self.customer.id,
                "company_id": self.branch.id,
                "waybill": waybill,
                "category_id": self.delay.id,
                "description": "Parcel three days late",
                "received": received,
                **vals,
            }
        )

    def test_time_limits_by_kind_and_level(self):
        complaint = self._complaint()
        self.assertEqual(complaint.deadline, datetime(2026, 3, 2, 5, 0))  # 4 h
        self.assertEqual(complaint.department, "supervision")
        query = self._complaint(kind="query", category_id=False)
        self.assertEqual(query.deadline, datetime(2026, 3, 2, 2, 0))  # 1 h
        with self.assertRaises(ValidationError):
            self._complaint(category_id=False)

    def test_an_overdue_complaint_climbs_one_level_at_a_time(self):
        complaint = self._complaint()
        Steps = self.env["courier.complaint.deadline"].sudo()
        with freeze_time("2026-03-02 06:00:00"):
            Steps._cron_escalate()
            Steps._cron_escalate()
        self.assertEqual(complaint.level, "2")
        self.assertEqual(complaint.deadline, datetime(2026, 3, 3, 1, 0))  # 24 h
        self.assertIn(
            self.cs_manager, complaint.activity_ids.user_id, "the CS manager is told"
        )
        with freeze_time("2026-03-03 02:00:00"):
            Steps._cron_escalate()
        self.assertEqual(complaint.level, "3")
        self.assertEqual(complaint.deadline, datetime(2026, 3, 4, 1, 0))  # 48 h

    def test_answering_in_time_counts_on_time(self):
        complaint = self._complaint()
        with self.assertRaises(UserError):
            complaint.action_answer()
        complaint.response = "Re-delivered this morning, fee refunded"
        with freeze_time("2026-03-02 03:00:00"):
            complaint.action_answer()
        self.assertRecordValues(complaint, [{"state": "answered", "on_time": True}])

    def test_grouped_on_time_rate_is_the_rate_of_the_summed_complaints(self):
        """X3: 1 of 1 complaints and 0 of 9 queries on time are 10%, not 50%."""
        complaint = self._complaint(response="Re-delivered, fee refunded")
        with freeze_time("2026-03-02 03:00:00"):
            complaint.action_answer()
        for index in range(9):
            self._complaint(waybill=f"SF8{index}", kind="query", category_id=False)
        domain = [("company_id", "=", self.branch.id)]
        Complaint = self.env["courier.complaint"]
        for spec in ("on_time_rate", "on_time_rate:avg"):
            (total,) = Complaint.read_group(domain, [spec], [])
            self.assertEqual(total["on_time_rate"], 10.0, spec)
        by_kind = Complaint.read_group(domain, ["on_time_rate"], ["kind"])
        self.assertEqual(
            {group["kind"]: group["on_time_rate"] for group in by_kind},
            {"complaint": 100.0, "query": 0.0},
        )

    def test_a_second_complaint_on_a_waybill_is_an_incident(self):
        first = self._complaint()
        self.assertFalse(first.incident_id)
        second = self._complaint(received="2026-03-03 01:00:00")
        self.assertEqual(second.repeat_of_id, first)
        self.assertRecordValues(
            second.incident_id,
            [{"kind": "delay", "waybill": "SF777", "partner_id": self.customer.id}],
        )
        third = self._complaint(received="2026-03-04 01:00:00")
        self.assertEqual(third.incident_id, second.incident_id, "joins the open one")
        other = self._complaint(waybill="SF888")
        self.assertFalse(other.incident_id)

    def test_complaints_count_for_key_accounts_and_repeat_into_a_warning(self):
        copy_manual_policy(self.env, self.hq)
        self.customer.sudo().write(
            {
                "is_key_account": True,
                "key_account_company_id": self.branch.id,
                "key_account_manager_id": self.cs_manager.id,
            }
        )
        for day, waybill in (("02", "A1"), ("10", "A2"), ("20", "A3")):
            self._complaint(waybill=waybill, received=f"2026-03-{day} 01:00:00")
        kpi = (
            self.env["key.account.service.kpi"]
            .sudo()
            .search([("partner_id", "=", self.customer.id)])
        )
        self.assertEqual(kpi.complaints, 3)
        case = (
            self.env["key.account.warning"]
            .sudo()
            .search([("partner_id", "=", self.customer.id)])
        )
        self.assertRecordValues(
            case, [{"reason": "repeated_complaints", "level": "warning"}]
        )

    def test_a_complaint_goes_to_its_departments_team(self):
        Team = self.env["courier.complaint.team"]
        hq_team = Team.create(
            {
                "company_id": self.hq.id,
                "department": "supervision",
                "leader_id": self.general_manager.id,
            }
        )
        complaint = self._complaint()
        self.assertEqual(complaint.team_id, hq_team, "the branch has none: HQ's")
        branch_team = Team.create(
            {
                "company_id": self.branch.id,
                "department": "supervision",
                "leader_id": self.branch_manager.id,
            }
        )
        routed = self._complaint(waybill="SF999")
        self.assertEqual(routed.team_id, branch_team)
        todo = routed.activity_ids.filtered(lambda a: a.user_id == self.branch_manager)
        self.assertEqual(todo.date_deadline, routed.deadline.date())

    def test_answering_closes_the_complaints_own_activities_only(self):
        complaint = self._complaint()
        Steps = self.env["courier.complaint.deadline"].sudo()
        with freeze_time("2026-03-02 06:00:00"):
            Steps._cron_escalate()
        complaint_type = self.env.ref("courier_claims.mail_act_courier_complaint")
        escalated = complaint.activity_ids.filtered(
            lambda a: a.user_id == self.cs_manager
        )
        self.assertEqual(escalated.activity_type_id, complaint_type)
        other = complaint.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Send the customer a voucher",
            user_id=self.handler.id,
        )
        complaint.response = "Re-delivered this morning, fee refunded"
        with freeze_time("2026-03-02 07:00:00"):
            complaint.action_answer()
        self.assertFalse(escalated.exists())
        self.assertEqual(complaint.activity_ids, other)

    def test_time_limits_are_steps_of_the_deadline_clock(self):
        self.env["courier.complaint.team"].create(
            {
                "company_id": self.branch.id,
                "department": "supervision",
                "leader_id": self.branch_manager.id,
            }
        )
        complaint = self._complaint()
        first = complaint.deadline_step_ids
        self.assertRecordValues(
            first, [{"level": "1", "due": complaint.deadline, "climbed": False}]
        )
        self.assertEqual(first.activity_ids, complaint.activity_ids, "linked")
        self.assertEqual(first.activity_ids.user_id, self.branch_manager)
        self.assertEqual(
            first.activity_ids.activity_type_id,
            self.env.ref("courier_claims.mail_act_courier_complaint"),
        )
        # a receipt corrected by hand moves the open step with the time limit
        complaint.received = "2026-03-02 02:00:00"
        self.assertEqual(first.due, datetime(2026, 3, 2, 6, 0))
        Steps = self.env["courier.complaint.deadline"].sudo()
        with freeze_time("2026-03-02 07:00:00"):
            Steps._cron_escalate()
            Steps._cron_escalate()  # once per overdue step
        second = complaint.deadline_step_ids - first
        self.assertTrue(first.escalated)
        self.assertRecordValues(
            second, [{"level": "2", "due": complaint.deadline, "climbed": True}]
        )
        self.assertIn(self.cs_manager, second.activity_ids.user_id)
        complaint.response = "Re-delivered this morning, fee refunded"
        with freeze_time("2026-03-02 08:00:00"):
            complaint.action_answer()
        self.assertEqual(set(complaint.deadline_step_ids.mapped("status")), {"done"})
        self.assertFalse(complaint.activity_ids)

    def test_a_query_does_not_climb(self):
        query = self._complaint(kind="query", category_id=False)
        Steps = self.env["courier.complaint.deadline"].sudo()
        with freeze_time("2026-03-02 06:00:00"):
            Steps._cron_escalate()
        self.assertEqual(query.level, "1")
        self.assertFalse(query.deadline_step_ids.escalated)
