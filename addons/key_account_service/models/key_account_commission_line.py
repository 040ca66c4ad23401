from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.input_checks import AMOUNT_LIMIT


class KeyAccountCommissionLine(models.Model):
    """A key account's figures on a commission statement, or an adjustment.

    Account lines are written by the statement generation; a customer-service
    manager adds adjustment lines to correct an earlier, locked statement.
    """

    _name = "key.account.commission.line"
    _description = "Key Account Commission Statement Line"
    _order = "statement_id, kind, partner_id, rate desc, id"
    _check_company_auto = True

    statement_id = fields.Many2one(
        "key.account.commission.statement",
        required=True,
        index=True,
        ondelete="cascade",
    )
    kind = fields.Selection(
        [("account", "Key Account"), ("adjustment", "Adjustment")],
        required=True,
        default="adjustment",
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Key Account", index=True, check_company=True
    )
    company_id = fields.Many2one(related="statement_id.company_id")
    user_id = fields.Many2one(related="statement_id.user_id")
    month = fields.Date(related="statement_id.month")
    currency_id = fields.Many2one(related="statement_id.currency_id")
    # a tariff, not a ratio: a group has no rate to show (no sum, no average)
    rate = fields.Float(
        string="Rate (%)", digits=(16, 2), readonly=True, aggregator=None
    )
    revenue = fields.Monetary(
        string="Net Revenue",
        readonly=True,
        help="The account's net revenue invoiced in the month while this manager "
        "held it.",
    )
    collected = fields.Monetary(
        readonly=True, help="Collections earning commission (untaxed share)."
    )
    excluded_late = fields.Monetary(
        string="Forfeited (late)",
        readonly=True,
        help="Collected after the forfeiture period: earns nothing.",
    )
    excluded_legal = fields.Monetary(
        string="Legal Recovery",
        readonly=True,
        help="Recovered through legal action: earns nothing.",
    )
    commission = fields.Monetary()
    note = fields.Char(string="Reason")
    corrected_statement_id = fields.Many2one(
        "key.account.commission.statement",
        string="Corrects",
        check_company=True,
        help="The earlier statement this adjustment corrects.",
    )
    match_ids = fields.One2many("key.account.commission.match", "line_id")

    @api.constrains("kind", "note")
    def _check_adjustment_reason(self):
        for line in self:
            if line.kind == "adjustment" and not line.note:
                raise UserError(self.env._("An adjustment needs its reason."))

    @api.constrains("kind", "commission")
    def _check_adjustment_amount(self):
        for line in self:
            if line.kind == "adjustment" and abs(line.commission) > AMOUNT_LIMIT:
                raise ValidationError(
                    self.env._(
                        "An adjustment of %(amount)s is beyond any commission: "
                        "adjustments stay within plus or minus %(limit)s.",
                        amount=line.commission,
                        limit=AMOUNT_LIMIT,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        statements = self.env["key.account.commission.statement"].browse(
            [vals.get("statement_id") for vals in vals_list]
        )
        statements._check_editable()
        if any(vals.get("kind", "adjustment") != "adjustment" for vals in vals_list):
            raise UserError(self.env._("Only adjustment lines are added by hand."))
        lines = super().create(vals_list)
        # nor through a default_kind in the context
        if not self.env.su and lines.filtered(lambda line: line.kind != "adjustment"):
            raise UserError(self.env._("Only adjustment lines are added by hand."))
        return lines

    def write(self, vals):
        self.check_access("write")
        if "kind" in vals and not self.env.su:
            raise UserError(self.env._("Only adjustment lines are added by hand."))
        self.statement_id._check_editable()
        # A line moved to another statement changes that one too.
        self.statement_id.browse(vals.get("statement_id"))._check_editable()
        if self.filtered(lambda line: line.kind == "account"):
            raise UserError(
                self.env._(
                    "Key-account lines come from the collections; recompute the "
                    "statement or add an adjustment."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_when_editable(self):
        self.statement_id._check_editable()
