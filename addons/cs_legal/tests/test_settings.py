from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLegalSettings(TransactionCase):
    """The legal settings page edits headquarters' figures, whatever the branch."""

    def test_branch_settings_edit_headquarters_figures(self):
        group = self.env["res.company"].create({"name": "Legal Test Group"})
        branch = self.env["res.company"].create(
            {"name": "Legal Test Branch", "parent_id": group.id}
        )
        settings = self.env["res.config.settings"].with_company(branch).create({})
        self.assertEqual(settings.legal_review_hours, 4.0)
        self.assertEqual(
            settings.legal_fee_schedule_id,
            self.env.ref("cs_legal.legal_fee_schedule_manual"),
        )
        settings.legal_review_hours = 6.0
        settings.execute()
        self.assertEqual(group.legal_review_hours, 6.0)
        self.assertEqual(group._policy().legal_review_hours, 6.0)

    def test_used_checklist_item_is_archived_not_deleted(self):
        customer = self.env["res.partner"].create({"name": "Checked Co."})
        contract = self.env["legal.contract"].create(
            {"subject": "Carriage", "partner_id": customer.id}
        )
        item = contract.check_ids[:1].item_id
        self.assertTrue(item)
        with self.assertRaises(UserError):
            item.unlink()
        item.active = False
        self.assertEqual(contract.check_ids[:1].item_id, item)
