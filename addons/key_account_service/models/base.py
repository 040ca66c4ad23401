from odoo import fields, models
from odoo.exceptions import ValidationError

from ..tools.input_checks import (
    EARLIEST_DATE,
    EVENT_YEARS_AHEAD,
    date_in_range,
    is_blank,
    latest_date,
)


class Base(models.AbstractModel):
    """Input checks the addons' models call from their ``@api.constrains``."""

    _inherit = "base"

    def _key_account_check_dates(self, field_names, years_ahead=EVENT_YEARS_AHEAD):
        """Refuse dates before 2000 or more than ``years_ahead`` years ahead."""
        today = fields.Date.context_today(self)
        for record in self:
            for name in field_names:
                if not date_in_range(record[name], today, years_ahead):
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(record)s must lie between %(earliest)s "
                            "and %(latest)s.",
                            field=self._fields[name]._description_string(self.env),
                            record=record.display_name or self._description,
                            earliest=EARLIEST_DATE,
                            latest=latest_date(today, years_ahead),
                        )
                    )

    def _key_account_check_not_blank(self, field_names):
        """Refuse required texts that are empty or only white space."""
        for record in self:
            for name in field_names:
                if is_blank(record[name]):
                    raise ValidationError(
                        self.env._(
                            "%(field)s cannot be empty.",
                            field=self._fields[name]._description_string(self.env),
                        )
                    )
