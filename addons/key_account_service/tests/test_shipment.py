import tempfile
from datetime import date
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from ..models.key_account_shipment import COLUMNS
from .common import KeyAccountServiceCommon

HEADER = (
    "date,partner_id,company_id,origin_city,destination_city,waybills,pieces,"
    "weight,pickups_on_time,deliveries_on_time,delayed,damaged,lost,"
    "insured_waybills,declared_value"
)


@tagged("post_install", "-at_install")
class TestShipmentFigures(KeyAccountServiceCommon):
    """The operations system's daily figures: three ways in, each idempotent
    on (customer, day, branch, cities), a bad batch refused whole."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Test Xihu Shipper",
                "ref": "T-0001",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": cls.branch.id,
                "key_account_manager_id": cls.account_manager.id,
            }
        )
        cls.other = cls.env["res.partner"].create(
            {"name": "Test Lingyin Shipper", "ref": "T-0002", "is_company": True}
        )
        cls.Shipment = cls.env["key.account.shipment"]

    def _row(self, **values):
        row = {
            "date": "2026-11-30",
            "partner_id": "T-0001",
            "company_id": self.branch.name,
            "origin_city": "Hangzhou",
            "destination_city": "Shanghai",
            "waybills": 120,
            "pieces": 180,
            "weight": 356.5,
            "pickups_on_time": 118,
            "deliveries_on_time": 115,
            "delayed": 5,
            "damaged": 1,
            "lost": 0,
            "insured_waybills": 96,
            "declared_value": 48000,
        }
        row.update(values)
        return row

    def _small_row(self, **values):
        """A consistent row of 10 waybills to Ningbo."""
        return self._row(
            **{
                "destination_city": "Ningbo",
                "waybills": 10,
                "pieces": 10,
                "weight": 20,
                "pickups_on_time": 10,
                "deliveries_on_time": 9,
                "delayed": 1,
                "damaged": 0,
                "insured_waybills": 2,
                "declared_value": 900,
                **values,
            }
        )

    def _line(self):
        return (
            f"2026-11-30,T-0001,{self.branch.name},Hangzhou,"
            "Shanghai,120,180,356.5,118,115,5,1,0,96,48000"
        )

    def _day(self):
        return self.Shipment.search(
            [("company_id", "=", self.branch.id), ("date", "=", "2026-11-30")]
        )

    def _push(self, rows, user=None):
        return self.Shipment.with_user(
            user or self.cs_manager
        ).key_account_push_shipments(rows)

    def test_a_day_pushed_twice_is_the_same_day(self):
        rows = [
            self._row(),
            self._small_row(),
        ]
        self.assertEqual(self._push(rows), {"written": 2, "removed": 0})
        first = self._day()
        self.assertEqual(sum(first.mapped("waybills")), 130)
        self.assertEqual(self._push(rows), {"written": 2, "removed": 0})
        self.assertEqual(self._day(), first, "the same rows, not new ones")
        # another customer's day from the same branch is not touched
        self._push([self._small_row(partner_id="T-0002")])
        self.assertEqual(len(self._day()), 3)
        # the day sent again without Ningbo and with new Shanghai figures
        self.assertEqual(
            self._push([self._row(waybills=121, pieces=181)]),
            {"written": 1, "removed": 1},
        )
        self.assertRecordValues(
            self._day().filtered(lambda row: row.partner_id == self.customer),
            [
                {
                    "partner_id": self.customer.id,
                    "destination_city": "Shanghai",
                    "waybills": 121,
                    "pieces": 181,
                    "insured_waybills": 96,
                }
            ],
        )

    def test_a_batch_with_bad_rows_is_refused_whole_with_each_line(self):
        self._push([self._row()])
        before = self._day().read(["waybills"])
        rows = [
            self._row(
                waybills=200,
                pieces=200,
                pickups_on_time=200,
                deliveries_on_time=200,
                insured_waybills=200,
            ),  # good
            self._row(partner_id="T-9999"),
            self._row(date="2026-13-01", destination_city="Suzhou"),
            self._row(destination_city="Ningbo", waybills=10, lost=11),
            self._row(destination_city="Wuxi", pieces=-1),
            self._row(company_id="Nowhere Branch", destination_city="Jiaxing"),
            self._row(),  # the first row again
        ]
        with self.assertRaises(ValidationError) as caught:
            self._push(rows)
        message = str(caught.exception)
        for expected in (
            "Line 3: no customer with the reference 'T-9999'",
            "Line 4: the day '2026-13-01' is not a date",
            "Line 5:",
            "lost, insured_waybills exceed the waybills",
            "Line 6: pieces is negative",
            "Line 7: no branch named 'Nowhere Branch'",
            "Line 8: repeats line 2",
        ):
            self.assertIn(expected, message)
        self.assertNotIn("Line 2:", message)
        self.assertEqual(self._day().read(["waybills"]), before, "nothing applied")

    def test_customers_by_reference_or_name_and_branches_of_the_user(self):
        self._push([self._small_row(partner_id="Test Lingyin Shipper")])
        self.assertEqual(self._day().partner_id, self.other)
        outsider = self._new_user(
            "ka_outsider", "manager", self.other_hq, self.other_hq
        )
        with self.assertRaises(ValidationError) as caught:
            self._push([self._row()], user=outsider)
        self.assertIn("no branch named", str(caught.exception))

    def test_a_name_of_several_customers_is_refused(self):
        self.env["res.partner"].create(
            {"name": "Test Lingyin Shipper", "ref": "T-0004", "is_company": True}
        )
        with self.assertRaises(ValidationError) as caught:
            self._push([self._small_row(partner_id="Test Lingyin Shipper")])
        self.assertIn("names several customers", str(caught.exception))
        self._push([self._small_row(partner_id="T-0004")])

    def test_only_customer_service_managers_push_and_managers_read_their_accounts(self):
        with self.assertRaises(AccessError):
            self._push([self._row()], user=self.account_manager)
        self._push([self._row()])
        stranger = self.env["res.partner"].create(
            {"name": "Not Mine Ltd", "ref": "T-0003", "is_company": True}
        )
        self._push([self._row(), self._row(partner_id="T-0003")])
        seen = self.Shipment.with_user(self.account_manager).search([])
        self.assertEqual(seen.partner_id, self.customer, "his own accounts only")
        self.assertNotIn(stranger, seen.partner_id)
        with self.assertRaises(AccessError):
            seen.with_user(self.account_manager).write({"waybills": 1})

    def test_odoo_import_of_the_template_is_idempotent_and_all_or_nothing(self):
        template = Path(__file__).parent.parent / "static/xls/key_account_shipment.csv"
        self.assertEqual(template.read_text().splitlines()[0], HEADER)
        self.assertEqual(HEADER.split(","), list(COLUMNS))
        good = f"{HEADER}\n{self._line()}"
        bad = (
            good + f"\n2026-11-30,T-0001,{self.branch.name},Hangzhou,Ningbo,"
            "10,10,1,12,0,0,0,0,0,0"
        )
        columns = HEADER.split(",")

        def run(content):
            wizard = (
                self.env["base_import.import"]
                .with_user(self.cs_manager)
                .create(
                    {
                        "res_model": "key.account.shipment",
                        "file": content.encode(),
                        "file_type": "text/csv",
                    }
                )
            )
            return wizard.execute_import(
                columns,
                columns,
                {"has_headers": True, "quoting": '"', "separator": ","},
            )

        self.assertFalse(run(good)["messages"])
        self.assertFalse(run(good)["messages"])
        self.assertEqual(len(self._day()), 1)
        with mute_logger("odoo.sql_db"):
            result = run(bad.replace("120,180", "130,190", 1))
        self.assertTrue(result["messages"], "the bad row is reported")
        self.assertEqual(self._day().waybills, 120, "and nothing of the file applied")

    def test_the_folder_job_applies_good_files_and_sets_bad_ones_aside(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder)
            good = f"{HEADER}\n{self._line()}"
            (path / "2026-11-30.csv").write_text("\ufeff" + good, encoding="utf-8")
            (path / "2026-12-01.csv").write_text(
                good.replace("2026-11-30", "2026-12-01").replace(",96,", ",121,"),
                encoding="utf-8",
            )
            self.env["ir.config_parameter"].sudo().set_param(
                "key_account_service.shipment_folder", folder
            )
            self.Shipment.sudo()._cron_pull_folder()
            self.assertTrue((path / "2026-11-30.csv").exists(), "until committed")
            self.env.cr.postcommit.run()
            self.assertEqual(self._day().insured_waybills, 96)
            self.assertFalse(
                self.Shipment.search(
                    [
                        ("date", "=", date(2026, 12, 1)),
                        ("partner_id", "=", self.customer.id),
                    ]
                ),
                "a bad file applies nothing",
            )
            self.assertTrue((path / "done" / "2026-11-30.csv").exists())
            self.assertTrue((path / "failed" / "2026-12-01.csv").exists())
            errors = (path / "failed" / "2026-12-01.csv.errors.txt").read_text()
            self.assertIn("Line 2: insured_waybills exceed the waybills", errors)
            # the same file again changes nothing
            (path / "again.csv").write_text(good, encoding="utf-8")
            before = self._day()
            self.Shipment.sudo()._cron_pull_folder()
            self.assertEqual(self._day(), before)
            self.assertEqual(self._day().waybills, 120)

    def test_the_template_is_offered_by_the_import(self):
        [template] = self.Shipment.get_import_templates()
        self.assertTrue(template["template"].endswith("key_account_shipment.csv"))

    def test_key_accounts_service_figures_sum_their_days(self):
        self._push([self._row(), self._small_row()])
        self._push([self._small_row(date="2026-11-02", partner_id="T-0002")])
        self._push([self._small_row(date="2026-12-01")])
        Kpi = self.env["key.account.service.kpi"]
        november = Kpi.search(
            [("partner_id", "=", self.customer.id), ("month", "=", "2026-11-01")]
        )
        self.assertRecordValues(
            november,
            [
                {
                    "company_id": self.branch.id,
                    "shipments": 130,
                    "orders_on_time": 128,
                    "deliveries_on_time": 124,
                    "order_on_time_rate": 100.0 * 128 / 130,
                    "delivery_on_time_rate": 100.0 * 124 / 130,
                }
            ],
        )
        december = Kpi.search(
            [("partner_id", "=", self.customer.id), ("month", "=", "2026-12-01")]
        )
        self.assertEqual(december.shipments, 10, "December 1st is December's")
        self.assertFalse(
            Kpi.search([("partner_id", "=", self.other.id)]), "not a key account"
        )
        # the day sent again without Ningbo: the month follows
        self._push([self._row()])
        self.assertEqual(november.shipments, 120)
        self.assertEqual(november.deliveries_on_time, 115)
        # Odoo's import of the same row changes nothing
        self.Shipment.with_user(self.cs_manager).create(
            [self.Shipment._parse_rows([self._row()])[0][0]]
        )
        self.assertEqual(november.shipments, 120)

    def _ctids(self, model):
        """The physical place of each row: an UPDATE moves it, so a row in
        the same place was not written."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT id, ctid::text FROM %s", SQL.identifier(model._table))
        )
        return dict(self.env.cr.fetchall())

    def test_a_batch_sent_again_unchanged_writes_nothing(self):
        rows = [self._row(), self._small_row(), self._small_row(date="2026-12-01")]
        self._push(rows)
        Kpi = self.env["key.account.service.kpi"]
        shipments, kpis = self._ctids(self.Shipment), self._ctids(Kpi)
        self.assertEqual(len(kpis), Kpi.search_count([]))
        self.assertEqual(self._push(rows), {"written": 3, "removed": 0})
        self.assertEqual(self._ctids(self.Shipment), shipments, "no row written")
        self.assertEqual(self._ctids(Kpi), kpis, "no service figure written")
        # one figure changed: that row and its month only
        self._push([*rows[:2], self._small_row(date="2026-12-01", waybills=11)])
        after = self._ctids(self.Shipment)
        moved = {row for row in shipments if after[row] != shipments[row]}
        self.assertEqual(self.Shipment.browse(moved).date, date(2026, 12, 1))
        december = Kpi.search(
            [("partner_id", "=", self.customer.id), ("month", "=", "2026-12-01")]
        )
        self.assertEqual(december.shipments, 11)
        self.assertEqual(december.order_on_time_rate, 100.0 * 10 / 11)

    def test_the_insured_rate_of_twelve_months(self):
        """This month and the eleven before: December 2025 to November 2026
        seen in November 2026, the days around them out."""
        for day, waybills, insured in (
            ("2025-11-30", 100, 100),  # out: thirteen months ago
            ("2025-12-01", 100, 10),  # in: the first day
            ("2026-11-30", 300, 90),  # in: this month's last day
            ("2026-12-01", 100, 100),  # out: next month
        ):
            self._push(
                [
                    self._small_row(
                        date=day,
                        waybills=waybills,
                        pieces=waybills,
                        insured_waybills=insured,
                    )
                ]
            )
        with freeze_time("2026-11-15"):
            self.customer.invalidate_recordset(["key_account_insured_rate"])
            self.assertEqual(self.customer.key_account_insured_rate, 25.0)
            other = self.customer.with_user(self.account_manager)
            self.assertEqual(other.key_account_insured_rate, 25.0, "his account's")
        with freeze_time("2026-12-01"):
            self.customer.invalidate_recordset(["key_account_insured_rate"])
            self.assertEqual(self.customer.key_account_insured_rate, 47.5)
