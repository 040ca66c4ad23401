import json

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, create_index, split_every

from ..tools.commission_sql import compensation_offset

PASS_PARAM = "key_account_service.revenue_pass"
WATERMARK_PARAM = "key_account_service.revenue_watermark"
# write_date is the writing transaction's start: an invoice posted in a transaction
# that began before a pass and committed after it is older than the watermark.
# Looking back this far past the watermark catches it; refreshing twice is harmless.
WATERMARK_OVERLAP = "1 hour"

# A refresh brings the rows of whole (company, month) keys in line with the
# invoices: it computes the months' totals and writes only what differs from
# the stored rows (insert the new, update the changed, delete the vanished), so
# a rebuild of an unchanged history rewrites nothing. Rows are derived data,
# referred to by (customer, company, month) and never by id. The months to
# refresh go to a small temporary table so that the planner knows how many there
# are (it cannot see into unnest()).
KEYS_SQL = """
CREATE TEMP TABLE IF NOT EXISTS key_account_revenue_keys (
    company_id integer NOT NULL,
    month date NOT NULL
) ON COMMIT DROP;
TRUNCATE key_account_revenue_keys;
INSERT INTO key_account_revenue_keys
SELECT * FROM unnest(%(companies)s::int[], %(months)s::date[]);
ANALYZE key_account_revenue_keys;
"""

# The differences go to a temporary table first: PostgreSQL plans a query that
# writes to a real table without parallel workers, one that creates a table
# with them.
DIFF_SQL = """
DROP TABLE IF EXISTS key_account_revenue_diff;
CREATE TEMP TABLE key_account_revenue_diff ON COMMIT DROP AS
WITH moves AS (
    SELECT m.id, m.move_type, m.company_id, m.commercial_partner_id,
           k.month, m.amount_untaxed_signed AS untaxed,
           m.amount_total_signed AS total,
           -- X1: compensation paid (and its reversals) is not revenue
           m.key_account_compensation IS TRUE AS compensation
      FROM account_move m
      JOIN key_account_revenue_keys k ON k.company_id = m.company_id
       AND m.invoice_date >= k.month
       AND m.invoice_date < (k.month + interval '1 month')::date
     WHERE m.state = 'posted'
       AND m.move_type IN ('out_invoice', 'out_refund')
       AND m.commercial_partner_id IS NOT NULL
), paid AS (
    -- The share of the invoice settled by anything but an ordinary credit
    -- note: a compensation credit note settling it collects it (X1,
    -- compensation_offset, as in the commissions' collections_query, which
    -- read cash only otherwise).
    SELECT debit_line.move_id, SUM(apr.amount) AS amount
      FROM account_partial_reconcile apr
      JOIN account_move_line debit_line ON debit_line.id = apr.debit_move_id
      JOIN account_move invoice ON invoice.id = debit_line.move_id
      JOIN key_account_revenue_keys k ON k.company_id = invoice.company_id
       AND invoice.invoice_date >= k.month
       AND invoice.invoice_date < (k.month + interval '1 month')::date
      JOIN account_move_line credit_line ON credit_line.id = apr.credit_move_id
      JOIN account_move credit_move ON credit_move.id = credit_line.move_id
     WHERE invoice.move_type = 'out_invoice'
       AND (credit_move.move_type != 'out_refund' OR %(offset)s)
     GROUP BY debit_line.move_id
), totals AS (
    SELECT moves.commercial_partner_id AS partner_id, moves.company_id,
           moves.month,
           SUM(CASE WHEN move_type = 'out_invoice' AND NOT compensation
                    THEN untaxed ELSE 0 END) AS invoiced,
           SUM(CASE WHEN move_type = 'out_refund' AND NOT compensation
                    THEN -untaxed ELSE 0 END) AS refunded,
           SUM(CASE WHEN compensation THEN -untaxed ELSE 0 END) AS compensation,
           ROUND(SUM(CASE WHEN move_type = 'out_invoice' AND NOT compensation
                           AND total != 0
                          THEN untaxed * LEAST(COALESCE(paid.amount, 0) / total, 1)
                          ELSE 0 END), 2) AS collected
      FROM moves LEFT JOIN paid ON paid.move_id = moves.id
     GROUP BY 1, 2, 3
), stored AS (
    SELECT r.id, r.partner_id, r.company_id, r.month, r.invoiced, r.refunded,
           r.compensation, r.collected
      FROM key_account_revenue r
      JOIN key_account_revenue_keys k
        ON k.company_id = r.company_id AND k.month = r.month
)
-- id NULL: a new row; partner_id NULL: a row whose invoices are gone
SELECT stored.id, totals.partner_id, totals.company_id, totals.month,
       totals.invoiced, totals.refunded, totals.compensation, totals.collected
  FROM totals
  FULL JOIN stored
    ON stored.partner_id = totals.partner_id
   AND stored.company_id = totals.company_id
   AND stored.month = totals.month
 WHERE (totals.invoiced, totals.refunded, totals.compensation, totals.collected)
       IS DISTINCT FROM
       (stored.invoiced, stored.refunded, stored.compensation, stored.collected);
"""

