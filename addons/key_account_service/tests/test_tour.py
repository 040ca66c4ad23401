from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "key_account_service")
class TestKeyAccountTour(HttpCase):
    def test_region_tour(self):
        self.start_tour("/odoo", "key_account_region_tour", login="admin")
        region = self.env["key.account.region"].search(
            [("name", "=", "Tour Region South")]
        )
        self.assertEqual(len(region), 1)
        self.assertEqual(region.company_id, self.env.ref("base.user_admin").company_id)
