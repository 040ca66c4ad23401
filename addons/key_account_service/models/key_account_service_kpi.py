from odoo import api, fields, models

from ..tools import first_of_month

COUNTS = (
    "shipments",
    "orders_on_time",
    "deliveries_on_time",
    "complaints",
    "survey_answers",
    "survey_satisfied",
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
                "AND deliveries_on_time >= 0 AND complaints >= 0)"
            ),
            "Service counts cannot be negative.",
        ),
    ]

    @api.depends(*COUNTS)
    def _compute_rates(self):
        for kpi in self:
            shipments = kpi.shipments
            kpi.order_on_time_rate = (
                100.0 * kpi.orders_on_time / shipments if shipments else 0
            )
            kpi.delivery_on_time_rate = (
                100.0 * kpi.deliveries_on_time / shipments if shipments else 0
            )
            kpi.complaint_rate = 1000.0 * kpi.complaints / shipments if shipments else 0
            kpi.satisfaction_rate = kpi._grouped_rate(
                "satisfaction_rate", kpi.survey_satisfied, kpi.survey_answers
            )

    @api.model
    def _record(self, partner, day, company=None, **counts):
        """Set some of a month's counts (``shipments``, ``orders_on_time``,
        ``deliveries_on_time``, ``complaints``, ``survey_answers``,
        ``survey_satisfied``) for ``partner``.

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
