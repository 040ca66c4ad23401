from odoo import fields, models
from odoo.tools import SQL

RATES = {
    "coverage": ("covered_count", "due_count", 100.0, 0.0),
    "response_rate": ("answered_count", "invited_count", 100.0, 0.0),
    "satisfaction_rate": ("satisfied_count", "answered_count", 100.0, 0.0),
    "score": ("score_sum", "answered_count", 1.0, 0.0),
    "callback_rate": ("callback_done_count", "callback_due_count", 100.0, 0.0),
    "callback_on_time_rate": (
        "callback_on_time_count",
        "callback_due_count",
        100.0,
        0.0,
    ),
}


class KeyAccountSatisfaction(models.Model):
    """Customer satisfaction per account, manager, branch and month (issue 21):
    the accounts surveyed and their answers (from the campaigns, as each
    account was when surveyed) beside the return visits due that month.

    Coverage is accounts with a contact invited among those due; the response
    rate, answers among invitations; satisfaction, satisfied answers among
    answers; the score, the average answer's share of the best; the callback
    rate, return visits done among those done or missed; on time, those done
    within the grace period. Grouped, each is the rate of the summed counts.
    """

    _name = "key.account.satisfaction"
    _description = "Customer Satisfaction Figures"
    _inherit = ["grouped.rate.mixin"]
    _auto = False
    _order = "month desc, id"
    _rec_name = "partner_id"
    _grouped_rates = RATES
    _depends = {
        "key.account.survey.line": [
            "partner_id",
            "user_id",
            "company_id",
            "band_id",
            "month",
            "due_count",
            "covered_count",
            "invited_count",
            "answered_count",
            "satisfied_count",
            "score_sum",
        ],
        "key.account.visit": [
            "partner_id",
            "user_id",
            "company_id",
            "band_id",
            "date_planned",
            "source",
            "state",
            "compliance",
        ],
    }

    partner_id = fields.Many2one("res.partner", string="Key Account", readonly=True)
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    company_id = fields.Many2one("res.company", string="Branch", readonly=True)
    band_id = fields.Many2one("key.account.band", readonly=True)
    month = fields.Date(readonly=True)
    due_count = fields.Integer(string="Accounts Due", readonly=True)
    covered_count = fields.Integer(string="Accounts Surveyed", readonly=True)
    invited_count = fields.Integer(string="Invitations", readonly=True)
    answered_count = fields.Integer(string="Answers", readonly=True)
    satisfied_count = fields.Integer(string="Satisfied Answers", readonly=True)
    score_sum = fields.Float(string="Sum of Scores", readonly=True)
    callback_due_count = fields.Integer(
        string="Return Visits Due",
        readonly=True,
        help="Return visits done or missed.",
    )
    callback_done_count = fields.Integer(string="Return Visits Made", readonly=True)
    callback_on_time_count = fields.Integer(
        string="Return Visits on Time", readonly=True
    )
    coverage = fields.Float(
        string="Survey Coverage (%)", readonly=True, aggregator="avg"
    )
    response_rate = fields.Float(
        string="Response Rate (%)", readonly=True, aggregator="avg"
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)", readonly=True, aggregator="avg"
    )
    score = fields.Float(string="Average Score (%)", readonly=True, aggregator="avg")
    callback_rate = fields.Float(
        string="Return Visit Rate (%)", readonly=True, aggregator="avg"
    )
    callback_on_time_rate = fields.Float(
        string="Return Visits on Time (%)", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        def rate(numerator, denominator, factor):
            return SQL(
                "CASE WHEN %(den)s > 0 THEN ROUND((%(factor)s * %(num)s "
                "/ %(den)s)::numeric, 2) ELSE 0 END",
                num=SQL.identifier(numerator),
                den=SQL.identifier(denominator),
                factor=factor,
            )

        rates = SQL(", ").join(
            SQL("%s AS %s", rate(num, den, factor), SQL.identifier(name))
            for name, (num, den, factor, _empty) in RATES.items()
        )
        return SQL(
            """
WITH figures AS (
    SELECT 2 * l.id AS id, l.partner_id, l.user_id, l.company_id, l.band_id,
           l.month, l.due_count, l.covered_count, l.invited_count,
           l.answered_count, l.satisfied_count, l.score_sum,
           0 AS callback_due_count, 0 AS callback_done_count,
           0 AS callback_on_time_count
      FROM key_account_survey_line l
    UNION ALL
    SELECT 2 * v.id + 1, v.partner_id, v.user_id, v.company_id, v.band_id,
           date_trunc('month', v.date_planned)::date,
           0, 0, 0, 0, 0, 0.0,
           (v.compliance IN ('on_time', 'late', 'missed'))::int,
           (v.compliance IN ('on_time', 'late'))::int,
           (v.compliance = 'on_time')::int
      FROM key_account_visit v
     WHERE v.source = 'callback' AND v.state != 'cancelled'
)
SELECT *, %s FROM figures
""",
            rates,
        )
