from odoo import models


class KeyAccountShipment(models.Model):
    """The branches' shipments count the insured-parcel registers (CL-5)."""

    _inherit = "key.account.shipment"

    def _shipments_changed(self, days=frozenset()):
        days = super()._shipments_changed(days)
        self.env["courier.insured.register"]._refresh_from_shipments(days)
        return days
