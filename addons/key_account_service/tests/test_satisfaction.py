from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.key_account_service import release_survey_campaigns

from .common import KeyAccountServiceCommon, ReportRenderMixin

QUESTIONS = ("attitude", "on_time", "damage", "complaint", "billing", "overall")


@tagged("post_install", "-at_install", "key_account_service")
class TestSatisfaction(ReportRenderMixin, KeyAccountServiceCommon):
    freeze_time = "2026-04-08"  # a Wednesday

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_manager = cls._new_user("ka_user_survey_2", "user", cls.branch)
        cls.survey = cls.env.ref("key_account_service.survey_key_account_satisfaction")
        cls.Campaign = cls.env["key.account.survey.campaign"]
        # two contacts with an address and one without
        cls.acme = cls._key_account("Acme Survey", 60000)
        cls.acme_buyer, cls.acme_clerk, _nobody = cls.env["res.partner"].create(
            [
                {"name": "Acme Buyer", "parent_id": cls.acme.id, "email": "b@acme.cn"},
                {"name": "Acme Clerk", "parent_id": cls.acme.id, "email": "c@acme.cn"},
                {"name": "Acme Driver", "parent_id": cls.acme.id},
            ]
        )
        # no contacts, its own address
        cls.bolt = cls._key_account("Bolt Survey", 60000, manager=cls.other_manager)
        cls.bolt.email = "office@bolt.cn"
        # nobody to ask: not covered
        cls.dumb = cls._key_account("Mute Survey", 60000)
        # another group's account is never in this group's campaign
        cls.foreign = cls._key_account("Foreign Survey", 60000, company=cls.other_hq)
        cls.foreign.email = "x@foreign.cn"

    def _campaign(self, company=None):
        return self.Campaign.with_user(self.cs_manager).create(
            {"name": "Q2 2026", "company_id": (company or self.hq).id}
        )

    def _answers(self, partner):
        return self.env["survey.user_input"].search(
            [("key_account_partner_id", "=", partner.id)]
        )

    def _answer(self, user_input, value, suggestion=None):
        """The contact answers every question with ``value`` (1 to 5)."""
        for key in QUESTIONS:
            question = self.env.ref(
                f"key_account_service.survey_key_account_question_{key}"
            )
            choice = self.env.ref(
                f"key_account_service.survey_key_account_question_{key}_{value}"
            )
            user_input._save_lines(question, choice.id)
        if suggestion:
            user_input._save_lines(
                self.env.ref(
                    "key_account_service.survey_key_account_question_suggestion"
                ),
                suggestion,
            )
        user_input._mark_done()

    def _callbacks(self, partner):
        return self.env["key.account.visit"].search(
            [("partner_id", "=", partner.id), ("source", "=", "callback")]
        )

    def test_campaign_invites_the_due_contacts_once(self):
        campaign = self._campaign()
        campaign.action_send()
        self.assertEqual(campaign.state, "sent")
        acme = self._answers(self.acme)
        self.assertEqual(acme.partner_id, self.acme_buyer | self.acme_clerk)
        self.assertEqual(self._answers(self.bolt).partner_id, self.bolt)
        self.assertFalse(self._answers(self.dumb))
        self.assertFalse(
            self.env["survey.user_input"].search([("partner_id", "=", self.foreign.id)])
        )
        # each answer carries the account as it was sent: manager, branch, band
        self.assertEqual(acme.key_account_manager_id, self.account_manager)
        self.assertEqual(acme.key_account_company_id, self.branch)
        self.assertEqual(acme.survey_id, self.survey)
        self.assertEqual(acme.key_account_band_id, self.acme.key_account_band_id)
        # the survey's own invitation, with the contact's personal link
        for answer in acme:
            mail = self.env["mail.mail"].search(
                [("body_html", "ilike", answer.access_token)]
            )
            self.assertEqual(len(mail), 1)
            self.assertIn(answer.partner_id.email, mail.email_to)
        # three accounts due, two with somebody to ask
        self.assertEqual(campaign.account_count, 3)
        self.assertEqual(campaign.coverage, 66.67)
        self.assertEqual(campaign.response_rate, 0.0)
        # run again: nobody is invited twice; a new contact is
        campaign.action_invite_new()
        self.assertEqual(len(self._answers(self.acme)), 2)
        self.assertEqual(len(campaign.line_ids), 3)
        late = self.env["res.partner"].create(
            {"name": "Mute Buyer", "parent_id": self.dumb.id, "email": "m@mute.cn"}
        )
        campaign.with_user(self.cs_manager).action_invite_new()
        campaign.with_user(self.cs_manager).action_invite_new()
        self.assertEqual(self._answers(self.dumb).partner_id, late)
        self.assertEqual(campaign.coverage, 100.0)
        with self.assertRaises(UserError):
            campaign.with_user(self.cs_manager).action_send()
        # an account manager does not launch campaigns
        with self.assertRaises(AccessError):
            self._campaign().with_user(self.account_manager).action_send()

    def test_dissatisfied_answer_plans_a_return_visit_and_a_warning(self):
        campaign = self._campaign()
        campaign.action_send()
        buyer, clerk = self._answers(self.acme).sorted(lambda a: a.partner_id.name)
        # 4 of 5 everywhere: 80%, the satisfied score itself
        self._answer(buyer, 4)
        self.assertEqual(buyer.scoring_percentage, 80.0)
        self.assertTrue(buyer.key_account_satisfied)
        self.assertFalse(self._callbacks(self.acme))
        self._answer(clerk, 3, suggestion="Call before you come")
        self.assertEqual(clerk.scoring_percentage, 60.0)
        self.assertFalse(clerk.key_account_satisfied)
        callback = self._callbacks(self.acme)
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.survey_input_id, clerk)
        self.assertEqual(callback.user_id, self.account_manager)
        self.assertEqual(callback.state, "planned")
        # within the policy's two working days: Wednesday to Friday
        self.assertEqual(str(callback.date_planned), "2026-04-10")
        activity = callback.planning_activity_id
        self.assertEqual(activity.user_id, self.account_manager)
        self.assertEqual(activity.date_deadline, callback.date_planned)
        # the figures: two answers, one satisfied
        self.assertEqual(campaign.response_rate, 66.67)
        self.assertEqual(campaign.satisfaction_rate, 50.0)
        # the manager records the call: nothing is done without the outcome
        mine = callback.with_user(self.account_manager)
        with self.assertRaises(UserError):
            mine.action_done()
        mine.write(
            {"callback_note": "Drivers still late.", "problem_solved": "unsolved"}
        )
        mine.action_done()
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.compliance, "on_time")
        case = self.env["key.account.warning"].search(
            [("partner_id", "=", self.acme.id), ("reason", "=", "dissatisfied")]
        )
        self.assertEqual(case.state, "open")
        # a lower policy score makes 60% satisfied: no return visit for it
        self.hq.key_account_survey_satisfied_score = 60.0
        bolt = self._answers(self.bolt)
        self._answer(bolt, 3)
        self.assertTrue(bolt.key_account_satisfied)
        self.assertFalse(self._callbacks(self.bolt))

    def test_closed_case_follow_up_once(self):
        self.Campaign._follow_up_case(self.acme_buyer, "INC-0001")
        self.Campaign._follow_up_case(self.acme, "INC-0001")
        callbacks = self._callbacks(self.acme)
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(callbacks.source_ref, "INC-0001")
        answers = self._answers(self.acme)
        self.assertEqual(len(answers), 1, "one contact asked after a case")
        self.assertEqual(answers.key_account_line_id.campaign_id.kind, "case")
        self.Campaign._follow_up_case(self.acme, "CMP-0002")
        self.assertEqual(len(self._callbacks(self.acme)), 2)
        self.assertEqual(len(self._answers(self.acme)), 2)
        self.assertEqual(
            len(
                self.Campaign.search(
                    [("kind", "=", "case"), ("company_id", "=", self.branch.id)]
                )
            ),
            1,
            "one a month",
        )
        # a customer who is not a key account gets neither
        walk_in = self.env["res.partner"].create({"name": "Walk-in", "email": "w@x.cn"})
        self.Campaign._follow_up_case(walk_in, "INC-0003")
        self.assertFalse(self._callbacks(walk_in))

    def test_rates_are_rates_of_summed_counts(self):
        campaign = self._campaign()
        campaign.action_send()
        for answer in self._answers(self.acme):
            self._answer(answer, 5)
        self._answer(self._answers(self.bolt), 1)
        Line = self.env["key.account.survey.line"]
        [group] = Line.read_group(
            [("campaign_id", "=", campaign.id)],
            ["coverage", "response_rate", "satisfaction_rate", "score"],
            [],
        )
        # 2 of 3 accounts covered, 3 of 3 answered, 2 of 3 satisfied,
        # scores 100, 100 and 20: not the averages of the accounts' rates
        self.assertEqual(group["coverage"], 66.67)
        self.assertEqual(group["response_rate"], 100.0)
        self.assertEqual(group["satisfaction_rate"], 66.67)
        self.assertEqual(group["score"], 73.33)
        by_manager = {
            g["user_id"][0]: g["satisfaction_rate"]
            for g in Line.read_group(
                [("campaign_id", "=", campaign.id)], ["satisfaction_rate"], ["user_id"]
            )
        }
        self.assertEqual(by_manager[self.account_manager.id], 100.0)
        self.assertEqual(by_manager[self.other_manager.id], 0.0)
        # nothing answered yet: 0, not a division by zero
        empty = Line.read_group(
            [("partner_id", "=", self.dumb.id)], ["satisfaction_rate"], []
        )
        self.assertEqual(empty[0]["satisfaction_rate"], 0.0)

    def test_managers_see_their_accounts_answers_only(self):
        campaign = self._campaign()
        campaign.action_send()
        Answer = self.env["survey.user_input"]
        mine = Answer.with_user(self.account_manager).search([])
        self.assertEqual(mine.key_account_partner_id, self.acme)
        theirs = Answer.with_user(self.other_manager).search([])
        self.assertEqual(theirs.key_account_partner_id, self.bolt)
        with self.assertRaises(AccessError):
            self._answers(self.acme).with_user(self.other_manager).read(["state"])
        lines = self.env["key.account.survey.line"].with_user(self.other_manager)
        self.assertEqual(lines.search([]).partner_id, self.bolt)
        # the CS manager sees every account of his group
        seen = Answer.with_user(self.cs_manager).search([]).key_account_partner_id
        self.assertEqual(seen, self.acme | self.bolt)

    def test_company_isolation(self):
        self._campaign().action_send()
        foreign_manager = self._new_user(
            "ka_manager_foreign", "manager", self.other_hq, companies=self.other_hq
        )
        campaign = self.Campaign.with_user(foreign_manager).create(
            {"name": "Other", "company_id": self.other_hq.id}
        )
        campaign.action_send()
        Answer = self.env["survey.user_input"].with_user(foreign_manager)
        self.assertEqual(Answer.search([]).key_account_partner_id, self.foreign)
        self.assertEqual(self.Campaign.with_user(foreign_manager).search([]), campaign)
        self.assertNotIn(
            self.foreign,
            self.env["survey.user_input"]
            .with_user(self.cs_manager)
            .search([])
            .key_account_partner_id,
        )

    def test_policy_figures_are_checked(self):
        with self.assertRaises(UserError):
            self.hq.key_account_survey_satisfied_score = 0.0
        with self.assertRaises(UserError):
            self.hq.key_account_survey_period_months = 13

    def test_figures_per_account_manager_branch_and_month(self):
        campaign = self._campaign()
        campaign.action_send()
        for answer in self._answers(self.acme):
            self._answer(answer, 5)
        self._answer(self._answers(self.bolt), 2)  # 40%: a return visit
        Visit = self.env["key.account.visit"]
        # three more return visits after cases: done on time, done late, missed
        on_time, late, missed = (
            Visit._plan_callback(self.acme, ref) for ref in ("C1", "C2", "C3")
        )
        solved = {"problem_solved": "solved"}
        on_time.write(solved)
        on_time.action_done()
        late.write({**solved, "date_planned": "2026-03-20"})
        late.action_done()  # past the grace period
        missed.write({"date_planned": "2026-03-20"})
        missed._mark_missed()
        Figures = self.env["key.account.satisfaction"]
        [group] = Figures.read_group(
            [("month", ">=", "2026-03-01"), ("company_id", "=", self.branch.id)],
            [
                "coverage",
                "response_rate",
                "satisfaction_rate",
                "score",
                "callback_rate",
                "callback_on_time_rate",
            ],
            [],
        )
        self.assertEqual(group["coverage"], 66.67)
        self.assertEqual(group["response_rate"], 100.0)
        self.assertEqual(group["satisfaction_rate"], 66.67)
        self.assertEqual(group["score"], 80.0)  # (100 + 100 + 40) / 3
        # Bolt's return visit is still planned: not due yet, not counted
        self.assertEqual(group["callback_rate"], 66.67)
        self.assertEqual(group["callback_on_time_rate"], 33.33)
        by_account = {
            row["partner_id"][0]: row
            for row in Figures.read_group(
                [("company_id", "=", self.branch.id)],
                ["satisfaction_rate", "callback_rate"],
                ["partner_id"],
            )
        }
        self.assertEqual(by_account[self.acme.id]["satisfaction_rate"], 100.0)
        self.assertEqual(by_account[self.bolt.id]["satisfaction_rate"], 0.0)
        self.assertEqual(by_account[self.bolt.id]["callback_rate"], 0.0)
        # on the account: the last twelve months against the policy's targets
        self.assertEqual(self.acme.key_account_survey_satisfaction, 100.0)
        self.assertEqual(self.acme.key_account_survey_answer_count, 2)
        self.assertEqual(self.acme.key_account_callback_rate, 66.67)
        self.assertEqual(self.acme.key_account_callback_target, 96.0)
        self.assertEqual(self.acme.key_account_satisfaction_target, 95.0)
        # KA-9's service record reads the survey: the month's answers
        Kpi = self.env["key.account.service.kpi"]
        kpi = Kpi.search([("partner_id", "=", self.acme.id)])
        self.assertEqual((kpi.survey_answers, kpi.satisfaction_rate), (2, 100.0))
        [both] = Kpi.read_group(
            [("partner_id", "in", (self.acme | self.bolt).ids)],
            ["satisfaction_rate"],
            [],
        )
        self.assertEqual(both["satisfaction_rate"], 66.67)
        # the manager reads his own accounts' figures only
        mine = Figures.with_user(self.other_manager).search([])
        self.assertEqual(mine.partner_id, self.bolt)

    def test_monthly_report_per_branch_and_consolidated(self):
        campaign = self._campaign()
        campaign.action_send()
        for answer in self._answers(self.acme):
            self._answer(answer, 5)
        self._answer(self._answers(self.bolt), 2, suggestion="Bills arrive late")
        callback = self._callbacks(self.bolt)
        callback.write({"problem_solved": "solved", "callback_note": "Bill fixed"})
        callback.action_done()
        summary = self.env["key.account.satisfaction.summary"].create(
            {
                "month": "2026-04-20",
                "company_ids": [(6, 0, (self.hq | self.branch).ids)],
            }
        )
        sections = summary._sections()
        self.assertEqual(len(sections), 3, "consolidated, then each branch")
        by_question = summary._by_question(self.branch)
        self.assertEqual(len(by_question), 6)
        overall = by_question[-1]
        # 5, 5 and 2: 4 on average, one dissatisfied answer
        self.assertEqual((overall["answers"], overall["average"]), (3, 4.0))
        self.assertEqual(overall["dissatisfied"], 1)
        [below] = summary._below_target(self.branch)
        self.assertEqual(below["partner"], self.bolt)
        self.assertEqual(below["callbacks"], callback)
        trend = summary._trend(self.branch)
        self.assertEqual(len(trend), 12)
        self.assertEqual(str(trend[-1][0]), "2026-04-01")
        self.assertEqual(trend[-1][1]["satisfaction_rate"], 66.67)
        html = self._render("key_account_service.report_satisfaction_summary", summary)
        self.assertIn("Customer Satisfaction Survey Report", html)
        self.assertIn("Bills arrive late", html)
        self.assertIn("Bill fixed", html)
        self.assertIn("66.67", html)
        self.assertIn("Service attitude", html)
        # an account manager prints his own accounts only
        mine = summary.with_user(self.account_manager)
        self.assertFalse(mine._below_target(self.branch))

    def test_the_quarterly_job_sends_once_per_period(self):
        Campaign = self.Campaign.sudo()
        Campaign._cron_periodic()
        Campaign._cron_periodic()
        campaign = Campaign.search(
            [("company_id", "=", self.hq.id), ("kind", "=", "periodic")]
        )
        self.assertEqual(len(campaign), 1)
        self.assertEqual(str(campaign.date_start), "2026-04-01")  # Q2
        self.assertEqual(str(campaign.date_end), "2026-06-30")
        self.assertEqual(campaign.state, "sent")
        self.assertEqual(len(self._answers(self.acme)), 2)
        # monthly by policy: May has its own
        self.hq.key_account_survey_period_months = 1
        with freeze_time("2026-05-04"):
            Campaign._cron_periodic()
        self.assertEqual(
            len(
                Campaign.search(
                    [("company_id", "=", self.hq.id), ("kind", "=", "periodic")]
                )
            ),
            2,
        )

    def test_uninstall_releases_the_shipped_survey(self):
        """Uninstalling deletes the shipped survey: the campaigns that hold it
        (``ondelete='restrict'``, so nobody deletes a survey in use) go first."""
        campaign = self._campaign()
        campaign.action_send()
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.survey.unlink()
        release_survey_campaigns(self.env)
        self.assertFalse(campaign.exists())
        self.survey.unlink()
        self.assertFalse(self.survey.exists())
