from odoo import fields, models

from ..tools import add_months, first_of_month

# an answer to a question at or below this (of 5) names a cause of dissatisfaction
DISSATISFIED_ANSWER = 2


class KeyAccountSatisfactionSummary(models.TransientModel):
    """The monthly customer satisfaction report (客户满意度调查报告, 002 part 1
    §5 art.21-22): each branch's, and the consolidated one headquarters
    sends on, with the scores by question, the causes of dissatisfaction,
    the twelve months' trend and the accounts below target with their
    return visits."""

    _name = "key.account.satisfaction.summary"
    _description = "Monthly Customer Satisfaction Report"

    month = fields.Date(
        required=True,
        default=lambda self: add_months(
            first_of_month(fields.Date.context_today(self)), -1
        ),
        help="Any day of the month to report on.",
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Branches",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
        help="One report per branch; with several, a consolidated one first.",
    )

    def _sections(self):
        """(title, companies) of each report: the consolidated one, then each
        branch's."""
        self.ensure_one()
        branches = self.company_ids.sorted("name")
        sections = [(branch.name, branch) for branch in branches]
        if len(branches) > 1:
            sections.insert(0, (self.env._("Consolidated: all branches"), branches))
        return sections

    def _figures(self, companies, start, stop=None):
        """The month's rates of summed counts for ``companies``."""
        stop = stop or add_months(start, 1)
        groups = self.env["key.account.satisfaction"].read_group(
            [
                ("company_id", "in", companies.ids),
                ("month", ">=", start),
                ("month", "<", stop),
            ],
            [
                "due_count:sum",
                "covered_count:sum",
                "answered_count:sum",
                "callback_due_count:sum",
                "callback_done_count:sum",
                "coverage",
                "response_rate",
                "satisfaction_rate",
                "score",
                "callback_rate",
                "callback_on_time_rate",
            ],
            [],
        )
        return groups[0] if groups else {}

    def _targets(self, companies):
        policy = companies[:1]._policy()
        return {
            "coverage": policy.key_account_survey_coverage_target,
            "satisfaction": policy.key_account_satisfaction_target,
            "callback": policy.key_account_callback_target,
            "satisfied_score": policy.key_account_survey_satisfied_score,
        }

    def _answer_lines(self, companies):
        start = first_of_month(self.month)
        return self.env["survey.user_input.line"].search(
            [
                ("key_account_company_id", "in", companies.ids),
                ("user_input_id.key_account_line_id.month", ">=", start),
                ("user_input_id.key_account_line_id.month", "<", add_months(start, 1)),
                ("user_input_id.state", "=", "done"),
                ("user_input_id.test_entry", "=", False),
            ]
        )

    def _by_question(self, companies):
        """Per scored question: answers, average score (of 5) and the
        answers at or below "dissatisfied" (the causes)."""
        lines = self._answer_lines(companies).filtered(
            lambda line: line.answer_type == "suggestion"
        )
        rows = []
        for question, answers in lines.grouped("question_id").items():
            scores = answers.mapped("answer_score")
            rows.append(
                {
                    "question": question.title,
                    "sequence": question.sequence,
                    "answers": len(scores),
                    "average": round(sum(scores) / len(scores), 2),
                    "dissatisfied": len(
                        [s for s in scores if s <= DISSATISFIED_ANSWER]
                    ),
                }
            )
        return sorted(rows, key=lambda row: row["sequence"])

    def _suggestions(self, companies):
        lines = self._answer_lines(companies).filtered(
            lambda line: line.answer_type == "text_box" and line.value_text_box
        )
        return [
            (line.user_input_id.key_account_partner_id.name, line.value_text_box)
            for line in lines
        ]

    def _trend(self, companies):
        """The twelve months up to the report's: satisfaction and coverage."""
        month = first_of_month(self.month)
        return [
            (start, self._figures(companies, start))
            for start in (add_months(month, -offset) for offset in range(11, -1, -1))
        ]

    def _below_target(self, companies):
        """Accounts whose month's satisfaction is below target, with their
        return visits of the month and after: what was done."""
        start = first_of_month(self.month)
        target = self._targets(companies)["satisfaction"]
        groups = self.env["key.account.satisfaction"].read_group(
            [
                ("company_id", "in", companies.ids),
                ("month", ">=", start),
                ("month", "<", add_months(start, 1)),
                ("answered_count", ">", 0),
            ],
            ["satisfaction_rate", "score"],
            ["partner_id"],
        )
        Partner = self.env["res.partner"]
        Visit = self.env["key.account.visit"]
        rows = []
        for group in groups:
            if group["satisfaction_rate"] >= target:
                continue
            partner = Partner.browse(group["partner_id"][0])
            callbacks = Visit.search(
                [
                    ("partner_id", "=", partner.id),
                    ("source", "=", "callback"),
                    ("date_planned", ">=", start),
                ],
                order="date_planned",
            )
            rows.append(
                {
                    "partner": partner,
                    "satisfaction": group["satisfaction_rate"],
                    "score": group["score"],
                    "callbacks": callbacks,
                }
            )
        return rows

    def action_print(self):
        return self.env.ref(
            "key_account_service.action_report_satisfaction_summary"
        ).report_action(self)
