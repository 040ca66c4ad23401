from odoo import api, fields, models
from odoo.tools import SQL

# Each indicator is a rate of counts summed over any group (an agent's
# month, a queue's day, a branch): rate = factor × numerator / denominator.
# 000 §10 lists the call-centre indicators by name only; these are the usual
# definitions of those the switch's call records give.
RATES = {
    # calls nobody answered among the calls offered (呼叫放弃率)
    "abandon_rate": ("abandoned_count", "offered_count", 100.0, 0.0),
    # answered within the policy's seconds among the calls offered (服务水平)
    "service_level": ("in_time_count", "offered_count", 100.0, 0.0),
    # every call's wait, answered or not (平均等待时间)
    "average_wait": ("wait_total", "offered_count", 1.0, 0.0),
    # the wait of the answered calls: speed of answer (平均应答速度)
    "average_answer": ("answer_wait_total", "answered_count", 1.0, 0.0),
    # how long callers waited before giving up (平均放弃时间)
    "average_abandon": ("abandon_wait_total", "abandoned_count", 1.0, 0.0),
    # (平均通话时间)
    "average_talk": ("talk_total", "answered_count", 1.0, 0.0),
    # talk and after-call work per answered call: the acceptance time of
    # 000 §3.5, under 3 minutes a call
    "average_handling": ("handling_total", "answered_count", 1.0, 0.0),
    # answered calls per hour of handling (每小时呼叫次数): the switch's
    # records hold no log-in times, so the hours are those spent on calls
    "calls_per_hour": ("answered_count", "handling_total", 3600.0, 0.0),
}


