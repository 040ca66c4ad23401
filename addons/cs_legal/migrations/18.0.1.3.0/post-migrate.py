"""Existing databases: the deadlines of open cases become steps of the
deadline clock, with their activities, so they are reminded and escalated."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["legal.case"].search([("stage", "!=", "closed")])._sync_deadline_steps()
