from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "courier_claims")
class TestClaimsTour(HttpCase):
    def test_complaint_category_tour(self):
        self.start_tour("/odoo", "courier_complaint_category_tour", login="admin")
        category = self.env.ref("courier_claims.courier_complaint_category_no_feedback")
        self.assertEqual(category.name, "No Feedback Given")
        self.assertEqual(category.department, "supervision")
