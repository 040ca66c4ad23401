from odoo import fields, models


class CourierComplaintCategory(models.Model):
    _name = "courier.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    department = fields.Selection(
        [
            ("supervision", "Supervision"),
            ("branch_management", "Branch Management"),
            ("settlement", "Settlement"),
            ("operations", "Operations"),
            ("claims", "Claims"),
            ("business", "Business"),
        ],
        string="Owning Department",
        required=True,
        help="The department a complaint of this category is routed to.",
    )
    description = fields.Text(translate=True)
