from odoo import Command
from odoo.tests import tagged

from .commission_common import MarchStatementCommon
from .common import KeyAccountServiceCommon

# what DISABLED_MAIL_CONTEXT turns off: these tests read the tracking
TRACKING = {"tracking_disable": False, "mail_notrack": False}


class SubtypeCase:
    """Follow a record for one business event; the event notifies only them."""

    def _subtype(self, name):
        return self.env.ref(f"key_account_service.mt_key_account_{name}")

    def _follow(self, record, subscriber, plain_follower, subtype):
        for user in subscriber | plain_follower:
            user.notification_type = "inbox"  # no mail queued
        record.message_subscribe(subscriber.partner_id.ids, subtype_ids=subtype.ids)
        # default subtypes only, as every follower had before
        record.message_subscribe(plain_follower.partner_id.ids)
        self.assertNotIn(
            subtype,
            record.message_follower_ids.filtered(
                lambda f: f.partner_id == plain_follower.partner_id
            ).subtype_ids,
        )

    def _event_messages(self, record, subtype):
        self.env.flush_all()
        self.env.cr.flush()  # the tracking is posted at the end of the transaction
        return record.message_ids.filtered(lambda m: m.subtype_id == subtype)

    def _assert_event(self, record, subtype, subscriber, plain_follower):
        message = self._event_messages(record, subtype)
        self.assertEqual(len(message), 1)
        self.assertIn(subscriber.partner_id, message.notified_partner_ids)
        self.assertNotIn(plain_follower.partner_id, message.notified_partner_ids)


@tagged("post_install", "-at_install", "key_account_service")
class TestStatementSubtypes(SubtypeCase, MarchStatementCommon):
    def test_approved_and_paid_statements_notify_who_subscribed(self):
        march = self.march.with_context(**TRACKING)
        approved, paid = (
            self._subtype("statement_approved"),
            self._subtype("statement_paid"),
        )
        # the owner follows his statement to hear of the approval and the payment
        self._follow(march, self.account_manager, self.colleague, approved | paid)
        march.with_user(self.account_manager).action_confirm()
        self.assertFalse(self._event_messages(march, approved))
        march.with_user(self.cs_manager).action_approve()
        self._assert_event(march, approved, self.account_manager, self.colleague)
        self.env["key.account.commission.export"].with_user(self.finance).create(
            {"statement_ids": [Command.set(march.ids)]}
        ).action_export()
        self.assertFalse(self._event_messages(march, paid))
        march.with_user(self.finance).action_mark_paid()
        self._assert_event(march, paid, self.account_manager, self.colleague)
        self.assertEqual(len(self._event_messages(march, approved)), 1)


@tagged("post_install", "-at_install", "key_account_service")
class TestHandoverAndWarningSubtypes(SubtypeCase, KeyAccountServiceCommon):
    freeze_time = "2026-06-10"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_manual_bands(cls.hq)
        cls.follower = cls._new_user("ka_subtype_follower", "manager", cls.hq)
        cls.bystander = cls._new_user("ka_subtype_bystander", "manager", cls.hq)

    def test_an_approved_handover_notifies_who_subscribed(self):
        customer = self.env["res.partner"].create({"name": "Subtype Fashion Co."})
        handover = (
            self.env["key.account.handover"]
            .with_context(**TRACKING)
            .create(
                {
                    "partner_id": customer.id,
                    "company_id": self.branch.id,
                    "approver_id": self.cs_manager.id,
                    "account_manager_id": self.account_manager.id,
                    "monthly_revenue": 70000,
                }
            )
        )
        subtype = self._subtype("handover_approved")
        self._follow(handover, self.follower, self.bystander, subtype)
        handover.action_submit()
        self.assertFalse(self._event_messages(handover, subtype))
        handover.with_user(self.cs_manager).action_approve()
        self._assert_event(handover, subtype, self.follower, self.bystander)

    def test_a_closed_warning_notifies_who_subscribed(self):
        partner = self._key_account("Subtype Risk Co.", 100000)
        case = (
            self.env["key.account.warning"]
            .with_context(**TRACKING)
            .open_case(partner, "revenue_drop", "warning")
        )
        subtype = self._subtype("warning_closed")
        self._follow(case, self.follower, self.bystander, subtype)
        case.level = "serious"
        self.assertFalse(self._event_messages(case, subtype))
        case.close_note = "Won back with a new pickup slot."
        case.with_user(self.cs_manager).action_close_recovered()
        self._assert_event(case, subtype, self.follower, self.bystander)
