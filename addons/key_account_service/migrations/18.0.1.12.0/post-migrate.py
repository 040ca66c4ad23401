"""X1: a compensation credit note settling an invoice (the monthly bill paid
net of the compensation) collects that part of the invoice from 18.0.1.12.0.

The revenue rows of the months of such invoices are rebuilt, so that their
collected column counts it. The commission statements need nothing: the
reconciliations no statement has settled are read again by the next drafting,
which settles them (or forfeits them as late) like any collection.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["key.account.revenue"]._refresh_compensation_offsets()
