from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "cs_legal")
class TestLegalTour(HttpCase):
    def test_fee_schedule_tour(self):
        self.start_tour("/odoo", "legal_fee_schedule_tour", login="admin")
        national = self.env.ref("cs_legal.legal_fee_schedule_national_2007")
        self.assertEqual(national.sample_amount, 250000.0)
        self.assertEqual(national.sample_fee, 5050.0)
