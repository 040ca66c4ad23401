from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install")
class TestSettings(KeyAccountServiceCommon):
    """The settings page edits headquarters' figures and seeds a new group."""

    def _settings(self, company):
        return self.env["res.config.settings"].with_company(company).create({})

    def test_branch_settings_edit_headquarters_figures(self):
        settings = self._settings(self.branch)
        self.assertEqual(settings.policy_company_id, self.hq)
        self.assertEqual(settings.key_account_warning_drop, 10.0)
        settings.key_account_warning_drop = 12.5
        settings.execute()
        self.assertEqual(self.hq.key_account_warning_drop, 12.5)

    def test_copy_shipped_configuration_to_new_headquarters(self):
        main = self.env.ref("base.main_company")
        settings = self._settings(self.other_hq)
        self.assertTrue(settings.key_account_policy_missing)
        settings.action_copy_key_account_policy()
        settings = self._settings(self.other_hq)
        self.assertFalse(settings.key_account_policy_missing)

        Band = self.env["key.account.band"]
        shipped = Band.search([("company_id", "=", main.id)])
        copied = Band.search([("company_id", "=", self.other_hq.id)])
        self.assertEqual(len(copied), len(shipped))
        self.assertEqual(
            sorted(copied.mapped("amount_min")), sorted(shipped.mapped("amount_min"))
        )
        # The matrix and rates point at the new group's own bands and grades.
        rules = self.env["key.account.contact.rule"].search(
            [("company_id", "=", self.other_hq.id)]
        )
        self.assertEqual(
            len(rules),
            self.env["key.account.contact.rule"].search_count(
                [("company_id", "=", main.id)]
            ),
        )
        self.assertEqual(rules.band_id, copied.filtered("contact_rule_ids"))
        rates = self.env["key.account.commission.rate"].search(
            [("company_id", "=", self.other_hq.id)]
        )
        self.assertTrue(rates)
        self.assertLessEqual(rates.band_id, copied)
        grades = self.env["key.account.manager.grade"].search(
            [("company_id", "=", self.other_hq.id)]
        )
        self.assertLessEqual(rates.grade_id, grades)
        # The manual's figure follows: the first commission band pays 2%.
        first = rates.filtered(lambda r: r.kind == "band").sorted(
            lambda r: r.band_id.amount_min
        )[0]
        self.assertEqual(first.rate, 2.0)

    def test_copy_refused_twice_and_for_branches(self):
        self.other_hq._copy_key_account_policy()
        with self.assertRaises(UserError):
            self.other_hq._copy_key_account_policy()
        with self.assertRaises(UserError):
            self.branch._copy_key_account_policy()

    def test_used_contact_type_is_archived_not_deleted(self):
        meeting = self.env.ref("key_account_service.key_account_contact_type_meeting")
        partner = self._key_account("Kept History Co.", 60000)
        self.env["key.account.visit"].create(
            {
                "partner_id": partner.id,
                "company_id": self.branch.id,
                "contact_type_id": meeting.id,
                "user_id": self.account_manager.id,
                "date_planned": "2026-03-03",
            }
        )
        with self.assertRaises(UserError):
            meeting.unlink()
        meeting.active = False
        self.assertEqual(partner.key_account_visit_ids.contact_type_id, meeting)
