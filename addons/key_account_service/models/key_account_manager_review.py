from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import add_months, first_of_month, last_of_month, period_end
from ..tools.manager_review import (
    evaluation_counts,
    good_evaluations_and_growth,
    growth_percent,
    held_throughout,
    introduced,
    promotion_steps,
    propose,
)

DECISIONS = [
    ("promote", "Promote"),
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
    retained_partner_ids = fields.Many2many(
        "res.partner",
        "key_account_manager_review_retained_rel",
        "review_id",
        "partner_id",
        string="Existing Customers",
        readonly=True,
        help="The customers the manager held every day of the half-year, by the "
        "roster: the growth and the decline are measured on them.",
    )
    new_customer_ids = fields.Many2many(
        "res.partner",
        string="New Customers Introduced",
        readonly=True,
        check_company=True,
        help="Customers the manager brought in (handed over by the manager) whose "
        "third month falls in the half-year, averaging the policy's amount over "
        "their first three months.",
    )
    overall_before = fields.Monetary(
        string="Overall Revenue, Previous Half",
        readonly=True,
        help="Revenue of every account the manager held at each month's end.",
    )
    overall_after = fields.Monetary(string="Overall Revenue, This Half", readonly=True)
    overall_growth = fields.Float(
        string="Overall Performance Growth (%)", readonly=True, digits=(16, 1)
    )
    evaluation_ids = fields.Many2many(
        "key.account.manager.evaluation",
        string="Monthly Evaluations",
        compute="_compute_evaluation_ids",
    )
    good_evaluations = fields.Integer(string="Good Monthly Evaluations", readonly=True)
    lost_count = fields.Integer(string="Customers Lost", readonly=True)
    largest_drop = fields.Float(
        string="Largest Single-Customer Drop (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="max",
    )
    good_evaluations_and_growth = fields.Boolean(
        string="Good Evaluations, Performance +20%",
        readonly=True,
        help="Administrative evaluation good for the policy's number of months, "
        "and overall performance up by the policy's growth.",
    )
    failed_evaluations = fields.Integer(
        string="Failed Monthly Evaluations", readonly=True
    )
    # Judged by people.
    improvement_accepted = fields.Boolean(string="Major Improvement Accepted")
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
    target_grade_id = fields.Many2one(
        "key.account.manager.grade",
        string="Promote To",
        tracking=True,
        help="Empty: one grade up. More than one grade up (跨等升级) needs a reason.",
    )
    promotion_reason = fields.Text(
        string="Reason for Promotion across Grades", tracking=True
    )
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
            "failed_evaluation": self.failed_evaluations
            >= policy.key_account_review_failed_demote,
            "task_missed": self.task_missed,
            "revenue_decline": without_cause
            and self.revenue_growth <= -policy.key_account_review_decline,
            "incident_not_handled": self.incident_not_handled,
            "two_failed_evaluations": self.failed_evaluations
            >= policy.key_account_review_failed_dismiss,
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
            # the growth the review asks for is the headquarters' policy
            growth = review.company_id._policy().key_account_review_overall_growth
            growth = f"{growth:g}"  # not inside _(): babel would evaluate it
            labels["good_evaluations_and_growth"] = self.env._(
                "good evaluations, performance +%(growth)s%%", growth=growth
            )
            decision, reasons = propose(review._facts())
            review.proposal = decision
            review.proposal_reasons = ", ".join(labels[reason] for reason in reasons)

    @api.depends("user_id", "company_id", "date_from", "date_to")
    def _compute_evaluation_ids(self):
        Evaluation = self.env["key.account.manager.evaluation"]
        for review in self:
            review.evaluation_ids = (
                Evaluation.search(review._evaluation_domain())
                if review.user_id and review.date_from
                else Evaluation
            )

    def _evaluation_domain(self):
        self.ensure_one()
        return [
            ("user_id", "=", self.user_id.id),
            # whoever recorded it, at headquarters or in a branch of the group
            ("company_id", "child_of", self.company_id._policy().id),
            ("month", ">=", self.date_from),
            ("month", "<=", self.date_to),
        ]

    def _roster_lines(self, date_from, date_to):
        """The manager's roster lines (who held which account) between two days."""
        self.ensure_one()
        return (
            self.env["key.account.roster"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("month", ">=", first_of_month(date_from)),
                    ("month", "<=", date_to),
                ]
            )
        )

    def _revenue(self, pairs_or_partners, date_from, date_to):
        """Net revenue between two months, of partners or of (partner, month) pairs."""
        Revenue = self.env["key.account.revenue"].sudo()
        if isinstance(pairs_or_partners, models.BaseModel):
            partners, pairs = pairs_or_partners, None
        else:
            pairs = set(pairs_or_partners)
            partners = self.env["res.partner"].browse({p for p, _m in pairs})
        rows = Revenue._read_group(
            [
                ("partner_id", "in", partners.ids),
                ("month", ">=", date_from),
                ("month", "<=", date_to),
            ],
            ["partner_id", "month:month"],
            ["net:sum"],
        )
        return sum(
            net
            for partner, month, net in rows
            if pairs is None or (partner.id, first_of_month(month)) in pairs
        )

    def _measure_portfolio(self):
        """Existing customers and their growth, overall growth, accounts held."""
        self.ensure_one()
        before_start = add_months(self.date_from, -6)
        before_end = self.date_from - timedelta(days=1)
        lines = self._roster_lines(before_start, self.date_to)
        half_lines = lines.filtered(lambda line: line.month >= self.date_from)
        retained = half_lines.partner_id.filtered(
            lambda p: held_throughout(
                [
                    (line.date_from, line.date_to)
                    for line in half_lines
                    if line.partner_id == p
                ],
                self.date_from,
                self.date_to,
            )
        )
        # Overall: each month's revenue of the accounts held at its end.
        held_at_month_end = {
            (line.partner_id.id, line.month)
            for line in lines
            if line.date_to == last_of_month(line.month)
        }
        return {
            "retained": retained,
            "held": half_lines.partner_id,
            "before": self._revenue(retained, before_start, before_end),
            "after": self._revenue(retained, self.date_from, self.date_to),
            "overall_before": self._revenue(
                held_at_month_end, before_start, before_end
            ),
            "overall_after": self._revenue(
                held_at_month_end, self.date_from, self.date_to
            ),
        }

    def _introduced_customers(self):
        """Customers the manager brought in (handed over), of the policy's size.

        A customer counts in the half its third month falls in, when its
        three-month average is known: once, and never lost to a review drafted
        before its third month is over.
        """
        self.ensure_one()
        threshold = self.company_id._policy().key_account_review_new_customer
        handovers = (
            self.env["key.account.handover"]
            .sudo()
            .search(
                [
                    ("submitted_by_id", "=", self.user_id.id),
                    ("state", "=", "approved"),
                    ("start_date", ">=", add_months(self.date_from, -2)),
                    ("start_date", "<", add_months(self.date_to, -1)),
                ]
            )
        )
        result = self.env["res.partner"]
        for handover in handovers:
            partner = handover.partner_id.commercial_partner_id
            start = first_of_month(handover.start_date)
            months = [add_months(start, i) for i in range(3)]
            nets = [
                self._revenue({(partner.id, month)}, month, month) for month in months
            ]
            if introduced(nets, threshold):
                result |= partner
        return result

    def action_gather(self):
        """Measure the half-year from the roster, revenue, handovers, monthly
        evaluations and warning cases."""
        for review in self:
            policy = review.company_id._policy()
            portfolio = review._measure_portfolio()
            held = portfolio["held"]
            cases = (
                self.env["key.account.warning"]
                .sudo()
                .search([("partner_id", "in", held.ids)])
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
            good, failed = evaluation_counts(
                self.env["key.account.manager.evaluation"]
                .sudo()
                .search(review._evaluation_domain())
                .mapped("result")
            )
            # Judged on the figures as shown (0.1%), so what a manager reads and
            # what the proposal says agree.
            growth = round(growth_percent(portfolio["before"], portfolio["after"]), 1)
            overall_growth = round(
                growth_percent(portfolio["overall_before"], portfolio["overall_after"]),
                1,
            )
            review.write(
                {
                    "grade_id": review.grade_id.id
                    or review.user_id.key_account_grade_id.id,
                    "retained_partner_ids": [
                        fields.Command.set(portfolio["retained"].ids)
                    ],
                    "revenue_before": portfolio["before"],
                    "revenue_after": portfolio["after"],
                    "revenue_growth": growth,
                    "overall_before": portfolio["overall_before"],
                    "overall_after": portfolio["overall_after"],
                    "overall_growth": overall_growth,
                    "new_customer_ids": [
                        fields.Command.set(review._introduced_customers().ids)
                    ],
                    "good_evaluations": good,
                    "failed_evaluations": failed,
                    "good_evaluations_and_growth": good_evaluations_and_growth(
                        good,
                        policy.key_account_review_good_months,
                        overall_growth,
                        policy.key_account_review_overall_growth,
                    ),
                    "lost_count": len(lost),
                    "largest_drop": max(drops.mapped("drop_percent"), default=0.0),
                }
            )

    @api.constrains("decision", "target_grade_id", "promotion_reason", "grade_id")
    def _check_target_grade(self):
        for review in self:
            if review.decision != "promote" or not review.target_grade_id:
                continue
            current = review.grade_id or review.user_id.key_account_grade_id
            if not current:
                continue  # a first grade, not a promotion
            steps = promotion_steps(current.rank, review.target_grade_id.rank)
            if steps < 1:
                raise ValidationError(
                    self.env._(
                        "%(user)s: a promotion goes above the grade %(grade)s.",
                        user=review.user_id.name,
                        grade=current.name,
                    )
                )
            if steps > 1 and not (review.promotion_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(user)s: a promotion across more than one grade, to "
                        "%(grade)s, needs a reason.",
                        user=review.user_id.name,
                        grade=review.target_grade_id.name,
                    )
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
            target = grade and steps and grade._step(steps)
            if review.decision == "promote" and review.target_grade_id:
                target = review.target_grade_id
            if target:
                review.user_id.sudo().with_context(
                    key_account_review_id=review.id,
                    key_account_grade_note=review.promotion_reason,
                ).key_account_grade_id = target
            review.state = "decided"

    @api.model
    def _note_typed_evaluations(self):
        """Reviews to decide whose evaluation figures were typed by hand (before
        18.0.1.9.0) say which, before a new measure replaces them."""
        typed = self.search(
            [
                ("state", "=", "draft"),
                "|",
                ("failed_evaluations", ">", 0),
                ("good_evaluations_and_growth", "=", True),
            ]
        )
        for review in typed:
            review.message_post(
                body=self.env._(
                    "Typed before monthly evaluations were recorded: %(failed)s "
                    "failed months, good evaluations with +20%%: %(good)s. Record "
                    "the months under Monthly Evaluations, then measure the "
                    "half-year again.",
                    failed=review.failed_evaluations,
                    good=self.env._("yes")
                    if review.good_evaluations_and_growth
                    else self.env._("no"),
                )
            )
        return typed

    # ---- the half-yearly job ---------------------------------------------------

    @api.model
    def _last_half(self, today):
        """(year, half) of the last complete half-year before ``today``."""
        return (today.year - 1, "2") if today.month <= 6 else (today.year, "1")

    @api.model
    def _cron_draft_reviews(self, batch_size=100):
        """Draft and measure the last half-year's review of every account manager.

        Contract-shaped: the managers come from ``_get_draft_reviews_domain``,
        each company's get their reviews from ``_draft_reviews`` in that company.
        Idempotent: a manager with a review of the half leaves the domain, so a
        rerun never makes a second one.
        """
        today = fields.Date.context_today(self)
        year, half = self._last_half(today)
        last_month = add_months(date(year, 7 if half == "2" else 1, 1), 5)
        if add_months(last_month, 1) == first_of_month(today):
            # The half's last month must be on the roster; its own cron
            # normally did it already, today's managers still hold the accounts.
            Roster = self.env["key.account.roster"].sudo()
            Roster._snapshot(
                last_month,
                self.env["res.partner"]
                .sudo()
                .search(Roster._get_snapshot_domain(last_month)),
            )
        Users = self.env["res.users"].sudo()
        domain = self._get_draft_reviews_domain(year, half)
        users = Users.search(domain, limit=batch_size, order="company_id, id")
        for company, batch in users.grouped("company_id").items():
            self.sudo().with_company(company)._draft_reviews(batch, year, half)
        self.env["ir.cron"]._notify_progress(
            done=len(users), remaining=Users.search_count(domain)
        )

    @api.model
    def _get_draft_reviews_domain(self, year, half):
        """Users who held key accounts in the half and have no review of it yet."""
        start = date(year, 1 if half == "1" else 7, 1)
        held = (
            self.env["key.account.roster"]
            .sudo()
            ._search(
                [
                    ("month", ">=", start),
                    ("month", "<=", period_end(start, 6)),
                    ("user_id", "!=", False),
                ]
            )
        )
        reviewed = self.sudo()._search([("year", "=", year), ("half", "=", half)])
        return [
            ("share", "=", False),
            ("id", "in", held.subselect(SQL.identifier(held.table, "user_id"))),
            (
                "id",
                "not in",
                reviewed.subselect(SQL.identifier(reviewed.table, "user_id")),
            ),
        ]

    @api.model
    def _draft_reviews(self, users, year, half):
        """Draft the reviews of ``users`` for the half in the current company."""
        reviews = self.create(
            [self._prepare_review_vals(user, year, half) for user in users]
        )
        reviews.action_gather()
        return reviews

    @api.model
    def _prepare_review_vals(self, user, year, half):
        return {
            "user_id": user.id,
            "company_id": self.env.company.id,
            "year": year,
            "half": half,
        }
