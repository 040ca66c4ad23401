from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestClaimsSettings(TransactionCase):
    """A new headquarters gets the manual's claims rules from the settings page."""

    def test_copy_rules_to_new_headquarters(self):
        main = self.env.ref("base.main_company")
        group = self.env["res.company"].create({"name": "Second Courier Group"})
        branch = self.env["res.company"].create(
            {"name": "Second Group Branch", "parent_id": group.id}
        )
        settings = self.env["res.config.settings"].with_company(branch).create({})
        self.assertTrue(settings.courier_policy_missing)
        settings.action_copy_courier_policy()

        Authority = self.env["courier.authority.rule"]
        shipped = Authority.search([("company_id", "=", main.id)])
        copied = Authority.search([("company_id", "=", group.id)])
        self.assertEqual(copied.mapped("level"), shipped.mapped("level"))
        self.assertEqual(copied.mapped("amount_max"), shipped.mapped("amount_max"))
        self.assertEqual(
            self.env["courier.deadline.rule"].search_count(
                [("company_id", "=", group.id)]
            ),
            self.env["courier.deadline.rule"].search_count(
                [("company_id", "=", main.id)]
            ),
        )
        settings = self.env["res.config.settings"].with_company(branch).create({})
        self.assertFalse(settings.courier_policy_missing)
        with self.assertRaises(UserError):
            settings.action_copy_courier_policy()

    def test_branch_settings_edit_headquarters_threshold(self):
        group = self.env["res.company"].create({"name": "Third Courier Group"})
        branch = self.env["res.company"].create(
            {"name": "Third Group Branch", "parent_id": group.id}
        )
        settings = self.env["res.config.settings"].with_company(branch).create({})
        self.assertEqual(settings.courier_cross_branch_hq_amount, 3000.0)
        settings.courier_cross_branch_hq_amount = 5000.0
        settings.execute()
        self.assertEqual(group.courier_cross_branch_hq_amount, 5000.0)
        self.assertEqual(branch.courier_cross_branch_hq_amount, 3000.0)

    def test_followed_deadline_step_cannot_be_deleted(self):
        incident = self.env["courier.incident"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Step Co."}).id,
                "waybill": "SF0000000001",
                "kind": "damage",
                "claimed_amount": 500.0,
            }
        )
        step = incident.deadline_ids[:1]
        self.assertTrue(step)
        with self.assertRaises(UserError):
            step.rule_id.unlink()
        self.assertTrue(step.exists())
