from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError

MANAGER = "courier_claims.courier_claims_group_manager"


class ResPartner(models.Model):
    _inherit = "res.partner"

    courier_incident_count = fields.Integer(
        string="Service Incidents",
        compute="_compute_courier_counts",
        groups="courier_claims.courier_claims_group_user",
    )
    courier_complaint_count = fields.Integer(
        string="Complaints",
        compute="_compute_courier_counts",
        groups="courier_claims.courier_claims_group_user",
    )

    # 000 §4.3: a customer who does not insure, exempted with the customer
    # service's approval, is not counted against the agents' insured target.
    courier_insurance_exempt = fields.Boolean(
        string="Exempt from Insurance Target",
        readonly=True,
        copy=False,
        groups=MANAGER,
        help="Approved by customer service: this customer's uninsured orders "
        "do not count as missing insured orders in the agents' piece-rate pay. "
        "Set by a CS manager with the button on the customer.",
    )

    def _compute_courier_counts(self):
        incidents = self._key_account_related_counts("courier.incident")
        complaints = self._key_account_related_counts("courier.complaint")
        for partner in self:
            partner.courier_incident_count = incidents.get(partner._origin, 0)
            partner.courier_complaint_count = complaints.get(partner._origin, 0)

    @api.readonly
    def action_view_courier_incidents(self):
        return self._key_account_open_related("courier_claims.courier_incident_action")

    @api.readonly
    def action_view_courier_complaints(self):
        return self._key_account_open_related("courier_claims.courier_complaint_action")

    def action_toggle_courier_insurance_exempt(self):
        """A CS manager approves (or withdraws) the customer's exemption from
        the insured target; the chatter keeps who did it and when."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "Only customer-service managers exempt customers from the "
                    "insurance target."
                )
            )
        # the customers of his branches only: the method is called by id
        self.check_access("read")
        for partner in self:
            exempt = not partner.sudo().courier_insurance_exempt
            partner.sudo().courier_insurance_exempt = exempt
            partner.sudo()._message_log(
                body=escape(
                    self.env._(
                        "Exempt from the insurance target, approved by %(user)s.",
                        user=self.env.user.name,
                    )
                    if exempt
                    else self.env._(
                        "Exemption from the insurance target withdrawn by %(user)s.",
                        user=self.env.user.name,
                    )
                )
            )
        return True
