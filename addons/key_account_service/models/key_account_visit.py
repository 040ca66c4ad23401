from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import add_months, first_of_month, last_of_month
from ..tools.visit_schedule import (
    ContactRule,
    apologies_owed,
    greeting_days,
    plan_month,
    spread,
    working_days_before,
    yearly_dates,
)

# Planned contacts are created in bulk: no creation message, follower or "assigned
# to you" mail per record; the activity already tells the manager.
QUIET_CREATE = {"tracking_disable": True}
# The stored compliance of a contact, computed from its state.
COMPLIANCE_FIELDS = ("compliance", "settled_count", "on_time_count", "compliance_rate")


class KeyAccountVisit(models.Model):
    """A planned or done contact with a key account (KA-3)."""

    _name = "key.account.visit"
    _description = "Key Account Contact"
    _inherit = ["mail.thread", "mail.activity.mixin", "grouped.rate.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True
    # grouped: contacts done on time among those whose outcome is known
    _grouped_rates = {
        "compliance_rate": ("on_time_count", "settled_count", 100.0, 0.0),
    }

    # Not stored: read in the reader's language, whoever (or the nightly plan) made it.
    name = fields.Char(compute="_compute_name", search="_search_name")
    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        index=True,
        domain="[('is_key_account', '=', True)]",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    # cascade only ever runs at uninstall: a used contact type cannot be deleted
    contact_type_id = fields.Many2one(
        "key.account.contact.type", required=True, index=True, ondelete="cascade"
    )
    band_id = fields.Many2one(
        "key.account.band",
        index=True,
        help="The account's cadence band when the contact was planned.",
    )
    source = fields.Selection(
        [
            ("schedule", "Matrix"),
            ("incident", "Service Incidents"),
            ("manual", "Manual"),
            ("transfer", "Joint Handover Visit"),
            ("callback", "Return Visit"),
        ],
        required=True,
        default="manual",
        readonly=True,
    )
    date_planned = fields.Date(
        string="Planned", required=True, index=True, tracking=True
    )
    date_done = fields.Date(string="Done On", tracking=True, copy=False)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("done", "Done"),
            ("missed", "Missed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        index=True,
        tracking=True,
        copy=False,
    )
    compliance = fields.Selection(
        [
            ("planned", "Planned"),
            ("on_time", "Done on Time"),
            ("late", "Done Late"),
            ("missed", "Missed"),
        ],
        compute="_compute_compliance",
        store=True,
        index=True,
    )
    # counts a group sums: its on-time rate is theirs, not an average
    settled_count = fields.Integer(
        string="Due Contacts",
        compute="_compute_compliance_counts",
        store=True,
        aggregator="sum",
        help="1 when the contact was done or missed: its outcome is known.",
    )
    on_time_count = fields.Integer(
        string="Contacts on Time",
        compute="_compute_compliance_counts",
        store=True,
        aggregator="sum",
    )
    compliance_rate = fields.Float(
        string="On-time Rate (%)",
        compute="_compute_compliance_counts",
        store=True,
        aggregator="avg",  # recomputed from the counts for a group
        help="Contacts done on time among the done and missed ones.",
    )
    outcome = fields.Selection(
        [("positive", "Positive"), ("neutral", "Neutral"), ("negative", "Negative")],
        tracking=True,
    )
    contact_name = fields.Char(string="Met", help="Who was met or spoken to.")
    satisfaction = fields.Selection(
        [
            ("1", "Very Dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very Satisfied"),
        ],
        string="Manager's Impression",
        help="How satisfied the customer seemed to the account manager on the "
        "visit; the customer's own rating comes from the satisfaction survey.",
    )
    # return visits (回访): after a closed incident or complaint, or a
    # dissatisfied survey answer
    survey_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
    )
    source_ref = fields.Char(
        string="Called Back After",
        readonly=True,
        help="The closed incident or complaint, or the survey answer.",
    )
    callback_note = fields.Text(
        string="What the Customer Said", help="The customer's words on the callback."
    )
    problem_solved = fields.Selection(
        [("solved", "Solved"), ("unsolved", "Not Solved")],
        string="Problem",
        tracking=True,
        help="An unsolved problem opens a warning case for the account.",
    )
    report = fields.Html(string="Visit Report", copy=False)
    planning_activity_id = fields.Many2one(
        "mail.activity", string="Activity", index="btree_not_null", copy=False
    )

    @api.depends_context("lang")
    @api.depends("contact_type_id.name", "partner_id.name")
    def _compute_name(self):
        for visit in self:
            visit.name = (
                f"{visit.contact_type_id.name or ''} - {visit.partner_id.name or ''}"
            )

    @api.depends_context("lang")
    @api.depends("name")
    def _compute_display_name(self):
        # the name is in the reader's language, so is the display name
        return super()._compute_display_name()

    def _search_name(self, operator, value):
        """Search "<contact type> - <customer>" as the reader reads it."""
        return self._key_account_search_pair(
            operator, value, "contact_type_id.name", "partner_id.name"
        )

    @api.depends("state", "date_done", "date_planned", "company_id")
    def _compute_compliance(self):
        for visit in self:
            if visit.state == "done":
                grace = visit.company_id._policy().key_account_visit_grace_days
                late = visit.date_done > visit.date_planned + timedelta(days=grace)
                visit.compliance = "late" if late else "on_time"
            elif visit.state == "missed":
                visit.compliance = "missed"
            elif visit.state == "planned":
                visit.compliance = "planned"
            else:
                visit.compliance = False

    @api.depends("compliance")
    def _compute_compliance_counts(self):
        for visit in self:
            visit.settled_count = int(visit.compliance in ("on_time", "late", "missed"))
            visit.on_time_count = int(visit.compliance == "on_time")
            visit.compliance_rate = 100.0 * visit.on_time_count

    @api.onchange("partner_id")
    def _onchange_partner_id_company(self):
        # The account's serving branch, not the active company: managers record
        # contacts for every branch they serve without ticking it.
        if self.partner_id.key_account_company_id:
            self.company_id = self.partner_id.key_account_company_id

    # ---- user actions ----------------------------------------------------------

    def action_done(self):
        """Record the contact as done; its activity is marked done with the report."""
        for visit in self:
            if visit.state == "cancelled":
                raise UserError(
                    self.env._(
                        "The cancelled contact %(visit)s cannot be done.",
                        visit=visit.name,
                    )
                )
        today = fields.Date.context_today(self)
        pending = self.filtered(lambda v: v.state != "done")
        pending._check_callback_recorded()
        pending.write({"state": "done", "date_done": today})
        pending._open_unsolved_cases()
        activities = pending.planning_activity_id.exists()
        for visit in pending.filtered(lambda v: v.planning_activity_id in activities):
            visit.planning_activity_id.with_context(
                key_account_visit_sync=True
            ).action_feedback(
                feedback=visit.report and visit.report.striptags() or False
            )
        return True

    def action_open_form(self):
        """Open the contact in full, from a list it is only shown in (my day)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_reset_planned(self):
        self.filtered(lambda v: v.state in ("missed", "cancelled")).write(
            {"state": "planned"}
        )

    def _on_activity_done(self, feedback):
        """The manager marked the visit's activity done: the visit is done."""
        today = fields.Date.context_today(self)
        pending = self.filtered(lambda v: v.state in ("planned", "missed"))
        pending._check_callback_recorded()
        for visit in pending:
            vals = {"state": "done", "date_done": today}
            if feedback and not visit.report:
                vals["report"] = feedback
            visit.write(vals)
        pending._open_unsolved_cases()

    # ---- return visits -------------------------------------------------------------

    def _check_callback_recorded(self):
        missing = self.filtered(
            lambda v: v.source == "callback" and not v.problem_solved
        )
        if missing:
            raise UserError(
                self.env._(
                    "Record on the return visit %(visit)s whether the customer's "
                    "problem is solved first.",
                    visit=", ".join(missing.mapped("name")),
                )
            )

    def _open_unsolved_cases(self):
        """An unsolved problem reopens work: a warning case "dissatisfied"."""
        Warning = self.env["key.account.warning"].sudo()
        for visit in self.filtered(
            lambda v: v.source == "callback" and v.problem_solved == "unsolved"
        ):
            Warning.open_case(
                visit.partner_id,
                "dissatisfied",
                "warning",
                note=visit.callback_note or None,
                source_ref=visit.source_ref,
            )

    @api.model
    def _plan_callback(self, partner, source_ref, survey_input=None):
        """Plan a return visit of key account ``partner`` for its manager,
        the policy's working days from today, after ``source_ref`` (a closed
        incident or complaint) or a dissatisfied ``survey_input``. Called
        again for the same cause, it plans nothing more."""
        partner = partner.sudo().commercial_partner_id
        contact_type = self.env.ref(
            "key_account_service.key_account_contact_type_callback",
            raise_if_not_found=False,
        )
        if not partner.is_key_account or not contact_type:
            return self.browse()
        cause = (
            [("survey_input_id", "=", survey_input.id)]
            if survey_input
            else [("source_ref", "=", source_ref), ("survey_input_id", "=", False)]
        )
        existing = self.sudo().search(
            [("partner_id", "=", partner.id), ("source", "=", "callback"), *cause],
            limit=1,
        )
        if existing:
            return existing
        company = partner._key_account_serving_company()
        days = company._policy().key_account_callback_days
        today = fields.Date.context_today(self)
        day = company.resource_calendar_id._add_working_days(today, days) or (
            today + timedelta(days=days)
        )
        vals = self._prepare_visit_vals(
            partner,
            company,
            contact_type,
            partner.key_account_band_id,
            day,
            "callback",
        )
        vals.update(
            source_ref=source_ref,
            survey_input_id=survey_input.id if survey_input else False,
        )
        visit = (
            self.sudo().with_company(company).with_context(**QUIET_CREATE).create(vals)
        )
        visit._create_planning_activities()
        return visit

    # ---- planning ----------------------------------------------------------------

    @api.model
    def _working_dates(self, company, month, cache):
        key = (company.id, month)
        if key not in cache:
            end = last_of_month(month)
            cache[key] = company.resource_calendar_id._get_working_dates_or_weekdays(
                month, end
            )
        return cache[key]

    @api.model
    def _plan_partners(self, partners, months):
        """Bring the matrix visits of ``partners`` in ``months`` in line with the band.

        Idempotent: done, missed and past visits stay as they are; future planned
        visits move to the plan's dates, surplus ones go, missing ones are added.
        The queries do not grow with the number of partners.
        """
        today = fields.Date.context_today(self)
        months = sorted(first_of_month(m) for m in months)
        end = add_months(months[-1], 1)
        existing = self.search(
            [
                ("partner_id", "in", partners.ids),
                ("source", "=", "schedule"),
                ("state", "!=", "cancelled"),
                ("date_planned", ">=", months[0]),
                ("date_planned", "<", end),
            ]
        )
        by_key = defaultdict(list)
        planned_types = defaultdict(set)  # (partner, month) -> types already planned
        for visit in existing:
            month = first_of_month(visit.date_planned)
            by_key[visit.partner_id, visit.contact_type_id, month].append(visit)
            planned_types[visit.partner_id, month].add(visit.contact_type_id)
        rules = self.env["key.account.contact.rule"].search(
            [
                ("band_id", "in", partners.key_account_band_id.ids),
                ("kind", "in", ("periodic", "qualitative")),
            ]
        )
        rules_by_band = defaultdict(list)
        occasions_by_band = defaultdict(list)
        for rule in rules:
            if rule.kind == "periodic":
                rules_by_band[rule.band_id].append(
                    ContactRule(rule.contact_type_id, rule.count, int(rule.period))
                )
            elif rule.contact_type_id.occasion and rule.level != "appropriate":
                occasions_by_band[rule.band_id].append(rule)
        # dated by their occasion: past ones are not moved later in the month
        dated_types = {
            rule.contact_type_id
            for band in occasions_by_band.values()
            for rule in band
            if rule.contact_type_id.occasion in ("holiday", "special_day")
        }
        occasions = self._occasion_contacts(partners, months, occasions_by_band)
        calendars, to_create, to_remove = {}, [], self.browse()
        moves = defaultdict(lambda: self.browse())
        for partner in partners:
            company = partner._key_account_serving_company()
            band = (
                partner.key_account_band_id
                if partner.is_key_account
                else partner.key_account_band_id.browse()
            )
            start = partner.key_account_start_date or today
            manager = partner.key_account_manager_id
            for month in months:
                days = self._working_dates(company, month, calendars)
                wanted = defaultdict(list)
                for contact_type, day in plan_month(
                    rules_by_band.get(band, []), start, month, days
                ):
                    wanted[contact_type].append(day)
                for contact_type, day in occasions.get((partner, month), []):
                    wanted[contact_type].append(day)
                for contact_type in set(wanted) | planned_types[partner, month]:
                    visits = by_key.get((partner, contact_type, month), [])
                    fixed = [
                        v
                        for v in visits
                        if v.state != "planned" or v.date_planned < today
                    ]
                    movable = sorted(
                        (v for v in visits if v not in fixed),
                        key=lambda v: (v.date_planned, v.id),
                    )
                    desired = sorted(wanted.get(contact_type, []))
                    needed = max(0, len(desired) - len(fixed))
                    slots = desired[len(desired) - needed :]
                    if contact_type in dated_types:
                        # a greeting after its holiday is no greeting
                        slots = [day for day in slots if day >= today]
                    else:
                        slots = self._remaining_slots(slots, today, days)
                    for visit, slot in zip(movable, slots, strict=False):
                        if visit.date_planned != slot or visit.user_id != manager:
                            moves[slot, manager] |= visit
                    for visit in movable[len(slots) :]:
                        to_remove |= visit
                    to_create.extend(
                        self._prepare_visit_vals(
                            partner, company, contact_type, band, slot
                        )
                        for slot in slots[len(movable) :]
                    )
        to_remove.unlink()
        for (slot, manager), visits in moves.items():
            visits.write({"date_planned": slot, "user_id": manager.id})
            visits.planning_activity_id.write(
                {"date_deadline": slot, "user_id": manager.id or self.env.uid}
            )
        created = self._create_planned(to_create)
        partners.sudo().write({"key_account_planned_through": months[-1]})
        return created

    @api.model
    def _occasion_contacts(self, partners, months, occasions_by_band):
        """{(partner, month): [(contact type, day)]} of the qualitative cells.

        Holiday greetings before the public holidays of the serving branch's
        calendar (the major ones, or all, as the band's level says), gifts
        before the birthdays and anniversaries of the customer's archives (the
        major ones, or all), the invitation to the annual key-account meeting
        in the policy's month (bands that invite). Greetings and gifts come the
        policy's number of working days ahead. Three queries (rules aside) and
        one calendar read per branch, whatever the number of partners.
        """
        result = defaultdict(list)
        if not occasions_by_band or not partners:
            return result
        start, end = months[0], add_months(months[-1], 1)
        wanted_months = set(months)
        companies = {
            partner: partner._key_account_serving_company() for partner in partners
        }
        policies = {company: company._policy() for company in companies.values()}
        # occasions this far ahead may have their contact in the months planned
        stops = {
            company: end
            + timedelta(days=3 * policy.key_account_occasion_lead_days + 31)
            for company, policy in policies.items()
        }
        calendars = self.env["resource.calendar"].browse(
            {company.resource_calendar_id.id for company in companies.values()}
            - {False}
        )
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("calendar_id", "in", calendars.ids),
                    ("resource_id", "=", False),
                    ("date_from", "<", max(stops.values())),
                    ("date_to", ">=", start - timedelta(days=1)),
                ]
            )
        )
        leaves_by_calendar = leaves.grouped("calendar_id")
        branches = {}
        for company, policy in policies.items():
            lead = policy.key_account_occasion_lead_days
            stop = stops[company]
            calendar = company.resource_calendar_id
            major_names = policy._key_account_major_holiday_names()
            holidays, major = set(), set()
            for leave in leaves_by_calendar.get(calendar, []):
                for day in leave._key_account_local_days():
                    if start <= day < stop:
                        holidays.add(day)
                        name = (leave.name or "").lower()
                        if any(part in name for part in major_names):
                            major.add(day)
            working = calendar._get_working_dates_or_weekdays(start, stop)
            branches[company] = {
                "lead": lead,
                "stop": stop,
                "working": working,
                "holiday": {
                    True: greeting_days(sorted(holidays), lead, working),
                    False: greeting_days(sorted(major), lead, working),
                },
                "meeting_month": policy.key_account_annual_meeting_month,
            }
        special_days = (
            self.env["key.account.special.day"]
            .sudo()
            .search([("partner_id", "in", partners.ids)])
            .grouped("partner_id")
        )
        month_days = {}
        for partner in partners:
            if not partner.is_key_account:
                continue
            company = companies[partner]
            branch = branches[company]
            for rule in occasions_by_band.get(partner.key_account_band_id, []):
                every = rule.level == "all"
                occasion = rule.contact_type_id.occasion
                if occasion == "holiday":
                    days = branch["holiday"][every]
                elif occasion == "special_day":
                    days = [
                        working_days_before(
                            anniversary, branch["lead"], branch["working"]
                        )
                        for special in special_days.get(partner, [])
                        if every or special.major
                        for anniversary in yearly_dates(
                            special.date, start, branch["stop"]
                        )
                    ]
                else:  # the annual meeting, in its month
                    days = [
                        day
                        for month in months
                        if month.month == branch["meeting_month"]
                        for day in spread(
                            self._working_dates(company, month, month_days), 1
                        )
                    ]
                for day in days:
                    if day and first_of_month(day) in wanted_months:
                        result[partner, first_of_month(day)].append(
                            (rule.contact_type_id, day)
                        )
        return result

    @api.model
    def _prepare_visit_vals(
        self, partner, company, contact_type, band, date_planned, source="schedule"
    ):
        """A planned contact of ``partner``, held by its account manager."""
        return {
            "partner_id": partner.id,
            "company_id": company.id,
            "user_id": partner.key_account_manager_id.id,
            "contact_type_id": contact_type.id,
            "band_id": band.id,
            "source": source,
            "date_planned": date_planned,
        }

    @api.model
    def _remaining_slots(self, slots, today, working_days):
        """``slots``, with those already past spread over the month's remaining days."""
        future = [day for day in slots if day >= today]
        late = len(slots) - len(future)
        if not late:
            return slots
        ahead = [day for day in working_days if day >= today] or [today]
        return sorted(future + spread(ahead, late))

    @api.model
    def _create_planned(self, vals_list):
        """Planned contacts and their activities, quietly and in a few queries
        per hundred contacts: each row is inserted with its compliance (that of
        any planned contact, from the computes) and linked to its activity in
        one statement, not updated again."""
        planned = self.new({"state": "planned"})
        preset = {name: planned[name] for name in COMPLIANCE_FIELDS}
        visits = self.with_context(**QUIET_CREATE).create(
            [{**preset, **vals} for vals in vals_list]
        )
        visits._create_planning_activities()
        return visits

    def _create_planning_activities(self):
        model_id = self.env["ir.model"]._get_id(self._name)
        # Quietly: a month's plan must not mail every manager once per contact.
        activity = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
        )
        # The activities' own subscription then finds the managers following.
        self._subscribe_managers()
        # No summary: the contact type's activity type names it in the reader's
        # language; the record's name is stored in its manager's. It is given at
        # insert, as are the other stored computes (the done date of an open
        # activity, the assignee's time zone), rather than computed after it
        # and updated a hundred rows per query.
        by_lang = self.grouped(lambda visit: visit.user_id.lang or self.env.lang)
        created = activity.browse()
        for lang, visits in by_lang.items():
            activities = activity.with_context(lang=lang).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": visit.id,
                        "res_name": visit.display_name,
                        "date_done": False,
                        "activity_type_id": visit.contact_type_id.activity_type_id.id,
                        "date_deadline": visit.date_planned,
                        "user_id": (visit.user_id or self.env.user).id,
                        "user_tz": (visit.user_id or self.env.user).tz,
                    }
                    for visit in visits.with_context(lang=lang)
                ]
            )
            # Odoo recomputes the read-only name after create: here, in the
            # manager's language, it finds the name given and writes nothing.
            activities.mapped("res_name")
            created |= activities
        if not created:
            return
        # each contact's link to its activity in one statement, not one UPDATE
        # per hundred contacts
        self.flush_recordset(["planning_activity_id"])
        created.flush_recordset(["res_id", "res_model"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE key_account_visit visit SET planning_activity_id = activity.id
                  FROM mail_activity activity
                 WHERE activity.id = ANY(%s) AND activity.res_model = %s
                   AND activity.res_id = visit.id
                """,
                created.ids,
                self._name,
            )
        )
        self.invalidate_recordset(["planning_activity_id"])

    def _subscribe_managers(self):
        """Each manager follows his planned contacts, with the subtypes Odoo
        gives a new follower of the model, in one statement where
        ``message_subscribe`` inserts a hundred followers per query."""
        visits = self.filtered("user_id")
        if not visits:
            return
        Followers = self.env["mail.followers"]
        # Odoo's choice of subtypes per partner, for no record in particular
        new, _update = Followers._add_default_followers(
            self._name, [], visits.user_id.partner_id.ids, check_existing=False
        )
        subtypes = [
            (values["partner_id"], subtype_id)
            for values in new[0]
            for _set, _zero, subtype_ids in values["subtype_ids"]
            for subtype_id in subtype_ids
        ]
        Followers.flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH follower AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT %s, fol.res_id, fol.partner_id
                      FROM unnest(%s::int[], %s::int[]) AS fol(res_id, partner_id)
                        ON CONFLICT DO NOTHING
                 RETURNING id, partner_id
                )
                INSERT INTO mail_followers_mail_message_subtype_rel
                       (mail_followers_id, mail_message_subtype_id)
                SELECT follower.id, sub.subtype_id
                  FROM follower
                  JOIN unnest(%s::int[], %s::int[]) AS sub(partner_id, subtype_id)
                    ON sub.partner_id = follower.partner_id
                """,
                self._name,
                visits.ids,
                [visit.user_id.partner_id.id for visit in visits],
                [partner_id for partner_id, _subtype in subtypes],
                [subtype_id for _partner, subtype_id in subtypes],
            )
        )
        Followers.invalidate_model()
        visits.invalidate_recordset(["message_follower_ids", "message_partner_ids"])

    @api.model
    def _plan_incident_apologies(self, partner, incident_count, since):
        """Plan the apologies owed after ``incident_count`` incidents since ``since``.

        courier_claims calls this with the account's incident count; calling it
        again with the same count plans nothing more.
        """
        rule = self.env["key.account.contact.rule"].search(
            [
                ("band_id", "=", partner.key_account_band_id.id),
                ("kind", "=", "per_incident"),
            ],
            limit=1,
        )
        if not rule:
            return self.browse()
        planned = self.search_count(
            [
                ("partner_id", "=", partner.id),
                ("source", "=", "incident"),
                ("contact_type_id", "=", rule.contact_type_id.id),
                ("state", "!=", "cancelled"),
                ("create_date", ">=", since),
            ]
        )
        missing = apologies_owed(incident_count, rule.incident_count) - planned
        if missing <= 0:
            return self.browse()
        company = partner._key_account_serving_company()
        today = fields.Date.context_today(self)
        days = company.resource_calendar_id._get_working_dates_or_weekdays(
            today, today + timedelta(days=14)
        )
        day = days[0] if days else today
        vals = self._prepare_visit_vals(
            partner, company, rule.contact_type_id, rule.band_id, day, "incident"
        )
        return self._create_planned([dict(vals) for _index in range(missing)])

    # ---- scheduled actions ---------------------------------------------------------

    @api.model
    def _cron_plan(self, batch_size=200):
        """Plan this month and the next for the key accounts not planned that far.

        Contract-shaped: the accounts come from ``_get_plan_domain``, each
        serving branch's are planned by ``_plan_partners`` in that company.
        Idempotent: planning sets ``key_account_planned_through``, which takes
        the account out of the domain, so a rerun or a resumed run plans only
        what is left.
        """
        today = fields.Date.context_today(self)
        months = [first_of_month(today), add_months(today, 1)]
        self.env["res.partner"]._key_account_cron_batch(
            self._get_plan_domain(months),
            lambda batch: (
                self.sudo()
                .with_company(batch.env.company)
                ._plan_partners(batch, months)
            ),
            batch_size,
        )

    @api.model
    def _get_plan_domain(self, months):
        """Key accounts not planned through the last of ``months``."""
        return self.env["res.partner"]._key_account_not_done_domain(
            "key_account_planned_through", months[-1]
        )

    @api.model
    def _cron_mark_missed(self, batch_size=1000):
        """Planned contacts past their date and grace period become missed.

        Per group of companies (the grace period is the group's policy); a
        missed contact leaves the domain, so a rerun finds only what is left.
        """
        today = fields.Date.context_today(self)
        Visit = self.sudo()
        done = remaining = 0
        for policy in (
            self.env["res.company"].sudo().search([("parent_id", "=", False)])
        ):
            domain = self._get_mark_missed_domain(policy, today)
            visits = Visit.search(domain, limit=batch_size)
            visits.with_company(policy)._mark_missed()
            done += len(visits)
            remaining += Visit.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _get_mark_missed_domain(self, policy, today):
        """Planned contacts of ``policy``'s companies past its grace period."""
        limit = today - timedelta(days=policy.key_account_visit_grace_days)
        return [
            ("state", "=", "planned"),
            ("date_planned", "<", limit),
            ("company_id", "child_of", policy.id),
        ]

    def _mark_missed(self):
        self.write({"state": "missed"})
