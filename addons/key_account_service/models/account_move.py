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

    def write(self, vals):
        res = super().write(vals)
        if "key_account_legal_recovery" in vals:
            self._key_account_redraft_statements()
        return res

    def _key_account_redraft_statements(self):
        """A legal recovery changes the draft statements that settled these
        invoices' collections: redraft them now, so that the collections view
        and the statements show the exclusion without a manual recompute.
        Confirmed statements wait until they are returned to draft.
        """
        matches = (
            self.env["key.account.commission.match"]
            .sudo()
            .search([("invoice_id", "in", self.ids)])
        )
        drafts = matches.line_id.statement_id.filtered(
            lambda statement: statement.state == "draft"
        )
        generator = self.env["key.account.commission.generator"].sudo()
        self.env.flush_all()  # the generation reads the invoices in SQL
        for month in set(drafts.mapped("month")):
            of_month = drafts.filtered(lambda s, m=month: s.month == m)
            generator._generate(month, of_month.company_id, of_month.user_id)
