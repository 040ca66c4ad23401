from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class CourierIncident(models.Model):
    """The payout of an approved incident and its recovery from a carrier (CL-7).

    The compensation is a posted credit note to the customer on the claims
    compensation account: finance pays it like any refund, or sets it against
    the customer's next invoices. What a responsible carrier owes is invoiced
    to the carrier.
    """

    # one concern per file keeps the incident model readable
    _inherit = "courier.incident"  # pylint: disable=consider-merging-classes-inherited

    payout_move_id = fields.Many2one(
        "account.move", string="Compensation Credit Note", readonly=True, copy=False
    )
    payout_date = fields.Date(
        related="payout_move_id.invoice_date", store=True, string="Paid out on"
    )
    payout_state = fields.Selection(
        related="payout_move_id.payment_state", string="Payout Payment"
    )
    recovery_amount = fields.Monetary(
        string="To Recover from the Carrier",
        compute="_compute_recovery_amount",
        help="The carrier's shares of the compensation.",
    )
    recovery_move_id = fields.Many2one(
        "account.move", string="Carrier Invoice", readonly=True, copy=False
    )
    recovered_amount = fields.Monetary(compute="_compute_recovered_amount")
    responsible_partner_id = fields.Many2one(
        "res.partner",
        compute="_compute_responsible_partner_id",
        help="Who receives the confirmation letter: the carrier, else the "
        "responsible branch, else the incident's own branch.",
    )

    @api.depends("carrier_id", "responsible_company_id", "company_id")
    def _compute_responsible_partner_id(self):
        for incident in self:
            incident.responsible_partner_id = (
                incident.carrier_id
                or incident.responsible_company_id.partner_id
                or incident.company_id.partner_id
            )

    @api.depends("share_ids.amount", "share_ids.party_type")
    def _compute_recovery_amount(self):
        for incident in self:
            incident.recovery_amount = sum(
                incident.share_ids.filtered(lambda s: s.party_type == "carrier").mapped(
                    "amount"
                )
            )

    @api.depends("recovery_move_id.amount_residual")
    def _compute_recovered_amount(self):
        for incident in self:
            move = incident.recovery_move_id
            incident.recovered_amount = (
                move.amount_total - move.amount_residual if move else 0.0
            )

    def _compensation_line(self, amount, label):
        account = self.company_id._policy().courier_compensation_account_id
        if not account:
            raise UserError(
                self.env._(
                    "Set the claims compensation account on %(company)s first.",
                    company=self.company_id._policy().name,
                )
            )
        return Command.create(
            {
                "name": label,
                "quantity": 1,
                "price_unit": amount,
                "tax_ids": [],
                "account_id": account.id,
            }
        )

    def action_create_payout(self):
        """The compensation as a posted credit note to the customer."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "approved" or self.payout_move_id:
            raise UserError(self.env._("Only an approved incident is paid, once."))
        if self._missing_levels():  # the approvals must cover today's amount
            raise UserError(
                self.env._(
                    "%(incident)s needs the approval of: %(who)s.",
                    incident=self.name,
                    who=self.approval_needed,
                )
            )
        move = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": self.partner_id.id,
                    "invoice_origin": self.name,
                    "ref": self.env._("Compensation %s", self.name),
                    "invoice_line_ids": [
                        self._compensation_line(
                            self.compensation,
                            self.env._(
                                "Compensation for %(incident)s, waybill %(waybill)s",
                                incident=self.name,
                                waybill=self.waybill or "",
                            ),
                        )
                    ],
                }
            )
        )
        move.action_post()
        self._workflow_write({"payout_move_id": move.id})  # access checked above
        self.message_post(
            body=self.env._("Compensation credit note %s posted.", move.name)
        )
        return move

    def action_invoice_carrier(self):
        """Invoice the responsible carrier its shares of the compensation."""
        self.ensure_one()
        self.check_access("write")
        carriers = self.share_ids.filtered(lambda s: s.party_type == "carrier")
        if not carriers or self.recovery_move_id:
            raise UserError(self.env._("No carrier share to invoice, or already done."))
        if len(carriers.carrier_id) != 1:
            raise UserError(self.env._("Invoice one carrier at a time."))
        move = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": carriers.carrier_id.id,
                    "invoice_origin": self.name,
                    "invoice_line_ids": [
                        self._compensation_line(
                            self.recovery_amount,
                            self.env._(
                                "Your share of the compensation for %s", self.name
                            ),
                        )
                    ],
                }
            )
        )
        move.action_post()
        self._workflow_write({"recovery_move_id": move.id})
        return move

    def _workflow_check(self, old, new):
        if new == "paid" and self.payout_move_id.state != "posted":
            raise UserError(
                self.env._("Post the compensation credit note before paying.")
            )
        return super()._workflow_check(old, new)

    def action_send_letter(self):
        """Open the composer with the apology, negotiation or confirmation letter."""
        self.ensure_one()
        letter = self.env.context.get("letter")
        if letter not in ("apology", "negotiation", "confirmation"):
            raise UserError(self.env._("Choose a letter to send."))
        template = self.env.ref(f"courier_claims.mail_template_incident_{letter}")
        return self._composer_action(template)
