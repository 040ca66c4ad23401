from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon

INCOMPATIBLE = "Incompatible companies"


@tagged("post_install", "-at_install", "key_account_service")
class TestCompanyChecks(KeyAccountServiceCommon):
    """A branch's record links no other group's customer, band or statement;
    its headquarters' customers serve it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_manual_bands(cls.hq)
        Partner = cls.env["res.partner"]
        cls.foreign = Partner.create(
            {
                "name": "Other Group's Customer",
                "is_company": True,
                "company_id": cls.other_hq.id,
            }
        )
        cls.headquarters = Partner.create(
            {"name": "HQ's Customer", "is_company": True, "company_id": cls.hq.id}
        )
        cls.phone = cls.env.ref("key_account_service.key_account_contact_type_phone")

    def _foreign_band(self):
        return self.env["key.account.band"].create(
            {
                "name": "Other Group's Band",
                "band_set": "commission",
                "company_id": self.other_hq.id,
                "amount_min": 0,
            }
        )

    def _vals(self, partner):
        """What each model needs to link ``partner`` from the branch."""
        branch, user = self.branch.id, self.account_manager.id
        return {
            "key.account.visit": {
                "partner_id": partner.id,
                "company_id": branch,
                "contact_type_id": self.phone.id,
                "date_planned": "2026-05-04",
            },
            "key.account.warning": {
                "partner_id": partner.id,
                "company_id": branch,
                "reason": "major_incident",
                "level": "warning",
            },
            "key.account.handover": {
                "partner_id": partner.id,
                "company_id": branch,
                "approver_id": user,
                "account_manager_id": user,
            },
            "key.account.roster": {
                "partner_id": partner.id,
                "company_id": branch,
                "user_id": user,
                "month": "2026-04-01",
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
            },
            "key.account.service.kpi": {
                "partner_id": partner.id,
                "company_id": branch,
                "month": "2026-04-01",
            },
            "key.account.archive": {"partner_id": partner.id, "company_id": branch},
            "key.account.revenue": {
                "partner_id": partner.id,
                "company_id": branch,
                "month": "2026-04-01",
            },
        }

    def test_another_groups_customer_is_refused(self):
        for model, vals in self._vals(self.foreign).items():
            with (
                self.subTest(model=model),
                self.assertRaisesRegex(UserError, INCOMPATIBLE),
                self.cr.savepoint(),
            ):
                self.env[model].create(vals)
        for model, vals in self._vals(self.headquarters).items():
            with self.subTest(model=model):
                self.assertTrue(self.env[model].create(vals))

    def test_a_rate_takes_its_own_companys_bands_only(self):
        with self.assertRaisesRegex(UserError, INCOMPATIBLE), self.cr.savepoint():
            self.env["key.account.commission.rate"].create(
                {
                    "company_id": self.hq.id,
                    "band_id": self._foreign_band().id,
                    "rate": 1.0,
                }
            )

    def test_an_adjustment_corrects_a_statement_of_its_own_company(self):
        Statement = self.env["key.account.commission.statement"]
        later, foreign = Statement.create(
            [
                {
                    "month": "2026-04-01",
                    "user_id": self.account_manager.id,
                    "company_id": self.branch.id,
                },
                {
                    "month": "2026-03-01",
                    "user_id": self.account_manager.id,
                    "company_id": self.other_hq.id,
                },
            ]
        )
        with self.assertRaisesRegex(UserError, INCOMPATIBLE), self.cr.savepoint():
            self.env["key.account.commission.line"].create(
                {
                    "statement_id": later.id,
                    "commission": -10.0,
                    "note": "Correction",
                    "corrected_statement_id": foreign.id,
                }
            )
