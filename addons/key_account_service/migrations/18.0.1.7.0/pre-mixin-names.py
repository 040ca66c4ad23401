"""The generic mixins lost their key-account names (18.0.1.7.0).

They are abstract, so there is no table to rename: only Odoo's own rows
describing them (ir.model, their fields and selections, and those rows'
external ids) move to the new names, so nothing is left orphaned.
"""

RENAMED = {
    "key.account.access.logged.mixin": "access.logged.mixin",
    "key.account.sequence.reference.mixin": "sequence.reference.mixin",
    "key.account.month.start.mixin": "month.start.mixin",
    "key.account.deadline.mixin": "deadline.step.mixin",
    "key.account.approval.mixin": "approval.activity.mixin",
}


def migrate(cr, version):
    for old, new in RENAMED.items():
        cr.execute("UPDATE ir_model SET model = %s WHERE model = %s", (new, old))
        cr.execute("UPDATE ir_model_fields SET model = %s WHERE model = %s", (new, old))
        cr.execute(
            "UPDATE ir_model_fields SET relation = %s WHERE relation = %s", (new, old)
        )
        old_u, new_u = old.replace(".", "_"), new.replace(".", "_")
        cr.execute(
            """
            UPDATE ir_model_data
               SET name = regexp_replace(name, %s, %s)
             WHERE module = 'key_account_service'
               AND model IN ('ir.model', 'ir.model.fields',
                             'ir.model.fields.selection')
               AND name ~ %s
            """,
            (
                f"^(model_|field_|selection__){old_u}(__|$)",
                rf"\1{new_u}\2",
                f"^(model_|field_|selection__){old_u}(__|$)",
            ),
        )
