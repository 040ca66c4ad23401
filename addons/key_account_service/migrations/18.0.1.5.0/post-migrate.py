"""Existing databases: the managers' access-log rule (noupdate) stops showing
other archives' accesses to customer-service managers (probe L1)."""


def migrate(cr, version):
    cr.execute(
        """UPDATE ir_rule r SET domain_force = %s, name = %s
             FROM ir_model_data d
            WHERE d.module = 'key_account_service'
              AND d.name = 'key_account_access_log_rule_manager'
              AND d.model = 'ir.rule' AND d.res_id = r.id""",
        (
            "[('res_model', '=', 'key.account.archive')]",
            "Archive access log: managers see every access to customer archives",
        ),
    )
