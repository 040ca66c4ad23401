from datetime import datetime, time

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.key_account_service.tools import add_months

from .common import ClaimsCommon


@tagged("post_install", "-at_install")
class TestShipmentFeed(ClaimsCommon):
    """The operations system's shipments count the insured-parcel register
    (CL-5) and give the incidents per 1,000 shipments of a key account (KA-9)
    and of a branch's month (CL-7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Shipment = cls.env["key.account.shipment"].sudo()
        cls.Register = cls.env["courier.insured.register"].with_user(cls.handler)

    def _ship(self, day, waybills, insured, company=None, partner=None, city="Wuxi"):
        return self.Shipment.create(
            {
                "date": day,
                "partner_id": (partner or self.customer).id,
                "company_id": (company or self.branch).id,
                "origin_city": "Suzhou",
                "destination_city": city,
                "waybills": waybills,
                "pieces": waybills,
                "insured_waybills": insured,
            }
        )

    def _register(self, start="2026-10-27", **vals):
        return self.Register.create(
            {"company_id": self.branch.id, "period_start": start, **vals}
        )

    def test_the_register_counts_the_shipments_of_its_period(self):
        """The period is the 27th to the 26th, both in: the 26th before and
        the 27th after belong to the periods around it."""
        self._ship("2026-10-26", 1000, 1000)  # the period before
        self._ship("2026-10-27", 100, 10)  # first day
        self._ship("2026-11-26", 300, 30, city="Nanjing")  # last day
        self._ship("2026-11-27", 1000, 1000)  # the next period
        self._ship("2026-11-01", 1000, 1000, company=self.other_branch)
        register = self._register(shipped_count=5, insured_count=1)
        self.assertRecordValues(
            register,
            [
                {
                    "period_end": datetime(2026, 11, 26).date(),
                    "from_shipments": True,
                    "shipped_count": 400,
                    "insured_count": 40,
                    "insured_rate": 10.0,
                }
            ],
        )
        # figures loaded later for the period refresh it, a day sent again
        # replaces its figures
        self._ship("2026-11-26", 300, 90, city="Nanjing")
        self._ship("2026-11-10", 100, 0)
        self.assertEqual((register.shipped_count, register.insured_count), (500, 100))
        self.assertEqual(register.insured_rate, 20.0)
        # counted, the parcels are not typed
        with self.assertRaises(ValidationError):
            register.write({"shipped_count": 600})
        # a period without shipments is typed in
        typed = self._register("2026-07-27", shipped_count=50, insured_count=5)
        self.assertFalse(typed.from_shipments)
        typed.write({"shipped_count": 60})
        self.assertEqual(typed.insured_rate, 8.33)
        # the period's shipments all removed: nothing counted, typed again
        self.Shipment.search([("company_id", "=", self.branch.id)]).filtered(
            lambda row: register.period_start <= row.date <= register.period_end
        ).unlink()
        self.assertRecordValues(
            register,
            [{"from_shipments": False, "shipped_count": 0, "insured_count": 0}],
        )

    def test_a_submitted_register_is_frozen(self):
        self._ship("2026-11-02", 200, 20)
        register = self._register()
        with freeze_time("2026-11-27 01:00:00"):
            register.action_submit()
        self._ship("2026-11-03", 200, 200)
        self._ship("2026-11-02", 200, 0)
        self.assertRecordValues(
            register,
            [{"state": "submitted", "shipped_count": 200, "insured_count": 20}],
        )
        with self.assertRaises(ValidationError):
            register.write({"insured_count": 1})
        # a typed register once submitted is locked by its workflow
        typed = self._register("2026-08-27", shipped_count=10, insured_count=1)
        typed.action_submit()
        with self.assertRaises(UserError):
            typed.write({"insured_count": 2})

    def test_incidents_per_thousand_shipments_of_a_key_account(self):
        self.customer.write(
            {
                "is_key_account": True,
                "key_account_company_id": self.branch.id,
                "key_account_manager_id": self.cs_manager.id,
                "key_account_start_date": "2025-01-01",
            }
        )
        self._ship("2026-11-01", 1500, 0)
        self._ship("2026-11-30", 500, 0)
        self._ship("2026-12-01", 400, 0)
        for moment in (
            "2026-11-01 00:00:00",  # the month's first moment: in
            "2026-11-30 23:59:59",  # its last: in
            "2026-12-01 00:00:00",  # the next month's
        ):
            self._incident(incident_date=moment)
        Kpi = self.env["key.account.service.kpi"]
        november, december = (
            Kpi.search([("partner_id", "=", self.customer.id), ("month", "=", month)])
            for month in ("2026-11-01", "2026-12-01")
        )
        self.assertRecordValues(
            november, [{"shipments": 2000, "incidents": 2, "incident_rate": 1.0}]
        )
        self.assertRecordValues(
            december, [{"shipments": 400, "incidents": 1, "incident_rate": 2.5}]
        )
        # the two months together: 3 of 2,400 shipments, not the mean 1.75
        (group,) = Kpi.read_group(
            [("partner_id", "=", self.customer.id)],
            ["incident_rate:avg"],
            ["partner_id"],
        )
        self.assertEqual(group["incident_rate"], 1.25)
        self.assertEqual(self.customer.key_account_incident_rate, 2.5, "December")
        # an incident moved to another month moves its count
        incident = self.env["courier.incident"].search(
            [("partner_id", "=", self.customer.id)], order="incident_date", limit=1
        )
        incident.incident_date = "2026-12-15 10:00:00"
        self.assertEqual((november.incidents, december.incidents), (1, 2))

    def test_the_branch_months_incidents_and_complaints_per_thousand(self):
        self._ship("2026-10-31", 9000, 0)  # October's
        self._ship("2026-11-01", 1500, 0)  # first day: in
        self._ship("2026-11-30", 500, 0)  # last day: in
        self._ship("2026-12-01", 9000, 0)  # December's
        self._ship("2026-11-15", 7000, 0, company=self.other_branch)
        self._incident("damage", 800, incident_date="2026-11-02 01:00:00")
        self._incident("delay", 100, incident_date="2026-11-20 01:00:00")
        self._incident("delay", 100, incident_date="2026-11-25 01:00:00")
        category = self.env.ref("courier_claims.courier_complaint_category_delay")
        self.env["courier.complaint"].with_user(self.handler).create(
            {
                "partner_id": self.customer.id,
                "company_id": self.branch.id,
                "category_id": category.id,
                "description": "late",
                "received": "2026-11-05 01:00:00",
            }
        )
        Report = self.env["courier.monthly.report"].sudo()
        november, quiet = Report.create(
            [
                {"company_id": self.branch.id, "month": "2026-11-01"},
                {"company_id": self.other_branch.id, "month": "2026-11-01"},
            ]
        )
        self.assertRecordValues(
            november,
            [
                {
                    "shipment_count": 2000,
                    "incident_count": 3,
                    "incident_rate": 1.5,
                    "complaint_count": 1,
                    "complaint_rate": 0.5,
                }
            ],
        )
        self.assertRecordValues(quiet, [{"shipment_count": 7000, "incident_rate": 0.0}])
        # a month without shipments has no rate, not a division by zero
        empty = Report.create({"company_id": self.branch.id, "month": "2026-09-01"})
        self.assertEqual((empty.shipment_count, empty.incident_rate), (0, 0.0))


@tagged("post_install", "-at_install")
class TestShipmentFeedOnDemo(ClaimsCommon):
    """What the account form shows on the demo (100 days of shipments) is
    what the shipments and complaints give, counted here independently."""

    def test_the_account_forms_figures_on_the_demo_data(self):
        Shipment = self.env["key.account.shipment"].sudo()
        accounts = Shipment.search([]).partner_id.filtered("is_key_account")
        if not accounts:
            self.skipTest("no demo shipments")
        today = fields.Date.context_today(self.env.user)
        for partner in accounts:
            month = partner.key_account_kpi_month
            rows = Shipment.search(
                [
                    ("partner_id", "=", partner.id),
                    ("date", ">=", month),
                    ("date", "<", add_months(month, 1)),
                ]
            )
            waybills = sum(rows.mapped("waybills"))
            complaints = (
                self.env["courier.complaint"]
                .sudo()
                .search_count(
                    [
                        ("partner_id", "child_of", partner.id),
                        ("kind", "=", "complaint"),
                        ("received", ">=", datetime.combine(month, time.min)),
                        (
                            "received",
                            "<",
                            datetime.combine(add_months(month, 1), time.min),
                        ),
                    ]
                )
            )
            year = Shipment.search(
                [
                    ("partner_id", "=", partner.id),
                    ("date", ">=", add_months(today, -11)),
                    ("date", "<", add_months(today, 1)),
                ]
            )
            expected = {
                "order": _rate(sum(rows.mapped("pickups_on_time")), waybills, 100),
                "delivery": _rate(
                    sum(rows.mapped("deliveries_on_time")), waybills, 100
                ),
                "complaints": _rate(complaints, waybills, 1000),
                "insured": _rate(
                    sum(year.mapped("insured_waybills")),
                    sum(year.mapped("waybills")),
                    100,
                ),
            }
            shown = {
                "order": partner.key_account_order_on_time_rate,
                "delivery": partner.key_account_delivery_on_time_rate,
                "complaints": partner.key_account_complaint_rate,
                "insured": partner.key_account_insured_rate,
            }
            for name, value in expected.items():
                self.assertAlmostEqual(
                    shown[name], value, places=2, msg=f"{partner.name}: {name}"
                )


def _rate(count, total, factor):
    return factor * count / total if total else 0.0
