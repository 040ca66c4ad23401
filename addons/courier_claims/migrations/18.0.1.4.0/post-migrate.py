"""Existing databases: incident steps scheduled on the generic To Do type, and
the oldest ones not even linked to their activity (they were found by summary).
Link them and give them the purpose-specific types, so closing a step closes
its own activity and nothing else."""

from odoo.tools import SQL


def _type_id(cr, name):
    cr.execute(
        "SELECT res_id FROM ir_model_data"
        " WHERE module = 'courier_claims' AND name = %s",
        [name],
    )
    row = cr.fetchone()
    return row and row[0]


def _retype_todos(cr, model, type_id):
    """The To Do activities of ``model``: each model scheduled one purpose only."""
    cr.execute(
        """
        UPDATE mail_activity
           SET activity_type_id = %s
         WHERE res_model = %s
           AND activity_type_id = (
               SELECT res_id FROM ir_model_data
                WHERE module = 'mail' AND name = 'mail_activity_data_todo')
        """,
        [type_id, model],
    )


def migrate(cr, version):
    for model, name in (
        ("courier.complaint", "mail_act_courier_complaint"),
        ("courier.monthly.report", "mail_act_courier_monthly_report"),
    ):
        type_id = _type_id(cr, name)
        if type_id:
            _retype_todos(cr, model, type_id)
    step_type = _type_id(cr, "mail_act_courier_incident_step")
    overdue_type = _type_id(cr, "mail_act_courier_incident_overdue")
    if not (step_type and overdue_type):
        return
    # the step's activity, by its summary in any of the rule's languages
    cr.execute(
        SQL(
            """
            INSERT INTO courier_incident_deadline_mail_activity_rel
                   (courier_incident_deadline_id, mail_activity_id)
            SELECT d.id, a.id
              FROM courier_incident_deadline d
              JOIN courier_deadline_rule r ON r.id = d.rule_id
              JOIN mail_activity a ON a.res_model = 'courier.incident'
                                  AND a.res_id = d.incident_id
             WHERE d.done_date IS NULL
               AND a.summary IN (SELECT value FROM jsonb_each_text(r.name))
               AND NOT EXISTS (
                   SELECT 1 FROM courier_incident_deadline_mail_activity_rel x
                    WHERE x.mail_activity_id = a.id)
            """
        )
    )
    cr.execute(
        """
        UPDATE mail_activity a
           SET activity_type_id = %s
          FROM courier_incident_deadline_mail_activity_rel x
         WHERE x.mail_activity_id = a.id
        """,
        [step_type],
    )
    # the alerts of overdue steps: "Overdue: <step>" in the reader's language
    cr.execute(
        """
        UPDATE mail_activity a
           SET activity_type_id = %s
          FROM courier_incident_deadline d
          JOIN courier_deadline_rule r ON r.id = d.rule_id
         WHERE a.res_model = 'courier.incident'
           AND a.res_id = d.incident_id
           AND d.escalated
           AND a.activity_type_id = (
               SELECT res_id FROM ir_model_data
                WHERE module = 'mail' AND name = 'mail_activity_data_todo')
           AND EXISTS (SELECT 1 FROM jsonb_each_text(r.name) n
                        WHERE a.summary LIKE '%%' || n.value
                          AND a.summary <> n.value)
        """,
        [overdue_type],
    )
