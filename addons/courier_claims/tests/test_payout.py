from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.courier_claims import flag_compensation_payouts
from odoo.addons.key_account_service.tools import first_of_month

from .common import PayoutCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestIncidentPayout(PayoutCommon):
    def test_the_payout_is_a_posted_credit_note_and_the_voucher_prints(self):
        incident = self._approved()
        with self.assertRaises(UserError):
            incident._move_to("paid", "before the credit note")
        move = incident.action_create_payout()
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "out_refund",
                    "state": "posted",
                    "partner_id": self.customer.id,
                    "amount_total": 450.0,
                    "invoice_origin": incident.name,
                }
            ],
        )
        self.assertEqual(
            move.invoice_line_ids.account_id,
            self.company_data["default_account_expense"],
        )
        with self.assertRaises(UserError):
            incident.action_create_payout()  # once
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("courier_claims.report_incident_voucher", incident.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Claim Payout Voucher", html)
        self.assertIn("Changzhou Tools Co.", html)
        self.assertIn("450.00", html)
        self.assertIn("payout_cs", html)
        incident._move_to("paid", "Credit note sent to the customer")
        self.assertEqual(incident.state, "paid")
        # a paid incident is locked, its split too
        with self.assertRaises(UserError):
            incident.write({"assessed_amount": 1.0})
        with self.assertRaises(UserError):
            incident.action_create_payout()

    def test_the_insured_customer_paid_step_closes_when_the_payout_is_paid(self):
        """CL-5: "客户赔付 二个月内完成" is the customer paid, not the insurer."""
        main = self.env.ref("base.main_company")
        for rule in (
            self.env["courier.deadline.rule"]
            .sudo()
            .search([("company_id", "=", main.id)])
        ):
            rule.copy({"company_id": self.company.id})
        incident = self._approved(insured=True)
        step = incident.deadline_ids.filtered(
            lambda s: s.name == "Pay the customer (insured)"
        )
        self.assertEqual(step.status, "open")
        incident.action_create_payout()
        self.assertEqual(step.status, "open", "posted, not yet paid")
        incident._move_to("paid", "Credit note sent to the customer")
        self.assertEqual(step.status, "done")

    def test_the_carriers_share_is_invoiced_to_the_carrier(self):
        incident = self._approved(1000.0 - 600.0)
        incident.share_ids = [
            Command.create(
                {"party_type": "carrier", "carrier_id": self.carrier.id, "percent": 70}
            ),
            Command.create(
                {"party_type": "branch", "branch_id": self.company.id, "percent": 30}
            ),
        ]
        self.assertEqual(incident.recovery_amount, 280.0)
        move = incident.action_invoice_carrier()
        self.assertRecordValues(
            move, [{"partner_id": self.carrier.id, "amount_total": 280.0}]
        )
        self.assertEqual(incident.recovered_amount, 0.0)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"amount": 280.0})._create_payments()
        self.assertEqual(incident.recovered_amount, 280.0)

    def test_the_payout_move_is_built_from_its_prepare_hooks(self):
        """Another addon adds to the credit note through the hooks."""
        incident = self._approved()
        Incident = type(self.env["courier.incident"])
        prepare_move = Incident._prepare_payout_move_vals
        prepare_line = Incident._prepare_payout_move_line_vals

        def move_vals(record):
            return {**prepare_move(record), "narration": "Goodwill gesture"}

        def line_vals(record):
            return {**prepare_line(record), "name": "Compensation, hook"}

        with (
            patch.object(Incident, "_prepare_payout_move_vals", move_vals),
            patch.object(Incident, "_prepare_payout_move_line_vals", line_vals),
        ):
            move = incident.action_create_payout()
        self.assertIn("Goodwill gesture", str(move.narration))
        self.assertRecordValues(
            move.invoice_line_ids,
            [{"name": "Compensation, hook", "price_unit": 450.0}],
        )

    def test_a_paid_incident_tells_who_follows_payouts(self):
        incident = self._approved()
        incident.action_create_payout()
        follower = self.approver.partner_id
        paid = self.env.ref("courier_claims.mt_courier_incident_paid")
        incident.message_subscribe(partner_ids=follower.ids, subtype_ids=paid.ids)
        self.env.flush_all()
        self.cr.flush()  # tracking starts once the incident is committed
        incident.with_context(tracking_disable=False, mail_notrack=False)._move_to(
            "paid", "Credit note sent to the customer"
        )
        self.env.flush_all()
        self.cr.flush()  # the tracking messages are posted before commit
        message = self.env["mail.message"].search(
            [
                ("model", "=", "courier.incident"),
                ("res_id", "=", incident.id),
                ("subtype_id", "=", paid.id),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertIn(follower, message.notified_partner_ids)

    def _revenue_row(self):
        """The customer's revenue row of this month, after a refresh."""
        Revenue = self.env["key.account.revenue"].sudo()  # not a claims right
        Revenue._refresh_now(full=True)
        return Revenue.search(
            [
                ("partner_id", "=", self.customer.id),
                ("month", "=", first_of_month(fields.Date.today())),
            ]
        )

    def _invoice_customer(self, amount):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Parcels", "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def test_the_payout_is_compensation_not_lost_revenue(self):
        """X1: the credit note is marked as compensation, so the customer's
        revenue keeps its invoices and shows the compensation apart."""
        self._invoice_customer(1000.0)
        move = self._approved().action_create_payout()
        self.assertTrue(move.key_account_compensation)
        self.assertRecordValues(
            self._revenue_row(),
            [
                {
                    "invoiced": 1000.0,
                    "refunded": 0.0,
                    "net": 1000.0,
                    "compensation": 450.0,
                }
            ],
        )
        self.assertEqual(self.customer.key_account_compensation_month, 450.0)
        self.assertEqual(self.customer.key_account_compensation_year, 450.0)

    def test_payouts_booked_before_the_flag_are_migrated(self):
        self._invoice_customer(1000.0)
        move = self._approved().action_create_payout()
        # as booked by 18.0.1.5.0: an ordinary credit note
        self.env.cr.execute(
            "UPDATE account_move SET key_account_compensation = NULL WHERE id = %s",
            move.ids,
        )
        move.invalidate_recordset(["key_account_compensation"])
        self.assertRecordValues(
            self._revenue_row(), [{"refunded": 450.0, "net": 550.0}]
        )
        migration_env = self.env(su=True)  # as the migration runs
        flag_compensation_payouts(migration_env)
        flag_compensation_payouts(migration_env)  # twice changes nothing
        self.assertTrue(move.key_account_compensation)
        row = migration_env["key.account.revenue"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertRecordValues(
            row, [{"refunded": 0.0, "net": 1000.0, "compensation": 450.0}]
        )

    def test_a_closed_incident_of_a_key_account_is_called_back_and_surveyed(self):
        self.customer.sudo().write(
            {
                "is_key_account": True,
                "key_account_company_id": self.company.id,
                "key_account_manager_id": self.approver.id,
                "email": "tools@changzhou.cn",
            }
        )
        incident = self._approved()
        incident.action_create_payout()
        incident._move_to("paid", "Credit note sent to the customer")
        Visit = self.env["key.account.visit"].sudo()
        callbacks = [("partner_id", "=", self.customer.id), ("source", "=", "callback")]
        self.assertFalse(Visit.search(callbacks), "paid is not closed yet")
        incident._move_to("closed", "Confirmed by the customer")
        callback = Visit.search(callbacks)
        self.assertEqual(callback.source_ref, incident.name)
        self.assertEqual(callback.user_id, self.approver)
        invitation = (
            self.env["survey.user_input"]
            .sudo()
            .search([("key_account_partner_id", "=", self.customer.id)])
        )
        self.assertEqual(invitation.partner_id, self.customer)
