"""Existing databases: contract reviews and archive returns become steps of the
deadline clock, linked to their activities; the To Dos older versions gave
contracts take their purpose's type (renewal reminders their own, review
requests the reviewers' approval, which the review step links)."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    # nobody is told again of what they already hold
    env = api.Environment(cr, SUPERUSER_ID, {"mail_activity_quick_update": True})
    todo = env.ref("mail.mail_activity_data_todo", False)
    if todo:
        _retype_contract_todos(env, todo)
    _review_steps(env)
    _return_steps(env)


def _retype_contract_todos(env, todo):
    renewal = env.ref("cs_legal.mail_act_legal_contract_renewal")
    approval = env.ref("key_account_service.mail_act_approval")
    # a renewal reminder was due a week after it was sent, or at the end
    env.cr.execute(
        SQL(
            """
            UPDATE mail_activity a SET activity_type_id = %s
              FROM legal_contract c
             WHERE a.res_model = 'legal.contract' AND a.res_id = c.id
               AND a.activity_type_id = %s
               AND c.renewal_reminded_on IS NOT NULL
               AND a.date_deadline = LEAST(c.date_end, c.renewal_reminded_on + 7)
            """,
            renewal.id,
            todo.id,
        )
    )
    # a review request named its deadline as stored
    env.cr.execute(
        SQL(
            """
            UPDATE mail_activity a SET activity_type_id = %s
              FROM legal_contract c
             WHERE a.res_model = 'legal.contract' AND a.res_id = c.id
               AND a.activity_type_id = %s
               AND c.state = 'review'
               AND right(a.summary, 19)
                   = to_char(c.review_deadline, 'YYYY-MM-DD HH24:MI:SS')
            RETURNING c.id
            """,
            approval.id,
            todo.id,
        )
    )
    contract_ids = sorted({row[0] for row in env.cr.fetchall()})
    if not contract_ids:
        return
    # the update gave these reviewers an approval already: keep one each
    env.cr.execute(
        SQL(
            """
            DELETE FROM mail_activity a USING mail_activity b
             WHERE a.res_model = 'legal.contract' AND b.res_model = 'legal.contract'
               AND a.res_id = b.res_id AND a.user_id = b.user_id
               AND a.activity_type_id = %(approval)s
               AND b.activity_type_id = %(approval)s
               AND a.id > b.id AND a.res_id IN %(ids)s
            """,
            approval=approval.id,
            ids=tuple(contract_ids),
        )
    )
    env.invalidate_all()
    env["legal.contract"].browse(contract_ids)._approval_sync()


def _review_steps(env):
    contracts = env["legal.contract"].search(
        [
            ("state", "=", "review"),
            ("review_deadline", "!=", False),
            ("review_step_ids", "=", False),
        ]
    )
    steps = env["legal.contract.deadline"].create(
        [contract._prepare_review_step_vals() for contract in contracts]
    )
    steps._schedule()  # links the reviewers' approval activities


def _return_steps(env):
    borrows = env["legal.archive.borrow"].search(
        [("state", "=", "borrowed"), ("return_step_ids", "=", False)]
    )
    steps = env["legal.archive.borrow.deadline"].create(
        [borrow._prepare_return_step_vals() for borrow in borrows]
    )
    return_type = env.ref("cs_legal.mail_act_legal_borrow_return")
    for step in steps:
        # a borrower reminded already keeps that reminder as the step's
        reminders = step.borrow_id.activity_ids.filtered(
            lambda a, s=step: (
                a.activity_type_id == return_type
                and a.user_id == s.borrow_id.borrower_id
            )
        )
        if reminders:
            step.activity_ids = reminders
        else:
            step._schedule()
