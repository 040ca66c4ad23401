from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    key_account_legal_recovery = fields.Boolean(
        string="Recovered through Legal Action",
        copy=False,
        tracking=True,
        help="Money collected on this invoice earns no key-account commission. "
        "Set by the legal case that recovered it.",
    )
