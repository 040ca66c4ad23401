import logging
import time
from datetime import timedelta

from odoo import Command, api, fields, models

from ..tools import add_months, first_of_month

# name, branch, account manager, monthly revenue, how the last months went
DEMO_ACCOUNTS = [
    ("Hangzhou Silk Road Apparel", "hangzhou", "chen", 520000, "steady"),
    ("Zhejiang Longjing Tea Trading", "hangzhou", "chen", 310000, "growing"),
    ("Xihu Electronics", "hangzhou", "chen", 240000, "steady"),
    ("Qiantang Home Appliances", "hangzhou", "chen", 180000, "falling"),
    ("Hangzhou Bay Pharmaceuticals", "hangzhou", "wang", 150000, "steady"),
    ("Lingyin Books", "hangzhou", "wang", 120000, "declining"),
    ("Binjiang E-commerce Park", "hangzhou", "wang", 95000, "growing"),
    ("Xiaoshan Auto Parts", "hangzhou", "wang", 72000, "steady"),
    ("Hangzhou Fresh Foods", "hangzhou", "wang", 58000, "lost"),
    ("Gongshu Stationery", "hangzhou", "wang", 36000, "steady"),
    ("Yuhang Furniture", "hangzhou", "chen", 24000, "new"),
    ("Wenzhou Leather Shoes", "wenzhou", "liu", 140000, "steady"),
    ("Ouhai Eyewear", "wenzhou", "liu", 88000, "declining"),
    ("Yueqing Electrical", "wenzhou", "liu", 64000, "steady"),
    ("Ruian Valves", "wenzhou", "liu", 42000, "growing"),
    ("Wenzhou Lighters", "wenzhou", "liu", 28000, "steady"),
    ("Cangnan Printing", "wenzhou", "liu", 16000, "falling"),
    ("Longwan Pens", "wenzhou", "liu", 12000, "new"),
    ("Shenzhen Pearl River Electronics", "shenzhen", "zhao", 680000, "steady"),
    ("Nanshan Drone Works", "shenzhen", "zhao", 430000, "growing"),
    ("Futian Mobile Accessories", "shenzhen", "zhao", 260000, "declining"),
    ("Bao'an Toys", "shenzhen", "zhao", 210000, "steady"),
    ("Longgang Watches", "shenzhen", "zhao", 165000, "falling"),
    ("Luohu Jewellery", "shenzhen", "zhao", 110000, "steady"),
    ("Shekou Cross-border Trade", "shenzhen", "zhao", 98000, "lost"),
    ("Guangming Cosmetics", "shenzhen", "zhao", 67000, "steady"),
    ("Longhua Printers", "shenzhen", "zhao", 45000, "growing"),
    ("Pingshan Batteries", "shenzhen", "zhao", 33000, "steady"),
    ("Dapeng Seafood", "shenzhen", "zhao", 19000, "new"),
    ("Yantian Port Logistics", "shenzhen", "zhao", 150000, "steady"),
]
MONTHS = 18
_logger = logging.getLogger(__name__)


