from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    courier_agent_code = fields.Char(
        string="Switch Agent Code",
        copy=False,
        help="The agent's extension or login in the telephone switch, as it "
        "appears in the call records.",
    )

    _sql_constraints = [
        (
            "courier_agent_code_uniq",
            "UNIQUE(courier_agent_code)",
            "Each switch agent code belongs to one user.",
        ),
    ]
