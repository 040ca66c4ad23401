from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import add_months, first_of_month, period_end
from ..tools.manager_review import growth_percent, propose

DECISIONS = [
    ("promote", "Promote One Grade"),
    ("keep", "Keep the Grade"),
    ("demote", "Demote One Grade"),
    ("dismiss", "Dismiss"),
]


class KeyAccountManagerReview(models.Model):
    """The half-yearly review of an account manager (KA-7): the system proposes,
    a manager decides."""

    _name = "key.account.manager.review"
    _description = "Account Manager Half-Yearly Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "grouped.rate.mixin"]
    # grouped: the growth of the summed revenues, not an average of growths
    _grouped_rates = {
        "revenue_growth": (
            ("revenue_after", "revenue_before"),
            "revenue_before",
            100.0,
            0.0,
        ),
    }
    _order = "year desc, half desc, user_id"
    _rec_name = "user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users", string="Account Manager", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    half = fields.Selection(
        [("1", "January-June"), ("2", "July-December")], required=True
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    grade_id = fields.Many2one(
        "key.account.manager.grade", string="Grade Reviewed", readonly=True
    )
    # Measured from the data by action_gather.
    revenue_before = fields.Monetary(string="Revenue, Previous Half", readonly=True)
    revenue_after = fields.Monetary(string="Revenue, This Half", readonly=True)
    revenue_growth = fields.Float(
        string="Revenue Growth (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",  # recomputed from the summed revenues for a group
    )
    new_customer_ids = fields.Many2many(
        "res.partner",
        string="New Customers Introduced",
        readonly=True,
        check_company=True,
    )
    lost_count = fields.Integer(string="Customers Lost", readonly=True)
    largest_drop = fields.Float(
        string="Largest Single-Customer Drop (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="max",
    )
    # Judged by people.
    good_evaluations_and_growth = fields.Boolean(
        string="Good Evaluations, Performance +20%",
        help="Administrative evaluation good or better for three months, and "
        "performance up 20% or more.",
    )
    improvement_accepted = fields.Boolean(string="Major Improvement Accepted")
    failed_evaluations = fields.Integer(string="Failed Monthly Evaluations")
    task_missed = fields.Boolean(string="Assigned Task Missed, with Consequences")
    incident_not_handled = fields.Boolean(string="Major Incident Not Handled in Time")
    lost_through_poor_support = fields.Boolean(
        string="Loss Due to Poor Support",
        help="A lost customer was lost through poor support.",
    )
    major_accident = fields.Boolean(string="Major Accident Due to Poor Support")
    objective_cause = fields.Boolean(
        string="Objective Cause for Declines",
        help="Revenue declines have an objective cause (market, customer's own "
        "business): they do not count against the manager.",
    )
    proposal = fields.Selection(DECISIONS, compute="_compute_proposal", store=True)
    proposal_reasons = fields.Text(compute="_compute_proposal", store=True)
    decision = fields.Selection(DECISIONS, tracking=True)
    decision_note = fields.Text()
    state = fields.Selection(
        [("draft", "To Decide"), ("decided", "Decided")],
        default="draft",
        required=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "user_period_uniq",
            "UNIQUE(user_id, year, half)",
            "A manager has one review per half-year.",
        ),
    ]

    @api.depends("year", "half")
    def _compute_dates(self):
        for review in self:
            if review.year and review.half:
                start = date(review.year, 1 if review.half == "1" else 7, 1)
                review.date_from = start
                review.date_to = period_end(start, 6)
            else:
                review.date_from = review.date_to = False

    def _facts(self):
        self.ensure_one()
        policy = self.company_id._policy()
        without_cause = not self.objective_cause
        return {
            "good_evaluations_and_growth": self.good_evaluations_and_growth,
            "maintained_revenue_growth": self.revenue_growth
            >= policy.key_account_review_growth,
            "new_customer": bool(self.new_customer_ids),
            "improvement_accepted": self.improvement_accepted,
            "failed_evaluation": self.failed_evaluations >= 1,
            "task_missed": self.task_missed,
            "revenue_decline": without_cause
            and self.revenue_growth <= -policy.key_account_review_decline,
            "incident_not_handled": self.incident_not_handled,
            "two_failed_evaluations": self.failed_evaluations >= 2,
            "customer_lost": self.lost_count > 0 and self.lost_through_poor_support,
            "major_accident": self.major_accident,
            "single_customer_drop": without_cause
            and self.largest_drop >= policy.key_account_review_drop,
        }

    @api.depends(
        "revenue_growth",
        "new_customer_ids",
        "lost_count",
        "largest_drop",
        "good_evaluations_and_growth",
        "improvement_accepted",
        "failed_evaluations",
        "task_missed",
        "incident_not_handled",
        "lost_through_poor_support",
        "major_accident",
        "objective_cause",
    )
    def _compute_proposal(self):
        labels = {
            "good_evaluations_and_growth": self.env._(
                "good evaluations, performance +20%"
            ),
            "maintained_revenue_growth": self.env._("maintained revenue growth"),
            "new_customer": self.env._("new customer introduced"),
            "improvement_accepted": self.env._("major improvement accepted"),
            "failed_evaluation": self.env._("failed monthly evaluation"),
            "task_missed": self.env._("assigned task missed"),
            "revenue_decline": self.env._("maintained revenue declined"),
            "incident_not_handled": self.env._("major incident not handled in time"),
            "two_failed_evaluations": self.env._("two failed monthly evaluations"),
            "customer_lost": self.env._("customer lost through poor support"),
            "major_accident": self.env._("major accident through poor support"),
            "single_customer_drop": self.env._("single customer's revenue dropped"),
        }
        for review in self:
            decision, reasons = propose(review._facts())
            review.proposal = decision
            review.proposal_reasons = ", ".join(labels[reason] for reason in reasons)

    def action_gather(self):
        """Measure the half-year from revenue, accounts and warning cases."""
        Revenue = self.env["key.account.revenue"].sudo()
        for review in self:
            accounts = (
                self.env["res.partner"]
                .sudo()
                .search([("key_account_manager_id", "=", review.user_id.id)])
            )
            before_start = add_months(review.date_from, -6)

            def total(start, end, accounts=accounts):
                rows = Revenue._read_group(
                    [
                        ("partner_id", "in", accounts.ids),
                        ("month", ">=", start),
                        ("month", "<=", end),
                    ],
                    [],
                    ["net:sum"],
                )
                return rows[0][0] or 0.0

            before = total(before_start, review.date_from - timedelta(days=1))
            after = total(review.date_from, review.date_to)
            policy = review.company_id._policy()
            new_customers = accounts.filtered(
                lambda p, r=review: (
                    p.key_account_start_date
                    and r.date_from <= p.key_account_start_date <= r.date_to
                )
            )
            introduced = self.env["res.partner"]
            for partner in new_customers:
                start = first_of_month(partner.key_account_start_date)
                first_three = total(start, period_end(start, 3), accounts=partner)
                if first_three / 3 >= policy.key_account_review_new_customer:
                    introduced |= partner
            cases = (
                self.env["key.account.warning"]
                .sudo()
                .search([("partner_id", "in", accounts.ids)])
            )
            lost = cases.filtered(
                lambda c, r=review: (
                    c.state == "lost"
                    and c.date_closed
                    and r.date_from <= c.date_closed <= r.date_to
                )
            )
            drops = cases.filtered(
                lambda c, r=review: (
                    c.reason == "revenue_drop"
                    and r.date_from <= c.date_open <= r.date_to
                )
            )
            review.write(
                {
                    "grade_id": review.grade_id.id
                    or review.user_id.key_account_grade_id.id,
                    "revenue_before": before,
                    "revenue_after": after,
                    "revenue_growth": growth_percent(before, after),
                    "new_customer_ids": [fields.Command.set(introduced.ids)],
                    "lost_count": len(lost),
                    "largest_drop": max(drops.mapped("drop_percent"), default=0.0),
                }
            )

    def action_decide(self):
        """Apply the manager's decision: a promotion or demotion moves the grade."""
        self.check_access("write")  # the grade is then moved as superuser
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("This review is decided already."))
            if not review.decision:
                raise UserError(
                    self.env._(
                        "Choose a decision for %(user)s.", user=review.user_id.name
                    )
                )
            grade = review.user_id.key_account_grade_id
            steps = {"promote": 1, "demote": -1}.get(review.decision)
            if steps and grade:
                review.user_id.sudo().with_context(
                    key_account_review_id=review.id
                ).key_account_grade_id = grade._step(steps)
            review.state = "decided"
