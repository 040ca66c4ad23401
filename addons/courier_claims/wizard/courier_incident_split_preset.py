from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.claims import preset_percents


class CourierIncidentSplitPreset(models.TransientModel):
    """Start a responsibility split from one of the manual's rules."""

    _name = "courier.incident.split.preset"
    _description = "Responsibility Split Preset"

    incident_id = fields.Many2one("courier.incident", required=True)
    preset = fields.Selection(
        [
            ("sole", "Sole responsibility (whoever annotated privately bears all)"),
            ("half", "50 / 50"),
            ("thirds", "One third each"),
            ("thirty_seventy", "30 / 70"),
        ],
        required=True,
        default="half",
    )

    def action_apply(self):
        self.ensure_one()
        incident = self.incident_id
        incident.check_access("write")
        if incident.locked:
            raise UserError(self.env._("The incident is locked."))
        # handlers may not delete shares one by one; replacing them is checked above
        incident.sudo().share_ids = [(5, 0, 0)] + [
            (0, 0, {"percent": percent}) for percent in preset_percents(self.preset)
        ]
