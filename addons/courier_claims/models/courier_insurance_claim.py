from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INSURANCE_ORDER = ["draft", "reported", "proposal", "settled"]
USER = "courier_claims.courier_claims_group_user"


class CourierInsuranceClaim(models.Model):
    """The claim on the insurer of an insured parcel (CL-5).

    Its deadlines are steps of the incident's ladder (claims office within
    24 hours, investigation, report, escalation); moving the claim on marks
    them done. The branch's handling proposal and the customer's payout are
    steps of the incident, not of the insurer (000 section 3.4).
    """

    _name = "courier.insurance.claim"
    _description = "Insurance Claim"
    _inherit = [
        "guarded.workflow.mixin",
        "sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _track_state_subtypes = {
        "settled": "courier_claims.mt_courier_insurance_claim_settled"
    }
    _check_company_auto = True

    # One step at a time; a settled or refused claim is closed.
    _workflow_transitions = {
        ("draft", "reported"): USER,
        ("reported", "proposal"): USER,
        ("proposal", "settled"): USER,
        ("reported", "refused"): USER,
        ("proposal", "refused"): USER,
    }
    _workflow_fields = frozenset({"reported_date", "proposal_date", "settled_date"})
    _workflow_locked_states = ("settled", "refused")

    # the claim's company is its incident's: nothing to check on this link
    incident_id = fields.Many2one(
        "courier.incident",
        required=True,
        index=True,
        domain="[('insured', '=', True)]",
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True)
    currency_id = fields.Many2one(related="incident_id.currency_id")
    partner_id = fields.Many2one(related="incident_id.partner_id")
    insurer_id = fields.Many2one("res.partner", required=True, check_company=True)
    policy_number = fields.Char()
    police_receipt = fields.Char(
        string="Police Report Receipt",
        help="A lost parcel is reported to the police at once; keep the receipt.",
    )
    carrier_certificate = fields.Boolean(string="Carrier's Certificate Received")
    claimed_amount = fields.Monetary(tracking=True)
    recovered_amount = fields.Monetary(tracking=True)
    state = fields.Selection(
        [
            ("draft", "Preparing"),
            ("reported", "Reported to the Insurer"),
            ("proposal", "Proposal Received"),
            ("settled", "Settled"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    reported_date = fields.Datetime(readonly=True)
    proposal_date = fields.Datetime(readonly=True)
    settled_date = fields.Datetime(readonly=True)

    @api.constrains("claimed_amount", "recovered_amount")
    def _check_amounts_not_negative(self):
        if self.filtered(lambda c: min(c.claimed_amount, c.recovered_amount) < 0):
            raise ValidationError(
                self.env._("Claimed and recovered amounts cannot be negative.")
            )

    def _workflow_check(self, old, new):
        if new == "reported":
            if self.incident_id.kind == "loss" and not self.police_receipt:
                raise UserError(
                    self.env._("A lost parcel is reported to the police first.")
                )
            if not self.claimed_amount:
                raise UserError(self.env._("Enter the amount claimed."))
        if new == "settled" and not self.recovered_amount:
            raise UserError(self.env._("Enter the amount the insurer pays."))
        return super()._workflow_check(old, new)

    def _workflow_move(self, new_state, values=None, reason=None):
        """Moving the claim on marks the incident's insurance steps done."""
        res = super()._workflow_move(new_state, values, reason)
        if new_state in INSURANCE_ORDER:
            reached = INSURANCE_ORDER.index(new_state)
            self.incident_id.sudo().deadline_ids.filtered(
                lambda step: (
                    step.rule_id.done_insurance_state
                    and INSURANCE_ORDER.index(step.rule_id.done_insurance_state)
                    <= reached
                )
            )._mark_done()
        return res

    def action_report(self):
        self._workflow_move("reported", {"reported_date": fields.Datetime.now()})

    def action_proposal(self):
        self._workflow_move("proposal", {"proposal_date": fields.Datetime.now()})

    def action_settle(self):
        self._workflow_move("settled", {"settled_date": fields.Datetime.now()})

    def action_refuse(self):
        self.filtered(lambda c: c.state in ("reported", "proposal"))._workflow_move(
            "refused"
        )
