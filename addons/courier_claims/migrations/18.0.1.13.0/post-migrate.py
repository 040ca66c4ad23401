"""CL-8: delays go to supervision as 001 routes them; the new categories
(late delivery, market price instability) are created by the data file."""

from odoo import SUPERUSER_ID, api

from odoo.addons.courier_claims import route_delays_to_supervision


def migrate(cr, version):
    route_delays_to_supervision(api.Environment(cr, SUPERUSER_ID, {}))