APPLY_SQL = """
DELETE FROM key_account_revenue r
 USING key_account_revenue_diff diff
 WHERE r.id = diff.id AND diff.partner_id IS NULL;
UPDATE key_account_revenue r
   SET invoiced = diff.invoiced, refunded = diff.refunded,
       net = diff.invoiced - diff.refunded, compensation = diff.compensation,
       collected = diff.collected
  FROM key_account_revenue_diff diff
 WHERE r.id = diff.id AND diff.partner_id IS NOT NULL;
INSERT INTO key_account_revenue (
    partner_id, company_id, month, invoiced, refunded, net, compensation,
    collected)
SELECT partner_id, company_id, month, invoiced, refunded, invoiced - refunded,
       compensation, collected
  FROM key_account_revenue_diff
 WHERE id IS NULL;
"""


class KeyAccountRevenue(models.Model):
    """Monthly revenue of a customer in a company, rebuilt from posted invoices.

    Rows are written by set-based SQL only (see _refresh_keys); the ORM reads them.
    """

    _name = "key.account.revenue"
    _description = "Key Account Monthly Revenue"
    _order = "month desc, partner_id, company_id"
    _rec_name = "partner_id"
    _check_company_auto = True
    # Derived rows: who wrote them and when means nothing, and the four extra
    # columns with their foreign keys would double the cost of a rebuild.
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    month = fields.Date(required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    invoiced = fields.Monetary(readonly=True, help="Posted invoices, untaxed.")
    refunded = fields.Monetary(
        readonly=True,
        help="Posted credit notes, untaxed, but for compensation payouts.",
    )
    net = fields.Monetary(readonly=True, help="Invoiced less refunded.")
    compensation = fields.Monetary(
        readonly=True,
        help="Compensation paid to the customer (posted compensation credit "
        "notes less their reversals), untaxed. Not revenue: it is neither "
        "refunded nor taken from Net.",
    )
    collected = fields.Monetary(
        readonly=True,
        help="The untaxed part of this month's invoices that payments, or "
        "compensation credit notes set off against them, have settled.",
    )

    _sql_constraints = [
        (
            "partner_company_month_uniq",
            "UNIQUE(partner_id, company_id, month)",
            "A customer has one revenue row per company and month.",
        ),
    ]

    def init(self):
        # Room on each page lets a refresh update a month's amounts in place
        # (HOT updates: no new index entries, no index bloat).
        self.env.cr.execute(
            SQL("ALTER TABLE %s SET (fillfactor = 90)", SQL.identifier(self._table))
        )
        # The unique (partner, company, month) index serves lookups by customer;
        # refreshes look rows up by company and month. Fewer indexes, faster
        # rebuilds.
        create_index(
            self.env.cr,
            "key_account_revenue_company_month_index",
            self._table,
            ["company_id", "month"],
        )

    # ---- refresh -------------------------------------------------------------

    @api.model
    def _touched_keys(self, since):
        """(company id, month) of customer invoices written since ``since``.

        All of them when ``since`` is None. Stored rows count too: a month whose
        invoices were deleted has no move left to be found by, yet its rows must
        go (probe L5). A full pass takes every stored month; an incremental one
        the months of rows whose customer has no posted move left in them.
        """
        self.env["account.move"].flush_model()
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id, date_trunc('month', invoice_date)::date
                  FROM account_move
                 WHERE move_type IN ('out_invoice', 'out_refund')
                   AND invoice_date IS NOT NULL
                   AND (%(since)s::timestamp IS NULL
                        OR write_date >= %(since)s::timestamp - %(overlap)s::interval)
                 UNION
                SELECT r.company_id, r.month
                  FROM key_account_revenue r
                 WHERE %(since)s::timestamp IS NULL
                    OR NOT EXISTS (
                        SELECT 1
                          FROM account_move m
                         WHERE m.company_id = r.company_id
                           AND m.commercial_partner_id = r.partner_id
                           AND m.state = 'posted'
                           AND m.move_type IN ('out_invoice', 'out_refund')
                           AND m.invoice_date >= r.month
                           AND m.invoice_date < (r.month + interval '1 month')::date
                    )
                 ORDER BY 2, 1
                """,
                since=since,
                overlap=WATERMARK_OVERLAP,
            )
        )
        return [
            [company_id, month.isoformat()]
            for company_id, month in self.env.cr.fetchall()
        ]

    @api.model
    def _refresh_keys(self, keys):
        """Bring the rows of these (company id, month) keys in line, set-based."""
        if not keys:
            return
        self.env["account.move"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        cr = self.env.cr
        # For this transaction only: JIT compiling costs more than it saves on
        # these statements, and a batch's hash aggregates should not spill.
        cr.execute("SET LOCAL jit = off; SET LOCAL work_mem = '128MB'")
        cr.execute(
            SQL(
                KEYS_SQL,
                companies=[company_id for company_id, _month in keys],
                months=[month for _company_id, month in keys],
            )
        )
        cr.execute(SQL(DIFF_SQL, offset=compensation_offset("invoice", "credit_move")))
        cr.execute(APPLY_SQL)
        self.invalidate_model()

    @api.model
    def _refresh_compensation_offsets(self):
        """Bring in line the months of the invoices that compensation credit
        notes settle (X1, ``compensation_offset``): their collected column
        counts those notes from 18.0.1.12.0 (the migration's repair), in the
        nightly pass's batches."""
        self.env["account.move"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT invoice.company_id,
                       date_trunc('month', invoice.invoice_date)::date
                  FROM account_partial_reconcile apr
                  JOIN account_move_line debit_line
                    ON debit_line.id = apr.debit_move_id
                  JOIN account_move invoice ON invoice.id = debit_line.move_id
                  JOIN account_move_line credit_line
                    ON credit_line.id = apr.credit_move_id
                  JOIN account_move credit_move
                    ON credit_move.id = credit_line.move_id
                 WHERE invoice.invoice_date IS NOT NULL AND %(offset)s
                 ORDER BY 2, 1
                """,
                offset=compensation_offset("invoice", "credit_move"),
            )
        )
        keys = [
            (company_id, month.isoformat())
            for company_id, month in self.env.cr.fetchall()
        ]
        for batch in split_every(24, keys):
            self._refresh_keys(list(batch))
        return len(keys)

    # ---- batched, resumable passes ---------------------------------------------

    @api.model
    def _get_pass(self):
        raw = self.env["ir.config_parameter"].sudo().get_param(PASS_PARAM)
        return json.loads(raw) if raw else None

    @api.model
    def _set_pass(self, state):
        self.env["ir.config_parameter"].sudo().set_param(
            PASS_PARAM, json.dumps(state) if state else False
        )

    @api.model
    def _start_pass(self, full=False):
        """Queue the months to rebuild: all, or those touched since the last pass."""
        params = self.env["ir.config_parameter"].sudo()
        since = None if full else params.get_param(WATERMARK_PARAM) or None
        until = fields.Datetime.to_string(self.env.cr.now())
        state = {"until": until, "keys": self._touched_keys(since)}
        self._set_pass(state)
        return state

    @api.model
    def _run_pass_batch(self, batch_size=24):
        """Rebuild the next months of the running pass; return (done, remaining).

        A batch joins the reconciliations once whatever its size, so it takes
        24 company-months: about 3 s for a company of 20,000 customers.
        """
        state = self._get_pass() or self._start_pass()
        batch, rest = state["keys"][:batch_size], state["keys"][batch_size:]
        self._refresh_keys([tuple(key) for key in batch])
        if rest:
            self._set_pass({"until": state["until"], "keys": rest})
        else:
            self._set_pass(None)
            self.env["ir.config_parameter"].sudo().set_param(
                WATERMARK_PARAM, state["until"]
            )
        return len(batch), len(rest)

    @api.model
    def _refresh_now(self, full=False):
        """Run a whole pass in this transaction (small databases, tests)."""
        if full:
            self._start_pass(full=True)
        remaining = 1
        while remaining:
            _done, remaining = self._run_pass_batch()

    @api.model
    def action_rebuild_all(self):
        """Queue a full rebuild for the nightly job and start it now."""
        if not self.env.user.has_group(
            "key_account_service.key_account_service_group_manager"
        ):
            raise AccessError(
                self.env._(
                    "Only customer-service managers may rebuild the revenue history."
                )
            )
        self._start_pass(full=True)
        self.env.ref(
            "key_account_service.ir_cron_key_account_revenue_refresh"
        )._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "The revenue history is being rebuilt in the background."
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_refresh(self, batch_size=24):
        """Rebuild the next company-months of the running pass, or start one.

        Contract-shaped, with SQL where the others have a domain: the keys to
        rebuild are selected by ``_touched_keys`` and rebuilt by
        ``_refresh_keys``, every company's in one set-based pass (a pass per
        company would read the reconciliations once per company). Resumable:
        the pass keeps its remaining keys, so an interrupted run carries on
        where it stopped, and a rebuild of unchanged months writes nothing.
        """
        done, remaining = self._run_pass_batch(batch_size)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if not remaining:
            self.env["res.partner"]._key_account_queue_metrics()
