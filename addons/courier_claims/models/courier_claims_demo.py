import csv
import io
import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import Command, api, fields, models

from .courier_incident import STATE_ORDER

# waybill, customer, branch, kind, claimed, assessed, how far it went
DEMO_INCIDENTS = [
    (
        "SF2026110101",
        "Hangzhou Silk Road Apparel",
        "hangzhou",
        "damage",
        1200,
        0,
        "reported",
    ),
    ("SF2026110215", "Xihu Electronics", "hangzhou", "loss", 8600, 0, "investigating"),
    ("SF2026103177", "Lingyin Books", "hangzhou", "delay", 300, 200, "negotiating"),
    (
        "SF2026102863",
        "Qiantang Home Appliances",
        "hangzhou",
        "damage",
        4200,
        3800,
        "awaiting_approval",
    ),
    (
        "SF2026102544",
        "Wenzhou Leather Shoes",
        "wenzhou",
        "wrong_delivery",
        900,
        900,
        "approved",
    ),
    ("SF2026101902", "Ouhai Eyewear", "wenzhou", "damage", 2600, 2400, "paid"),
    (
        "SF2026100811",
        "Shenzhen Pearl River Electronics",
        "shenzhen",
        "loss",
        36000,
        32000,
        "closed",
    ),
    (
        "SF2026092730",
        "Futian Mobile Accessories",
        "shenzhen",
        "delay",
        500,
        0,
        "rejected",
    ),
    ("SF2026092104", "Bao'an Toys", "shenzhen", "damage", 1800, 1500, "closed"),
    ("SF2026091566", "Longgang Watches", "shenzhen", "service", 800, 600, "paid"),
    (
        "SF2026090340",
        "Nanshan Drone Works",
        "shenzhen",
        "price",
        2200,
        0,
        "investigating",
    ),
    ("SF2026082788", "Yueqing Electrical", "wenzhou", "loss", 12500, 11000, "closed"),
]

# customer, branch, kind, category, text, answered, hours ago
DEMO_COMPLAINTS = [
    (
        "Xihu Electronics",
        "hangzhou",
        "complaint",
        "delay",
        "Parcels to Ningbo two days late again.",
        True,
        300,
    ),
    (
        "Lingyin Books",
        "hangzhou",
        "complaint",
        "attitude",
        "Courier refused to carry books upstairs.",
        True,
        200,
    ),
    (
        "Hangzhou Silk Road Apparel",
        "hangzhou",
        "query",
        False,
        "When does the Saturday pickup start?",
        True,
        30,
    ),
    (
        "Binjiang E-commerce Park",
        "hangzhou",
        "complaint",
        "paperwork",
        "Invoice shows the wrong settlement month.",
        False,
        2,
    ),
    (
        "Ouhai Eyewear",
        "wenzhou",
        "complaint",
        "delay",
        "Return parcels not collected yesterday.",
        False,
        40,
    ),
    (
        "Wenzhou Leather Shoes",
        "wenzhou",
        "query",
        False,
        "Can we add a second pickup address?",
        True,
        80,
    ),
    (
        "Futian Mobile Accessories",
        "shenzhen",
        "complaint",
        "delay",
        "Cross-border parcels held at customs.",
        True,
        500,
    ),
    (
        "Futian Mobile Accessories",
        "shenzhen",
        "complaint",
        "delay",
        "Held again, no update from the branch.",
        False,
        60,
    ),
    (
        "Longgang Watches",
        "shenzhen",
        "complaint",
        "attitude",
        "Driver rude at the warehouse gate.",
        False,
        6,
    ),
    (
        "Luohu Jewellery",
        "shenzhen",
        "query",
        False,
        "What value can we insure per parcel?",
        False,
        1,
    ),
]


