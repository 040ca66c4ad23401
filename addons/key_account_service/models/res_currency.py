from odoo import models

from ..tools.amount_words import rmb_uppercase


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def amount_in_words(self, amount):
        """The amount in words every printed document shows.

        RMB is written in Chinese uppercase (大写金额, 人民币叁佰元整), as Chinese
        vouchers, statements and letters require; Odoo's num2words has no
        Chinese and would print "Three Hundred元". Other currencies keep
        Odoo's words.
        """
        self.ensure_one()
        if self.name == "CNY":
            return rmb_uppercase(self.round(amount))
        return self.amount_to_text(amount)
