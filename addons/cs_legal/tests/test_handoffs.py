"""Hand-offs reach the people who must act, e-mail address or not.

Walked on the demo group's people (browser walk, flows 2, 4 and 5): nobody
has an e-mail address, not even the companies or the server. Every hand-off
(a handover submitted, a statement confirmed, an incident sent for approval,
an archive asked for, a contract sent for review, a warning, an overdue
deadline step) gives the person who must act an activity and a notification
in their Odoo inbox, and raises nothing. What waits for someone is in their
one "Awaiting My Approval" list, and leaves it once decided.

It needs the demo data, as the role walk does (scripts/test.sh).
"""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

APPROVAL = "key_account_service.mail_act_approval"
LISTED_MODELS = (
    "key.account.handover",
    "key.account.commission.statement",
    "courier.incident",
    "legal.archive.borrow",
    "legal.contract",
)


@tagged("post_install", "-at_install", "cs_legal")
class TestHandoffs(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        logins = ["chen.jing", "wang.lei", "zhou.min", "sun.li", "xu.qing"]
        logins += ["ma.jun", "gao.yan", "admin"]
        users = cls.env["res.users"].search([("login", "in", logins)])
        if len(users) != len(logins):
            raise AssertionError("The hand-off walk needs the demo data.")
        cls.user = {user.login: user for user in users}
        cls.hangzhou = cls.env.ref("key_account_service.demo_company_hangzhou")
        # Nobody has an address: the people, their companies, the server.
        cls.env["res.users"].search([]).partner_id.email = False
        cls.env["res.company"].search([]).partner_id.email = False

    def setUp(self):
        super().setUp()
        self.patch(
            type(self.env["ir.mail_server"]),
            "_get_default_from_address",
            lambda server: False,
        )

    # ---- helpers ---------------------------------------------------------------

    def _as(self, login, model):
        user = self.user[login]
        return (
            self.env[model]
            .with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
        )

    def _awaiting(self, login):
        """The records in ``login``'s "Awaiting My Approval" list, as the menu
        action shows it."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_approval_activity_action"
        )
        user = self.user[login]
        domain = safe_eval(action["domain"], {"uid": user.id})
        activities = self.env["mail.activity"].with_user(user).search(domain)
        return {(activity.res_model, activity.res_id) for activity in activities}

    def _filtered(self, login, model):
        """The model's own list with the "Awaiting My Approval" filter."""
        return self._as(login, model).search([("approval_awaiting_me", "=", True)])

    def _assert_told(self, record, login):
        """``login`` has an approval activity on ``record`` and a notification
        in their Odoo inbox."""
        user = self.user[login]
        activity = record.sudo().activity_ids.filtered(
            lambda a: a.user_id == user and a.activity_type_id == self.env.ref(APPROVAL)
        )
        self.assertTrue(activity, f"{login} has no approval activity on {record}")
        notification = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", user.partner_id.id),
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
            ]
        )
        self.assertEqual(notification.mapped("notification_type"), ["inbox"])
        self.assertIn((record._name, record.id), self._awaiting(login))

    def _customer(self, name="Hand-off Test Co."):
        return self.env["res.partner"].create({"name": name, "is_company": True})

    # ---- the hand-offs ---------------------------------------------------------

    def test_handover_reaches_the_regional_manager(self):
        handover = self._as("chen.jing", "key.account.handover").create(
            {
                "partner_id": self._customer().id,
                "company_id": self.hangzhou.id,
                "approver_id": self.user["zhou.min"].id,
                "account_manager_id": self.user["chen.jing"].id,
                "monthly_revenue": 60000,
            }
        )
        handover.action_submit()
        self._assert_told(handover, "zhou.min")
        self.assertIn(handover, self._filtered("zhou.min", "key.account.handover"))
        # Nobody else decides it: no buttons, a plain message naming zhou.min.
        as_wang = handover.with_user(self.user["wang.lei"])
        self.assertFalse(as_wang.approval_can_act)
        with self.assertRaisesRegex(UserError, "Zhou Min") as caught:
            as_wang.action_approve()
        self.assertNotIsInstance(caught.exception, AccessError)
        before = self._awaiting("zhou.min")
        handover.with_user(self.user["zhou.min"]).action_approve()
        self.assertEqual(
            before - self._awaiting("zhou.min"), {(handover._name, handover.id)}
        )
        self.assertFalse(handover.sudo().activity_ids)

    def test_statement_waits_for_the_cs_managers(self):
        statement = self.env["key.account.commission.statement"].search(
            [("user_id", "=", self.user["wang.lei"].id), ("state", "=", "draft")],
            limit=1,
        )
        self.assertTrue(statement, "demo: wang.lei has a draft statement")
        statement.with_user(self.user["wang.lei"]).action_confirm()
        self._assert_told(statement, "sun.li")
        # Its owner does not approve it, nor sees it as waiting for him.
        as_owner = statement.with_user(self.user["wang.lei"])
        self.assertFalse(as_owner.approval_can_act)
        self.assertNotIn((statement._name, statement.id), self._awaiting("wang.lei"))
        # sun.li's list holds exactly the confirmed statements she may approve.
        sun = self.user["sun.li"]
        expected = self.env["key.account.commission.statement"].search(
            [("state", "=", "confirmed"), ("company_id", "in", sun.company_ids.ids)]
        )
        expected = expected.filtered(lambda s: sun not in s._workflow_owners())
        self.assertEqual(
            self._filtered("sun.li", "key.account.commission.statement"), expected
        )
        count = len(self._awaiting("sun.li"))
        statement.with_user(sun).action_approve()
        self.assertEqual(len(self._awaiting("sun.li")), count - 1)
        self.assertNotIn((statement._name, statement.id), self._awaiting("sun.li"))

    def test_statements_approved_together_leave_the_list_together(self):
        sun = self.user["sun.li"]
        drafts = self.env["key.account.commission.statement"].search(
            [("state", "=", "draft"), ("company_id", "in", sun.company_ids.ids)]
        )
        for statement in drafts[:2]:
            statement.with_user(statement.user_id).action_confirm()
        waiting = self._filtered("sun.li", "key.account.commission.statement")
        self.assertGreaterEqual(len(waiting), 2)
        waiting.with_user(sun).action_approve()
        self.assertFalse(self._filtered("sun.li", "key.account.commission.statement"))
        self.assertFalse(
            {key for key in self._awaiting("sun.li") if key[0] == waiting._name}
        )

    def _incident(self, amount):
        Incident = self._as("xu.qing", "courier.incident")
        incident = Incident.create(
            {
                "partner_id": self._customer("Claimant Co.").id,
                "company_id": self.hangzhou.id,
                "kind": "damage",
                "claimed_amount": amount,
                "responsibility": "internal",
                "internal_cause": "handling",
            }
        )
        for state in ("investigating", "negotiating", "awaiting_approval"):
            incident._move_to(state, "next step")
        return incident

    def test_incident_reaches_the_level_that_approves_it(self):
        incident = self._incident(300)
        # The branch level approves 300: ma.jun, not the general manager.
        self._assert_told(incident, "ma.jun")
        self.assertNotIn((incident._name, incident.id), self._awaiting("admin"))
        self.assertIn(incident, self._filtered("ma.jun", "courier.incident"))
        incident.with_user(self.user["ma.jun"]).action_approve()
        self.assertEqual(incident.state, "approved")
        self.assertNotIn((incident._name, incident.id), self._awaiting("ma.jun"))

    def test_incident_over_authority_names_the_level_and_tells_it(self):
        incident = self._incident(2400)
        as_ma = incident.with_user(self.user["ma.jun"])
        # No approve button for ma.jun, and no access error if he tries.
        self.assertFalse(as_ma.approval_can_act)
        with self.assertRaises(UserError) as caught:
            as_ma.action_approve()
        self.assertNotIsInstance(caught.exception, AccessError)
        self.assertIn(incident.approval_needed, str(caught.exception))
        # The general manager's level (admin in the demo) has it already.
        self._assert_told(incident, "admin")
        self.assertNotIn((incident._name, incident.id), self._awaiting("ma.jun"))

    def test_borrow_request_reaches_the_legal_managers(self):
        archive = self.env["legal.archive"].search(
            [
                ("view_in_place", "=", False),
                ("borrowed", "=", False),
                ("company_id", "=", self.hangzhou.id),
            ],
            limit=1,
        )
        self.assertTrue(archive, "demo: a lendable archive in Hangzhou")
        borrow = self._as("gao.yan", "legal.archive.borrow").create(
            {"archive_id": archive.id, "purpose": "appeal"}
        )
        # Before: saved as requested, nobody told (browser walk, flow 5).
        self._assert_told(borrow, "admin")
        self.assertNotIn((borrow._name, borrow.id), self._awaiting("gao.yan"))
        self.assertFalse(borrow.approval_can_act)
        borrow.with_user(self.user["admin"]).action_approve()
        self.assertNotIn((borrow._name, borrow.id), self._awaiting("admin"))

    def test_contract_review_reaches_the_legal_officers(self):
        contract = self.env["legal.contract"].search(
            [
                ("state", "=", "draft"),
                ("company_id", "in", self.user["gao.yan"].company_ids.ids),
            ],
            limit=1,
        )
        self.assertTrue(contract, "demo: a draft contract in gao.yan's branches")
        # the legal department at headquarters sends it for review
        contract.with_user(self.user["admin"]).with_context(
            allowed_company_ids=contract.company_id.ids
        ).action_request_review()
        self._assert_told(contract, "gao.yan")
        contract.with_user(self.user["gao.yan"]).with_context(
            allowed_company_ids=contract.company_id.ids
        ).action_approve_review()
        self.assertEqual(contract.state, "reviewed")
        self.assertNotIn((contract._name, contract.id), self._awaiting("gao.yan"))
        self.assertNotIn((contract._name, contract.id), self._awaiting("admin"))

    # ---- other hand-offs: activities assigned, steps escalated ------------------

    def test_assigning_an_activity_without_any_address(self):
        """The root cause: Odoo tells an activity's assignee with
        message_notify, which refused to send without a sender address."""
        # chen.jing asks zhou.min to call on his draft handover's customer
        handover = self._as("chen.jing", "key.account.handover").create(
            {
                "partner_id": self._customer().id,
                "company_id": self.hangzhou.id,
                "approver_id": self.user["zhou.min"].id,
                "account_manager_id": self.user["chen.jing"].id,
            }
        )
        handover.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Call the buyer",
            user_id=self.user["zhou.min"].id,
        )
        notification = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.user["zhou.min"].partner_id.id),
                ("mail_message_id.model", "=", handover._name),
                ("mail_message_id.res_id", "=", handover.id),
            ]
        )
        self.assertEqual(notification.notification_type, "inbox")
        self.assertEqual(
            notification.mail_message_id.author_id, self.user["chen.jing"].partner_id
        )

    def test_warning_and_overdue_step_reach_their_people(self):
        incident = self._incident(300)
        step = incident.deadline_ids.filtered(lambda s: not s.done_date)[:1]
        step.sudo().due = fields.Datetime.now() - timedelta(days=1)
        escalated = step._responsible_users(step.rule_id.escalate_group_id)
        self.env["courier.incident.deadline"]._cron_escalate()
        for user in escalated:
            notifications = self.env["mail.notification"].search(
                [
                    ("res_partner_id", "=", user.partner_id.id),
                    ("mail_message_id.model", "=", incident._name),
                    ("mail_message_id.res_id", "=", incident.id),
                ]
            )
            self.assertTrue(notifications, user.login)
            self.assertEqual(set(notifications.mapped("notification_type")), {"inbox"})
        partner = self.env["res.partner"].search(
            [
                ("is_key_account", "=", True),
                ("key_account_company_id", "=", self.hangzhou.id),
            ],
            limit=1,
        )
        case = (
            self.env["key.account.warning"]
            .with_user(self.user["xu.qing"])
            .sudo()
            .open_case(partner, "major_incident", "serious")
        )
        self.assertTrue(case.activity_ids.user_id)

    def test_every_listed_model_has_the_filter(self):
        for model in LISTED_MODELS:
            arch = self.env[model].get_view(view_type="search")["arch"]
            self.assertIn('name="approval_awaiting_me"', arch, model)
