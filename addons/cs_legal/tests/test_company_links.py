"""A legal record links only records of its own branch, or shared ones
(check_company)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestCompanyLinks(LegalCommon):
    def test_records_of_another_group_are_refused(self):
        foreign = self.env["res.partner"].create(
            {
                "name": "Other Group Customer",
                "is_company": True,
                "company_id": self.other.id,
            }
        )
        Contract = self.env["legal.contract"]
        values = {"subject": "Carriage", "company_id": self.branch.id}
        with self.assertRaises(UserError):
            Contract.create(dict(values, partner_id=foreign.id))
        with self.assertRaises(UserError):
            self.env["legal.case"].create(
                {
                    "title": "Unpaid freight",
                    "counterparty_id": foreign.id,
                    "company_id": self.branch.id,
                    "claim_amount": 1000.0,
                }
            )
        contract = Contract.create(dict(values, partner_id=self.customer.id))
        Archive = self.env["legal.archive"]
        with self.assertRaises(UserError):
            Archive.create(
                {
                    "title": "Copy",
                    "company_id": self.other.id,
                    "contract_id": contract.id,
                }
            )
        archive = Archive.create(
            {"title": "Copy", "company_id": self.branch.id, "contract_id": contract.id}
        )
        self.assertEqual(archive.contract_id, contract)
        # not even headquarters files a branch's contract as its own
        with self.assertRaises(UserError):
            Archive.create(
                {"title": "Copy", "company_id": self.hq.id, "contract_id": contract.id}
            )
