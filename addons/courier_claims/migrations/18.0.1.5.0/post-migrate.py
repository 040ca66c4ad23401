"""Existing databases: complaint time limits become steps of the deadline
clock. Each open complaint gets the step of its current level, due at its
deadline and linked to its open complaint activities (so answering closes
them and nothing else); the escalation cron moves to the steps' model."""


def migrate(cr, version):
    cr.execute(
        """
        INSERT INTO courier_complaint_deadline
               (complaint_id, company_id, purpose, level, climbed, due,
                escalated, escalation, create_uid, write_uid, create_date,
                write_date)
        SELECT c.id, c.company_id, 'limit', c.level, c.level <> '1', c.deadline,
               FALSE,
               'not_escalated', 1, 1, now() AT TIME ZONE 'UTC',
               now() AT TIME ZONE 'UTC'
          FROM courier_complaint c
         WHERE c.state = 'open'
           AND c.deadline IS NOT NULL
           AND NOT EXISTS (
               SELECT 1 FROM courier_complaint_deadline d
                WHERE d.complaint_id = c.id)
        """
    )
    cr.execute(
        """
        INSERT INTO courier_complaint_deadline_mail_activity_rel
               (courier_complaint_deadline_id, mail_activity_id)
        SELECT d.id, a.id
          FROM courier_complaint_deadline d
          JOIN mail_activity a ON a.res_model = 'courier.complaint'
                              AND a.res_id = d.complaint_id
                              AND a.active
         WHERE d.done_date IS NULL
           AND a.activity_type_id = (
               SELECT res_id FROM ir_model_data
                WHERE module = 'courier_claims'
                  AND name = 'mail_act_courier_complaint')
           AND NOT EXISTS (
               SELECT 1 FROM courier_complaint_deadline_mail_activity_rel x
                WHERE x.mail_activity_id = a.id)
        """
    )
    # the cron is noupdate: point it at the steps' model by hand
    cr.execute(
        """
        UPDATE ir_act_server s
           SET model_id = m.id, model_name = m.model
          FROM ir_cron c, ir_model_data x, ir_model m
         WHERE x.module = 'courier_claims'
           AND x.name = 'ir_cron_courier_complaint_escalate'
           AND c.id = x.res_id
           AND s.id = c.ir_actions_server_id
           AND m.model = 'courier.complaint.deadline'
        """
    )
