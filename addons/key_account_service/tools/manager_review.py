"""The manager ladder's half-yearly review (KA-7, handbook 000 section 4.1(2)).

Promote one grade if any one promotion criterion holds; demote if any two
demotion criteria hold; dismiss if any one dismissal criterion holds. The
system proposes; a manager decides. Dismissal weighs more than demotion, and
demotion more than promotion.

Pure functions: no Odoo import, so the rules are tested without a database.
"""

PROMOTION = (
    "good_evaluations_and_growth",  # evaluation good for 3 months, performance +20%
    "maintained_revenue_growth",  # maintained customers' revenue +30%
    "new_customer",  # introduced a customer of 50,000+/month (3-month average)
    "improvement_accepted",  # a major improvement accepted by the company
)
DEMOTION = (
    "failed_evaluation",  # one failed monthly admin evaluation
    "task_missed",  # an assigned task missed, with consequences
    "revenue_decline",  # maintained revenue -10% without objective cause
    "incident_not_handled",  # a major incident not reported or solved in time
)
DISMISSAL = (
    "two_failed_evaluations",  # two failed monthly admin evaluations
    "customer_lost",  # a customer lost through poor support
    "major_accident",  # a major accident through poor support
    "single_customer_drop",  # one customer's monthly revenue -20%, no objective cause
)


def propose(facts):
    """("promote" | "keep" | "demote" | "dismiss", [criteria met]) for ``facts``.

    ``facts`` maps criterion names of PROMOTION, DEMOTION and DISMISSAL to
    booleans; missing names count as not met.
    """
    met = {name for name, value in facts.items() if value}
    dismissal = [name for name in DISMISSAL if name in met]
    if dismissal:
        return "dismiss", dismissal
    demotion = [name for name in DEMOTION if name in met]
    if len(demotion) >= 2:
        return "demote", demotion
    promotion = [name for name in PROMOTION if name in met]
    if promotion:
        return "promote", promotion
    return "keep", demotion  # a single demotion criterion is noted, not acted on


def growth_percent(before, after):
    """Revenue growth from ``before`` to ``after`` in percent (0 without a base)."""
    if before <= 0:
        return 0.0
    return (after - before) * 100.0 / before