class CourierClaimsDemo(models.AbstractModel):
    """Incidents in every state, complaints answered and open, monthly reports."""

    _name = "courier.claims.demo"
    _description = "Claims Demo Data"

    @api.model
    def _load_demo(self):
        env = self.sudo().with_context(tracking_disable=True, mail_notrack=True).env
        hq = env.ref("base.main_company")
        hq.courier_compensation_account_id = env["account.account"].search(
            [
                *env["account.account"]._check_company_domain(hq),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )
        admin = env.ref("base.user_admin")
        self._demo_incidents(env, admin)
        self._demo_recoveries(env, admin)
        self._demo_complaints(env, admin)
        self._demo_calls(env)
        env["courier.monthly.report"]._cron_draft()
        env["courier.complaint.summary"]._cron_draft()

    def _demo_incidents(self, env, admin):
        """Registered by the intake (the superuser) for the branch's handler;
        headquarters (admin) approves, as nobody approves their own."""
        Incident = env["courier.incident"]
        handlers = {
            "hangzhou": env.ref("courier_claims.demo_user_claims_handler"),
            "other": env.ref("courier_claims.demo_user_claims_manager"),
        }
        now = fields.Datetime.now()
        for index, (
            waybill,
            customer,
            branch,
            kind,
            claimed,
            assessed,
            goal,
        ) in enumerate(DEMO_INCIDENTS):
            company = env.ref(f"key_account_service.demo_company_{branch}")
            incident = Incident.with_company(company).create(
                {
                    "partner_id": env["key.account.demo"]._demo_account(customer).id,
                    "company_id": company.id,
                    "waybill": waybill,
                    "kind": kind,
                    "claimed_amount": claimed,
                    "assessed_amount": assessed,
                    "incident_date": now - timedelta(days=3 + index * 7),
                    "description": "<p>Reported by the customer's logistics desk.</p>",
                    # the first report: what the courier told the station head
                    "event_place": f"{company.name} sorting centre",
                    "unit_name": f"{company.name} station",
                    "pieces": 1 + index % 4,
                    "weight": 2.5 + index * 1.5,
                    "shipper_name": customer,
                    "user_id": handlers.get(branch, handlers["other"]).id,
                }
            )
            if goal == "reported":
                continue
            if goal == "rejected":
                incident._move_to("investigating", "Photos and waybill checked")
                incident._move_to("rejected", "Delivered within the promised time")
                continue
            for state in STATE_ORDER[1:]:  # from investigating on
                if state == "approved":
                    incident.with_user(admin).action_approve()
                elif state == "paid":
                    incident.with_user(admin).action_create_payout()
                    incident._move_to("paid", "Credit note sent to the customer")
                else:
                    incident._move_to(state, self._demo_reason(state))
                if state == goal:
                    break

    def _demo_recoveries(self, env, admin):
        """Hangzhou lost parcels Wenzhou and Shenzhen paid for: Wenzhou's
        recovery is accepted and booked in both branches, Shenzhen's waits for
        Hangzhou's answer."""
        hangzhou = env.ref("key_account_service.demo_company_hangzhou")
        booked = self._demo_recovery(
            env, admin, "wenzhou", "SF2026102288", "Ouhai Eyewear", 2000, 60, hangzhou
        )
        booked.action_accept("The parcel was last scanned at our hub")
        booked.action_book()
        self._demo_recovery(
            env, admin, "shenzhen", "SF2026101517", "Bao'an Toys", 1500, 100, hangzhou
        )

    def _demo_recovery(
        self, env, admin, branch, waybill, customer, amount, percent, to
    ):
        """An incident of ``branch`` that ``to`` bears ``percent`` of, approved
        with its plan by headquarters (admin), its recovery raised and sent."""
        company = env.ref(f"key_account_service.demo_company_{branch}")
        shares = [{"party_type": "branch", "branch_id": to.id, "percent": percent}]
        if percent < 100:
            shares.append(
                {
                    "party_type": "branch",
                    "branch_id": company.id,
                    "percent": 100 - percent,
                }
            )
        incident = (
            env["courier.incident"]
            .with_company(company)
            .create(
                {
                    "partner_id": env["key.account.demo"]._demo_account(customer).id,
                    "company_id": company.id,
                    "waybill": waybill,
                    "kind": "loss",
                    "claimed_amount": amount,
                    "incident_date": fields.Datetime.now() - timedelta(days=20),
                    "user_id": env.ref("courier_claims.demo_user_claims_manager").id,
                    "responsibility": "internal",
                    "responsible_company_id": to.id,
                    "share_ids": [Command.create(vals) for vals in shares],
                }
            )
        )
        for state in ("investigating", "negotiating", "awaiting_approval"):
            incident._move_to(state, self._demo_reason(state))
        incident.with_user(admin).action_approve()
        incident.with_user(admin).action_approve_allocation()
        incident.action_raise_recoveries()
        incident.recovery_ids.action_send()
        return incident.recovery_ids

    @staticmethod
    def _demo_reason(state):
        return {
            "investigating": "Photos, weights and scan history collected",
            "negotiating": "Responsibility established with the branch",
            "awaiting_approval": "Customer accepts the assessed amount",
            "closed": "Paid and confirmed by the customer",
        }[state]

    def _demo_complaints(self, env, admin):
        Complaint = env["courier.complaint"].with_user(admin)
        now = fields.Datetime.now()
        for customer, branch, kind, category, text, answered, hours in DEMO_COMPLAINTS:
            company = env.ref(f"key_account_service.demo_company_{branch}")
            received = now - timedelta(hours=hours)
            complaint = Complaint.with_company(company).create(
                {
                    "kind": kind,
                    "partner_id": env["key.account.demo"]._demo_account(customer).id,
                    "company_id": company.id,
                    "category_id": category
                    and env.ref(
                        f"courier_claims.courier_complaint_category_{category}"
                    ).id,
                    "description": text,
                    "received": received,
                }
            )
            if answered:
                complaint.response = "Called the customer back and agreed a fix."
                complaint.action_answer()
                # back-dated, as if answered when it happened
                complaint._workflow_write(
                    {"answered_date": received + timedelta(hours=1 + hours % 5)}
                )
        env["courier.complaint.deadline"]._cron_escalate()

    def _demo_calls(self, env, days=30):
        """A month of the switch's call records for each demo branch, written
        as Asterisk's Master.csv and imported as the switch's file would be:
        a few hundred calls in three queues, mostly answered, some callers
        the branch's customers."""
        rng = random.Random(22)
        agents = {
            "hangzhou": ["8001", "8002"],
            "wenzhou": ["8101"],
            "shenzhen": ["8201"],
        }
        queues = {
            "orders": "order",
            "support": "consultation",
            "complaints": "complaint",
        }
        for branch, codes in agents.items():
            company = env.ref(f"key_account_service.demo_company_{branch}")
            env["courier.call.queue"].create(
                [
                    {
                        "company_id": company.id,
                        "code": code,
                        "name": code.capitalize(),
                        "ticket_type": ticket_type,
                    }
                    for code, ticket_type in queues.items()
                ]
            )
            customers = (
                env["res.partner"]
                .search(
                    [
                        ("company_id", "in", (company.id, False)),
                        ("is_company", "=", True),
                        ("phone", "!=", False),
                    ],
                    limit=20,
                )
                .mapped("phone")
            )
            tz = ZoneInfo(company.resource_calendar_id.tz or "Asia/Shanghai")
            today = fields.Date.context_today(self)
            out = io.StringIO()
            writer = csv.writer(out, quoting=csv.QUOTE_ALL)
            for day in range(days, 0, -1):
                date = today - timedelta(days=day)
                if date.weekday() == 6:
                    continue
                for n in range(rng.randint(2, 6) * len(codes)):
                    start = datetime.combine(
                        date, time(8 + rng.randint(0, 9), rng.randint(0, 59))
                    ).replace(tzinfo=tz)
                    wait = int(rng.expovariate(1 / 15))
                    answered = rng.random() < 0.88
                    agent = rng.choice(codes)
                    queue = rng.choice(list(queues))
                    caller = (
                        "0"
                        + "".join(c for c in rng.choice(customers) if c.isdigit())[2:]
                        if customers and rng.random() < 0.4
                        else f"13{rng.randint(100000000, 999999999)}"
                    )
                    talk = rng.randint(40, 300) if answered else 0
                    answer = start + timedelta(seconds=wait) if answered else None
                    end = start + timedelta(seconds=wait + talk)
                    stamp = "%Y-%m-%d %H:%M:%S"
                    writer.writerow(
                        [
                            "",
                            caller,
                            "4008000800",
                            "from-trunk",
                            f'"{caller}" <{caller}>',
                            f"SIP/trunk-{n:08x}",
                            f"SIP/{agent}-{n:08x}" if answered else "",
                            "Queue",
                            f"{queue},t,,,300",
                            start.strftime(stamp),
                            answer.strftime(stamp) if answer else "",
                            end.strftime(stamp),
                            wait + talk,
                            talk,
                            "ANSWERED" if answered else "NO ANSWER",
                            "DOCUMENTATION",
                            f"{branch}-{date:%Y%m%d}.{n}",
                            "",
                        ]
                    )
            env["courier.call"].courier_import_calls(out.getvalue().encode(), company)
