from odoo import fields, models
from odoo.tools import SQL

from ..tools.commission_sql import collections_query, credited, transfer_joins

AGE_BUCKETS = [
    ("0_30", "0-30 days"),
    ("31_90", "31-90 days"),
    ("91_180", "91-180 days"),
    ("181_plus", "Over 180 days"),
]


class KeyAccountCommissionCollection(models.Model):
    """Finance's matching screen: every key-account collection next to the
    statement line that settled it, and the revenue still uncollected."""

    _name = "key.account.commission.collection"
    _description = "Key Account Collections and Commissions"
    _auto = False
    _order = "date desc, invoice_date desc, id desc"
    # what the query reads: flushed before every search
    _depends = {
        "account.move": [
            "move_type",
            "state",
            "payment_state",
            "amount_residual",
            "amount_untaxed_signed",
            "amount_total_signed",
            "invoice_date",
            "commercial_partner_id",
            "company_id",
            "key_account_legal_recovery",
            "key_account_compensation",
        ],
        "account.move.line": ["move_id"],
        "account.partial.reconcile": [
            "debit_move_id",
            "credit_move_id",
            "amount",
            "max_date",
            "exchange_move_id",
        ],
        "key.account.commission.match": ["partial_id", "line_id", "excluded_reason"],
        "key.account.commission.line": ["statement_id"],
        "key.account.commission.statement": ["state", "user_id", "company_id"],
        "key.account.roster": [
            "partner_id",
            "user_id",
            "company_id",
            "date_from",
            "date_to",
        ],
        "key.account.transfer": [
            "user_id",
            "successor_id",
            "date",
            "state",
            "partner_ids",
        ],
        "res.partner": ["is_key_account"],
        "res.company": ["key_account_commission_since"],
    }

    kind = fields.Selection(
        [("collection", "Collection"), ("uncollected", "Uncollected")],
        readonly=True,
    )
    status = fields.Selection(
        [
            ("paid", "Commission Settled"),
            ("pending", "Awaiting Approval"),
            ("excluded", "Excluded"),
            ("unmatched", "Unmatched"),
            ("uncollected", "Uncollected"),
        ],
        readonly=True,
    )
    partner_id = fields.Many2one("res.partner", string="Key Account", readonly=True)
    invoice_id = fields.Many2one("account.move", readonly=True)
    invoice_date = fields.Date(readonly=True)
    date = fields.Date(string="Collected On", readonly=True)
    company_id = fields.Many2one("res.company", string="Branch", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    amount = fields.Monetary(readonly=True, help="Collected, or still due.")
    net = fields.Monetary(string="Net Amount", readonly=True)
    age = fields.Integer(
        string="Age (days)",
        readonly=True,
        aggregator="avg",  # a group's total of days means nothing; its average does
        help="Days from the invoice to the collection, or to today when uncollected.",
    )
    age_bucket = fields.Selection(AGE_BUCKETS, string="Age", readonly=True)
    match_id = fields.Many2one("key.account.commission.match", readonly=True)
    line_id = fields.Many2one(
        "key.account.commission.line", string="Statement Line", readonly=True
    )
    statement_id = fields.Many2one("key.account.commission.statement", readonly=True)
    excluded_reason = fields.Selection(
        [("late", "Forfeited (late)"), ("legal", "Legal Recovery")], readonly=True
    )
    before_commissions = fields.Boolean(
        string="Before Commissions Started",
        readonly=True,
        help="Collected before headquarters' Commissions Settled Since: never "
        "settled on a statement, so never matched.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
WITH collections AS (%(collections)s), rows AS (
    SELECT c.partial_id * 2 AS id, 'collection' AS kind, c.invoice_id,
           c.collected_on AS date,
           c.amount, m.id AS match_id
      FROM collections c
      LEFT JOIN key_account_commission_match m ON m.partial_id = c.partial_id
    UNION ALL
    SELECT m.id * 2 + 1, 'uncollected', m.id, NULL,
           CASE WHEN m.move_type = 'out_invoice' THEN m.amount_residual
                ELSE -m.amount_residual END, NULL
      FROM account_move m
     WHERE m.state = 'posted'
       AND m.move_type IN ('out_invoice', 'out_refund')
       AND m.key_account_compensation IS NOT TRUE  -- X1: not revenue
       AND m.payment_state NOT IN ('paid', 'in_payment', 'reversed')
       AND m.amount_residual != 0
)
SELECT rows.id, rows.kind, rows.invoice_id, rows.date, rows.amount,
       ROUND(rows.amount * inv.amount_untaxed_signed
             / NULLIF(inv.amount_total_signed, 0), 2) AS net,
       inv.invoice_date, inv.commercial_partner_id AS partner_id,
       COALESCE(s.company_id, %(company)s, inv.company_id) AS company_id,
       COALESCE(s.user_id, %(user)s) AS user_id,
       rows.match_id, match.line_id, line.statement_id,
       -- not settled yet: a legal recovery ticked on the invoice shows at once
       COALESCE(match.excluded_reason,
                CASE WHEN rows.kind = 'collection' AND match.id IS NULL
                      AND inv.key_account_legal_recovery THEN 'legal' END)
           AS excluded_reason,
       COALESCE(rows.date, CURRENT_DATE) - inv.invoice_date AS age,
       CASE WHEN COALESCE(rows.date, CURRENT_DATE) - inv.invoice_date <= 30
                THEN '0_30'
            WHEN COALESCE(rows.date, CURRENT_DATE) - inv.invoice_date <= 90
                THEN '31_90'
            WHEN COALESCE(rows.date, CURRENT_DATE) - inv.invoice_date <= 180
                THEN '91_180'
            ELSE '181_plus' END AS age_bucket,
       CASE WHEN rows.kind = 'uncollected' THEN 'uncollected'
            WHEN match.id IS NULL AND inv.key_account_legal_recovery
                THEN 'excluded'
            WHEN match.id IS NULL THEN 'unmatched'
            WHEN match.excluded_reason IS NOT NULL THEN 'excluded'
            WHEN s.state IN ('draft', 'confirmed') THEN 'pending'
            ELSE 'paid' END AS status,
       COALESCE(rows.date < root.key_account_commission_since, FALSE)
           AS before_commissions
  FROM rows
  JOIN account_move inv ON inv.id = rows.invoice_id
  JOIN res_company inv_company ON inv_company.id = inv.company_id
  JOIN res_company root
    ON root.id = split_part(inv_company.parent_path, '/', 1)::int
  JOIN res_partner p ON p.id = inv.commercial_partner_id AND p.is_key_account
  LEFT JOIN key_account_commission_match match ON match.id = rows.match_id
  LEFT JOIN key_account_commission_line line ON line.id = match.line_id
  LEFT JOIN key_account_commission_statement s ON s.id = line.statement_id
  LEFT JOIN LATERAL (
        SELECT r.partner_id, r.user_id, r.company_id FROM key_account_roster r
         WHERE r.partner_id = inv.commercial_partner_id
           AND inv.invoice_date BETWEEN r.date_from AND r.date_to
         LIMIT 1) roster ON TRUE
%(transfers)s
""",
            collections=collections_query(SQL.identifier("account_partial_reconcile")),
            # uncollected: whom a collection today would be credited to
            transfers=transfer_joins(
                "roster",
                SQL("inv.invoice_date"),
                SQL("COALESCE(rows.date, CURRENT_DATE)"),
            ),
            user=credited("roster", "user_id"),
            company=credited("roster", "company_id"),
        )

    # ---- the documents behind a row -------------------------------------------

    def _open_document(self, record):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_invoice(self):
        return self._open_document(self.invoice_id)

    def action_open_statement(self):
        return self._open_document(self.statement_id)
