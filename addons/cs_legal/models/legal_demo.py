from datetime import date, timedelta

from odoo import api, fields, models

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)

# Wenzhou leaves some key accounts without a signed contract: its rate is
# below 100%; elsewhere a few signed contracts miss a checklist item.
UNSIGNED = {"Cangnan Printing": "draft", "Longwan Pens": "review", "Ruian Valves": None}
NOT_QUALIFIED = {"Binjiang E-commerce Park", "Guangming Cosmetics", "Ouhai Eyewear"}

# title, counterparty, branch, claim, role, how far it went
DEMO_CASES = [
    (
        "Unpaid freight, Q2",
        "Hangzhou Fresh Foods",
        "hangzhou",
        86000,
        "plaintiff",
        "court",
    ),
    ("Lost parcel claim", "Ouhai Eyewear", "wenzhou", 12500, "defendant", "evidence"),
    (
        "Unpaid freight, 2025",
        "Shekou Cross-border Trade",
        "shenzhen",
        142000,
        "plaintiff",
        "judgment",
    ),
    (
        "Damaged goods dispute",
        "Cangnan Printing",
        "wenzhou",
        6800,
        "defendant",
        "intake",
    ),
    (
        "Settlement of late payment",
        "Lingyin Books",
        "hangzhou",
        9400,
        "plaintiff",
        "closed",
    ),
]


class LegalDemo(models.AbstractModel):
    """Contracts, signing reports, archives, a borrowing and cases."""

    _name = "legal.demo"
    _description = "Legal Demo Data"

    @api.model
    def _load_demo(self):
        env = self.sudo().with_context(tracking_disable=True, mail_notrack=True).env
        admin = env.ref("base.user_admin")
        officer = env.ref("cs_legal.demo_user_legal_officer")
        self._demo_contracts(env, admin)
        month = add_months(first_of_month(fields.Date.context_today(self)), -1)
        branches = env["res.partner"].search([("is_key_account", "=", True)])
        env["legal.signing.report"]._generate(month, branches.key_account_company_id)
        self._demo_archives(env, admin, officer)
        self._demo_cases(env, admin)

    def _demo_contracts(self, env, admin):
        # Registered for the account manager who negotiated them, so that the
        # legal manager (admin) approves their price annexes: four eyes.
        Contract = env["legal.contract"]
        accounts = env["res.partner"].search(
            [("is_key_account", "=", True)], order="id"
        )
        for index, partner in enumerate(accounts):
            if partner.name in UNSIGNED and not UNSIGNED[partner.name]:
                continue
            contract = (
                Contract.with_company(partner.key_account_company_id)
                .create(
                    {
                        "subject": "Express carriage and monthly settlement",
                        "partner_id": partner.id,
                        "user_id": partner.key_account_manager_id.id,
                        "company_id": partner.key_account_company_id.id,
                        "contract_type": "monthly_settlement"
                        if index % 3
                        else "carriage",
                        "date_signed": date(2026, 1, 5) + timedelta(days=index),
                        "date_start": date(2026, 1, 10) + timedelta(days=index),
                        "date_end": date(2026, 12, 31),
                        "has_price_annex": bool(index % 2),
                    }
                )
                .with_user(admin)
            )
            if UNSIGNED.get(partner.name) == "draft":
                continue
            contract.action_request_review()
            if UNSIGNED.get(partner.name) == "review":
                continue
            contract.action_approve_review()
            if contract.has_price_annex:
                contract.action_approve_annex()
            contract.action_sign()
            contract.check_ids.write({"done": partner.name not in NOT_QUALIFIED})
            if contract.hq_filing_required:
                contract.action_file_at_hq()

    def _demo_archives(self, env, admin, officer):
        Archive = env["legal.archive"]
        hangzhou = env.ref("key_account_service.demo_company_hangzhou")
        archives = Archive.create(
            [
                {
                    "title": title,
                    "archive_type": kind,
                    "company_id": hangzhou.id,
                    "partner_id": env["key.account.demo"]._demo_account(who).id,
                    "location": shelf,
                    "view_in_place": in_place,
                    "summary": f"<p>{summary}</p>",
                }
                for title, kind, who, shelf, in_place, summary in (
                    (
                        "Carriage contract review 2026",
                        "contract_review",
                        "Hangzhou Silk Road Apparel",
                        "A-01",
                        True,
                        "Liability capped at three times the freight.",
                    ),
                    (
                        "Freight recovery file",
                        "litigation",
                        "Hangzhou Fresh Foods",
                        "B-03",
                        False,
                        "Invoices, reminders and the lawyer's letter.",
                    ),
                    (
                        "Opinion on insured-value limits",
                        "legal_opinion",
                        "Xihu Electronics",
                        "C-02",
                        False,
                        "Declared value binds us only when the premium was paid.",
                    ),
                )
            ]
        )
        for archive, reason in zip(
            archives,
            ("Renewal negotiation", "Hearing preparation", "Answering a claim"),
            strict=True,
        ):
            archive.with_user(officer)._register_access("view", "summary", reason)
        archives[0].with_user(admin)._register_access("view", "summary", None)
        Borrow = env["legal.archive.borrow"]
        returned = Borrow.with_user(officer).create(
            {"archive_id": archives[2].id, "purpose": "Answering a claim"}
        )
        returned.with_user(admin).action_approve()
        returned.with_user(admin).action_hand_over()
        returned.with_user(admin).action_return()
        out = Borrow.with_user(officer).create(
            {"archive_id": archives[1].id, "purpose": "Hearing preparation"}
        )
        out.with_user(admin).action_approve()
        out.with_user(admin).action_hand_over()

    def _demo_cases(self, env, admin):
        Case = env["legal.case"].with_user(admin)
        today = fields.Date.context_today(self)
        for index, (title, who, branch, claim, role, goal) in enumerate(DEMO_CASES):
            company = env.ref(f"key_account_service.demo_company_{branch}")
            case = Case.with_company(company).create(
                {
                    "title": title,
                    "counterparty_id": env["key.account.demo"]._demo_account(who).id,
                    "company_id": company.id,
                    "claim_amount": claim,
                    "role": role,
                    "date_opened": today - timedelta(days=20 + index * 25),
                    "hq_lawyer_id": admin.id if claim >= 100000 else False,
                }
            )
            if claim >= 10000:
                case.action_report_hq()
            if goal == "intake":
                continue
            if goal == "evidence":
                case.action_start_evidence()
                continue
            if goal == "closed":
                case.action_close()
                continue
            litigant = case.company_id._legal_litigating_company()
            if litigant != case.company_id:
                case.litigating_company_id = litigant
            case.with_user(admin).sudo().action_sign_court()
            case.action_go_to_court()
            if goal == "judgment":
                case.action_judgment()
