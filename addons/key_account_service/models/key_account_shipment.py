import csv
import io
import logging
from collections import defaultdict
from pathlib import Path

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import add_months, first_of_month
from ..tools.folder_files import apply_folder_file

_logger = logging.getLogger(__name__)

FOLDER_PARAMETER = "key_account_service.shipment_folder"

# What identifies a row: one customer's shipments of a day, from a branch,
# between two cities. Sending a row for a key again replaces its figures.
KEY_FIELDS = ("partner_id", "date", "company_id", "origin_city", "destination_city")
# the counts that are some of the day's waybills
PART_FIELDS = (
    "pickups_on_time",
    "deliveries_on_time",
    "delayed",
    "damaged",
    "lost",
    "insured_waybills",
)
COUNT_FIELDS = ("waybills", "pieces", *PART_FIELDS)
FIGURE_FIELDS = (*COUNT_FIELDS, "weight", "declared_value")
# the service figures of a key account's month (key.account.service.kpi) and
# the shipment figures they sum
KPI_SOURCES = {
    "shipments": "waybills",
    "orders_on_time": "pickups_on_time",
    "deliveries_on_time": "deliveries_on_time",
}
# the columns of the shipped template, the push method's keys and the folder's
# files, in the template's order
COLUMNS = (
    "date",
    "partner_id",
    "company_id",
    "origin_city",
    "destination_city",
    "waybills",
    "pieces",
    "weight",
    *PART_FIELDS,
    "declared_value",
)


