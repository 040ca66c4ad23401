from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.bands import Band, BandError, check_bands, find_band


class KeyAccountBand(models.Model):
    _name = "key.account.band"
    _description = "Key Account Revenue Band"
    _order = "company_id, band_set, amount_min, id"

    name = fields.Char(required=True, translate=True)
    band_set = fields.Selection(
        [("cadence", "Contact Cadence"), ("commission", "Commission")],
        required=True,
        default="cadence",
        help="Cadence bands choose the contact-frequency matrix column; "
        "commission bands choose the commission rate.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company._policy(),
        help="Branches without bands of their own use their headquarters' bands.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_min = fields.Monetary(
        string="From (monthly)", required=True, help="Included in the band."
    )
    amount_max = fields.Monetary(
        string="Up To (monthly)",
        help="Excluded from the band; leave empty on the highest band.",
    )
    active = fields.Boolean(default=True)
    contact_rule_ids = fields.One2many(
        "key.account.contact.rule", "band_id", string="Contact Rules"
    )

    @api.depends("name", "band_set")
    @api.depends_context("key_account_band_short_name")
    def _compute_display_name(self):
        if self.env.context.get("key_account_band_short_name"):
            # a chart of one band set (the dashboard's pie) needs no set label
            return super()._compute_display_name()
        labels = dict(self._fields["band_set"]._description_selection(self.env))
        for band in self:
            band.display_name = f"{band.name} ({labels.get(band.band_set, '')})"

    @api.constrains("amount_min", "amount_max", "band_set", "company_id", "active")
    def _check_contiguous(self):
        self._check_band_sets({(b.company_id, b.band_set) for b in self})

    def _check_band_sets(self, keys, removed=None):
        """Check the (company, band set) ``keys`` without the ``removed`` bands.

        A set losing bands (deleted, archived or moved to another set) may not be
        left with a gap, nor lose its open-ended top while other bands remain.
        """
        removed = removed or self.browse()
        for company, band_set in keys:
            siblings = self.search(
                [("company_id", "=", company.id), ("band_set", "=", band_set)]
            )
            remaining = siblings - removed
            try:
                check_bands(remaining._as_tool_bands())
            except BandError as error:
                raise ValidationError(self._band_error_message(error)) from error
            lost_top = (siblings & removed).filtered(lambda b: not b.amount_max)
            if remaining and lost_top and all(remaining.mapped("amount_max")):
                raise ValidationError(
                    self.env._(
                        "Band %(band)s is the open-ended top of its set: give another "
                        "band an open end before removing it.",
                        band=lost_top[0].name,
                    )
                )

    def write(self, vals):
        leaving = self.filtered(
            lambda b: (
                ("company_id" in vals and b.company_id.id != vals["company_id"])
                or ("band_set" in vals and b.band_set != vals["band_set"])
                or (vals.get("active") is False and b.active)
            )
        )
        # The sets they leave; the constraint checks the sets they join.
        self._check_band_sets(
            {(b.company_id, b.band_set) for b in leaving}, removed=leaving
        )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_without_gap(self):
        self._check_band_sets({(b.company_id, b.band_set) for b in self}, removed=self)

    def _as_tool_bands(self):
        return [Band(band, band.amount_min, band.amount_max or None) for band in self]

    def _band_error_message(self, error):
        band = error.first.name
        other = error.second.name if error.second else ""
        if error.reason == "negative":
            return self.env._("Band %(band)s starts below zero.", band=band)
        if error.reason == "inverted":
            return self.env._(
                "Band %(band)s must end above where it starts.", band=band
            )
        if error.reason == "open_not_last":
            return self.env._(
                "Band %(band)s has no upper limit, but band %(next)s starts above it: "
                "only the highest band may be open-ended.",
                band=band,
                next=other,
            )
        if error.reason == "overlap":
            return self.env._(
                "Bands %(band)s and %(next)s overlap: %(next)s must start where "
                "%(band)s ends.",
                band=band,
                next=other,
            )
        return self.env._(
            "Bands %(band)s and %(next)s leave a gap: %(next)s must start where "
            "%(band)s ends.",
            band=band,
            next=other,
        )

    @api.model
    def _get_bands(self, company, band_set):
        """The bands of ``company``, or of its nearest parent company that has some."""
        for owner in reversed(company.parent_ids):
            bands = self.search(
                [("company_id", "=", owner.id), ("band_set", "=", band_set)]
            )
            if bands:
                return bands
        return self.browse()

    def _find(self, amount):
        """The band among these that holds ``amount`` (empty recordset if none)."""
        return find_band(self._as_tool_bands(), amount) or self.browse()
