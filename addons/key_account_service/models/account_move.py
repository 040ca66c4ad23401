from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from ..tools import first_of_month, same_day_months_later

# Put in the context by Python code only: a client cannot send an object
# through JSON-RPC, so it cannot create a compensation document by itself.
_COMPENSATION_MAKER = object()


class AccountMove(models.Model):
    _inherit = "account.move"

    key_account_legal_recovery = fields.Boolean(
        string="Recovered through Legal Action",
        copy=False,
        tracking=True,
        help="Money collected on this invoice earns no key-account commission. "
        "Set by the legal case that recovered it.",
    )
    # X1: the neutral concept, declared here so that every revenue and
    # collection definition of this addon can leave such documents out; the
    # addon that pays compensation (courier_claims) sets it.
    key_account_compensation = fields.Boolean(
        string="Compensation Document",
        readonly=True,
        copy=False,
        help="Compensation paid to the customer (a claims payout), or its "
        "reversal: not revenue. Left out of the revenue history, bands, "
        "warnings, reviews and commissions, and shown apart on the key account.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if (
            not self.env.su
            and self.env.context.get("key_account_compensation_maker")
            is not _COMPENSATION_MAKER
            and (
                self.env.context.get("default_key_account_compensation")
                or any(vals.get("key_account_compensation") for vals in vals_list)
            )
        ):
            raise UserError(
                self.env._(
                    "A compensation document is made by the claims payout that "
                    "pays it, not by hand."
                )
            )
        return super().create(vals_list)

    @api.model
    def _key_account_create_compensation(self, vals_list):
        """Create compensation documents: the payouts of the addon that pays
        compensation, and the reversals of such documents."""
        return self.with_context(
            key_account_compensation_maker=_COMPENSATION_MAKER
        ).create(vals_list)

    def write(self, vals):
        flag = vals.get("key_account_compensation")
        if (
            "key_account_compensation" in vals
            and not self.env.su
            and any(move.key_account_compensation != bool(flag) for move in self)
        ):
            raise UserError(
                self.env._(
                    "Whether a document is a compensation payout is set by the "
                    "payout that creates it; it cannot be changed afterwards."
                )
            )
        res = super().write(vals)
        if "key_account_legal_recovery" in vals:
            self._key_account_redraft_statements()
        return res

    def _key_account_redraft_statements(self, statements=None):
        """A legal recovery changes the draft statements that settled these
        invoices' collections: redraft them now, so that the collections view
        and the statements show the exclusion without a manual recompute.
        ``statements`` are redrafted too (when still drafts). Confirmed
        statements wait until they are returned to draft.
        """
        matches = (
            self.env["key.account.commission.match"]
            .sudo()
            .search([("invoice_id", "in", self.ids)])
        )
        drafts = matches.line_id.statement_id
        if statements:
            drafts |= statements.sudo()
        drafts = drafts.filtered(lambda statement: statement.state == "draft")
        generator = self.env["key.account.commission.generator"].sudo()
        self.env.flush_all()  # the generation reads the invoices in SQL
        for month in set(drafts.mapped("month")):
            of_month = drafts.filtered(lambda s, m=month: s.month == m)
            generator._generate(month, of_month.company_id, of_month.user_id)

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """Reversing a compensation document takes compensation back, not
        revenue: the reversal is a compensation document too."""
        if not default_values_list:
            default_values_list = [{} for _move in self]
        for move, default_values in zip(self, default_values_list, strict=True):
            if move.key_account_compensation:
                default_values.setdefault("key_account_compensation", True)
        moves = self
        if any(self.mapped("key_account_compensation")):
            moves = self.with_context(
                key_account_compensation_maker=_COMPENSATION_MAKER
            )
        return super(AccountMove, moves)._reverse_moves(
            default_values_list, cancel=cancel
        )

    def _key_account_compensation_flagged(self):
        """These moves were flagged as compensation outside the ORM (a
        migration): bring their months' revenue rows in line, fix again the
        commission bases whose first three months they fall in, and queue the
        accounts' metrics (reference, band, floor) for tonight. Draft
        commission statements that counted them are redrafted.
        """
        moves = self.sudo().filtered(
            lambda m: m.key_account_compensation and m.invoice_date
        )
        if not moves:
            return
        Revenue = self.env["key.account.revenue"].sudo()
        # and the months of the invoices the credit notes settle, which they
        # collect now (compensation_offset)
        settled = moves.filtered(
            lambda m: m.move_type == "out_refund"
        ).line_ids.matched_debit_ids.debit_move_id.move_id.filtered(
            lambda m: m.move_type == "out_invoice" and m.invoice_date
        )
        keys = {
            (move.company_id.id, first_of_month(move.invoice_date).isoformat())
            for move in moves | settled
        }
        # in the nightly pass's batches: a batch joins the reconciliations once
        for batch in split_every(24, sorted(keys, key=lambda key: (key[1], key[0]))):
            Revenue._refresh_keys(list(batch))
        months = {
            (move.commercial_partner_id, first_of_month(move.invoice_date))
            for move in moves
        }
        partners = moves.commercial_partner_id.filtered("is_key_account")
        rebase = partners.filtered(
            lambda p: (
                p.key_account_commission_base_date
                and p.key_account_start_date
                and any(
                    first_of_month(p.key_account_start_date)
                    <= month
                    < same_day_months_later(p.key_account_start_date, 3)
                    for partner, month in months
                    if partner == p
                )
            )
        )
        rebase._key_account_fix_commission_base(force=True)
        partners.write({"key_account_metrics_date": False})
        # drafts whose roster revenue or clawbacks counted them
        lines = (
            self.env["key.account.commission.line"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", moves.commercial_partner_id.ids),
                    ("statement_id.month", "in", sorted({m for _p, m in months})),
                    ("statement_id.state", "=", "draft"),
                ]
            )
        )
        moves._key_account_redraft_statements(lines.statement_id)
