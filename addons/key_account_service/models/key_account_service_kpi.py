from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import first_of_month

COUNTS = (
    "shipments",
    "orders_on_time",
    "deliveries_on_time",
    "complaints",
    "survey_answers",
    "survey_satisfied",
    "incidents",
)


class KeyAccountServiceKpi(models.Model):
    """A key account's service figures for a month (KA-9), fed by other modules."""

    _name = "key.account.service.kpi"
    _description = "Key Account Service KPI"
    _inherit = ["grouped.rate.mixin"]
    _order = "month desc, partner_id"
    _rec_name = "partner_id"
    _check_company_auto = True
    # grouped: the rates of the summed counts, not an average of the months'
    _grouped_rates = {
        "order_on_time_rate": ("orders_on_time", "shipments", 100.0, 0.0),
        "delivery_on_time_rate": ("deliveries_on_time", "shipments", 100.0, 0.0),
        "complaint_rate": ("complaints", "shipments", 1000.0, 0.0),
        "satisfaction_rate": ("survey_satisfied", "survey_answers", 100.0, 0.0),
        "incident_rate": ("incidents", "shipments", 1000.0, 0.0),
    }

    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    month = fields.Date(required=True, readonly=True)
    shipments = fields.Integer(readonly=True)
    orders_on_time = fields.Integer(string="Orders Handled on Time", readonly=True)
    deliveries_on_time = fields.Integer(string="Deliveries on Time", readonly=True)
    complaints = fields.Integer(readonly=True)
    # the satisfaction survey's answers of the month (issue 21)
    survey_answers = fields.Integer(readonly=True)
    survey_satisfied = fields.Integer(string="Satisfied Answers", readonly=True)
    incidents = fields.Integer(readonly=True)
    order_on_time_rate = fields.Float(
        string="Order Handling On Time (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )
    delivery_on_time_rate = fields.Float(
        string="Delivery On Time (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )
    complaint_rate = fields.Float(
        string="Complaints per 1,000 Shipments",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )
    satisfaction_rate = fields.Float(
        string="Customer Satisfaction (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        help="Satisfied answers among the month's satisfaction survey answers.",
    )
    incident_rate = fields.Float(
        string="Incidents per 1,000 Shipments",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )

    _sql_constraints = [
        (
            "partner_company_month_uniq",
            "UNIQUE(partner_id, company_id, month)",
            "A key account has one service record per company and month.",
        ),
        (
            "counts_positive",
            (
                "CHECK(shipments >= 0 AND orders_on_time >= 0 "
                "AND deliveries_on_time >= 0 AND complaints >= 0 AND incidents >= 0)"
            ),
            "Service counts cannot be negative.",
        ),
    ]

    @api.depends(*COUNTS)
    def _compute_rates(self):
        for kpi in self:
            # a month's own rate, unrounded (the groups' are rounded)
            for rate, (
                numerator,
                denominator,
                factor,
                empty,
            ) in self._grouped_rates.items():
                kpi[rate] = (
                    factor * kpi[numerator] / kpi[denominator]
                    if kpi[denominator]
                    else empty
                )

    @api.model
    def _record(self, partner, day, company=None, **counts):
        """Set some of a month's counts (``shipments``, ``orders_on_time``,
        ``deliveries_on_time``, ``complaints``, ``incidents``,
        ``survey_answers``, ``survey_satisfied``) for ``partner``.

        Other modules (courier_claims for complaints, an operations feed for
        shipments) call this from the server; it is private because it writes
        as superuser. Calling it again with the same counts changes nothing.
        """
        unknown = set(counts) - set(COUNTS)
        if unknown:
            raise ValueError(f"Unknown service counts: {sorted(unknown)}")
        company = company or partner._key_account_serving_company()
        key = {
            "partner_id": partner.id,
            "company_id": company.id,
            "month": first_of_month(fields.Date.to_date(day)),
        }
        kpi = self.sudo().search([(name, "=", value) for name, value in key.items()])
        if kpi:
            kpi.write(counts)
            return kpi
        return self.sudo().create({**key, **counts})

    @api.model
    def _record_many(self, counts_by_key):
        """Set the same counts as ``_record`` for many accounts and months at
        once: ``{(partner, month): {count: value}}``, every value giving the
        same counts. One INSERT ... ON CONFLICT writes them (rows whose counts
        do not change are not written), one UPDATE their rates, computed as
        ``_compute_rates`` does from ``_grouped_rates``."""
        if not counts_by_key:
            return self.browse()
        names = sorted({name for counts in counts_by_key.values() for name in counts})
        unknown = set(names) - set(COUNTS)
        if unknown:
            raise ValueError(f"Unknown service counts: {sorted(unknown)}")
        self.flush_model()
        row = "(%s, %s, %s::date, {})".format(", ".join(["%s::integer"] * len(names)))
        rows = SQL(
            ", ".join([row] * len(counts_by_key)),
            *(
                param
                for (partner, month), counts in counts_by_key.items()
                for param in (
                    partner.id,
                    partner._key_account_serving_company().id,
                    first_of_month(fields.Date.to_date(month)),
                    *(counts[n] for n in names),
                )
            ),
        )
        columns = SQL(", ").join(SQL.identifier(n) for n in names)
        self.env.cr.execute(
            SQL(
                "INSERT INTO key_account_service_kpi AS k (partner_id, company_id, "
                "month, %(columns)s, create_uid, create_date, write_uid, write_date) "
                "SELECT v.*, %(uid)s, %(now)s, %(uid)s, %(now)s "
                "FROM (VALUES %(rows)s) AS v "
                "ON CONFLICT (partner_id, company_id, month) DO UPDATE SET "
                "%(set)s, write_uid = %(uid)s, write_date = %(now)s "
                "WHERE ROW(%(old)s) IS DISTINCT FROM ROW(%(new)s) RETURNING k.id",
                columns=columns,
                uid=self.env.uid,
                now=self.env.cr.now(),
                rows=rows,
                set=SQL(", ").join(
                    SQL("%s = EXCLUDED.%s", SQL.identifier(n), SQL.identifier(n))
                    for n in names
                ),
                old=SQL(", ").join(SQL("k.%s", SQL.identifier(n)) for n in names),
                new=SQL(", ").join(
                    SQL("EXCLUDED.%s", SQL.identifier(n)) for n in names
                ),
            )
        )
        written = self.browse(row[0] for row in self.env.cr.fetchall())
        self.invalidate_model([*names, "write_uid", "write_date"])
        written.modified(names)
        if written:
            # each month's rates of its own counts, in one UPDATE
            self.env.cr.execute(
                SQL(
                    "UPDATE key_account_service_kpi SET %s WHERE id IN %s",
                    SQL(", ").join(
                        SQL(
                            "%s = CASE WHEN %s <> 0 THEN %s * (%s)::float8 / %s "
                            "ELSE %s END",
                            SQL.identifier(rate),
                            SQL.identifier(denominator),
                            factor,
                            SQL(" - ").join(
                                SQL.identifier(count)
                                for count in self._grouped_rate_counts(rate)[:-1]
                            ),
                            SQL.identifier(denominator),
                            empty,
                        )
                        for rate, (_num, denominator, factor, empty) in (
                            self._grouped_rates.items()
                        )
                    ),
                    tuple(written.ids),
                )
            )
            for rate in self._grouped_rates:
                self.env.remove_to_compute(self._fields[rate], written)
            self.invalidate_model(list(self._grouped_rates))
        return written