class CourierCallIndicator(models.Model):
    """The call-centre indicators of each agent, queue and day (CL-9).

    Read from the calls as they are: each row sums one branch's calls of a
    day (in the branch's calendar's time zone) for one agent and queue, and
    every grouped read (pivot, graph, the monthly report) recomputes the
    rates from the summed counts, so a month's abandonment rate is the
    month's abandoned calls among its offered calls, not an average of days.
    The service level counts the calls answered within headquarters' policy
    seconds (Settings).
    """

    _name = "courier.call.indicator"
    _description = "Call-Centre Indicators"
    _inherit = ["grouped.rate.mixin"]
    _auto = False
    _order = "day desc, company_id, agent_id, queue_id"
    _grouped_rates = RATES
    _depends = {
        "courier.call": [
            "company_id",
            "agent_id",
            "queue_id",
            "start",
            "disposition",
            "wait_seconds",
            "talk_seconds",
            "wrap_seconds",
        ],
        "res.company": [
            "parent_path",
            "resource_calendar_id",
            "courier_call_service_seconds",
        ],
        "resource.calendar": ["tz"],
    }

    day = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", string="Branch", readonly=True)
    agent_id = fields.Many2one("res.users", readonly=True)
    queue_id = fields.Many2one("courier.call.queue", readonly=True)
    offered_count = fields.Integer(string="Calls Offered", readonly=True)
    answered_count = fields.Integer(string="Calls Answered", readonly=True)
    abandoned_count = fields.Integer(
        string="Calls Abandoned",
        readonly=True,
        help="Offered and not answered: the caller hung up, or the line was "
        "busy, failed or congested.",
    )
    in_time_count = fields.Integer(
        string="Answered in Time",
        readonly=True,
        help="Answered within the service level's seconds (Settings).",
    )
    wait_total = fields.Integer(string="Wait (s)", readonly=True)
    answer_wait_total = fields.Integer(string="Wait before Answer (s)", readonly=True)
    abandon_wait_total = fields.Integer(
        string="Wait before Abandoning (s)", readonly=True
    )
    talk_total = fields.Integer(string="Talk (s)", readonly=True)
    handling_total = fields.Integer(
        string="Handling (s)", readonly=True, help="Talk and after-call work."
    )
    longest_wait = fields.Integer(
        string="Longest Wait (s)", readonly=True, aggregator="max"
    )
    abandon_rate = fields.Float(
        string="Abandonment Rate (%)", readonly=True, aggregator="avg"
    )
    service_level = fields.Float(
        string="Service Level (%)",
        readonly=True,
        aggregator="avg",
        help="Calls answered within the service level's seconds among the "
        "calls offered.",
    )
    average_wait = fields.Float(
        string="Average Wait (s)", readonly=True, aggregator="avg"
    )
    average_answer = fields.Float(
        string="Average Speed of Answer (s)",
        readonly=True,
        aggregator="avg",
        help="The average wait of the answered calls.",
    )
    average_abandon = fields.Float(
        string="Average Time to Abandon (s)", readonly=True, aggregator="avg"
    )
    average_talk = fields.Float(
        string="Average Talk (s)", readonly=True, aggregator="avg"
    )
    average_handling = fields.Float(
        string="Average Handling (s)",
        readonly=True,
        aggregator="avg",
        help="Talk and after-call work per answered call: the acceptance time "
        "the manual wants under 3 minutes a call.",
    )
    calls_per_hour = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Answered calls per hour spent handling calls (the switch records "
        "no log-in hours).",
    )

    @property
    def _table_query(self):
        rates = SQL(", ").join(
            SQL(
                "CASE WHEN %(den)s > 0 THEN ROUND(%(factor)s * %(num)s::numeric "
                "/ %(den)s, 2) ELSE %(empty)s END AS %(rate)s",
                num=SQL.identifier(num),
                den=SQL.identifier(den),
                factor=factor,
                empty=empty,
                rate=SQL.identifier(rate),
            )
            for rate, (num, den, factor, empty) in RATES.items()
        )
        return SQL(
            """
SELECT *, %(rates)s FROM (
    SELECT min(c.id) AS id,
           (c.start AT TIME ZONE 'UTC'
                    AT TIME ZONE COALESCE(cal.tz, 'UTC'))::date AS day,
           c.company_id, c.agent_id, c.queue_id,
           count(*) AS offered_count,
           count(*) FILTER (WHERE c.disposition = 'answered') AS answered_count,
           count(*) FILTER (WHERE c.disposition <> 'answered') AS abandoned_count,
           count(*) FILTER (
               WHERE c.disposition = 'answered'
                 AND c.wait_seconds <= COALESCE(root.courier_call_service_seconds, 20)
           ) AS in_time_count,
           COALESCE(sum(c.wait_seconds), 0) AS wait_total,
           COALESCE(sum(c.wait_seconds) FILTER (
               WHERE c.disposition = 'answered'), 0) AS answer_wait_total,
           COALESCE(sum(c.wait_seconds) FILTER (
               WHERE c.disposition <> 'answered'), 0) AS abandon_wait_total,
           COALESCE(sum(c.talk_seconds), 0) AS talk_total,
           COALESCE(sum(c.talk_seconds + COALESCE(c.wrap_seconds, 0)) FILTER (
               WHERE c.disposition = 'answered'), 0) AS handling_total,
           COALESCE(max(c.wait_seconds), 0) AS longest_wait
      FROM courier_call c
      JOIN res_company co ON co.id = c.company_id
      JOIN res_company root ON root.id = split_part(co.parent_path, '/', 1)::int
      LEFT JOIN resource_calendar cal ON cal.id = co.resource_calendar_id
     GROUP BY 2, c.company_id, c.agent_id, c.queue_id
) AS counts
""",
            rates=rates,
        )

    @api.model
    def _month_figures(self, company, month_start, month_end, groupby=()):
        """The month's indicators of ``company`` (dicts of every count and
        rate), grouped by ``groupby`` (e.g. ``["agent_id"]``), with each
        agent's days with calls when grouped by agent."""
        counts = sorted(
            {name for spec in RATES.values() for name in spec[:2]}
            | {"offered_count", "abandoned_count"}
        )
        groups = self.read_group(
            [
                ("company_id", "=", company.id),
                ("day", ">=", month_start),
                ("day", "<", month_end),
            ],
            [f"{name}:sum" for name in counts]
            + ["longest_wait:max"]
            + [f"{rate}:avg" for rate in RATES],
            list(groupby) + (["day:day"] if "agent_id" in groupby else []),
            lazy=False,
        )
        if "agent_id" not in groupby:
            return groups
        # one row per agent, its days with calls counted
        merged = {}
        for group in groups:
            key = tuple(group[name] for name in groupby)
            row = merged.setdefault(
                key,
                {
                    **{name: group[name] for name in groupby},
                    "days": 0,
                    "longest_wait": 0,
                },
            )
            row["days"] += 1
            row["longest_wait"] = max(row["longest_wait"], group["longest_wait"] or 0)
            for name in counts:
                row[name] = row.get(name, 0) + (group[name] or 0)
        for row in merged.values():
            for rate, (num, den, _factor, _empty) in RATES.items():
                row[rate] = self._grouped_rate(rate, row[num], row[den])
        return list(merged.values())
