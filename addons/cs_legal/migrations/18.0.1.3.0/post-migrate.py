"""Existing databases: the deadlines of open cases become steps of the
deadline clock, with their activities, so they are reminded and escalated;
borrowing reminders scheduled on the generic To Do type get their own type,
so returning an archive closes them and nothing else."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    borrow_type = env.ref("cs_legal.mail_act_legal_borrow_return", False)
    todo = env.ref("mail.mail_activity_data_todo", False)
    if borrow_type and todo:
        cr.execute(
            """
            UPDATE mail_activity SET activity_type_id = %s
             WHERE res_model = 'legal.archive.borrow' AND activity_type_id = %s
            """,
            [borrow_type.id, todo.id],
        )
    env["legal.case"].search([("stage", "!=", "closed")])._sync_deadline_steps()
