from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools import add_months, last_of_month
from .common import KeyAccountServiceCommon

FIRST_HALF = (
    "2026-01-01",
    "2026-02-01",
    "2026-03-01",
    "2026-04-01",
    "2026-05-01",
    "2026-06-01",
)
PREVIOUS_HALF = (
    "2025-07-01",
    "2025-08-01",
    "2025-09-01",
    "2025-10-01",
    "2025-11-01",
    "2025-12-01",
)


@tagged("post_install", "-at_install", "key_account_service")
class TestManagerReview(KeyAccountServiceCommon):
    freeze_time = "2026-07-05"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grade = cls.env.ref(
            "key_account_service.key_account_manager_grade_manager_c"
        )
        cls.account_manager.key_account_grade_id = cls.grade

    def _hold(self, partner, user, months, day_from=None):
        """``user`` held ``partner`` in ``months`` (the roster), from ``day_from``
        in the first of them if given."""
        Roster = self.env["key.account.roster"].sudo()
        vals = []
        for index, month in enumerate(months):
            start = date.fromisoformat(month)
            if index == 0 and day_from:
                start = date.fromisoformat(day_from)
            vals.append(
                Roster._prepare_roster_vals(
                    partner, user, start, last_of_month(date.fromisoformat(month))
                )
            )
        Roster.create(vals)

    def _evaluate(self, results, user=None, months=FIRST_HALF):
        return self.env["key.account.manager.evaluation"].create(
            [
                {
                    "user_id": (user or self.account_manager).id,
                    "company_id": self.branch.id,
                    "month": month,
                    "result": result,
                }
                for month, result in zip(months, results, strict=False)
            ]
        )

    def _revenue(self, partner, months, net):
        self.env["key.account.revenue"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "month": m,
                    "net": net,
                    "invoiced": net,
                }
                for m in months
            ]
        )

    def _review(self, before, after, **judged):
        partner = self._key_account("Kept Co.", 0, months=(), start="2024-01-01")
        self._revenue(partner, PREVIOUS_HALF, before)
        self._revenue(partner, FIRST_HALF, after)
        self._hold(partner, self.account_manager, PREVIOUS_HALF + FIRST_HALF)
        return self._new_review(**judged)

    def _new_review(self, user=None, **judged):
        review = self.env["key.account.manager.review"].create(
            {
                "user_id": (user or self.account_manager).id,
                "company_id": self.branch.id,
                "year": 2026,
                "half": "1",
                **judged,
            }
        )
        review.action_gather()
        return review

    def test_grouped_growth_is_the_growth_of_the_summed_revenues(self):
        """X3: +10% on 100 and -10% on 900 is -8% for the two, not 0%."""
        Review = self.env["key.account.manager.review"]
        reviews = Review.create(
            [
                {
                    "user_id": self.account_manager.id,
                    "company_id": self.branch.id,
                    "year": year,
                    "half": half,
                    "revenue_before": before,
                    "revenue_after": after,
                    "revenue_growth": growth,
                    "largest_drop": drop,
                }
                for year, half, before, after, growth, drop in (
                    (2025, "2", 100, 110, 10.0, 5.0),
                    (2026, "1", 900, 810, -10.0, 25.0),
                )
            ]
        )
        domain = [("id", "in", reviews.ids)]
        for spec in ("revenue_growth", "revenue_growth:avg"):
            (both,) = Review.read_group(domain, [spec, "largest_drop"], ["user_id"])
            self.assertEqual(both["revenue_growth"], -8.0, spec)
            self.assertEqual(both["largest_drop"], 25.0, "the largest, not a sum")
        # a tariff rate has no group figure at all
        rate = self.env["key.account.commission.line"]._fields["rate"]
        self.assertFalse(rate.aggregator)

    def test_ladder_of_the_manual(self):
        ref = self.env.ref
        pay = {
            "specialist_c": 1500,
            "specialist_b": 1800,
            "specialist_a": 2100,
            "manager_c": 2500,
            "manager_b": 2800,
            "manager_a": 3100,
            "senior_c": 4000,
            "senior_b": 4300,
            "senior_a": 4600,
        }
        for key, amount in pay.items():
            grade = ref(f"key_account_service.key_account_manager_grade_{key}")
            self.assertEqual(grade.min_base_pay, amount, key)
        self.assertEqual(self.grade.name, "Account Manager C")

    def test_maintained_revenue_up_30_percent_promotes(self):
        review = self._review(100000, 130000)
        self.assertEqual(review.revenue_growth, 30.0)
        self.assertEqual(review.proposal, "promote")
        self.assertIn("maintained revenue growth", review.proposal_reasons)

    def test_revenue_up_29_percent_keeps_the_grade(self):
        self.assertEqual(self._review(100000, 129000).proposal, "keep")

    def test_approved_promotion_moves_the_grade_and_keeps_history(self):
        review = self._review(100000, 130000)
        review.decision = "promote"
        review.action_decide()
        manager_b = self.env.ref(
            "key_account_service.key_account_manager_grade_manager_b"
        )
        self.assertEqual(self.account_manager.key_account_grade_id, manager_b)
        history = self.account_manager.key_account_grade_history_ids[:1]
        self.assertEqual(
            (history.previous_grade_id, history.grade_id), (self.grade, manager_b)
        )
        self.assertEqual(history.review_id, review)
        with self.assertRaisesRegex(UserError, "decided already"):
            review.action_decide()

    def test_two_demotion_criteria_demote_unless_the_cause_is_objective(self):
        review = self._review(100000, 90000, task_missed=True)
        self.assertEqual((review.revenue_growth, review.proposal), (-10.0, "demote"))
        review.objective_cause = True
        self.assertEqual(review.proposal, "keep")
        review.decision = "keep"
        review.action_decide()
        self.assertEqual(self.account_manager.key_account_grade_id, self.grade)

    def test_a_customer_lost_through_poor_support_proposes_dismissal(self):
        review = self._review(100000, 100000)
        partner = review.env["res.partner"].search([("name", "=", "Kept Co.")])
        case = self.env["key.account.warning"].open_case(partner, "no_revenue", "lost")
        case.write(
            {
                "close_note": "Went to a competitor.",
                "state": "lost",
                "date_closed": "2026-05-20",
            }
        )
        review.action_gather()
        self.assertEqual(review.lost_count, 1)
        self.assertEqual(review.proposal, "keep", "lost, but not for poor support")
        review.lost_through_poor_support = True
        self.assertEqual(review.proposal, "dismiss")

    def test_the_same_data_gives_the_same_review(self):
        review = self._review(100000, 70000)
        first = review.read(
            ["revenue_growth", "largest_drop", "proposal", "proposal_reasons"]
        )
        review.action_gather()
        self.assertEqual(
            review.read(
                ["revenue_growth", "largest_drop", "proposal", "proposal_reasons"]
            ),
            first,
        )

    def test_managers_read_their_own_review_only(self):
        review = self._review(100000, 100000)
        other = self._new_user("ka_reviewed_other", "user", self.branch)
        Review = self.env["key.account.manager.review"]
        self.assertEqual(Review.with_user(self.account_manager).search([]), review)
        self.assertFalse(Review.with_user(other).search([]))
        with self.assertRaises(AccessError):
            review.with_user(self.account_manager).write({"decision": "promote"})
        review.decision = "promote"
        with self.assertRaises(AccessError):
            review.with_user(self.account_manager).action_decide()
        self.assertEqual(self.account_manager.key_account_grade_id, self.grade)

    # ---- the half-year's roster (原有支持客户) ------------------------------------

    def test_growth_is_measured_on_the_customers_held_all_half_year(self):
        colleague = self._new_user("ka_colleague_review", "user", self.branch)
        # Handed to the manager on 15 March: not an existing customer of the half.
        handed = self._key_account("Handed Co.", 0, months=(), start="2024-01-01")
        self._revenue(handed, PREVIOUS_HALF, 10000)
        self._revenue(handed, FIRST_HALF, 90000)
        self._hold(handed, colleague, PREVIOUS_HALF + FIRST_HALF[:2])
        self._hold(handed, colleague, ("2026-03-01",))  # moved on the 15th:
        self.env["key.account.roster"].sudo().search(
            [("partner_id", "=", handed.id), ("month", "=", "2026-03-01")]
        ).date_to = "2026-03-14"
        self._hold(handed, self.account_manager, FIRST_HALF[2:], "2026-03-15")
        review = self._review(100000, 129000)
        kept = review.retained_partner_ids
        self.assertEqual(kept.name, "Kept Co.")
        self.assertEqual(
            (review.revenue_before, review.revenue_after, review.revenue_growth),
            (600000.0, 774000.0, 29.0),
        )
        self.assertEqual(review.proposal, "keep", "the handed account adds nothing")
        # The colleague held it until 14 March: not his existing customer either.
        other = self._new_review(colleague)
        self.assertFalse(other.retained_partner_ids)

    def test_a_decline_of_10_percent_is_not_hidden_by_a_new_account(self):
        boost = self._key_account("Boost Co.", 0, months=(), start="2026-02-01")
        self._revenue(boost, FIRST_HALF[1:], 200000)
        self._hold(boost, self.account_manager, FIRST_HALF[1:])
        review = self._review(100000, 90000, task_missed=True)
        self.assertEqual(review.retained_partner_ids.name, "Kept Co.")
        self.assertEqual((review.revenue_growth, review.proposal), (-10.0, "demote"))
        self.assertIn("maintained revenue declined", review.proposal_reasons)

    def test_a_decline_just_under_10_percent_keeps_the_grade(self):
        review = self._review(100000, 90100, task_missed=True)
        self.assertEqual((review.revenue_growth, review.proposal), (-9.9, "keep"))

    def test_a_zero_month_counts_as_a_single_customer_drop(self):
        review = self._review(100000, 100000)
        partner = review.retained_partner_ids
        self.env["key.account.revenue"].sudo().search(
            [("partner_id", "=", partner.id), ("month", "=", "2026-05-01")]
        ).write({"net": 0, "invoiced": 0})
        with freeze_time("2026-06-03"):
            self.env["key.account.warning"]._detect(partner)
        review.action_gather()
        self.assertEqual(review.largest_drop, 100.0)
        self.assertEqual(review.proposal, "dismiss")

    # ---- new customers introduced -------------------------------------------------

    def _introduce(
        self, name, nets, submitted_by=None, served_by=None, start="2026-02-10"
    ):
        customer = self.env["res.partner"].create({"name": name, "is_company": True})
        handover = (
            self.env["key.account.handover"]
            .with_user(submitted_by or self.account_manager)
            .create(
                {
                    "partner_id": customer.id,
                    "company_id": self.branch.id,
                    "approver_id": self.cs_manager.id,
                    "account_manager_id": (served_by or self.account_manager).id,
                    "monthly_revenue": 50000,
                    "start_date": start,
                }
            )
        )
        handover.action_submit()
        handover.with_user(self.cs_manager).action_approve()
        first = date.fromisoformat(start).replace(day=1)
        months = [add_months(first, i) for i in range(3)]
        self._revenue(customer, months[:2], nets[0])
        self._revenue(customer, months[2:], nets[1])
        return customer

    def test_a_customer_brought_in_at_50000_a_month_promotes(self):
        colleague = self._new_user("ka_served_review", "user", self.branch)
        newcomer = self._introduce("Newcomer Co.", (50000, 50000), served_by=colleague)
        review = self._review(100000, 100000)
        self.assertEqual(review.new_customer_ids, newcomer)
        self.assertEqual(review.proposal, "promote")
        self.assertIn("new customer introduced", review.proposal_reasons)
        # Assigned to the colleague, not brought in by him: not his.
        self.assertFalse(self._new_review(colleague).new_customer_ids)

    def test_a_customer_just_under_50000_a_month_does_not_count(self):
        # (50,000 + 50,000 + 49,999.97) / 3 = 49,999.99
        self._introduce("Almost Co.", (50000, 49999.97))
        review = self._review(100000, 100000)
        self.assertFalse(review.new_customer_ids)
        self.assertEqual(review.proposal, "keep")

    def test_a_customer_counts_in_the_half_its_third_month_falls_in(self):
        november = self._introduce("November Co.", (60000, 60000), start="2025-11-10")
        self._introduce("May Co.", (60000, 60000), start="2026-05-02")
        review = self._review(100000, 100000)
        # November, December, January: known in January. May's third month is July.
        self.assertEqual(review.new_customer_ids, november)

    def test_an_assigned_account_starting_in_the_half_is_not_introduced(self):
        assigned = self._key_account("Assigned Co.", 0, months=(), start="2026-02-10")
        self._revenue(assigned, ("2026-02-01", "2026-03-01", "2026-04-01"), 80000)
        self.assertFalse(self._review(100000, 100000).new_customer_ids)

    # ---- monthly administrative evaluations -------------------------------------

    def test_three_good_months_and_20_percent_overall_promote(self):
        self._evaluate(["good", "pass", "good", "pass", "good", "pass"])
        review = self._review(100000, 120000)
        self.assertEqual(
            (review.good_evaluations, review.failed_evaluations, review.overall_growth),
            (3, 0, 20.0),
        )
        self.assertTrue(review.good_evaluations_and_growth)
        self.assertEqual(review.proposal, "promote")
        self.assertIn("good evaluations, performance +20%", review.proposal_reasons)
        self.assertEqual(len(review.evaluation_ids), 6)

    def test_two_good_months_or_19_percent_keep_the_grade(self):
        self._evaluate(["good", "pass", "good", "pass", "pass", "pass"])
        review = self._review(100000, 120000)
        self.assertEqual((review.good_evaluations, review.proposal), (2, "keep"))
        self.env["key.account.manager.evaluation"].search(
            [("user_id", "=", self.account_manager.id), ("result", "=", "pass")],
            limit=1,
        ).result = "good"
        self.env["key.account.revenue"].sudo().search(
            [
                ("partner_id", "in", review.retained_partner_ids.ids),
                ("month", "=", "2026-06-01"),
            ]
        ).write({"net": 119400, "invoiced": 119400})
        review.action_gather()
        self.assertEqual((review.good_evaluations, review.overall_growth), (3, 19.9))
        self.assertEqual(review.proposal, "keep")

    def test_failed_months_count_toward_demotion_and_dismissal(self):
        self._evaluate(["pass", "fail", "pass", "pass", "pass", "pass"])
        # A failed July belongs to the next half.
        self._evaluate(["fail"], months=("2026-07-01",))
        review = self._review(100000, 100000, task_missed=True)
        self.assertEqual(review.failed_evaluations, 1)
        self.assertEqual(review.proposal, "demote")
        self.assertIn("failed monthly evaluation", review.proposal_reasons)
        self.env["key.account.manager.evaluation"].search(
            [("user_id", "=", self.account_manager.id), ("month", "=", "2026-05-01")]
        ).result = "fail"
        review.action_gather()
        self.assertEqual((review.failed_evaluations, review.proposal), (2, "dismiss"))

    def test_one_evaluation_a_month_kept_by_managers(self):
        Evaluation = self.env["key.account.manager.evaluation"]
        evaluation = Evaluation.with_user(self.cs_manager).create(
            {
                "user_id": self.account_manager.id,
                "company_id": self.branch.id,
                "month": "2026-03-17",
                "result": "pass",
            }
        )
        self.assertEqual(evaluation.month, date(2026, 3, 1))
        self.assertEqual(evaluation.evaluator_id, self.cs_manager)
        # a month is evaluated once it is over: the last one by default
        self.assertEqual(
            str(Evaluation.with_user(self.cs_manager).default_get(["month"])["month"]),
            "2026-06-01",
        )
        other = self._new_user("ka_evaluated_other", "user", self.branch)
        mine = Evaluation.with_user(self.account_manager).search([])
        self.assertEqual(mine, evaluation)
        self.assertFalse(Evaluation.with_user(other).search([]))
        with self.assertRaises(AccessError):
            evaluation.with_user(self.account_manager).result = "good"
        with self.assertRaises(AccessError):
            Evaluation.with_user(self.account_manager).create(
                {
                    "user_id": self.account_manager.id,
                    "month": "2026-04-01",
                    "result": "good",
                }
            )
        with self.assertRaises(AccessError):
            Evaluation.with_user(self.finance).search([])
        elsewhere = self._new_user(
            "ka_evaluator_elsewhere", "manager", self.other_hq, self.other_hq
        )
        self.assertFalse(Evaluation.with_user(elsewhere).search([]))
        evaluation.with_user(self.cs_manager).result = "good"
        self.assertEqual(evaluation.result, "good")
        # Both open the list, and managers the review with its evaluations.
        for user in (self.account_manager, self.cs_manager):
            views = Evaluation.with_user(user).get_views(
                [(False, "list"), (False, "search")]
            )
            self.assertIn("result", views["models"][Evaluation._name]["fields"])
        review = self._review(100000, 100000)
        review.invalidate_recordset()
        self.assertEqual(
            review.with_user(self.cs_manager).evaluation_ids.mapped("result"),
            ["good"],
        )
        self.assertEqual(
            review.with_user(self.account_manager).evaluation_ids, evaluation
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self._evaluate(["good"], months=("2026-03-01",))

    # ---- the half-yearly job ----------------------------------------------------

    def test_half_yearly_job_drafts_one_review_per_manager(self):
        colleague = self._new_user("ka_cron_review", "user", self.branch)
        kept = self._key_account("Kept Co.", 0, months=(), start="2024-01-01")
        self._revenue(kept, PREVIOUS_HALF, 100000)
        self._revenue(kept, FIRST_HALF, 130000)
        # June not on the roster yet: the job snapshots it first.
        self._hold(kept, self.account_manager, PREVIOUS_HALF + FIRST_HALF[:5])
        theirs = self._key_account("Theirs Co.", 0, months=(), manager=colleague)
        self._hold(theirs, colleague, FIRST_HALF[:2])
        later = self._new_user("ka_later_review", "user", self.branch)
        self._hold(theirs, later, ("2026-07-01",))  # the next half
        Review = self.env["key.account.manager.review"]
        self.assertEqual(Review._last_half(date(2026, 7, 5)), (2026, "1"))
        self.assertEqual(Review._last_half(date(2026, 1, 2)), (2025, "2"))
        Review._cron_draft_reviews()
        Review._cron_draft_reviews()
        users = self.account_manager | colleague | later
        reviews = Review.search([("user_id", "in", users.ids)])
        self.assertEqual(reviews.user_id, self.account_manager | colleague)
        self.assertEqual(len(reviews), 2, "never a second review of the half")
        mine = reviews.filtered(lambda r: r.user_id == self.account_manager)
        self.assertEqual((mine.year, mine.half, mine.state), (2026, "1", "draft"))
        self.assertEqual((mine.revenue_growth, mine.proposal), (30.0, "promote"))
        self.assertEqual(mine.grade_id, self.grade)
        self.assertEqual(mine.company_id, self.branch)
        self.assertEqual(mine.retained_partner_ids, kept)

    # ---- promotion across grades (跨等升级) --------------------------------------

    def test_promotion_across_grades_needs_a_reason(self):
        senior_c = self.env.ref(
            "key_account_service.key_account_manager_grade_senior_c"
        )
        review = self._review(100000, 130000)
        with self.assertRaisesRegex(ValidationError, "needs a reason"):
            review.write({"decision": "promote", "target_grade_id": senior_c.id})
        with self.assertRaisesRegex(ValidationError, "goes above"):
            review.write({"decision": "promote", "target_grade_id": self.grade.id})
        review.write(
            {
                "decision": "promote",
                "target_grade_id": senior_c.id,
                "promotion_reason": "Won three national accounts.",
            }
        )
        review.action_decide()
        self.assertEqual(self.account_manager.key_account_grade_id, senior_c)
        history = self.account_manager.key_account_grade_history_ids[:1]
        self.assertEqual(
            (history.previous_grade_id, history.grade_id, history.note),
            (self.grade, senior_c, "Won three national accounts."),
        )
        self.assertEqual(history.review_id, review)

    def test_one_grade_up_needs_no_reason(self):
        manager_b = self.env.ref(
            "key_account_service.key_account_manager_grade_manager_b"
        )
        review = self._review(100000, 130000)
        review.write({"decision": "promote", "target_grade_id": manager_b.id})
        review.action_decide()
        self.assertEqual(self.account_manager.key_account_grade_id, manager_b)

    def test_typed_evaluations_are_noted_on_reviews_to_decide(self):
        review = self._review(100000, 100000)
        # as an earlier version left it: typed by hand
        review.write({"failed_evaluations": 1, "good_evaluations_and_growth": True})
        decided = self._new_review(self._new_user("ka_decided", "user", self.branch))
        decided.write({"failed_evaluations": 2, "decision": "keep"})
        decided.action_decide()
        noted = self.env["key.account.manager.review"]._note_typed_evaluations()
        self.assertEqual(
            noted.filtered(lambda r: r.id in (review | decided).ids), review
        )
        self.assertIn("1 failed months", review.message_ids[:1].body)
        self.assertIn("+20%: yes", review.message_ids[:1].body)
