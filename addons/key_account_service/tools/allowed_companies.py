"""Record rules on the companies a user is allowed in, not the ones ticked."""

import re

# ``company_ids`` of a rule's evaluation context: the companies ticked in the
# switcher. Not ``user.company_ids`` nor a field named so.
ACTIVE_COMPANIES = re.compile(r"(?<![\w.'\"])company_ids(?![\w'\"])")
ALLOWED_COMPANIES = "user.company_ids.ids"


def on_allowed_companies(domain):
    """``domain`` (a rule's text) with the allowed companies for the active ones."""
    return ACTIVE_COMPANIES.sub(ALLOWED_COMPANIES, domain)


def migrate_rules(cr, module):
    """Existing databases: the module's shipped rules (noupdate) follow the
    allowed companies; other changes an administrator made to them stay."""
    cr.execute(
        """SELECT r.id, r.domain_force FROM ir_rule r
             JOIN ir_model_data d ON d.res_id = r.id AND d.model = 'ir.rule'
            WHERE d.module = %s AND r.domain_force IS NOT NULL""",
        (module,),
    )
    for rule_id, domain in cr.fetchall():
        new = on_allowed_companies(domain)
        if new != domain:
            cr.execute(
                "UPDATE ir_rule SET domain_force = %s WHERE id = %s", (new, rule_id)
            )
