"""The manager ladder's half-yearly review (KA-7, handbook 000 section 4.1(2)).

Promote one grade if any one promotion criterion holds; demote if any two
demotion criteria hold; dismiss if any one dismissal criterion holds. The
system proposes; a manager decides. Dismissal weighs more than demotion, and
demotion more than promotion.

Pure functions: no Odoo import, so the rules are tested without a database.
"""

from datetime import timedelta

ONE_DAY = timedelta(days=1)

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


def held_throughout(periods, date_from, date_to):
    """Whether ``periods`` ((first day, last day) pairs) cover every day from
    ``date_from`` to ``date_to``: the manager held the customer the whole time
    (原有支持客户, an existing customer of the half-year)."""
    covered_to = None
    for start, end in sorted(periods):
        if covered_to is None:
            if start > date_from:
                return False
            covered_to = end
        elif start > covered_to + ONE_DAY:
            return False
        else:
            covered_to = max(covered_to, end)
        if covered_to >= date_to:
            return True
    return False


def introduced(first_three_months, threshold):
    """A newly introduced customer counts when the average of its first three
    months reaches ``threshold`` (inclusive: 五万元以上)."""
    months = list(first_three_months)[:3]
    return len(months) == 3 and sum(months) / 3 >= threshold


def evaluation_counts(results):
    """(good, failed) monthly administrative evaluations among ``results``."""
    results = list(results)
    return results.count("good"), results.count("fail")


def good_evaluations_and_growth(good, months_needed, growth, growth_needed):
    """Promotion criterion 1: evaluations good (良以上) in ``months_needed``
    months of the half, and overall performance up ``growth_needed`` percent."""
    return good >= months_needed and growth >= growth_needed


def promotion_steps(current_rank, target_rank):
    """How many grades a promotion from ``current_rank`` to ``target_rank`` jumps."""
    return target_rank - current_rank
