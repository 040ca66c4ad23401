from odoo import api, fields, models


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
