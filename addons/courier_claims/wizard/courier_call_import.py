import base64

from odoo import api, fields, models
from odoo.exceptions import UserError


class CourierCallImport(models.TransientModel):
    """Upload a file of the switch's call records to a branch's calls."""

    _name = "courier.call.import"
    _description = "Import Call Records"

    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    file_format = fields.Selection(
        [("asterisk", "Asterisk (Master.csv)"), ("mapping", "Other CSV")],
        string="Format",
        required=True,
        default="asterisk",
    )
    mapping_id = fields.Many2one(
        "courier.call.mapping",
        string="Columns",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    file_data = fields.Binary(string="File", required=True, attachment=False)
    file_name = fields.Char()

    @api.onchange("file_format")
    def _onchange_file_format(self):
        if self.file_format == "asterisk":
            self.mapping_id = False

    def action_import(self):
        self.ensure_one()
        mapping = None
        if self.file_format == "mapping":
            if not self.mapping_id:
                raise UserError(self.env._("Choose the columns of the other CSV."))
            mapping = self.mapping_id
        result = self.env["courier.call"].courier_import_calls(
            base64.b64decode(self.file_data), self.company_id, mapping
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Call records imported"),
                "message": self.env._(
                    "%(lines)s lines: %(created)s new calls, %(updated)s updated, "
                    "%(unchanged)s unchanged.",
                    **result,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
