from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """KA-9 and CL-5 from the shipments: the key accounts' months count their
    incidents, and the draft insured-parcel registers whose period has
    shipments take their counts from them (submitted ones keep theirs)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["courier.incident"].search(
        [("partner_id.commercial_partner_id.is_key_account", "=", True)]
    )._count_for_key_accounts()
    env["courier.insured.register"].search(
        [("state", "=", "draft")]
    )._count_from_shipments()
