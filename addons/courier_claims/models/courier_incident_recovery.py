from odoo import Command, api, fields, models
from odoo.exceptions import UserError

USER = "courier_claims.courier_claims_group_user"
MANAGER = "courier_claims.courier_claims_group_manager"
HQ = "courier_claims.courier_claims_group_hq"
RECOVERY_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("disputed", "Disputed"),
    ("arbitration", "In Arbitration"),
    ("accepted", "Accepted"),
    ("decided", "Decided"),
    ("booked", "Booked"),
    ("cancelled", "Cancelled"),
]
# Waiting for the responsible party, or for the paying branch to take a
# dispute to headquarters: the incident's arbitration step waits for these.
UNSETTLED_STATES = ("sent", "disputed")


class CourierIncidentRecovery(models.Model):
    """A network recovery (网络追偿): the paying branch claims back the share of
    a compensation that another branch of the group, or a third-party carrier,
    bears under the approved allocation plan (000 section 3.3, 8.3; 002 art. 2
    to 4, 23 and 24).

    The responsible branch accepts or disputes it in its own company; a
    dispute goes to headquarters' arbitration, which decides the share. The
    accepted or decided share is booked in both companies (a carrier's is
    invoiced to it, as the incident's carrier invoice).
    """

    _name = "courier.incident.recovery"
    _description = "Network Recovery"
    _inherit = [
        "guarded.workflow.mixin",
        "approval.activity.mixin",
        "sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    # Roles ("paying", "responsible", "party", "paying_manager") are resolved
    # per record by _workflow_allowed.
    _workflow_transitions = {
        ("draft", "sent"): "paying",
        ("sent", "accepted"): "responsible",
        ("sent", "disputed"): "responsible",
        ("disputed", "accepted"): "responsible",
        ("disputed", "arbitration"): "party",
        ("arbitration", "decided"): HQ,
        ("accepted", "booked"): "paying_manager",
        ("decided", "booked"): "paying_manager",
        ("draft", "cancelled"): "paying_manager",
        ("sent", "cancelled"): "paying_manager",
        ("disputed", "cancelled"): "paying_manager",
    }
    # Whoever raised the recovery, or handles its incident, does not answer
    # or arbitrate it.
    _workflow_four_eyes = frozenset(
        {
            ("sent", "accepted"),
            ("sent", "disputed"),
            ("disputed", "accepted"),
            ("arbitration", "decided"),
        }
    )
    _workflow_fields = frozenset(
        {
            "percent",
            "amount",
            "base_amount",
            "decided_percent",
            "settled_amount",
            "dispute_reason",
            "decision",
            "sent_date",
            "move_id",
            "responsible_move_id",
        }
    )
    _workflow_fixed_fields = frozenset(
        {
            "incident_id",
            "company_id",
            "party_type",
            "responsible_company_id",
            "carrier_id",
        }
    )
    _workflow_locked_states = ("booked", "cancelled")
    _workflow_free_fields = frozenset({"note"})

    incident_id = fields.Many2one(
        "courier.incident",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Paying Branch",
        required=True,
        readonly=True,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    party_type = fields.Selection(
        [("branch", "Branch"), ("carrier", "Carrier")],
        string="Responsible Party",
        required=True,
        readonly=True,
    )
    # another branch of the group, by definition: no company check
    responsible_company_id = fields.Many2one(
        "res.company", string="Responsible Branch", readonly=True, index=True
    )
    carrier_id = fields.Many2one(
        "res.partner", readonly=True, check_company=True, index=True
    )
    responsible_name = fields.Char(
        string="Responsible", compute="_compute_responsible_name"
    )
    # what the responsible branch reads of the incident, which it may not open
    waybill = fields.Char(related="incident_id.waybill")
    incident_date = fields.Datetime(related="incident_id.incident_date")
    kind = fields.Selection(related="incident_id.kind")
    customer_name = fields.Char(
        related="incident_id.partner_id.name", string="Customer"
    )
    base_amount = fields.Monetary(
        string="Compensation",
        readonly=True,
        help="The compensation the shares were taken of when raised.",
    )
    percent = fields.Float(
        string="Share Claimed (%)",
        digits=(5, 2),
        readonly=True,
        help="The party's share in the approved allocation plan.",
    )
    amount = fields.Monetary(string="Amount Claimed", readonly=True)
    decided_percent = fields.Float(
        string="Share Decided (%)", digits=(5, 2), readonly=True
    )
    settled_amount = fields.Monetary(
        string="Amount Due",
        readonly=True,
        help="What the party bears: the amount claimed once accepted, the "
        "decided share once arbitrated.",
    )
    state = fields.Selection(
        RECOVERY_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    sent_date = fields.Date(readonly=True)
    dispute_reason = fields.Text(readonly=True)
    decision = fields.Text(string="Arbitration Decision", readonly=True)
    note = fields.Html()
    move_id = fields.Many2one(
        "account.move",
        string="Recovery Entry",
        readonly=True,
        copy=False,
        check_company=True,
        help="In the paying branch: the receivable from the responsible "
        "branch, or the carrier's invoice.",
    )
    # booked in the responsible branch: another company
    responsible_move_id = fields.Many2one(
        "account.move",
        string="Charge Entry",
        readonly=True,
        copy=False,
        help="In the responsible branch: its expense and the payable to the "
        "paying branch.",
    )

    _sql_constraints = [
        (
            "party_set",
            (
                "CHECK((party_type = 'branch' AND responsible_company_id IS NOT NULL)"
                " OR (party_type = 'carrier' AND carrier_id IS NOT NULL))"
            ),
            "A recovery names the branch or the carrier it is raised against.",
        ),
    ]

    @api.depends("party_type", "responsible_company_id", "carrier_id")
    def _compute_responsible_name(self):
        for recovery in self:
            party = (
                recovery.carrier_id
                if recovery.party_type == "carrier"
                else recovery.sudo().responsible_company_id
            )
            recovery.responsible_name = party.name or ""

    # ------------------------------------------------------------
    # WHO MAY ACT
    # ------------------------------------------------------------

    def _workflow_allowed(self, who, user):
        """The paying branch's users raise, withdraw and book; the responsible
        branch's users answer (a carrier has no users: the paying branch's CS
        manager records its answer); either side takes a dispute to HQ."""
        paying = self.company_id in user.company_ids
        responsible = self.responsible_company_id in user.company_ids
        if who == "paying":
            return paying and user.has_group(USER)
        if who == "paying_manager":
            return paying and user.has_group(MANAGER)
        if who == "responsible":
            if self.party_type == "carrier":
                return paying and user.has_group(MANAGER)
            return responsible and user.has_group(USER)
        if who == "party":
            return (paying or responsible) and user.has_group(USER)
        return super()._workflow_allowed(who, user)

    def _workflow_owners(self):
        """Who raised the recovery or handles its incident."""
        return super()._workflow_owners() | self.incident_id.sudo().user_id

    def _workflow_check(self, old, new):
        if new == "arbitration" and self.party_type == "carrier":
            raise UserError(
                self.env._(
                    "A carrier's dispute is settled with the carrier or at law: "
                    "headquarters arbitrates between branches."
                )
            )
        if new == "booked" and not self.settled_amount:
            raise UserError(self.env._("Nothing is due: there is nothing to book."))

    # ------------------------------------------------------------
    # APPROVAL ACTIVITIES: WHO MUST ANSWER NOW
    # ------------------------------------------------------------

    @api.model
    def _approval_pending_domain(self):
        return [("state", "in", ("sent", "arbitration"))]

    def _approval_users(self):
        """A sent recovery waits for the responsible branch's CS managers, an
        arbitration for headquarters."""
        if self.state == "sent" and self.party_type == "branch":
            group = self.env.ref(MANAGER)
            users = group.sudo().users.filtered(
                lambda user: self.responsible_company_id in user.company_ids
            )
        elif self.state == "arbitration":
            users = self.env.ref(HQ).sudo().users
        else:
            return self.env["res.users"]
        owners = self._workflow_owners()
        return users.filtered(
            lambda user: not user.share and user.active and user not in owners
        )

    def _approval_can_act(self, user):
        transitions = {
            "sent": "accepted",
            "disputed": "accepted",
            "arbitration": "decided",
        }
        new = transitions.get(self.state)
        if not new or user in self._workflow_owners():
            return False
        return self._workflow_allowed(
            self._workflow_transitions[(self.state, new)], user
        )

    def _approval_summary(self):
        if self.state == "arbitration":
            return self.env._("Arbitrate %(name)s", name=self.name)
        return self.env._("Accept or dispute %(name)s", name=self.name)

    # ------------------------------------------------------------
    # STEPS
    # ------------------------------------------------------------

    def _step(self, state, reason, values=None):
        """Move on with ``reason`` (required), then tell who must act next and
        close the incident's arbitration step once nothing waits."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for this step."))
        self._workflow_move(state, values, reason)
        self._approval_sync()
        # the responsible branch may not read the incident it answers for
        self.incident_id.sudo()._recovery_steps_update()
        return True

    def action_open_step(self):
        """The step of the button, asking its reason (and a decided share)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Network Recovery"),
            "res_model": "courier.incident.recovery.step",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_recovery_id": self.id,
                "default_step": self.env.context.get("recovery_step"),
                "default_percent": self.percent,
            },
        }

    def action_send(self, reason=None):
        """Send the recovery to the responsible party."""
        return self._step(
            "sent",
            reason
            or self.env._(
                "raised against %(party)s for %(percent)s%% of the compensation",
                party=self.responsible_name,
                percent=self.percent,
            ),
            {"sent_date": fields.Date.context_today(self)},
        )

    def action_accept(self, reason=None):
        for recovery in self:
            recovery._step(
                "accepted",
                reason or self.env._("share accepted"),
                {"settled_amount": recovery.amount},
            )
        return True

    def action_dispute(self, reason):
        return self._step("disputed", reason, {"dispute_reason": reason})

    def action_refer(self, reason):
        """Take the dispute to headquarters' arbitration."""
        return self._step("arbitration", reason)

    def action_decide(self, percent, reason):
        """Headquarters decides the share the responsible branch bears."""
        if not 0 <= percent <= 100:
            raise UserError(
                self.env._("The decided share is between 0 and 100 percent.")
            )
        for recovery in self:
            recovery._step(
                "decided",
                reason,
                {
                    "decided_percent": percent,
                    "settled_amount": recovery.currency_id.round(
                        recovery.base_amount * percent / 100
                    ),
                    "decision": reason,
                },
            )
        return True

    def action_cancel(self, reason):
        return self._step("cancelled", reason)

    def action_book(self):
        """Book what is due: between the branches, or the carrier's invoice."""
        for recovery in self:
            recovery._workflow_lock()
            recovery._workflow_check_transition(recovery.state, "booked")
            recovery._workflow_check(recovery.state, "booked")
            if recovery.party_type == "carrier":
                values = {"move_id": recovery._book_carrier().id}
            else:
                payer_move, charge_move = recovery._book_between_branches()
                values = {
                    "move_id": payer_move.id,
                    "responsible_move_id": charge_move.id,
                }
            recovery._step(
                "booked",
                self.env._(
                    "%(amount)s booked",
                    amount=recovery.currency_id.format(recovery.settled_amount),
                ),
                values,
            )
        return True

    # ------------------------------------------------------------
    # BOOKING
    # ------------------------------------------------------------

    def _book_carrier(self):
        """The carrier's share is invoiced to it, as from the incident; as
        superuser once the step is checked, as the entries between branches."""
        incident = self.incident_id.sudo()
        if not incident.recovery_move_id:
            incident.action_invoice_carrier()
        move = incident.recovery_move_id
        if move.currency_id.compare_amounts(move.amount_total, self.settled_amount):
            raise UserError(
                self.env._(
                    "The carrier invoice %(move)s is for %(invoiced)s, not the "
                    "%(due)s due: cancel it and book again.",
                    move=move.name,
                    invoiced=move.amount_total,
                    due=self.settled_amount,
                )
            )
        return move

    def _prepare_booking_move_vals(self, company, lines):
        """One entry in ``company``'s recovery journal; ``lines`` are
        (account, partner, debit, credit)."""
        self.ensure_one()
        label = self.env._(
            "Network recovery %(recovery)s for %(incident)s",
            recovery=self.name,
            incident=self.incident_id.name,
        )
        return {
            "move_type": "entry",
            "company_id": company.id,
            "journal_id": company._courier_recovery_journal().id,
            "date": fields.Date.context_today(self),
            "ref": label,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": partner.id,
                        "debit": debit,
                        "credit": credit,
                    }
                )
                for account, partner, debit, credit in lines
            ],
        }

    def _book_between_branches(self):
        """A receivable from the responsible branch in the paying branch, that
        branch's expense and payable in its own books; as superuser once the
        step is checked: neither side may write the other's books."""
        self.ensure_one()
        payer = self.company_id.sudo()
        debtor = self.responsible_company_id.sudo()
        amount = self.settled_amount
        payer_vals = self._prepare_booking_move_vals(
            payer,
            [
                (
                    payer._courier_recovery_account("receivable", debtor.partner_id),
                    debtor.partner_id,
                    amount,
                    0.0,
                ),
                (
                    payer._courier_recovery_account("expense"),
                    payer.partner_id,
                    0.0,
                    amount,
                ),
            ],
        )
        debtor_vals = self._prepare_booking_move_vals(
            debtor,
            [
                (
                    debtor._courier_recovery_account("expense"),
                    debtor.partner_id,
                    amount,
                    0.0,
                ),
                (
                    debtor._courier_recovery_account("payable", payer.partner_id),
                    payer.partner_id,
                    0.0,
                    amount,
                ),
            ],
        )
        Move = self.env["account.move"].sudo()
        payer_move = Move.with_company(payer).create(payer_vals)
        charge_move = Move.with_company(debtor).create(debtor_vals)
        (payer_move | charge_move).action_post()
        return payer_move, charge_move

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda recovery: recovery.state != "draft"):
            raise UserError(self.env._("Only draft recoveries are deleted."))
