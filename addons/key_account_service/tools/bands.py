"""Revenue bands (KA-1): a band covers monthly revenue in [minimum, maximum).

Pure functions: no Odoo import, so the rules are tested without a database.
"""

from itertools import pairwise
from typing import NamedTuple


class Band(NamedTuple):
    key: object
    minimum: float
    maximum: float | None  # None: no upper limit


class BandError(ValueError):
    """The bands of a set overlap, leave a gap or are upside down."""

    def __init__(self, reason, first=None, second=None):
        super().__init__(reason)
        self.reason = reason
        self.first = first
        self.second = second


def check_bands(bands):
    """Raise BandError unless the bands follow each other without gap or overlap.

    ``reason`` is one of ``"inverted"`` (minimum not below maximum),
    ``"negative"``, ``"open_not_last"``, ``"overlap"`` and ``"gap"``;
    ``first`` and ``second`` are the keys of the bands concerned.
    """
    ordered = sorted(bands, key=lambda band: band.minimum)
    for band in ordered:
        if band.minimum < 0:
            raise BandError("negative", band.key)
        if band.maximum is not None and band.maximum <= band.minimum:
            raise BandError("inverted", band.key)
    for lower, upper in pairwise(ordered):
        if lower.maximum is None:
            raise BandError("open_not_last", lower.key, upper.key)
        if upper.minimum < lower.maximum:
            raise BandError("overlap", lower.key, upper.key)
        if upper.minimum > lower.maximum:
            raise BandError("gap", lower.key, upper.key)


def find_band(bands, amount):
    """The key of the band whose [minimum, maximum) holds ``amount``, or None."""
    for band in bands:
        if amount >= band.minimum and (band.maximum is None or amount < band.maximum):
            return band.key
    return None