class KeyAccountDemo(models.AbstractModel):
    """Generates the demo group's history: invoices, collections, contacts,
    warnings and commission statements, as the nightly jobs would have."""

    _name = "key.account.demo"
    _description = "Key Account Demo Data"

    @api.model
    def _install_languages(self, codes):
        """Activate ``codes`` with the translations of every installed module; the
        modules installed later load theirs for every active language."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        missing = Lang.search([("code", "in", codes), ("active", "=", False)])
        if missing:
            self.env["base.language.install"].create(
                {"lang_ids": [Command.set(missing.ids)], "overwrite": False}
            ).lang_install()

    @api.model
    def _load_demo(self):
        # The demo branches get their accounting set up at commit time: now.
        self.env.cr.precommit.run()
        env = self.sudo().with_context(tracking_disable=True, mail_notrack=True).env
        today = fields.Date.context_today(self)
        this_month = first_of_month(today)
        started = time.monotonic()
        partners = self._demo_partners(env, this_month)
        invoices = self._demo_invoices(env, partners, this_month)
        self._demo_collections(env, invoices, today)
        env["key.account.revenue"]._refresh_now(full=True)
        self._demo_shipments(env, partners, today)
        partners._key_account_update_metrics()
        partners._key_account_fix_commission_base()
        self._demo_visits(env, partners, this_month, today)
        self._demo_warnings(env, partners)
        self._demo_satisfaction(env, partners, this_month)
        self._demo_statements(env, partners, this_month)
        # Commissions were first settled from Odoo four months ago, as an
        # installation on a database with history records it (CONFIGURE).
        partners.key_account_company_id.root_id.key_account_commission_since = (
            add_months(this_month, -4)
        )
        _logger.info("Key-account demo history in %.1f s", time.monotonic() - started)

    @api.model
    def _demo_account(self, name):
        """A demo key account by name, for the other addons' demo stories."""
        return self.env["res.partner"].search([("name", "=", name)], limit=1)

    def _demo_ref(self, name):
        return self.env.ref(f"key_account_service.demo_{name}")

    def _demo_partners(self, env, this_month):
        Partner = env["res.partner"]
        vals = []
        for index, (name, branch, manager, _base, trend) in enumerate(DEMO_ACCOUNTS):
            months_served = 4 if trend == "new" else MONTHS
            vals.append(
                {
                    "name": name,
                    "is_company": True,
                    "is_key_account": True,
                    "key_account_company_id": self._demo_ref(f"company_{branch}").id,
                    "key_account_manager_id": self._demo_ref(
                        f"user_manager_{manager}"
                    ).id,
                    "key_account_start_date": add_months(this_month, -months_served),
                    "city": branch.capitalize(),
                    "ref": f"C{index + 1:04d}",
                    "phone": f"+86 571 8800 {1000 + index}",
                }
            )
        return Partner.create(vals)

    def _demo_shipments(self, env, partners, today):
        """The operations system's last 100 days: each account's waybills
        from its branch's city to two destinations, about one waybill per 25
        of monthly revenue, mostly on time."""
        rows = []
        for index, partner in enumerate(partners):
            _name, branch, _manager, base, trend = DEMO_ACCOUNTS[index]
            if trend == "lost":
                continue
            daily = max(1, round(base / 25 / 30))
            for days_ago in range(1, 101):
                day = today - timedelta(days=days_ago)
                for share, destination in ((0.6, "Shanghai"), (0.4, "Beijing")):
                    waybills = max(1, round(daily * share))
                    # 0 to 6 in 100 late, by account and day
                    late = round(waybills * ((index * 5 + days_ago * 3) % 7) / 100)
                    rows.append(
                        {
                            "partner_id": partner.id,
                            "company_id": partner.key_account_company_id.id,
                            "date": day,
                            "origin_city": branch.capitalize(),
                            "destination_city": destination,
                            "waybills": waybills,
                            "pieces": round(waybills * 1.4),
                            "weight": waybills * 2.5,
                            "pickups_on_time": waybills - late // 2,
                            "deliveries_on_time": waybills - late,
                            "delayed": late,
                            "damaged": int(days_ago % 17 == 0),
                            "lost": int(days_ago % 53 == 0),
                            "insured_waybills": round(waybills * 0.8),
                            "declared_value": waybills * 400,
                        }
                    )
        env["key.account.shipment"].create(rows)

    @staticmethod
    def _demo_amount(base, trend, months_ago, index):
        """The month's revenue: seasonal noise around the account's trend."""
        noise = 1 + ((index * 7 + months_ago * 3) % 9 - 4) / 100
        if trend == "growing":
            return base * (1 + (MONTHS - months_ago) * 0.015) * noise
        if trend == "declining" and months_ago == 1:
            return base * 0.86
        if trend == "falling" and months_ago == 1:
            return base * 0.72
        if trend == "lost" and months_ago <= 3:
            return 0.0
        return base * noise

    def _demo_invoices(self, env, partners, this_month):
        vals = []
        for index, partner in enumerate(partners):
            _name, _branch, _manager, base, trend = DEMO_ACCOUNTS[index]
            for months_ago in range(MONTHS, 0, -1):
                month = add_months(this_month, -months_ago)
                if month < partner.key_account_start_date:
                    continue
                amount = round(self._demo_amount(base, trend, months_ago, index), -2)
                if not amount:
                    continue
                day = month + timedelta(days=4)
                vals.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "company_id": partner.key_account_company_id.id,
                        "invoice_date": day,
                        "date": day,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Express parcels, monthly settlement",
                                    "price_unit": amount,
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
        invoices = env["account.move"].create(vals)
        invoices.action_post()
        return invoices

    def _demo_collections(self, env, invoices, today):
        """Most invoices are paid the following month; a few late or in part.

        The payments are posted and reconciled in one batch: the register
        wizard, one invoice at a time, would take minutes.
        """
        plan = []
        for index, invoice in enumerate(invoices.sorted("invoice_date")):
            paid_on = invoice.invoice_date + timedelta(days=25)
            amount = invoice.amount_total
            if index % 23 == 0:
                paid_on = invoice.invoice_date + timedelta(days=200)  # forfeited
            if paid_on > today:
                if not index % 2:
                    continue
                paid_on, amount = today, round(amount / 2, 2)  # paid in part
            plan.append((invoice, paid_on, amount))
        journals = {}
        for company in invoices.company_id:
            journals[company] = env["account.journal"].search(
                [
                    *env["account.journal"]._check_company_domain(company),
                    ("type", "=", "bank"),
                ],
                limit=1,
            )
        payments = env["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.partner_id.id,
                    "amount": amount,
                    "date": paid_on,
                    "journal_id": journals[invoice.company_id].id,
                    "company_id": invoice.company_id.id,
                    "memo": invoice.name,
                }
                for invoice, paid_on, amount in plan
            ]
        )
        payments.action_post()
        env["account.move.line"]._reconcile_plan(
            [
                (invoice.line_ids | payment.move_id.line_ids).filtered(
                    lambda line: (
                        line.account_type == "asset_receivable" and not line.reconciled
                    )
                )
                for (invoice, _day, _amount), payment in zip(
                    plan, payments, strict=True
                )
            ]
        )

    def _demo_visits(self, env, partners, this_month, today):
        """A year of contacts: this month's plan repeated back through the year,
        mostly done on time, some late, a few missed."""
        # the calendars know their public holidays before the plan greets them
        # (the install hook, which loads them too, runs after the demo)
        from .. import set_holiday_countries

        set_holiday_countries(env)
        env["resource.calendar"].search(
            [("holiday_country_id", "!=", False)]
        )._load_public_holidays([today.year, today.year + 1])
        Visit = env["key.account.visit"]
        Visit._plan_partners(
            partners.filtered("key_account_band_id"),
            [this_month, add_months(this_month, 1)],
        )
        plan = Visit.search(
            [
                ("partner_id", "in", partners.ids),
                ("date_planned", ">=", this_month),
                ("date_planned", "<", add_months(this_month, 1)),
            ],
            order="partner_id, date_planned, id",
        )
        vals = []
        for index, visit in enumerate(plan):
            for months_ago in range(1, 12):
                month = add_months(this_month, -months_ago)
                if month < visit.partner_id.key_account_start_date:
                    continue
                vals.append(
                    {
                        "partner_id": visit.partner_id.id,
                        "company_id": visit.company_id.id,
                        "user_id": visit.user_id.id,
                        "contact_type_id": visit.contact_type_id.id,
                        "band_id": visit.band_id.id,
                        "source": visit.source,
                        "date_planned": month + timedelta(days=(index * 5) % 26),
                    }
                )
        past = Visit.create(vals)
        for index, visit in enumerate(past):
            if index % 11 == 0:
                visit.state = "missed"
                continue
            late = 6 if index % 7 == 0 else index % 3
            visit.write(
                {
                    "state": "done",
                    "date_done": min(visit.date_planned + timedelta(days=late), today),
                    "contact_name": "Purchasing manager",
                    "outcome": ("positive", "neutral", "negative")[index % 3],
                    "satisfaction": str(3 + index % 3),
                    "report": "<p>Reviewed volumes and service; agreed next steps.</p>",
                }
            )

    def _demo_warnings(self, env, partners):
        """Detection opens the cases; some are already closed either way."""
        Warning = env["key.account.warning"]
        Warning._detect(partners)
        partners.key_account_warning_date = fields.Date.context_today(self)
        steady = partners.filtered(lambda p: p.key_account_band_id)[:3]
        recovered = Warning.open_case(steady[0], "revenue_drop", "warning")
        recovered.close_note = "Volumes back after the new pickup slot."
        recovered.action_close_recovered()
        lost = Warning.open_case(steady[1], "revenue_drop", "serious")
        lost.close_note = "Moved to a competitor's contract rate."
        lost.action_close_lost()

    def _demo_satisfaction(self, env, partners, this_month):
        """Last quarter's satisfaction campaign, closed, and this quarter's,
        sent: a dozen accounts with a purchasing contact, most answered, a
        few dissatisfied and called back (issue 21)."""
        surveyed = partners[:12]
        env["res.partner"].create(
            [
                {
                    "name": f"Purchasing, {partner.name}",
                    "parent_id": partner.id,
                    "email": f"purchasing.{partner.ref.lower()}@example.com",
                }
                for partner in surveyed
            ]
        )
        Campaign = env["key.account.survey.campaign"]
        root = surveyed[:1].key_account_company_id.root_id
        quarter = this_month.replace(month=(this_month.month - 1) // 3 * 3 + 1)
        questions = env.ref(
            "key_account_service.survey_key_account_satisfaction"
        ).question_ids.filtered(lambda q: q.question_type == "simple_choice")
        for offset, closed in ((-3, True), (0, False)):
            start = add_months(quarter, offset)
            campaign = Campaign.with_company(root).create(
                {
                    "name": f"{root.name}: satisfaction survey {start:%Y-%m}",
                    "company_id": root.id,
                    "date_start": start,
                    "date_end": add_months(start, 3) - timedelta(days=1),
                }
            )
            campaign.action_send()
            answers = campaign.line_ids.user_input_ids.sorted("id")
            for index, answer in enumerate(answers):
                if index % 6 == 5:
                    continue  # not answered
                score = 2 if index % 5 == 2 else 4 + index % 2
                for question in questions:
                    choice = question.suggested_answer_ids.filtered(
                        lambda a, score=score: a.answer_score == score
                    )
                    answer._save_lines(question, choice.id)
                answer._mark_done()
            for index, callback in enumerate(
                campaign.line_ids.user_input_ids.key_account_callback_ids
            ):
                if closed or index % 2 == 0:
                    callback.write(
                        {
                            "problem_solved": "unsolved" if index == 1 else "solved",
                            "callback_note": "Late pickups on Saturdays; "
                            "the branch moved the slot.",
                        }
                    )
                    callback.action_done()
            if closed:
                campaign.action_close()

    def _demo_statements(self, env, partners, this_month):
        """Four months of statements, each further along the workflow."""
        Generator = env["key.account.commission.generator"]
        companies = partners.key_account_company_id
        cs_manager = self._demo_ref("user_cs_manager")
        finance = self._demo_ref("user_finance")
        for months_ago, stage in (
            (4, "paid"),
            (3, "exported"),
            (2, "approved"),
            (1, "draft"),
        ):
            month = add_months(this_month, -months_ago)
            Generator._generate(month, companies)
            statements = env["key.account.commission.statement"].search(
                [("month", "=", month), ("company_id", "in", companies.ids)]
            )
            if stage == "draft":
                statements[:1].with_user(statements[:1].user_id).action_confirm()
                continue
            for statement in statements:
                statement.with_user(statement.user_id).action_confirm()
            statements.with_user(cs_manager).action_approve()
            if stage in ("exported", "paid"):
                env["key.account.commission.export"].with_user(finance).create(
                    {"statement_ids": [Command.set(statements.ids)]}
                ).action_export()
            if stage == "paid":
                statements.with_user(finance).action_mark_paid()
