from odoo import fields, models

from .courier_incident import INCIDENT_KINDS

DEPARTMENTS = [
    ("supervision", "Supervision"),
    ("branch_management", "Branch Management"),
    ("settlement", "Settlement"),
    ("operations", "Operations"),
    ("claims", "Claims"),
    ("business", "Business"),
]


class CourierComplaintCategory(models.Model):
    _name = "courier.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    department = fields.Selection(
        DEPARTMENTS,
        string="Owning Department",
        required=True,
        help="The department a complaint of this category is routed to.",
    )
    description = fields.Text(translate=True)
    incident_kind = fields.Selection(
        INCIDENT_KINDS,
        string="Second Complaint Opens",
        default="service",
        required=True,
        help="The kind of incident a second complaint on the same waybill opens.",
    )
