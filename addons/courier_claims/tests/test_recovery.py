from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.courier_claims import add_recovery_arbitration_step

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestNetworkRecovery(ClaimsCommon):
    """Network recovery between branches (000 3.3, 8.3; 002 art. 2-4, 23-24):
    the allocation plan approved, the recovery answered by the responsible
    branch, disputes arbitrated by headquarters, the share booked in both
    companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_shipped("courier.deadline.rule")
        cls.branch.resource_calendar_id.tz = "Asia/Shanghai"
        # the group keeps its books on the Chinese chart, as the demo does
        cls.env["account.chart.template"].try_loading(
            "cn", company=cls.hq, install_demo=False
        )
        cls.compensation_account = cls.env["account.account"].search(
            [
                *cls.env["account.account"]._check_company_domain(cls.hq),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )
        cls.hq.courier_compensation_account_id = cls.compensation_account
        # the responsible branch's own staff, working for it only
        cls.other_handler = cls._user("rec_t_oth_handler", "user", cls.other_branch)
        cls.other_cs = cls._user("rec_t_oth_cs", "manager", cls.other_branch)
        cls.third_branch = cls.env["res.company"].create(
            {"name": "Nanjing Branch", "parent_id": cls.hq.id}
        )
        cls.outsider = cls._user("rec_t_outsider", "manager", cls.third_branch)
        cls.carrier = cls.env["res.partner"].create({"name": "Line-haul Partner Ltd."})

    # ---- helpers ---------------------------------------------------------------

    def _approve(self, incident):
        """Every level the compensation needs approves it."""
        self._to_approval(incident)
        for user in (
            self.cs_manager,
            self.branch_manager,
            self.general_manager,
            self.hq_user,
        ):
            if incident.state == "awaiting_approval" and incident.with_user(
                user
            )._approval_can_act(user):
                incident.with_user(user).action_approve()
        self.assertEqual(incident.state, "approved")
        return incident

    def _cross_branch(self, amount=3000.0, percent=60.0, **vals):
        """An incident the other branch is partly responsible for, responsibility
        unclear, split between the two branches."""
        incident = self._incident(
            amount=amount,
            responsibility="internal",
            responsible_company_id=self.other_branch.id,
            **vals,
        )
        incident.with_user(self.handler).write(
            {
                "share_ids": [
                    Command.create(
                        {
                            "party_type": "branch",
                            "branch_id": self.other_branch.id,
                            "percent": percent,
                        }
                    ),
                    Command.create(
                        {
                            "party_type": "branch",
                            "branch_id": self.branch.id,
                            "percent": 100 - percent,
                        }
                    ),
                ]
            }
        )
        return incident

    def _raised(self, incident, approver=None):
        """The recovery against the other branch, raised and sent."""
        self._approve(incident)
        incident.with_user(approver or self.hq_user).action_approve_allocation()
        incident.with_user(self.handler).action_raise_recoveries()
        recovery = incident.recovery_ids
        recovery.with_user(self.handler).action_send()
        return recovery

    def _resplit(self, incident, percent):
        """The other branch bears ``percent``, the paying branch the rest."""
        incident.write(
            {
                "share_ids": [
                    Command.update(
                        share.id,
                        {
                            "percent": percent
                            if share.branch_id == self.other_branch
                            else 100 - percent
                        },
                    )
                    for share in incident.share_ids
                ]
            }
        )

    def _step(self, incident, name):
        return incident.deadline_ids.filtered(lambda step: step.name == name)

    # ---- the allocation plan ---------------------------------------------------

    def test_allocation_plan_to_hq_from_3000_with_unclear_responsibility(self):
        below = self._cross_branch(amount=2999.99)
        hq_level = 4
        self.assertNotIn(hq_level, below._required_levels())
        self.assertEqual(below.allocation_state, "to_approve")
        self.assertEqual(below.allocation_approver, "Branch Customer Service Manager")
        below.with_user(self.cs_manager).action_approve_allocation()
        self.assertEqual(below.allocation_state, "approved")

        at = self._cross_branch(amount=3000.0)
        self.assertIn(hq_level, at._required_levels())
        self.assertEqual(at.allocation_approver, "Headquarters")
        with self.assertRaisesRegex(UserError, "Headquarters"):
            at.with_user(self.cs_manager).action_approve_allocation()
        with self.assertRaisesRegex(UserError, "Headquarters"):
            at.with_user(self.general_manager).action_approve_allocation()
        at.with_user(self.hq_user).action_approve_allocation()
        self.assertEqual(at.allocation_state, "approved")
        self.assertEqual(at.allocation_approved_uid, self.hq_user)

    def test_clear_responsibility_keeps_the_plan_at_the_branch(self):
        incident = self._cross_branch(amount=5000.0, responsibility_clear=True)
        self.assertEqual(
            incident.allocation_approver, "Branch Customer Service Manager"
        )

    def test_the_hq_threshold_is_policy(self):
        self.hq.courier_cross_branch_hq_amount = 2000.0
        incident = self._cross_branch(amount=2000.0)
        self.assertEqual(incident.allocation_approver, "Headquarters")

    def test_changing_the_shares_asks_for_a_new_approval(self):
        incident = self._cross_branch(amount=800.0)
        incident.with_user(self.cs_manager).action_approve_allocation()
        self._resplit(incident, 50)
        self.assertEqual(incident.allocation_state, "to_approve")
        incident.claimed_amount = 900.0
        incident.with_user(self.cs_manager).action_approve_allocation()
        self.assertEqual(incident.allocation_state, "approved")

    def test_nobody_approves_the_plan_of_an_incident_they_handle(self):
        incident = self._cross_branch(amount=800.0, user_id=self.cs_manager.id)
        with self.assertRaises(AccessError):
            incident.with_user(self.cs_manager).action_approve_allocation()
        self.assertEqual(incident.allocation_state, "to_approve")

    def test_no_plan_when_the_branch_bears_it_alone(self):
        incident = self._incident(amount=800.0)
        self.assertEqual(incident.allocation_state, "none")
        with self.assertRaises(UserError):
            incident.with_user(self.cs_manager).action_approve_allocation()

    def test_recoveries_wait_for_the_compensation_and_the_plan(self):
        incident = self._cross_branch(amount=800.0)
        incident.with_user(self.cs_manager).action_approve_allocation()
        with self.assertRaisesRegex(UserError, "compensation is approved"):
            incident.with_user(self.handler).action_raise_recoveries()
        self._approve(incident)
        self._resplit(incident, 70)
        with self.assertRaisesRegex(UserError, "allocation plan"):
            incident.with_user(self.handler).action_raise_recoveries()
        incident.with_user(self.cs_manager).action_approve_allocation()
        self.assertTrue(incident.recovery_to_raise)
        with self.assertRaisesRegex(UserError, "paying branch"):
            incident.with_user(self.other_handler).action_raise_recoveries()
        incident.with_user(self.handler).action_raise_recoveries()
        self.assertRecordValues(
            incident.recovery_ids,
            [
                {
                    "state": "draft",
                    "party_type": "branch",
                    "company_id": self.branch.id,
                    "responsible_company_id": self.other_branch.id,
                    "percent": 70.0,
                    "amount": 560.0,
                    "base_amount": 800.0,
                }
            ],
        )
        self.assertEqual(incident.recovery_count, 1)
        self.assertFalse(incident.recovery_to_raise)
        with self.assertRaisesRegex(UserError, "already"):
            incident.with_user(self.handler).action_raise_recoveries()

    # ---- answering, arbitration, booking ----------------------------------------

    def test_accepted_share_is_booked_in_both_branches(self):
        incident = self._cross_branch()
        recovery = self._raised(incident)
        self.assertEqual(recovery.state, "sent")
        self.assertEqual(recovery.amount, 1800.0)
        # the paying branch does not answer its own claim
        self.assertTrue(recovery.with_user(self.other_cs).approval_can_act)
        self.assertFalse(recovery.with_user(self.cs_manager).approval_can_act)
        with self.assertRaises(AccessError):
            recovery.with_user(self.cs_manager).action_accept()
        # the responsible branch's CS manager is asked, in his own company
        self.assertTrue(
            recovery.with_user(self.other_cs).search(
                [("id", "=", recovery.id), ("approval_awaiting_me", "=", True)]
            )
        )
        recovery.with_user(self.other_cs).action_accept()
        self.assertRecordValues(
            recovery, [{"state": "accepted", "settled_amount": 1800}]
        )
        self.assertFalse(recovery._approval_activities())
        # booking is the paying branch's CS manager's
        with self.assertRaises(AccessError):
            recovery.with_user(self.handler).action_book()
        with self.assertRaises(AccessError):
            recovery.with_user(self.other_cs).action_book()
        recovery.with_user(self.cs_manager).action_book()
        self.assertEqual(recovery.state, "booked")
        payer, charge = recovery.move_id, recovery.responsible_move_id
        self.assertRecordValues(
            payer | charge,
            [
                {"company_id": self.branch.id, "state": "posted", "amount_total": 1800},
                {
                    "company_id": self.other_branch.id,
                    "state": "posted",
                    "amount_total": 1800,
                },
            ],
        )
        receivable = payer.line_ids.filtered("debit")
        self.assertRecordValues(
            receivable,
            [
                {
                    "partner_id": self.other_branch.partner_id.id,
                    "debit": 1800.0,
                }
            ],
        )
        self.assertEqual(receivable.account_id.account_type, "asset_receivable")
        self.assertEqual(
            payer.line_ids.filtered("credit").account_id, self.compensation_account
        )
        payable = charge.line_ids.filtered("credit")
        self.assertRecordValues(
            payable, [{"partner_id": self.branch.partner_id.id, "credit": 1800.0}]
        )
        self.assertEqual(payable.account_id.account_type, "liability_payable")
        self.assertEqual(
            charge.line_ids.filtered("debit").account_id, self.compensation_account
        )
        with self.assertRaises(UserError):
            recovery.with_user(self.cs_manager).action_book()

    def test_configured_accounts_and_journal(self):
        Account = self.env["account.account"]
        receivable = Account.create(
            {
                "code": "112201",
                "name": "Due from branches",
                "account_type": "asset_receivable",
                "reconcile": True,
                "company_ids": [Command.set(self.hq.ids)],
            }
        )
        journal = self.env["account.journal"].create(
            {
                "name": "Network Recoveries",
                "code": "NREC",
                "type": "general",
                "company_id": self.branch.id,
            }
        )
        self.branch.write(
            {
                "courier_recovery_receivable_account_id": receivable.id,
                "courier_recovery_journal_id": journal.id,
            }
        )
        recovery = self._raised(self._cross_branch())
        recovery.with_user(self.other_cs).action_accept()
        recovery.with_user(self.cs_manager).action_book()
        self.assertEqual(recovery.move_id.journal_id, journal)
        self.assertEqual(
            recovery.move_id.line_ids.filtered("debit").account_id, receivable
        )

    def test_dispute_goes_to_hq_arbitration_which_decides_the_share(self):
        incident = self._cross_branch()
        recovery = self._raised(incident)
        step = self._step(incident, "Refer failed recoveries to HQ arbitration")
        self.assertTrue(step)
        self.assertFalse(step.done_date)
        with self.assertRaisesRegex(UserError, "reason"):
            recovery.with_user(self.other_handler).action_dispute(" ")
        # someone of a third branch neither sees nor answers it
        with self.assertRaises(AccessError):
            recovery.with_user(self.outsider).action_dispute("not ours")
        recovery.with_user(self.other_handler).action_dispute(
            "The parcel left our hub sealed: the damage is the paying branch's."
        )
        self.assertEqual(recovery.state, "disputed")
        self.assertFalse(step.done_date, "a dispute still waits for HQ")
        recovery.with_user(self.handler).action_refer("The hub's scan shows damage")
        self.assertEqual(recovery.state, "arbitration")
        self.assertTrue(step.done_date, "referred to HQ: the step is done")
        # only headquarters decides, and not the branch's CS manager
        with self.assertRaises(AccessError):
            recovery.with_user(self.cs_manager).action_decide(25.0, "half each")
        with self.assertRaises(AccessError):
            recovery.with_user(self.other_cs).action_decide(0.0, "not ours")
        with self.assertRaises(UserError):
            recovery.with_user(self.hq_user).action_decide(101.0, "too much")
        self.assertTrue(
            recovery.with_user(self.hq_user).search(
                [("id", "=", recovery.id), ("approval_awaiting_me", "=", True)]
            )
        )
        recovery.with_user(self.hq_user).action_decide(25.0, "Both hubs failed.")
        self.assertRecordValues(
            recovery,
            [
                {
                    "state": "decided",
                    "decided_percent": 25.0,
                    "settled_amount": 750.0,
                    "decision": "Both hubs failed.",
                }
            ],
        )
        recovery.with_user(self.cs_manager).action_book()
        self.assertEqual(recovery.move_id.amount_total, 750.0)
        self.assertEqual(recovery.responsible_move_id.amount_total, 750.0)

    def test_hq_decides_nothing_is_due(self):
        recovery = self._raised(self._cross_branch())
        recovery.with_user(self.other_handler).action_dispute("not ours")
        recovery.with_user(self.other_handler).action_refer("we ask HQ")
        recovery.with_user(self.hq_user).action_decide(0.0, "The paying branch's.")
        with self.assertRaisesRegex(UserError, "Nothing is due"):
            recovery.with_user(self.cs_manager).action_book()

    def test_the_raiser_does_not_arbitrate_it(self):
        incident = self._cross_branch()
        self._approve(incident)
        incident.with_user(self.hq_user).action_approve_allocation()
        incident.with_user(self.hq_user).action_raise_recoveries()
        recovery = incident.recovery_ids
        recovery.with_user(self.hq_user).action_send()
        recovery.with_user(self.other_handler).action_dispute("not ours")
        recovery.with_user(self.other_handler).action_refer("we ask HQ")
        with self.assertRaises(AccessError):
            recovery.with_user(self.hq_user).action_decide(50.0, "my own claim")

    def test_workflow_fields_change_only_through_the_steps(self):
        recovery = self._raised(self._cross_branch())
        for vals in ({"state": "accepted"}, {"settled_amount": 1.0}, {"percent": 1}):
            with self.assertRaises(AccessError):
                recovery.with_user(self.other_cs).write(vals)
        with self.assertRaises(AccessError):
            self.env["courier.incident.recovery"].with_user(self.handler).create(
                {
                    "incident_id": recovery.incident_id.id,
                    "company_id": self.branch.id,
                    "party_type": "branch",
                    "responsible_company_id": self.other_branch.id,
                }
            )

    # ---- the 40th working day ---------------------------------------------------

    def test_arbitration_due_on_the_40th_working_day(self):
        """Counted from the incident on the branch's calendar: across the
        Spring Festival, with its make-up Saturday worked."""
        calendar = self.branch.resource_calendar_id
        calendar.global_leave_ids = [
            Command.create(
                {
                    "name": "Spring Festival",
                    "date_from": "2026-02-14 16:00:00",
                    "date_to": "2026-02-23 15:59:59",
                }
            )
        ]
        self.env["resource.calendar.workday"].create(
            {"calendar_id": calendar.id, "date": "2026-02-14", "name": "春节调休"}
        )
        # Friday 13 February 2026, 10:00 in Suzhou
        incident = self._cross_branch(incident_date="2026-02-13 02:00:00")
        self.assertFalse(
            self._step(incident, "Refer failed recoveries to HQ arbitration"),
            "no recovery yet: no arbitration step",
        )
        self._raised(incident)
        # day 1 is the make-up Saturday, the holiday is skipped up to Monday
        # 23 February, day 40 is Friday 17 April, to its end in China time
        self.assertEqual(
            self._step(incident, "Refer failed recoveries to HQ arbitration").due,
            datetime(2026, 4, 17, 15, 59, 59),
        )

    def test_the_40_days_are_data(self):
        rule = self.env["courier.deadline.rule"].search(
            [("company_id", "=", self.hq.id), ("applies_to", "=", "recovery")]
        )
        self.assertEqual((rule.delay, rule.unit), (40, "working_days"))
        rule.delay = 5
        incident = self._cross_branch(incident_date="2026-03-02 02:00:00")  # Monday
        self._raised(incident)
        self.assertEqual(
            self._step(incident, rule.name).due, datetime(2026, 3, 9, 15, 59, 59)
        )

    def test_the_migration_gives_each_headquarters_the_step(self):
        Rule = self.env["courier.deadline.rule"]
        Rule.search(
            [("company_id", "=", self.hq.id), ("applies_to", "=", "recovery")]
        ).unlink()
        for _again in range(2):
            add_recovery_arbitration_step(self.env)
            rules = Rule.search(
                [
                    ("company_id", "in", (self.hq | self.env.company).ids),
                    ("applies_to", "=", "recovery"),
                ]
            )
            self.assertEqual(len(rules), 2)
            self.assertEqual(rules.company_id, self.hq | self.env.company)
            self.assertEqual(set(rules.mapped("delay")), {40})

    # ---- access ---------------------------------------------------------------

    def test_paying_and_responsible_branches_and_hq_see_it_nobody_else(self):
        recovery = self._raised(self._cross_branch())
        Recovery = self.env["courier.incident.recovery"]
        for user in (self.handler, self.other_handler, self.other_cs, self.hq_user):
            self.assertEqual(
                Recovery.with_user(user).search([("id", "=", recovery.id)]), recovery
            )
        self.assertFalse(Recovery.with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            recovery.with_user(self.outsider).read(["amount"])
        # the responsible branch reads what the claim is about
        self.assertEqual(
            recovery.with_user(self.other_handler).read(["waybill", "customer_name"])[
                0
            ]["customer_name"],
            "Suzhou Textile Co.",
        )

    def test_claims_staff_name_any_branch_of_their_group(self):
        """A handler working for one branch names another as responsible."""
        Company = self.env["res.company"].with_user(self.other_handler)
        self.assertIn(self.branch, Company.search([("name", "=", "Suzhou Branch")]))
        self.assertEqual(
            self.branch.with_user(self.other_handler).name, "Suzhou Branch"
        )
        with self.assertRaises(AccessError):
            self.branch.with_user(self.other_handler).name = "Renamed"
        elsewhere = self.env["res.company"].create({"name": "Another Group"})
        self.assertFalse(Company.search([("id", "=", elsewhere.id)]))

    def test_a_draft_recovery_is_withdrawn_by_the_paying_branch_manager(self):
        incident = self._cross_branch()
        self._approve(incident)
        incident.with_user(self.hq_user).action_approve_allocation()
        incident.with_user(self.handler).action_raise_recoveries()
        recovery = incident.recovery_ids
        with self.assertRaises(AccessError):
            recovery.with_user(self.handler).action_cancel("wrong branch")
        recovery.with_user(self.cs_manager).action_cancel("wrong branch")
        self.assertEqual(recovery.state, "cancelled")
        # withdrawn: it may be raised again
        incident.with_user(self.handler).action_raise_recoveries()
        self.assertEqual(len(incident.recovery_ids), 2)

    # ---- carriers ---------------------------------------------------------------

    def test_a_carrier_share_is_invoiced_to_the_carrier(self):
        incident = self._incident(
            amount=800.0, responsibility="carrier", carrier_id=self.carrier.id
        )
        incident.with_user(self.handler).write(
            {
                "share_ids": [
                    Command.create(
                        {
                            "party_type": "carrier",
                            "carrier_id": self.carrier.id,
                            "percent": 100,
                        }
                    )
                ]
            }
        )
        recovery = self._raised(incident, approver=self.cs_manager)
        self.assertEqual(recovery.party_type, "carrier")
        # the carrier has no users: the paying branch's CS manager records its answer
        with self.assertRaises(AccessError):
            recovery.with_user(self.other_cs).action_accept()
        recovery.with_user(self.cs_manager).action_dispute("The carrier refuses.")
        with self.assertRaisesRegex(UserError, "carrier"):
            recovery.with_user(self.handler).action_refer("to HQ")
        recovery.with_user(self.cs_manager).action_accept("Agreed after all.")
        recovery.with_user(self.cs_manager).action_book()
        self.assertEqual(recovery.move_id, incident.recovery_move_id)
        self.assertRecordValues(
            recovery.move_id,
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": self.carrier.id,
                    "amount_total": 800.0,
                    "state": "posted",
                }
            ],
        )
