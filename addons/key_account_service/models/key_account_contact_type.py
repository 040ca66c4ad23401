from odoo import api, fields, models
from odoo.exceptions import UserError


class KeyAccountContactType(models.Model):
    _name = "key.account.contact.type"
    _description = "Key Account Contact Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        domain="[('res_model', 'in', (False, 'key.account.visit'))]",
        help="The activity the account manager receives for each planned contact.",
    )
    description = fields.Text(translate=True)
    occasion = fields.Selection(
        [
            ("holiday", "Public Holidays"),
            ("special_day", "Customer's Special Days"),
            ("annual_meeting", "Annual Key-Account Meeting"),
        ],
        help="What a qualitative rule of this type is planned from: a contact "
        "before the public holidays of the branch's calendar, before the "
        "birthdays and anniversaries of the customer archive, or the yearly "
        "meeting invitation. Without it, its contacts are left to judgement.",
    )
    rule_ids = fields.One2many(
        "key.account.contact.rule", "contact_type_id", string="Rules"
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_unused(self):
        if self.env["key.account.visit"].search_count(
            [("contact_type_id", "in", self.ids)], limit=1
        ):
            raise UserError(
                self.env._("Contacts of this type are on record: archive it instead.")
            )
