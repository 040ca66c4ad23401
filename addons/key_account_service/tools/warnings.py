"""At-risk key accounts (KA-6): revenue drops and lost accounts.

Pure functions: no Odoo import, so the rules are tested without a database.
"""

LEVELS = ("warning", "serious", "lost")


def drop_percent(reference, amount):
    """How far ``amount`` fell below ``reference``, in percent (0 when it did not)."""
    if reference <= 0:
        return 0.0
    return max(0.0, (reference - amount) * 100.0 / reference)


def drop_level(reference, amount, warning_percent, serious_percent):
    """ "serious", "warning" or None for a month of ``amount`` against ``reference``."""
    drop = drop_percent(reference, amount)
    if reference <= 0:
        return None
    if drop >= serious_percent:
        return "serious"
    if drop >= warning_percent:
        return "warning"
    return None


def drop_case_action(level, amount):
    """What a month does to the revenue-drop case: "open", "recover" or None.

    ``level`` is the month's ``drop_level``. A month with no revenue against a
    positive reference is a 100% drop: it opens (or keeps) a serious case at
    once, before the "lost" rule can apply. Only a month with revenue and no
    drop recovers the case; an empty month without a reference leaves it as is.
    """
    if level:
        return "open"
    if amount > 0:
        return "recover"
    return None


def is_lost(recent_nets, earlier_nets):
    """No revenue in any recent month, after revenue in the months before them."""
    return (
        bool(recent_nets)
        and all(net <= 0 for net in recent_nets)
        and sum(earlier_nets) > 0
    )


def more_severe(first, second):
    """The more severe of two levels (None counts as no level)."""
    rank = {level: index for index, level in enumerate(LEVELS)}
    return max(first, second, key=lambda level: rank.get(level, -1))
