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
