from odoo.exceptions import UserError, ValidationError
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

    def test_report_days_and_register_time_are_headquarters_settings(self):
        """X2: the manual's 3rd, 5th, 8th, 27th and 17:00, edited from a branch's
        settings on its headquarters, within the days and hours that exist."""
        group = self.env["res.company"].create({"name": "Fourth Courier Group"})
        branch = self.env["res.company"].create(
            {"name": "Fourth Group Branch", "parent_id": group.id}
        )
        settings = self.env["res.config.settings"].with_company(branch).create({})
        figures = (
            "courier_report_day",
            "courier_analysis_day",
            "courier_insurance_analysis_day",
            "courier_register_start_day",
            "courier_register_due_hour",
        )
        self.assertEqual([settings[name] for name in figures], [3, 5, 8, 27, 17.0])
        settings.write(
            {
                "courier_report_day": 1,
                "courier_analysis_day": 28,
                "courier_insurance_analysis_day": 28,
                "courier_register_start_day": 28,
                "courier_register_due_hour": 0.0,
            }
        )
        settings.execute()
        self.assertEqual([group[name] for name in figures], [1, 28, 28, 28, 0.0])
        group.courier_register_due_hour = 23.99
        for name, value in (
            ("courier_report_day", 0),
            ("courier_analysis_day", 29),
            ("courier_insurance_analysis_day", 0),
            ("courier_insurance_analysis_day", 29),
            ("courier_register_start_day", 0),
            ("courier_register_start_day", 29),
            ("courier_register_due_hour", -0.5),
            ("courier_register_due_hour", 24.0),
        ):
            with (
                self.subTest(name=name, value=value),
                self.assertRaises(ValidationError),
            ):
                group.write({name: value})
        group.write({"courier_report_day": 5, "courier_analysis_day": 5})
        with self.assertRaises(ValidationError):
            group.write({"courier_report_day": 6})