class KeyAccountShipment(models.Model):
    """A customer's shipments of one day from one branch between two cities.

    The operations system owns the waybills; it sends these daily figures,
    by Odoo's import, by the ``key_account_push_shipments`` JSON-RPC method or
    as CSV files in a folder the scheduled job reads. Every way is
    idempotent on the key (customer, day, branch, origin and destination
    city): a row sent again replaces its figures, and a batch is applied
    whole or not at all.
    """

    _name = "key.account.shipment"
    _description = "Daily Shipment Figures"
    _order = "date desc, partner_id, company_id, origin_city, destination_city"
    _check_company_auto = True

    date = fields.Date(string="Day", required=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    origin_city = fields.Char(required=True)
    destination_city = fields.Char(required=True)
    waybills = fields.Integer(aggregator="sum")
    pieces = fields.Integer(aggregator="sum")
    weight = fields.Float(string="Weight (kg)", digits=(16, 2), aggregator="sum")
    pickups_on_time = fields.Integer(string="Picked up on Time", aggregator="sum")
    deliveries_on_time = fields.Integer(string="Delivered on Time", aggregator="sum")
    delayed = fields.Integer(aggregator="sum")
    damaged = fields.Integer(aggregator="sum")
    lost = fields.Integer(aggregator="sum")
    insured_waybills = fields.Integer(aggregator="sum")
    declared_value = fields.Monetary(aggregator="sum")

    _sql_constraints = [
        (
            "key_uniq",
            "UNIQUE(partner_id, date, company_id, origin_city, destination_city)",
            "A customer has one row per day, branch and pair of cities.",
        ),
        (
            "figures_positive",
            (
                "CHECK(waybills >= 0 AND pieces >= 0 AND weight >= 0 "
                "AND pickups_on_time >= 0 AND deliveries_on_time >= 0 AND delayed >= 0 "
                "AND damaged >= 0 AND lost >= 0 AND insured_waybills >= 0 "
                "AND declared_value >= 0)"
            ),
            "Shipment figures cannot be negative.",
        ),
        (
            "parts_of_waybills",
            (
                "CHECK(pickups_on_time <= waybills AND deliveries_on_time <= waybills "
                "AND delayed <= waybills AND damaged <= waybills AND lost <= waybills "
                "AND insured_waybills <= waybills)"
            ),
            (
                "On-time, delayed, damaged, lost and insured waybills are some of "
                "the day's waybills."
            ),
        ),
    ]

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Daily Shipment Figures"),
                "template": "/key_account_service/static/xls/key_account_shipment.csv",
            }
        ]

    # ------------------------------------------------------------
    # ONE ROW PER KEY: create replaces the figures of a known key
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """Rows of keys already known update them (Odoo's import creates):
        a day sent again replaces its figures instead of failing. The known
        rows are updated in one statement, rows whose figures are the same
        left untouched; the records come back in the order of ``vals_list``."""
        for vals in vals_list:
            for city in ("origin_city", "destination_city"):
                if isinstance(vals.get(city), str):
                    vals[city] = vals[city].strip()
        existing = self._existing_by_key(vals_list)
        new, updates = [], []
        for vals in vals_list:
            record = existing.get(self._vals_key(vals))
            if record:
                updates.append((record, vals))
            else:
                new.append(vals)
        updated = self._update_figures(updates)
        created = iter(super().create(new))
        records = self.browse(
            record.id if record else next(created).id
            for record in (existing.get(self._vals_key(vals)) for vals in vals_list)
        )
        records._refresh_service_kpi()
        records._shipments_changed(updated._shipment_days())
        return records

    def write(self, vals):
        before = self._kpi_keys()
        days = self._shipment_days()
        res = super().write(vals)
        if set(vals) & {"partner_id", "date", *KPI_SOURCES.values()}:
            self._refresh_service_kpi(before)
        self._shipments_changed(days)
        return res

    def unlink(self):
        before = self._kpi_keys()
        days = self._shipment_days()
        res = super().unlink()
        self.browse()._refresh_service_kpi(before)
        self.browse()._shipments_changed(days)
        return res

    def _update_figures(self, updates):
        """Write the figures of ``updates`` (record, values) in one UPDATE,
        with the access rules checked once for them all; rows whose figures
        do not change are not written. Returns the rows changed."""
        if not updates:
            return self.browse()
        records = self.browse(record.id for record, _vals in updates)
        records.check_access("write")
        names = [n for n in FIGURE_FIELDS if any(n in vals for _r, vals in updates)]
        if not names:
            return self.browse()
        self.flush_model(names)
        casts = {
            name: SQL("numeric" if name in ("weight", "declared_value") else "integer")
            for name in names
        }

        def value(record, vals, name):
            if name not in vals:
                return None  # not sent: kept
            return self._fields[name].convert_to_cache(vals[name], record) or 0

        values = SQL(", ").join(
            SQL(
                "(%s, %s)",
                record.id,
                SQL(", ").join(
                    SQL("%s::%s", value(record, vals, name), casts[name])
                    for name in names
                ),
            )
            for record, vals in updates
        )
        new_values = [
            SQL("COALESCE(v.%s, s.%s)", SQL.identifier(n), SQL.identifier(n))
            for n in names
        ]
        self.env.cr.execute(
            SQL(
                "UPDATE key_account_shipment s SET %(set)s, write_uid = %(uid)s, "
                "write_date = %(now)s FROM (VALUES %(values)s) AS v(id, %(names)s) "
                "WHERE s.id = v.id AND ROW(%(old)s) IS DISTINCT FROM ROW(%(new)s) "
                "RETURNING s.id",
                set=SQL(", ").join(
                    SQL("%s = %s", SQL.identifier(n), expr)
                    for n, expr in zip(names, new_values, strict=True)
                ),
                uid=self.env.uid,
                now=self.env.cr.now(),
                values=values,
                names=SQL(", ").join(SQL.identifier(n) for n in names),
                old=SQL(", ").join(SQL("s.%s", SQL.identifier(n)) for n in names),
                new=SQL(", ").join(new_values),
            )
        )
        changed = self.browse(row[0] for row in self.env.cr.fetchall())
        records.invalidate_recordset([*names, "write_uid", "write_date"])
        changed.modified(names)
        return changed

    # ------------------------------------------------------------
    # WHAT IT FEEDS: other modules' figures of a branch's days
    # ------------------------------------------------------------

    def _shipment_days(self):
        """The (branch, day) pairs of these rows."""
        return {(row.company_id, row.date) for row in self}

    def _shipments_changed(self, days=frozenset()):
        """Called after rows were loaded, changed or removed, with the
        (branch, day) pairs they had before (these rows' own are added):
        a module whose figures sum a branch's shipments (the insured-parcel
        register of courier_claims) refreshes them here."""
        return set(days) | self._shipment_days()

    # ------------------------------------------------------------
    # WHAT IT FEEDS: the key accounts' monthly service figures (KA-9)
    # ------------------------------------------------------------

    def _kpi_keys(self):
        """The (customer, month) pairs of these rows."""
        return {(row.partner_id, first_of_month(row.date)) for row in self}

    def _refresh_service_kpi(self, keys=frozenset()):
        """The months of these rows (and of ``keys``) of each key account,
        summed over every branch and pair of cities into its service figures:
        waybills are its shipments, on-time pick-ups its orders handled on
        time. Read as superuser: the figures are the account's, whoever sent
        them."""
        keys = set(keys) | self._kpi_keys()
        keys = {(partner, month) for partner, month in keys if partner.is_key_account}
        if not keys:
            return
        partners = self.env["res.partner"].union(*(partner for partner, _ in keys))
        months = {month for _, month in keys}
        sums = {
            (partner, month): values
            for partner, month, *values in self.sudo()._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("date", ">=", min(months)),
                    ("date", "<", add_months(max(months), 1)),
                ],
                ["partner_id", "date:month"],
                [f"{name}:sum" for name in KPI_SOURCES.values()],
            )
        }
        self.env["key.account.service.kpi"]._record_many(
            {
                key: dict(
                    zip(KPI_SOURCES, sums.get(key, [0] * len(KPI_SOURCES)), strict=True)
                )
                for key in keys
            }
        )

    @api.model
    def _vals_key(self, vals):
        date = vals.get("date")
        return (
            vals.get("partner_id"),
            fields.Date.to_date(date) if date else None,
            vals.get("company_id") or self.env.company.id,
            vals.get("origin_city"),
            vals.get("destination_city"),
        )

    @api.model
    def _existing_by_key(self, vals_list):
        """The known rows among the keys of ``vals_list``, in one query."""
        keys = {self._vals_key(vals) for vals in vals_list}
        keys = [key for key in keys if all(part is not None for part in key)]
        if not keys:
            return {}
        self.env.cr.execute(
            SQL(
                "SELECT s.id FROM key_account_shipment s JOIN (VALUES %s) "
                "AS k(partner_id, date, company_id, origin_city, destination_city) "
                "ON s.partner_id = k.partner_id AND s.date = k.date::date "
                "AND s.company_id = k.company_id AND s.origin_city = k.origin_city "
                "AND s.destination_city = k.destination_city",
                SQL(", ").join(SQL("(%s, %s, %s, %s, %s)", *key) for key in keys),
            )
        )
        found = self.browse(row[0] for row in self.env.cr.fetchall())
        return {
            (
                r.partner_id.id,
                r.date,
                r.company_id.id,
                r.origin_city,
                r.destination_city,
            ): r
            for r in found
        }

    # ------------------------------------------------------------
    # THE OPERATIONS SYSTEM'S BATCHES (JSON-RPC and the folder)
    # ------------------------------------------------------------

    @api.model
    def key_account_push_shipments(self, rows):
        """Apply a batch of daily rows sent by the operations system.

        ``rows`` are dicts with the template's columns: ``partner_id`` the
        customer's internal reference (or its exact name), ``company_id`` the
        branch's exact name, ``date`` as YYYY-MM-DD. Every row is checked
        first; any bad row refuses the whole batch with each line and its
        reason. The batch replaces, for each customer, branch and day it
        holds, that customer's rows of the day from the branch (a pair of
        cities sent before and not again is gone); other customers' rows stay.
        Returns the counts written and removed.
        """
        self.check_access("create")
        vals_list, errors = self._parse_rows(rows)
        if errors:
            raise ValidationError(
                self.env._(
                    "The batch was not applied:\n%(errors)s", errors="\n".join(errors)
                )
            )
        days = {
            (vals["partner_id"], vals["company_id"], vals["date"]) for vals in vals_list
        }
        keys = {self._vals_key(vals) for vals in vals_list}
        self._upsert(vals_list)
        removed = self.browse(
            row_id for row_id, key in self._rows_of_days(days) if key not in keys
        )
        removed.unlink()
        return {"written": len(vals_list), "removed": len(removed)}

    @api.model
    def _upsert(self, vals_list):
        """Write checked rows (``_parse_rows``) in one INSERT ... ON CONFLICT
        of the key: new keys inserted, known ones take the figures sent, rows
        whose figures are the same left untouched. The access rights and
        rules are checked once for the batch, the caches invalidated, then
        the service figures and the branches' days of the rows written
        refreshed. Returns the rows inserted or changed."""
        if not vals_list:
            return self.browse()
        self.check_access("create")
        self.check_access("write")
        self.flush_model()
        companies = self.env["res.company"].browse({v["company_id"] for v in vals_list})
        currencies = {company.id: company.currency_id for company in companies}

        def figures(vals):
            for name in FIGURE_FIELDS:
                value = vals.get(name) or 0
                if name == "weight":
                    value = round(value, 2)
                elif name == "declared_value":
                    value = currencies[vals["company_id"]].round(value)
                yield value

        columns = (*KEY_FIELDS, *FIGURE_FIELDS)
        now, uid = self.env.cr.now(), self.env.uid
        row = "(%s, %s::date, %s, %s, %s, {}, %s, %s, %s, %s)".format(
            ", ".join(["%s"] * len(FIGURE_FIELDS))
        )
        self.env.cr.execute(
            SQL(
                "INSERT INTO key_account_shipment AS s (%(columns)s, create_uid, "
                "create_date, write_uid, write_date) VALUES %(rows)s "
                "ON CONFLICT (%(key)s) DO UPDATE SET %(set)s, write_uid = %(uid)s, "
                "write_date = %(now)s WHERE ROW(%(old)s) IS DISTINCT FROM ROW(%(new)s) "
                "RETURNING s.id, s.partner_id, s.date, s.company_id, (xmax = 0)",
                columns=SQL(", ").join(SQL.identifier(c) for c in columns),
                # one SQL of flat parameters: composing one per value costs
                # more than the INSERT
                rows=SQL(
                    ", ".join([row] * len(vals_list)),
                    *(
                        param
                        for vals in vals_list
                        for param in (
                            *(vals[name] for name in KEY_FIELDS),
                            *figures(vals),
                            uid,
                            now,
                            uid,
                            now,
                        )
                    ),
                ),
                key=SQL(", ").join(SQL.identifier(c) for c in KEY_FIELDS),
                set=SQL(", ").join(
                    SQL("%s = EXCLUDED.%s", SQL.identifier(n), SQL.identifier(n))
                    for n in FIGURE_FIELDS
                ),
                old=SQL(", ").join(
                    SQL("s.%s", SQL.identifier(n)) for n in FIGURE_FIELDS
                ),
                new=SQL(", ").join(
                    SQL("EXCLUDED.%s", SQL.identifier(n)) for n in FIGURE_FIELDS
                ),
                uid=uid,
                now=now,
            )
        )
        written = self.env.cr.fetchall()
        changed = self.browse(row[0] for row in written)
        inserted = self.browse(row[0] for row in written if row[4])
        # the rules, once for the batch (a refusal rolls the batch back)
        inserted.check_access("create")
        (changed - inserted).check_access("write")
        self.invalidate_model([*FIGURE_FIELDS, "write_uid", "write_date"])
        changed.modified(FIGURE_FIELDS)
        Partner, Company = self.env["res.partner"], self.env["res.company"]
        self.browse()._refresh_service_kpi(
            {(Partner.browse(row[1]), first_of_month(row[2])) for row in written}
        )
        self.browse()._shipments_changed(
            {(Company.browse(row[3]), row[2]) for row in written}
        )
        return changed

    @api.model
    def _rows_of_days(self, days):
        """The (id, key) of the rows of ``days`` ((customer id, branch id,
        day) triples), in one query whatever their number."""
        if not days:
            return []
        self.flush_model([*KEY_FIELDS])
        self.env.cr.execute(
            SQL(
                "SELECT s.id, s.partner_id, s.date, s.company_id, s.origin_city, "
                "s.destination_city FROM key_account_shipment s JOIN (VALUES %s) "
                "AS d(partner_id, company_id, date) ON s.partner_id = d.partner_id "
                "AND s.company_id = d.company_id AND s.date = d.date",
                SQL(", ").join(SQL("(%s, %s, %s::date)", *day) for day in days),
            )
        )
        return [(row[0], row[1:]) for row in self.env.cr.fetchall()]

    @api.model
    def _parse_rows(self, rows):
        """The rows as create values, and the errors found, one per line
        (counted from 1, the header of a file being line 1)."""
        errors, vals_list, seen = [], [], {}
        partners = self._partners_by_reference(rows)
        companies = {c.name: c.id for c in self.env["res.company"].sudo().search([])}
        allowed = set(self.env.user.company_ids.ids)
        for line, row in enumerate(rows, start=2):
            problems = []
            if not isinstance(row, dict):
                errors.append(
                    self.env._("Line %(line)s: not a row of columns.", line=line)
                )
                continue
            unknown = set(row) - set(COLUMNS)
            if unknown:
                problems.append(
                    self.env._(
                        "unknown columns %(columns)s",
                        columns=", ".join(sorted(unknown)),
                    )
                )
            reference = str(row.get("partner_id") or "").strip()
            partner = partners.get(reference)
            if not partner:
                problems.append(
                    self.env._("no customer with the reference %(ref)r", ref=reference)
                )
            elif len(partner) > 1:
                problems.append(
                    self.env._(
                        "%(ref)r names several customers: give their internal "
                        "references",
                        ref=reference,
                    )
                )
                partner = None
            branch = str(row.get("company_id") or "").strip()
            company = companies.get(branch)
            if not company or not (self.env.su or company in allowed):
                problems.append(self.env._("no branch named %(name)r", name=branch))
            try:
                day = fields.Date.to_date(row.get("date"))
            except ValueError:
                day = None
            if not day:
                problems.append(
                    self.env._(
                        "the day %(day)r is not a date (YYYY-MM-DD)",
                        day=row.get("date"),
                    )
                )
            cities = [str(row.get(city) or "").strip() for city in KEY_FIELDS[3:]]
            if not all(cities):
                problems.append(
                    self.env._("the origin and destination cities are required")
                )
            vals = self._row_figures(row, problems)
            if not problems:
                over = [n for n in PART_FIELDS if vals[n] > vals["waybills"]]
                if over:
                    problems.append(
                        self.env._(
                            "%(columns)s exceed the waybills", columns=", ".join(over)
                        )
                    )
            key = (partner and partner.id, day, company, *cities)
            if not problems and key in seen:
                problems.append(self.env._("repeats line %(line)s", line=seen[key]))
            if problems:
                errors.append(
                    self.env._(
                        "Line %(line)s: %(problems)s.",
                        line=line,
                        problems="; ".join(problems),
                    )
                )
                continue
            seen[key] = line
            vals.update(
                partner_id=partner.id,
                date=day,
                company_id=company,
                origin_city=cities[0],
                destination_city=cities[1],
            )
            vals_list.append(vals)
        return vals_list, errors

    @api.model
    def _row_figures(self, row, problems):
        """The row's figures as numbers; what is wrong with them goes to
        ``problems``."""
        vals = {}
        for name in FIGURE_FIELDS:
            value = row.get(name) or 0
            try:
                number = (
                    float(value) if name in ("weight", "declared_value") else int(value)
                )
            except (TypeError, ValueError):
                problems.append(
                    self.env._(
                        "%(column)s is not a number: %(value)r",
                        column=name,
                        value=value,
                    )
                )
                continue
            if number < 0:
                problems.append(self.env._("%(column)s is negative", column=name))
            vals[name] = number
        return vals

    @api.model
    def _partners_by_reference(self, rows):
        """{what a row names: the customers it matches}, by internal
        reference, else by exact company name, in two queries."""
        wanted = {
            str(row.get("partner_id") or "").strip()
            for row in rows
            if isinstance(row, dict)
        } - {""}
        Partner = self.env["res.partner"].sudo()
        by_ref, by_name = defaultdict(Partner.browse), defaultdict(Partner.browse)
        for partner in Partner.search([("ref", "in", list(wanted))]):
            by_ref[partner.ref] |= partner.commercial_partner_id
        for partner in Partner.search(
            [("name", "in", list(wanted)), ("is_company", "=", True)]
        ):
            by_name[partner.name] |= partner
        return {name: by_ref.get(name) or by_name.get(name) for name in wanted}

    # ------------------------------------------------------------
    # THE FOLDER (the scheduled pull)
    # ------------------------------------------------------------

    @api.model
    def _read_csv(self, content):
        """Rows of a CSV file in the template's columns (UTF-8, with or
        without a byte-order mark)."""
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        return list(csv.DictReader(io.StringIO(text)))

    @api.model
    def _cron_pull_folder(self):
        """Apply each CSV file of the configured folder as one batch.

        A file applied moves to ``done/`` once the job's transaction is
        committed (interrupted before, it stays and is applied again, which
        changes nothing); a file with bad rows moves to ``failed/`` with its
        errors beside it, nothing of it applied.
        """
        folder = self.env["ir.config_parameter"].sudo().get_param(FOLDER_PARAMETER)
        if not folder:
            return
        for file in sorted(Path(folder).glob("*.csv")):
            applied, outcome = apply_folder_file(
                self.env.cr,
                file,
                lambda file: self.key_account_push_shipments(
                    self._read_csv(file.read_bytes())
                ),
                (ValidationError, UnicodeDecodeError, csv.Error),
            )
            if applied:
                _logger.info("Shipment file %s applied: %s", file.name, outcome)
            else:
                _logger.info("Shipment file %s refused: %s", file.name, outcome)
