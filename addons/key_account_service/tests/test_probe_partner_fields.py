"""Probe H4: key-account fields of a contact are the key-account managers'.

Any internal user with Odoo's default Contact Creation right rewrote a key
account's commission base and manager (rows 435-436): through the ORM and through
the web client's /web/dataset/call_kw route.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import KeyAccountServiceCommon


def contact_editor(env, login, company=None):
    """An internal user with Odoo's default Contact Creation right only."""
    company = company or env.company
    return new_test_user(
        env,
        login=login,
        groups="base.group_user,base.group_partner_manager",
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
    )


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbeKeyAccountFields(KeyAccountServiceCommon):
    """H4: key-account fields change by handover or key-account managers only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls._key_account("Probe Silk Co.", 50000)
        cls.editor = contact_editor(cls.env, "probe_h4_editor", cls.branch)
        cls.ka_manager = new_test_user(
            cls.env,
            login="probe_h4_ka_manager",
            groups="key_account_service.key_account_service_group_manager,"
            "base.group_partner_manager",
            company_id=cls.branch.id,
            company_ids=[Command.set((cls.hq | cls.branch).ids)],
        )

    def test_h4_contact_creation_right_cannot_rewrite_key_account_fields(self):
        """H4: the commission base, its date and the manager stay as they were."""
        partner = self.account.with_user(self.editor)
        for vals in (
            {
                "key_account_commission_base": 999999,
                "key_account_commission_base_date": "2020-01-01",
            },
            {"key_account_manager_id": self.cs_manager.id},
            {"key_account_tier": "national"},
            {"is_key_account": False},
            {"key_account_start_date": "2020-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                partner.write(vals)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.editor).create(
                {
                    "name": "Self-made key account",
                    "is_key_account": True,
                    "key_account_manager_id": self.editor.id,
                }
            )
        self.assertEqual(self.account.key_account_manager_id, self.account_manager)
        # The rest of the contact is still theirs to edit.
        partner.write({"phone": "+86 571 0000 0000"})
        self.env["res.partner"].with_user(self.editor).create({"name": "New contact"})

    def test_h4_key_account_managers_change_them_tracked(self):
        """H4: a key-account manager re-assigns the account; the chatter tracks it."""
        account = self.account
        self.env.cr.precommit.run()  # the fixture's creation discarded tracking
        partner = account.with_user(self.ka_manager).with_context(
            tracking_disable=False, mail_notrack=False
        )
        partner.write(
            {
                "key_account_manager_id": self.cs_manager.id,
                "key_account_tier": "regional",
            }
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        tracked = account.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("key_account_manager_id", tracked)
        self.assertIn("key_account_tier", tracked)
        self.assertEqual(account.key_account_manager_id, self.cs_manager)


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbeKeyAccountFieldsRpc(HttpCase):
    """H4 through the route the probe used: /web/dataset/call_kw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.manager = new_test_user(
            cls.env,
            login="probe_h4_rpc_am",
            groups="key_account_service.key_account_service_group_user",
        )
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Probe Tea Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": cls.env.company.id,
                "key_account_manager_id": cls.manager.id,
                "key_account_start_date": "2026-01-01",
            }
        )
        cls.account.write(
            {
                "key_account_commission_base": 314533.33,
                "key_account_commission_base_date": "2026-04-01",
            }
        )
        cls.editor = contact_editor(cls.env, "probe_h4_rpc_editor")

    def _call_kw(self, model, method, args):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": {}},
        )

    def test_h4_call_kw_write_of_commission_base_and_manager_is_refused(self):
        """H4 (rows 435-436): the demo-like contact editor writes through call_kw."""
        self.authenticate(self.editor.login, self.editor.login)
        for vals in (
            {
                "key_account_commission_base": 999999,
                "key_account_commission_base_date": "2020-01-01",
            },
            {"key_account_manager_id": self.editor.id},
        ):
            with (
                self.subTest(vals=vals),
                mute_logger("odoo.http"),
                self.assertRaisesRegex(JsonRpcException, "AccessError"),
            ):
                self._call_kw("res.partner", "write", [self.account.ids, vals])
        self.assertRecordValues(
            self.account,
            [
                {
                    "key_account_commission_base": 314533.33,
                    "key_account_commission_base_date": date(2026, 4, 1),
                    "key_account_manager_id": self.manager.id,
                }
            ],
        )
        self.assertTrue(
            self._call_kw("res.partner", "write", [self.account.ids, {"phone": "1"}])
        )
