from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

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
        review = self.env["key.account.manager.review"].create(
            {
                "user_id": self.account_manager.id,
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

    def test_a_new_customer_of_50000_a_month_promotes(self):
        newcomer = self._key_account("Newcomer Co.", 0, months=(), start="2026-02-10")
        self._revenue(newcomer, ("2026-02-01", "2026-03-01", "2026-04-01"), 50000)
        review = self._review(100000, 100000)
        self.assertEqual(review.new_customer_ids, newcomer)
        self.assertEqual(review.proposal, "promote")

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
