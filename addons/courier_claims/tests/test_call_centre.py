"""CL-9: the switch's call records in, the call-centre indicators out.

The sample ``data/asterisk_master.csv`` is Asterisk's Master.csv (no header,
the standard 18 columns), eight calls of Monday 2 November 2026 at the
Suzhou branch, in its local time (Asia/Shanghai):

====  ========  =====  ==========  ==========  ====  ====
line  queue     agent  outcome     start       wait  talk
====  ========  =====  ==========  ==========  ====  ====
1     support   8001   ANSWERED    09:00:00    10    180
2     support   8001   ANSWERED    09:10:00    20    120
3     support   8002   ANSWERED    10:00:00    21    300
4     support   -      NO ANSWER   10:30:00    45    0
5     complnts  8002   ANSWERED    11:00:00    5     240
6     complnts  -      BUSY        11:30:00    30    0
7     complnts  8001   ANSWERED    14:00:00    15    120   (dial context)
8     -         8002   ANSWERED    15:00:00    8     60    (from-internal)
====  ========  =====  ==========  ==========  ====  ====

By hand, for the day: offered 8; answered 6; abandoned 2 (lines 4 and 6);
abandonment 2/8 = 25%; answered within 20 s: lines 1, 2 (exactly 20), 5, 7,
8 = 5, line 3 (21 s) is not, so the service level is 5/8 = 62.5%; wait
10+20+21+45+5+30+15+8 = 154 s, average 154/8 = 19.25 s; speed of answer
(10+20+21+5+15+8)/6 = 79/6 = 13.17 s; time to abandon (45+30)/2 = 37.5 s;
talk 180+120+300+240+120+60 = 1,020 s, average 170 s, and handling the same
(Asterisk records no wrap-up); calls per hour 6 × 3600 / 1020 = 21.18;
longest wait 45 s.
"""

import base64
import re
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import ClaimsCommon

DATA = Path(__file__).parent / "data"


