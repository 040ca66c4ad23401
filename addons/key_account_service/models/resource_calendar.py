from datetime import date, datetime, time, timedelta

import holidays
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.resource.models.utils import float_to_time

from ..tools import same_day_months_later
from ..tools.working_days import add_working_days


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    workday_ids = fields.One2many(
        "resource.calendar.workday",
        "calendar_id",
        string="Make-up Working Days",
        help="Rest days worked in exchange for a public holiday (调休).",
    )
    holiday_country_id = fields.Many2one(
        "res.country",
        string="Public Holidays of",
        default=lambda self: self.env.ref("base.cn", raise_if_not_found=False),
        help="Mainland China by default. The country whose public holidays "
        "and make-up working days are "
        "loaded into this calendar, from the holidays package, every month "
        "for this year and the next. Loaded days stay editable.",
    )

    def _attendance_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        """Odoo's attendances, plus the hours of the make-up working days."""
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources, domain, tz, lunch
        )
        # Not sensitive, and every user's deadlines need them: read as superuser.
        workdays = self.sudo().workday_ids.filtered(
            lambda day: (
                start_dt.date() - timedelta(days=1)
                <= day.date
                <= end_dt.date() + timedelta(days=1)
            )
        )
        if lunch or not workdays:
            return result
        attendances = self.sudo().attendance_ids.filtered(
            lambda a: (
                not a.resource_id and not a.display_type and a.day_period != "lunch"
            )
        )
        week_type = self.env["resource.calendar.attendance"].get_week_type
        resources = {resource.id: resource for resource in resources or []}
        for resource_id, intervals in result.items():
            zone = tz or pytz.timezone((resources.get(resource_id) or self).tz)
            start, stop = start_dt.astimezone(zone), end_dt.astimezone(zone)
            extra = []
            for day in workdays:
                for attendance in attendances.filtered(
                    lambda a, d=day: (
                        a.dayofweek == d.works_as
                        and (
                            not self.two_weeks_calendar
                            or a.week_type == str(week_type(d.date))
                        )
                    )
                ):
                    begin = zone.localize(
                        datetime.combine(day.date, float_to_time(attendance.hour_from))
                    )
                    end = zone.localize(
                        datetime.combine(day.date, float_to_time(attendance.hour_to))
                    )
                    if max(begin, start) < min(end, stop):
                        extra.append((max(begin, start), min(end, stop), attendance))
            if extra:
                result[resource_id] = type(intervals)(list(intervals) + extra)
        return result

    def _get_working_dates(self, date_from, date_to):
        """Sorted working dates from ``date_from`` to ``date_to`` included.

        Public holidays (global leaves of the calendar) are not working dates.
        Every business rule of the three addons counts working days with this.
        """
        self.ensure_one()
        # Headquarters' holidays count for the branches working on its
        # calendar, whoever asks: read as superuser (not sensitive).
        calendar = self.sudo()
        tz = pytz.timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        intervals = calendar._work_intervals_batch(start, stop)[False]
        return sorted({begin.date() for begin, _end, _meta in intervals})

    def _get_working_dates_or_weekdays(self, date_from, date_to):
        """Like _get_working_dates, on an empty calendar: Monday to Friday."""
        if self:
            return self._get_working_dates(date_from, date_to)
        days = (
            date_from + timedelta(days=n) for n in range((date_to - date_from).days + 1)
        )
        return [day for day in days if day.weekday() < 5]

    def _add_working_days(self, day, days):
        """The ``days``-th working date after ``day`` (not counted), or None.

        On an empty calendar, Monday to Friday. None when the calendar has too
        few working days ahead; every "within N working days" rule uses this.
        """
        working = self._get_working_dates_or_weekdays(
            day + timedelta(days=1), day + timedelta(days=days * 3 + 30)
        )
        return add_working_days(day, days, working)

    def _key_account_deadline(self, start, delay, unit):
        """When a step of ``delay`` ``unit`` begun at ``start`` is due (UTC, naive).

        The one deadline clock of the addons: working days and working hours
        are those of this calendar, public holidays and make-up working days
        included; a working-day step ends with its last working day.
        """
        if unit == "minutes":
            return start + timedelta(minutes=delay)
        if unit == "hours":
            return start + timedelta(hours=delay)
        if unit == "months":
            day = same_day_months_later(start.date(), delay)
            return datetime.combine(day, start.time())
        if unit == "working_hours":
            # naive in, naive UTC out; an empty calendar counts plain hours
            due = self and self.sudo().plan_hours(delay, start, compute_leaves=True)
            return due or start + timedelta(hours=delay)
        zone = pytz.timezone(self.sudo().tz or "UTC")
        local_start = pytz.utc.localize(start).astimezone(zone).date()
        return self._key_account_end_of_day(
            self._key_account_add_days(local_start, delay)
        )

    def _key_account_add_days(self, day, days):
        """``_add_working_days``, or a clear error on a calendar too short."""
        due = self._add_working_days(day, days)
        if due is None:
            raise UserError(
                self.env._("%(calendar)s has too few working days.", calendar=self.name)
            )
        return due

    def _key_account_end_of_day(self, day):
        """The end of local ``day`` in this calendar's zone, as Odoo stores it."""
        return self._key_account_local_moment(day, time(23, 59, 59))

    def _key_account_local_moment(self, day, moment):
        """Local ``day`` at ``moment`` in this calendar's zone, as Odoo stores it."""
        zone = pytz.timezone(self.tz or "UTC")
        local = zone.localize(datetime.combine(day, moment))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------------
    # Public holidays and make-up working days from the holidays package
    # ------------------------------------------------------------------

    def action_load_public_holidays(self):
        """Settings and calendar button: this year's and next year's days."""
        today = fields.Date.context_today(self)
        holidays_added, workdays_added = self._load_public_holidays(
            [today.year, today.year + 1]
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(holidays)s public holidays and %(workdays)s make-up "
                    "working days added.",
                    holidays=holidays_added,
                    workdays=workdays_added,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _holiday_table(self, years):
        """The package's holidays of the calendar's country for ``years``."""
        self.ensure_one()
        code = self.holiday_country_id.code
        lang = self.company_id.partner_id.lang or self.env.lang or ""
        try:
            languages = holidays.list_localized_countries().get(code, [])
            return holidays.country_holidays(
                code,
                years=years,
                language=lang if lang in languages else None,
            )
        except NotImplementedError as error:
            raise UserError(
                self.env._(
                    "The holidays package knows no public holidays of %(country)s.",
                    country=self.holiday_country_id.name,
                )
            ) from error

    def _load_public_holidays(self, years):
        """Add the missing public holidays and make-up working days of ``years``.

        Idempotent: a day already covered by a public holiday of the calendar
        (loaded or typed), or already a make-up working day, is left alone, so
        days edited afterwards stay as edited. Returns the two counts added.
        """
        Leave = self.env["resource.calendar.leaves"].sudo()
        Workday = self.env["resource.calendar.workday"].sudo()
        holidays_added = workdays_added = 0
        for calendar in self.sudo().filtered("holiday_country_id"):
            table = calendar._holiday_table(years)
            source = self.env._(
                "holidays %(version)s (%(country)s)",
                version=holidays.__version__,
                country=calendar.holiday_country_id.name,
            )
            # the calendar's public holidays of those years, read once
            covered = Leave.search(
                [
                    ("calendar_id", "=", calendar.id),
                    ("resource_id", "=", False),
                    ("date_to", ">=", datetime(min(years) - 1, 12, 31)),
                    ("date_from", "<=", datetime(max(years) + 1, 1, 1)),
                ]
            )
            leaves = []
            for day, name in sorted(table.items()):
                begin = calendar._key_account_local_moment(day, time.min)
                end = calendar._key_account_end_of_day(day)
                if any(
                    leave.date_from <= end and leave.date_to >= begin
                    for leave in covered
                ):
                    continue
                leaves.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id,
                        "date_from": begin,
                        "date_to": end,
                        "time_type": "leave",
                        "holiday_source": source,
                    }
                )
            Leave.create(leaves)
            known = set(calendar.workday_ids.mapped("date"))
            works_as = calendar._makeup_weekday()
            workdays = [
                {
                    "name": self.env._("Make-up working day"),
                    "calendar_id": calendar.id,
                    "date": day,
                    "works_as": works_as,
                    "source": source,
                }
                for day in sorted(getattr(table, "weekend_workdays", ()))
                if day.year in years and day not in known
            ]
            Workday.create(workdays)
            holidays_added += len(leaves)
            workdays_added += len(workdays)
        return holidays_added, workdays_added

    def _makeup_weekday(self):
        """The weekday whose hours a make-up day works: the first with hours."""
        days = self.attendance_ids.filtered(lambda a: not a.display_type).mapped(
            "dayofweek"
        )
        return min(days) if days else "0"

    @api.model
    def _get_load_public_holidays_domain(self):
        return [("holiday_country_id", "!=", False)]

    @api.model
    def _cron_load_public_holidays(self):
        """Monthly: this year's and next year's days, once the package knows them.

        Idempotent, so running it again or after an interruption adds only
        what is missing; a year's make-up days appear after the State
        Council's announcement reaches the package.
        """
        calendars = self.search(self._get_load_public_holidays_domain())
        year = date.today().year
        calendars._load_public_holidays([year, year + 1])
        self.env["ir.cron"]._notify_progress(done=len(calendars), remaining=0)
