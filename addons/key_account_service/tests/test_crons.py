from datetime import date
from unittest.mock import patch

from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestCronSeams(KeyAccountServiceCommon):
    """Each nightly job selects by its domain, works per serving branch in that
    company, takes its values from a hook, reports progress and can run twice."""

    freeze_time = "2026-05-10"  # April is the last complete month

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_manual_bands(cls.hq)
        cls.ningbo = cls.env["res.company"].create(
            {
                "name": "Test Branch Ningbo",
                "parent_id": cls.hq.id,
                "key_account_branch_level": "level_3_plus",
            }
        )
        cls.first = cls._key_account("Cron First Co.", 100000)
        cls.second = cls._key_account("Cron Second Co.", 100000, company=cls.ningbo)
        cls.accounts = cls.first | cls.second
        cls.Partner = cls.env["res.partner"]
        cls.Visit = cls.env["key.account.visit"]
        cls.Warning = cls.env["key.account.warning"]
        cls.Roster = cls.env["key.account.roster"]

    def _record_calls(self, model, method):
        """Patch ``method`` of ``model`` to run as it is and record its calls."""
        model_class = type(model)
        return patch.object(
            model_class,
            method,
            autospec=True,
            side_effect=getattr(model_class, method),
        )

    def _company_of_call(self, mock, records_of_call, record):
        """The company of the call of ``mock`` whose records hold ``record``."""
        companies = [
            call.args[0].env.company
            for call in mock.call_args_list
            if record in records_of_call(call)
        ]
        self.assertEqual(len(companies), 1, f"{record.name} is handled once")
        return companies[0]

    def _progress(self):
        return patch.object(type(self.env["ir.cron"]), "_notify_progress")

    def test_planning_works_per_serving_branch_and_once(self):
        self.accounts._key_account_update_metrics()
        self.assertTrue(self.first.key_account_band_id)
        domain = self.Visit._get_plan_domain([date(2026, 5, 1), date(2026, 6, 1)])
        self.assertEqual(self.Partner.search(domain) & self.accounts, self.accounts)
        with (
            self._record_calls(self.Visit, "_plan_partners") as plan,
            self._progress() as progress,
        ):
            self.Visit._cron_plan(batch_size=10000)
        for account in self.accounts:
            company = self._company_of_call(plan, lambda c: c.args[1], account)
            self.assertEqual(company, account.key_account_company_id)
        self.assertEqual(progress.call_args.kwargs["remaining"], 0)
        planned = self.Visit.search([("partner_id", "in", self.accounts.ids)])
        self.assertTrue(planned)
        self.assertEqual(set(planned.mapped("company_id")), {self.branch, self.ningbo})
        self.assertFalse(self.Partner.search(domain) & self.accounts)
        self.Visit._cron_plan(batch_size=10000)
        self.assertEqual(
            self.Visit.search([("partner_id", "in", self.accounts.ids)]), planned
        )

    def test_planned_contacts_take_their_values_from_the_hook(self):
        self.first._key_account_update_metrics()
        visit_class = type(self.Visit)
        plain = visit_class._prepare_visit_vals

        def with_name(visit, *args, **kwargs):
            return dict(plain(visit, *args, **kwargs), contact_name="From the hook")

        with patch.object(visit_class, "_prepare_visit_vals", with_name):
            created = self.Visit._plan_partners(self.first, [date(2026, 6, 1)])
        self.assertTrue(created)
        self.assertEqual(set(created.mapped("contact_name")), {"From the hook"})

    def test_missed_contacts_are_marked_per_group_and_once(self):
        visits = self.Visit.create(
            [
                {
                    "partner_id": account.id,
                    "company_id": account.key_account_company_id.id,
                    "contact_type_id": self.env.ref(
                        "key_account_service.key_account_contact_type_phone"
                    ).id,
                    "date_planned": "2026-04-01",
                }
                for account in self.accounts
            ]
        )
        domain = self.Visit._get_mark_missed_domain(self.hq, date(2026, 5, 10))
        self.assertEqual(self.Visit.search(domain) & visits, visits)
        with (
            self._record_calls(self.Visit, "_mark_missed") as mark,
            self._progress() as progress,
        ):
            self.Visit._cron_mark_missed()
        for visit in visits:
            company = self._company_of_call(mark, lambda c: c.args[0], visit)
            self.assertEqual(company, self.hq)
        self.assertEqual(set(visits.mapped("state")), {"missed"})
        self.assertEqual(progress.call_args.kwargs["remaining"], 0)
        self.assertFalse(self.Visit.search(domain) & visits)
        self.Visit._cron_mark_missed()
        self.assertEqual(set(visits.mapped("state")), {"missed"})

    def test_detection_works_per_serving_branch_and_once_a_day(self):
        Revenue = self.env["key.account.revenue"].sudo()
        for account in self.accounts:
            Revenue.create(
                {
                    "partner_id": account.id,
                    "company_id": account.key_account_company_id.id,
                    "month": "2026-04-01",
                    "net": 50000,
                    "invoiced": 50000,
                }
            )
        warning_class = type(self.Warning)
        plain = warning_class._prepare_warning_vals

        def with_source(warning, *args, **kwargs):
            return dict(plain(warning, *args, **kwargs), source_ref="HOOK/1")

        with (
            self._record_calls(self.Warning, "_detect") as detect,
            patch.object(warning_class, "_prepare_warning_vals", with_source),
            self._progress() as progress,
        ):
            self.Warning._cron_detect(batch_size=10000)
        for account in self.accounts:
            company = self._company_of_call(detect, lambda c: c.args[1], account)
            self.assertEqual(company, account.key_account_company_id)
        self.assertEqual(progress.call_args.kwargs["remaining"], 0)
        cases = self.Warning.search([("partner_id", "in", self.accounts.ids)])
        self.assertRecordValues(
            cases.sorted(lambda case: case.partner_id.id),
            [
                {
                    "partner_id": account.id,
                    "company_id": account.key_account_company_id.id,
                    "level": "serious",
                    "source_ref": "HOOK/1",
                }
                for account in self.accounts.sorted("id")
            ],
        )
        domain = self.Warning._get_detect_domain(date(2026, 5, 10))
        self.assertFalse(self.Partner.search(domain) & self.accounts)
        self.Warning._cron_detect(batch_size=10000)
        self.assertEqual(
            self.Warning.search([("partner_id", "in", self.accounts.ids)]), cases
        )

    def test_metrics_are_updated_per_serving_branch_and_once_a_day(self):
        with (
            self._record_calls(self.Partner, "_key_account_update_metrics") as update,
            self._progress() as progress,
        ):
            self.Partner._cron_update_metrics(batch_size=10000)
        for account in self.accounts:
            company = self._company_of_call(update, lambda c: c.args[0], account)
            self.assertEqual(company, account.key_account_company_id)
        self.assertEqual(progress.call_args.kwargs["remaining"], 0)
        self.assertEqual(
            set(self.accounts.mapped("key_account_metrics_date")), {date(2026, 5, 10)}
        )
        domain = self.Partner._get_update_metrics_domain(date(2026, 5, 10))
        self.assertFalse(self.Partner.search(domain) & self.accounts)

    def test_the_roster_snapshot_selects_in_its_domain_and_runs_once(self):
        later = self._key_account("Cron Later Co.", 100000, start="2026-05-02")
        domain = self.Roster._get_snapshot_domain(date(2026, 4, 1))
        # an account that starts after the month is not held in it
        self.assertEqual(
            self.Partner.search(domain) & (self.accounts | later), self.accounts
        )
        roster_class = type(self.Roster)
        plain = roster_class._prepare_roster_vals
        colleague = self._new_user("ka_cron_colleague", "user", self.branch)

        def to_colleague(roster, partner, user, *args, **kwargs):
            return plain(roster, partner, colleague, *args, **kwargs)

        with (
            self._record_calls(self.Roster, "_snapshot") as snapshot,
            patch.object(roster_class, "_prepare_roster_vals", to_colleague),
            self._progress() as progress,
        ):
            self.Roster._cron_snapshot(batch_size=10000)
        for account in self.accounts:
            company = self._company_of_call(snapshot, lambda c: c.args[2], account)
            self.assertEqual(company, account.key_account_company_id)
        self.assertEqual(progress.call_args.kwargs["remaining"], 0)
        lines = self.Roster.search([("partner_id", "in", (self.accounts | later).ids)])
        self.assertRecordValues(
            lines.sorted(lambda line: line.partner_id.id),
            [
                {
                    "partner_id": account.id,
                    "company_id": account.key_account_company_id.id,
                    "user_id": colleague.id,
                    "date_from": date(2026, 4, 1),
                    "date_to": date(2026, 4, 30),
                }
                for account in self.accounts.sorted("id")
            ],
        )
        self.assertFalse(self.Partner.search(domain) & self.accounts)
        self.Roster._cron_snapshot(batch_size=10000)
        self.assertEqual(
            self.Roster.search([("partner_id", "in", self.accounts.ids)]), lines
        )
