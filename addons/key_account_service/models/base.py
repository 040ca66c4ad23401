from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import format_date, format_datetime

from ..tools.input_checks import (
    EARLIEST_DATE,
    EVENT_YEARS_AHEAD,
    date_in_range,
    is_blank,
    latest_date,
)


class Base(models.AbstractModel):
    """Input checks the addons' models call from their ``@api.constrains``, and
    text written in code for one reader."""

    _inherit = "base"

    @api.model
    def _cron_batch(
        self, domain, process, batch_size, company_field="company_id", order=None
    ):
        """One batch of a contract-shaped cron over this model's records.

        The records of ``domain`` are read as superuser, at most
        ``batch_size``; each company's (by ``company_field``) are handed to
        ``process`` in that company, those without one in the job's company.
        ``process`` must take them out of ``domain``: the cron then hears how
        many remain and runs again, so a rerun or an interrupted run only does
        what is left. Returns the batch.
        """
        Model = self.sudo()
        records = Model.search(domain, limit=batch_size, order=order)
        for company, batch in records.grouped(company_field).items():
            process(batch.with_company(company))
        self.env["ir.cron"]._notify_progress(
            done=len(records), remaining=Model.search_count(domain)
        )
        return records

    def _key_account_for_reader(self, user, company=None):
        """These records in the language and time zone of ``user``, who reads the text
        written for them (an activity's summary or note). Without a time zone of
        their own, the working calendar's of ``company`` is theirs."""
        calendar_tz = company and company.sudo().resource_calendar_id.tz
        return self.with_context(
            lang=user.lang or self.env.lang,
            tz=user.tz or calendar_tz or self.env.context.get("tz") or "UTC",
        )

    def _key_account_format_datetime(self, value):
        """``value`` (UTC, as stored) in the language and time zone of the context,
        to the minute."""
        return format_datetime(
            self.env, value, tz=self.env.context.get("tz"), dt_format="short"
        )

    def _key_account_format_date(self, value):
        """``value`` as the context's language writes dates."""
        return format_date(self.env, value)

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
                            earliest=self._key_account_format_date(EARLIEST_DATE),
                            latest=self._key_account_format_date(
                                latest_date(today, years_ahead)
                            ),
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

    def _key_account_search_pair(self, operator, value, first, second):
        """A domain on a name computed as "<first> - <second>" in the context's
        language, e.g. "Phone Call - Xihu Lanterns". A selection field is matched
        on its labels."""
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        positive = (
            expression.TERM_OPERATORS_NEGATION[operator] if negative else operator
        )
        if positive == "in" and isinstance(value, (list, tuple)):
            domain = (
                expression.OR(
                    [
                        self._key_account_search_pair("=", item, first, second)
                        for item in value
                    ]
                )
                if value
                else expression.FALSE_DOMAIN
            )
        elif not isinstance(value, str):
            # every record has a name: ("name", "=", False) matches none
            domain = expression.FALSE_DOMAIN
        else:
            domain = expression.OR(
                [
                    self._key_account_name_term(path, positive, value)
                    for path in (first, second)
                ]
            )
            if " - " in value:
                head, tail = value.split(" - ", 1)
                domain = expression.OR(
                    [
                        domain,
                        self._key_account_name_term(first, positive, head)
                        + self._key_account_name_term(second, positive, tail),
                    ]
                )
        return ["!", *domain] if negative else domain

    def _key_account_name_term(self, path, operator, text):
        field = self._fields.get(path)
        if not field or field.type != "selection":
            return [(path, operator, text)]
        wanted = text.lower()
        keys = [
            key
            for key, label in field._description_selection(self.env)
            if (
                wanted in label.lower()
                if operator in ("ilike", "like")
                else label.lower() == wanted
            )
        ]
        return [(path, "in", keys)]
