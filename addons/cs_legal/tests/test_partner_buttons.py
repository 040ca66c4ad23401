from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestPartnerButtons(LegalCommon):
    """The customer's contracts and cases, one click from its form; the case
    that recovered an invoice, one click from finance's collection row."""

    def _case(self, partner, title="Unpaid freight"):
        return (
            self.env["legal.case"]
            .with_user(self.legal_user)
            .create(
                {
                    "title": title,
                    "counterparty_id": partner.id,
                    "company_id": self.branch.id,
                    "claim_amount": 5000.0,
                }
            )
        )

    def _contract(self, partner):
        return (
            self.env["legal.contract"]
            .with_user(self.legal_user)
            .create(
                {
                    "subject": "Express carriage 2027",
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                }
            )
        )

    def test_counts_equal_the_records_the_buttons_open(self):
        other = self.env["res.partner"].create({"name": "Other", "is_company": True})
        cases = self._case(self.customer) | self._case(self.customer, "Damages")
        self._case(other)
        contract = self._contract(self.customer)
        customer = self.customer.with_user(self.legal_user)
        self.assertEqual(customer.legal_case_count, 2)
        self.assertEqual(customer.legal_contract_count, 1)
        for method, records in (
            ("action_view_legal_cases", cases),
            ("action_view_legal_contracts", contract),
        ):
            action = getattr(customer, method)()
            found = (
                self.env[action["res_model"]]
                .with_user(self.legal_user)
                .search(action["domain"])
            )
            self.assertEqual(found, records)

    def test_counts_are_computed_in_batch(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Batch {n}", "is_company": True} for n in range(6)]
        )
        for partner in partners:
            self._case(partner)

        def queries(records):
            records = records.with_user(self.legal_user)
            records.invalidate_model()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            values = [(r.legal_case_count, r.legal_contract_count) for r in records]
            self.assertEqual(len(values), len(records))
            return self.env.cr.sql_log_count - before

        queries(partners)  # warm the caches (rules, language, companies)
        few = queries(partners.browse(partners[:2].ids))  # a fresh prefetch set
        with self.assertQueryCount(2):  # one grouped count per button
            self.assertEqual(queries(partners), few)

    def test_a_collection_row_opens_the_case_that_recovered_it(self):
        main = self.env.company  # the test company with a chart of accounts
        self.customer.sudo().write(
            {"is_key_account": True, "key_account_company_id": main.id}
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create({"name": "Freight", "price_unit": 800.0})
                ],
            }
        )
        invoice.action_post()
        case = self.env["legal.case"].create(
            {
                "title": "Unpaid freight",
                "counterparty_id": self.customer.id,
                "company_id": main.id,
                "claim_amount": 800.0,
                "recovered_invoice_ids": [Command.link(invoice.id)],
            }
        )
        self.assertTrue(invoice.key_account_legal_recovery)
        # finance staff who may also see legal cases
        reader = new_test_user(
            self.env,
            login="legal_finance_reader",
            groups="cs_legal.cs_legal_group_hq,"
            "key_account_service.key_account_service_group_finance",
            company_id=main.id,
            company_ids=[Command.set(main.ids)],
        )
        row = (
            self.env["key.account.commission.collection"]
            .with_user(reader)
            .search([("invoice_id", "=", invoice.id)])
        )
        self.assertEqual(row.kind, "uncollected")
        self.assertEqual(row.legal_case_id, case)
        action = row.action_open_legal_case()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("legal.case", case.id)
        )
