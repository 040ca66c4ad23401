"""Working-day arithmetic on a calendar's working dates: no Odoo import."""


def add_working_days(start, days, working_dates):
    """The ``days``-th working date after ``start`` (``start`` itself not counted).

    ``working_dates`` are the calendar's working dates after ``start``, sorted;
    None when they do not reach that far.
    """
    later = [day for day in working_dates if day > start]
    return later[days - 1] if 0 < days <= len(later) else None