@tagged("post_install", "-at_install", "courier_calls")
class TestCallCentre(ClaimsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch.resource_calendar_id.tz = "Asia/Shanghai"
        cls.other_branch.resource_calendar_id = cls.branch.resource_calendar_id.copy(
            {"company_id": cls.other_branch.id}
        )
        cls.customer.write(
            {
                "mobile": "138-0013-8000",
                "phone": "+86 571 8888 1234",
                "company_id": cls.branch.id,
            }
        )
        # the sample's extensions, whoever has them in this database
        cls.env["res.users"].with_context(active_test=False).search(
            [("courier_agent_code", "in", ("8001", "8002"))]
        ).courier_agent_code = False
        cls.agent = cls._agent("calls_t_agent", "8001")
        cls.agent_2 = cls._agent("calls_t_agent2", "8002")
        Queue = cls.env["courier.call.queue"]
        cls.support = Queue.create(
            {"company_id": cls.branch.id, "code": "support", "name": "Support"}
        )
        cls.complaints = Queue.create(
            {
                "company_id": cls.branch.id,
                "code": "complaints",
                "name": "Complaints",
                "ticket_type": "complaint",
            }
        )
        cls.Call = cls.env["courier.call"]
        cls.Indicator = cls.env["courier.call.indicator"]

    @classmethod
    def _agent(cls, login, code):
        user = new_test_user(
            cls.env,
            login=login,
            groups="courier_claims.courier_claims_group_agent",
            company_id=cls.branch.id,
            company_ids=[Command.set(cls.branch.ids)],
        )
        user.courier_agent_code = code
        return user

    def _import(self, name, company=None, mapping=None, user=None):
        return self.Call.with_user(user or self.cs_manager).courier_import_calls(
            (DATA / name).read_bytes(), company or self.branch, mapping
        )

    def _day(self, **domain):
        """The branch's figures of 2 November, summed over the groups of
        ``domain`` (e.g. ``agent_id=...``), as a pivot reads them."""
        groups = self.Indicator.read_group(
            [("company_id", "=", self.branch.id), ("day", "=", date(2026, 11, 2))]
            + [(name, "=", value) for name, value in domain.items()],
            [
                "offered_count:sum",
                "answered_count:sum",
                "abandoned_count:sum",
                "abandon_rate:avg",
                "service_level:avg",
                "average_wait:avg",
                "average_answer:avg",
                "average_abandon:avg",
                "average_talk:avg",
                "average_handling:avg",
                "calls_per_hour:avg",
                "longest_wait:max",
            ],
            [],
        )
        return groups[0]

    # ------------------------------------------------------------
    # IMPORT
    # ------------------------------------------------------------

    def test_asterisk_file(self):
        result = self._import("asterisk_master.csv")
        self.assertEqual(
            result, {"lines": 8, "created": 8, "updated": 0, "unchanged": 0}
        )
        calls = self.Call.search([("company_id", "=", self.branch.id)])
        self.assertEqual(len(calls), 8)
        first = calls.filtered(lambda c: c.name == "1793667600.1")
        # 09:00 in Shanghai is 01:00 UTC
        self.assertEqual(first.start, datetime(2026, 11, 2, 1, 0, 0))
        self.assertEqual(first.answer, datetime(2026, 11, 2, 1, 0, 10))
        self.assertEqual((first.wait_seconds, first.talk_seconds), (10, 180))
        self.assertEqual(first.agent_id, self.agent)
        self.assertEqual(first.queue_id, self.support)
        self.assertEqual(first.ticket_type, "consultation")
        # the mobile 138-0013-8000 and the landline +86 571 8888 1234
        linked = calls.filtered("partner_id").mapped("name")
        self.assertEqual(sorted(linked), ["1793667600.1", "1793668200.2"])
        by_name = {call.name: call for call in calls}
        # Agent/8001, PJSIP/8002-…, no channel for a call nobody answered
        self.assertEqual(by_name["1793668200.2"].agent_id, self.agent)
        self.assertEqual(by_name["1793674800.5"].agent_id, self.agent_2)
        self.assertFalse(by_name["1793673000.4"].agent_id)
        self.assertEqual(by_name["1793673000.4"].disposition, "no_answer")
        self.assertFalse(by_name["1793673000.4"].answer)
        self.assertEqual(by_name["1793673000.4"].wait_seconds, 45)
        self.assertEqual(by_name["1793676600.6"].disposition, "busy")
        # a Dial in the complaints context waited in that queue; from-internal
        # is no queue
        self.assertEqual(by_name["1793685600.7"].queue_id, self.complaints)
        self.assertEqual(by_name["1793685600.7"].ticket_type, "complaint")
        self.assertFalse(by_name["1793689200.8"].queue_id)

    def test_reimport_changes_nothing(self):
        self._import("asterisk_master.csv")
        calls = self.Call.search([("company_id", "=", self.branch.id)])
        call = calls.filtered(lambda c: c.name == "1793671200.3")
        call.with_user(self.agent_2).ticket_type = "order"
        stamps = {c.id: c.write_date for c in calls}
        result = self._import("asterisk_master.csv")
        self.assertEqual(
            result, {"lines": 8, "created": 0, "updated": 0, "unchanged": 8}
        )
        calls.invalidate_recordset()
        self.assertEqual(
            self.Call.search_count([("company_id", "=", self.branch.id)]), 8
        )
        self.assertEqual({c.id: c.write_date for c in calls}, stamps)
        # what the agent recorded stays
        self.assertEqual(call.ticket_type, "order")

    def test_bad_rows_refuse_the_file(self):
        with self.assertRaises(UserError) as caught:
            self._import("asterisk_bad.csv")
        message = str(caught.exception)
        self.assertIn("Line 2: unknown disposition 'HUNG UP'.", message)
        self.assertIn("Line 3: no agent has the switch code '8009'.", message)
        self.assertIn("Line 4: no queue 'sales' in the branch's switch.", message)
        self.assertIn(
            "Line 5: start '03/11/2026 11:00' is not a time (%Y-%m-%d %H:%M:%S).",
            message,
        )
        self.assertIn("Line 6: the answer comes before the start.", message)
        self.assertIn("Line 7: repeats the call id '1793754000.1' of line 1.", message)
        self.assertIn("Line 8: 3 columns where 18 are expected.", message)
        self.assertNotIn("Line 1:", message)
        # the good first line is not applied either
        self.assertFalse(self.Call.search([("company_id", "=", self.branch.id)]))

    def test_mapped_csv(self):
        mapping = self.env["courier.call.mapping"].create(
            {
                "name": "PBX export",
                "delimiter": ";",
                "date_format": "%d/%m/%Y %H:%M:%S",
                "column_uniqueid": "call_id",
                "column_start": "started",
                "column_agent": "agent",
                "column_queue": "queue",
                "column_caller": "from",
                "column_disposition": "outcome",
                "column_wait": "wait_s",
                "column_talk": "talk_s",
                "column_wrap": "wrap_s",
            }
        )
        result = self._import("mapped_calls.csv", mapping=mapping)
        self.assertEqual(result["created"], 3)
        calls = {
            c.name: c for c in self.Call.search([("company_id", "=", self.branch.id)])
        }
        first = calls["PBX-1"]
        self.assertEqual(first.start, datetime(2026, 11, 4, 1, 0, 0))
        self.assertEqual(first.answer, datetime(2026, 11, 4, 1, 0, 12))
        self.assertEqual(
            (first.wait_seconds, first.talk_seconds, first.wrap_seconds), (12, 200, 40)
        )
        self.assertEqual(first.partner_id, self.customer)
        self.assertEqual(calls["PBX-2"].disposition, "no_answer")
        self.assertEqual(calls["PBX-2"].wait_seconds, 33)
        self.assertEqual(calls["PBX-3"].queue_id, self.complaints)
        day = self.Indicator.read_group(
            [("company_id", "=", self.branch.id), ("day", "=", date(2026, 11, 4))],
            ["average_handling:avg", "service_level:avg"],
            [],
        )[0]
        # handling: (200 + 40 + 100 + 20) / 2 answered; in 20 s: 2 of 3
        self.assertEqual(day["average_handling"], 180.0)
        self.assertEqual(day["service_level"], 66.67)
        # a header without a mapped column refuses the file
        mapping.column_called = "to"
        with self.assertRaisesRegex(UserError, "Line 1: no column 'to'"):
            self._import("mapped_calls.csv", mapping=mapping)

    def test_branch_time_zone_day(self):
        """A call at 00:30 in Shanghai counts on that day, not on the UTC day
        before."""
        line = (
            '"","13900000009","400","from-trunk","x","SIP/t-1","SIP/8001-1",'
            '"Queue","support","2026-11-03 00:30:00","2026-11-03 00:30:05",'
            '"2026-11-03 00:31:05",65,60,"ANSWERED","DOCUMENTATION","tz.1",""\n'
        )
        self.Call.with_user(self.cs_manager).courier_import_calls(
            line.encode(), self.branch
        )
        call = self.Call.search([("name", "=", "tz.1")])
        self.assertEqual(call.start, datetime(2026, 11, 2, 16, 30))
        rows = self.Indicator.search([("company_id", "=", self.branch.id)])
        self.assertEqual(rows.mapped("day"), [date(2026, 11, 3)])

    def test_upload_wizard(self):
        wizard = (
            self.env["courier.call.import"]
            .with_user(self.cs_manager)
            .create(
                {
                    "company_id": self.branch.id,
                    "file_data": base64.b64encode(
                        (DATA / "asterisk_master.csv").read_bytes()
                    ),
                    "file_name": "Master.csv",
                }
            )
        )
        action = wizard.action_import()
        self.assertIn("8 new calls", action["params"]["message"])
        self.assertEqual(
            self.Call.search_count([("company_id", "=", self.branch.id)]), 8
        )

    def test_folder_job(self):
        """The branch's subfolder (named by its id): good files applied and
        moved once committed, bad ones set aside with their errors."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / str(self.branch.id)
            path.mkdir()
            shutil.copy(DATA / "asterisk_master.csv", path / "a-master.csv")
            shutil.copy(DATA / "asterisk_bad.csv", path / "b-bad.csv")
            self.env["ir.config_parameter"].sudo().set_param(
                "courier_claims.call_folder", folder
            )
            self.Call.sudo()._cron_pull_folder()
            self.assertTrue((path / "a-master.csv").exists(), "until committed")
            self.env.cr.postcommit.run()
            self.assertTrue((path / "done" / "a-master.csv").exists())
            self.assertTrue((path / "failed" / "b-bad.csv").exists())
            errors = (path / "failed" / "b-bad.csv.errors.txt").read_text()
            self.assertIn("Line 2: unknown disposition 'HUNG UP'.", errors)
            self.assertEqual(
                self.Call.search_count([("company_id", "=", self.branch.id)]), 8
            )

    # ------------------------------------------------------------
    # INDICATORS
    # ------------------------------------------------------------

    def test_day_indicators(self):
        self._import("asterisk_master.csv")
        day = self._day()
        self.assertEqual(day["offered_count"], 8)
        self.assertEqual(day["answered_count"], 6)
        self.assertEqual(day["abandoned_count"], 2)
        self.assertEqual(day["abandon_rate"], 25.0)
        self.assertEqual(day["service_level"], 62.5)
        self.assertEqual(day["average_wait"], 19.25)
        self.assertEqual(day["average_answer"], 13.17)
        self.assertEqual(day["average_abandon"], 37.5)
        self.assertEqual(day["average_talk"], 170.0)
        self.assertEqual(day["average_handling"], 170.0)
        self.assertEqual(day["calls_per_hour"], 21.18)
        self.assertEqual(day["longest_wait"], 45)

    def test_agent_and_queue_indicators(self):
        self._import("asterisk_master.csv")
        # 8001: lines 1, 2, 7, all answered within 20 s; talk 420 s
        first = self._day(agent_id=self.agent.id)
        self.assertEqual((first["offered_count"], first["service_level"]), (3, 100.0))
        self.assertEqual(first["calls_per_hour"], 25.71)  # 3 × 3600 / 420
        # 8002: lines 3 (21 s), 5, 8
        second = self._day(agent_id=self.agent_2.id)
        self.assertEqual(second["service_level"], 66.67)
        # support: lines 1-4, one abandoned, two within 20 s
        support = self._day(queue_id=self.support.id)
        self.assertEqual(
            (support["abandon_rate"], support["service_level"]), (25.0, 50.0)
        )
        # complaints: lines 5-7, the busy one abandoned
        complaints = self._day(queue_id=self.complaints.id)
        self.assertEqual(complaints["abandon_rate"], 33.33)
        self.assertEqual(complaints["average_abandon"], 30.0)

    def test_service_level_boundary(self):
        """Answered at exactly the policy's seconds is in time; one second
        more is not. The seconds are headquarters' policy."""
        self._import("asterisk_master.csv")
        self.assertEqual(self._day()["service_level"], 62.5)  # 20 s in, 21 s out
        self.hq.courier_call_service_seconds = 21
        self.assertEqual(self._day()["service_level"], 75.0)  # 6 of 8
        self.hq.courier_call_service_seconds = 19
        self.assertEqual(self._day()["service_level"], 50.0)  # 20 s is late

    def test_abandonment_boundary(self):
        """Every call not answered counts as abandoned, whatever the switch
        says; a day without calls has no abandonment."""
        self._import("asterisk_master.csv")
        none = self._day(agent_id=False)  # lines 4 and 6, nobody answered
        self.assertEqual((none["offered_count"], none["abandon_rate"]), (2, 100.0))
        self.assertEqual(none["average_answer"], 0.0)
        self.assertEqual(self._day(agent_id=self.agent.id)["abandon_rate"], 0.0)

    def test_monthly_report(self):
        self._import("asterisk_master.csv")
        report = self.env["courier.monthly.report"].create(
            {"company_id": self.branch.id, "month": date(2026, 11, 1)}
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("courier_claims.action_report_call_centre", report.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Monthly Call-Centre Report", html)
        self.assertIn("2026-11", html)
        self.assertIn("62.5", html)  # the branch's service level
        self.assertIn("25.0", html)  # its abandonment
        # counts of calls print as whole numbers: 8 offered, 6 answered, 2 lost
        branch_row = html[html.index("Abandonment (%)") :]
        cells = re.findall(r'<td class="text-end">([^<]*)</td>', branch_row)
        self.assertEqual(cells[:3], ["8", "6", "2"])
        self.assertIn(self.agent.name, html)
        # 3 answered calls on one day against 100 a day
        self.assertIn("below target", html)

    # ------------------------------------------------------------
    # THE CALL AND ITS COMPLAINT
    # ------------------------------------------------------------

    def test_open_complaint_from_call(self):
        self._import("asterisk_master.csv")
        call = self.Call.search([("name", "=", "1793667600.1")])
        action = call.with_user(self.handler).action_open_complaint()
        context = action["context"]
        self.assertEqual(context["default_partner_id"], self.customer.id)
        self.assertEqual(context["default_channel"], "phone")
        self.assertEqual(context["default_kind"], "query")  # a support call
        self.assertIn("13800138000", context["default_description"])
        form = Form(
            self.env["courier.complaint"]
            .with_user(self.handler)
            .with_context(**context)
        )
        complaint = form.save()
        self.assertEqual(call.complaint_id, complaint)
        self.assertEqual(call.ticket_type, complaint.kind)
        self.assertEqual(
            call.with_user(self.handler).action_open_complaint()["res_id"], complaint.id
        )

    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    def test_agents_see_their_own_calls(self):
        self._import("asterisk_master.csv")
        mine = self.Call.with_user(self.agent).search([])
        self.assertEqual(
            sorted(mine.mapped("name")),
            ["1793667600.1", "1793668200.2", "1793685600.7"],
        )
        rows = self.Indicator.with_user(self.agent).search([])
        self.assertEqual(rows.agent_id, self.agent)
        self.assertEqual(self.Call.with_user(self.handler).search_count([]), 8)
        # the agent records what the call was about, not what the switch said
        call = mine[0]
        call.ticket_type = "order"
        with self.assertRaises(AccessError):
            call.disposition = "busy"
        with self.assertRaises(AccessError):
            self.Call.with_user(self.agent).browse(
                self.Call.search([("agent_id", "=", self.agent_2.id)], limit=1).id
            ).ticket_type = "order"

    def test_who_imports(self):
        with self.assertRaises(AccessError):
            self._import("asterisk_master.csv", user=self.agent)
        with self.assertRaises(AccessError):
            self._import("asterisk_master.csv", user=self.handler)
        # a CS manager of Suzhou only imports Suzhou's calls
        outsider = self._user("calls_t_cs_other", "manager", self.other_branch)
        with self.assertRaises(AccessError):
            self._import("asterisk_master.csv", user=outsider)
        self.assertFalse(self.Call.search([("company_id", "=", self.branch.id)]))

    def test_company_isolation(self):
        self._import("asterisk_master.csv")
        Queue = self.env["courier.call.queue"]
        Queue.create(
            [
                {"company_id": self.other_branch.id, "code": code, "name": code}
                for code in ("support", "complaints")
            ]
        )
        # the same switch ids in another branch are other calls
        wuxi_manager = self._user("calls_t_cs_wuxi", "manager", self.other_branch)
        result = self._import(
            "asterisk_master.csv", company=self.other_branch, user=wuxi_manager
        )
        self.assertEqual(result["created"], 8)
        outsider = self._user("calls_t_other", "user", self.other_branch)
        calls = self.Call.with_user(outsider).search([])
        self.assertEqual(calls.company_id, self.other_branch)
        rows = self.Indicator.with_user(outsider).search([])
        self.assertEqual(rows.company_id, self.other_branch)
        # the Wuxi customer-less calls: the Suzhou customer is not Wuxi's
        self.assertFalse(calls.partner_id)
