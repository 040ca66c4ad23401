"""Existing databases: the shipped complaint categories (noupdate) learn which
incident a second complaint opens."""

KINDS = {
    "courier_complaint_category_delay": "delay",
    "courier_complaint_category_wrong_delivery": "wrong_delivery",
    "courier_complaint_category_damage_loss": "damage",
}


def migrate(cr, version):
    for name, kind in KINDS.items():
        cr.execute(
            """UPDATE courier_complaint_category c SET incident_kind = %s
                 FROM ir_model_data d
                WHERE d.module = 'courier_claims' AND d.name = %s
                  AND d.model = 'courier.complaint.category' AND d.res_id = c.id""",
            (kind, name),
        )
