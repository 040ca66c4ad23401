"""Two simultaneous moves of one record: one succeeds, the other gets a clear
error (the probe's L6: both used to report success)."""

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install", "key_account_service")
class TestWorkflowConcurrency(BaseCase):
    """Real transactions on two connections, as two users' requests are; the
    statement they race for is committed first and deleted at the end."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        connection = db_connect(get_db_name())
        self.first = connection.cursor()
        self.second = connection.cursor()
        self.addCleanup(self.second.close)
        self.addCleanup(self.first.close)
        with connection.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            statement = env["key.account.commission.statement"].create(
                {
                    "month": "2001-01-01",
                    "user_id": env.ref("base.user_admin").id,
                    "company_id": env.ref("base.main_company").id,
                }
            )
            self.statement_id = statement.id
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._delete_statement, connection)

    def _delete_statement(self, connection):
        # A confirmed statement cannot be deleted through the ORM, by design.
        with connection.cursor() as cr:
            cr.execute(
                "DELETE FROM mail_message WHERE model = %s AND res_id = %s",
                ("key.account.commission.statement", self.statement_id),
            )
            # and the approval activities its confirmation gave
            cr.execute(
                "DELETE FROM mail_activity WHERE res_model = %s AND res_id = %s",
                ("key.account.commission.statement", self.statement_id),
            )
            cr.execute(
                "DELETE FROM key_account_commission_statement WHERE id = %s",
                (self.statement_id,),
            )
            cr.commit()  # pylint: disable=invalid-commit

    def _statement(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        return env["key.account.commission.statement"].browse(self.statement_id)

    def test_l6_the_second_of_two_simultaneous_moves_gets_a_clear_error(self):
        first = self._statement(self.first)
        first.action_confirm()  # holds the row lock until it commits
        second = self._statement(self.second)
        with self.assertRaisesRegex(UserError, "Someone else is changing"):
            second.action_confirm()
        self.second.rollback()
        self.first.commit()
        # Once the first has committed, the second sees it and says so.
        second = self._statement(self.second)
        with self.assertRaisesRegex(UserError, "already"):
            second.action_confirm()
        self.second.rollback()
        self.assertEqual(self._statement(self.second).state, "confirmed")
