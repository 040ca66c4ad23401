from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.courier_claims import route_delays_to_supervision


@tagged("post_install", "-at_install", "courier_claims")
class TestComplaintCategory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler = new_test_user(
            cls.env,
            login="claims_handler",
            groups="courier_claims.courier_claims_group_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="claims_manager",
            groups="courier_claims.courier_claims_group_manager",
        )

    def test_manual_routing_is_shipped(self):
        routing = {
            "attitude": "supervision",
            "branch_process": "branch_management",
            "late_transfer": "settlement",
            "delay": "supervision",
            "late_delivery": "supervision",
            "wrong_delivery": "operations",
            "damage_loss": "claims",
            "paperwork": "business",
            "market_price": "business",
            "no_feedback": "supervision",
        }
        for key, department in routing.items():
            xmlid = f"courier_claims.courier_complaint_category_{key}"
            self.assertEqual(self.env.ref(xmlid).department, department, xmlid)

    def test_handler_reads_manager_maintains(self):
        Category = self.env["courier.complaint.category"]
        self.assertIn(
            "Damage or Loss", Category.with_user(self.handler).search([]).mapped("name")
        )
        with self.assertRaises(AccessError):
            Category.with_user(self.handler).create(
                {"name": "Parking", "department": "operations"}
            )
        category = Category.with_user(self.manager).create(
            {"name": "Parking", "department": "operations"}
        )
        category.with_user(self.manager).department = "supervision"
        self.assertEqual(category.department, "supervision")

    def test_delays_move_to_supervision_unless_routed_elsewhere(self):
        """The 18.0.1.13.0 migration: the shipped category is noupdate."""
        delay = self.env.ref("courier_claims.courier_complaint_category_delay")
        delay.department = "operations"  # as shipped before
        route_delays_to_supervision(self.env)
        self.assertEqual(delay.department, "supervision")
        delay.department = "claims"  # the user's own routing
        route_delays_to_supervision(self.env)
        self.assertEqual(delay.department, "claims")
