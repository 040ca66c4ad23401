from odoo import api, models
from odoo.models import regex_field_agg

# what a grouped rate is recomputed for: its own aggregate, or none given
RATE_AGGREGATES = (None, "avg", "sum")


class GroupedRateMixin(models.AbstractModel):
    """Rates that add up: a group's rate is the rate of its summed counts.

    A stored rate of one record (signed / needed, on time / shipped) is right
    for that record, but neither its sum nor its average is the rate of a
    group: 1 of 1 and 0 of 9 are 10%, not 50%. Configured by a class
    attribute,

    ``_grouped_rates = {rate: (numerator, denominator, factor, when_empty)}``

    with the numerator and denominator stored counts summed over the group
    (a numerator ``(a, b)`` is the sum of ``a`` less the sum of ``b``: a growth),
    ``factor`` 100 for a percentage (1000 for a rate per thousand) and
    ``when_empty`` the rate of a group with nothing to count. Every grouped
    read (list group rows, pivot, graph, dashboard panels) goes through
    ``read_group``, which recomputes the rates from the sums; Python
    callers use ``_grouped_rate`` on their own sums.
    """

    _name = "grouped.rate.mixin"
    _description = "Rates Grouped from Their Counts"
    _grouped_rates = {}

    @api.model
    def _grouped_rate(self, rate, numerator, denominator):
        """``rate``'s value for summed counts ``numerator`` of ``denominator``."""
        _num, _den, factor, when_empty = self._grouped_rates[rate]
        if not denominator:
            return when_empty
        return round(factor * (numerator or 0) / denominator, 2)

    @api.model
    def _grouped_rate_counts(self, rate):
        """The stored counts ``rate`` is computed from."""
        numerator, denominator = self._grouped_rates[rate][:2]
        if isinstance(numerator, str):
            numerator = (numerator,)
        return (*numerator, denominator)

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        wanted = {}  # result key -> rate field
        for spec in fields:
            match = regex_field_agg.match(spec)
            if not match:
                continue
            name, func, fname = match.groups()
            rate = fname or name
            if rate in self._grouped_rates and func in RATE_AGGREGATES:
                wanted[name] = rate
        if not wanted:
            return super().read_group(
                domain, fields, groupby, offset, limit, orderby, lazy
            )
        counts = {
            count
            for rate in wanted.values()
            for count in self._grouped_rate_counts(rate)
        }
        extra = [f"__rate_{count}:sum({count})" for count in sorted(counts)]
        groups = super().read_group(
            domain, list(fields) + extra, groupby, offset, limit, orderby, lazy
        )
        for group in groups:
            for key, rate in wanted.items():
                *parts, denominator = (
                    group.get(f"__rate_{count}") or 0.0
                    for count in self._grouped_rate_counts(rate)
                )
                numerator = parts[0] - (parts[1] if len(parts) > 1 else 0.0)
                group[key] = self._grouped_rate(rate, numerator, denominator)
            for count in counts:
                group.pop(f"__rate_{count}", None)
        # SQL sorted the groups by the average: sort them by the true rate
        first = (orderby or "").split(",")[0].split()
        if first and first[0] in wanted:
            descending = len(first) > 1 and first[1].lower() == "desc"
            groups.sort(key=lambda group: group[first[0]] or 0.0, reverse=descending)
        return groups
