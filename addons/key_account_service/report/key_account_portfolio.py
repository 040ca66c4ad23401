from odoo import fields, models
from odoo.tools import SQL

from ..tools import first_of_month

LOAD_STATUSES = [
    ("under", "Under-loaded"),
    ("within", "Within Guide"),
    ("over", "Over-loaded"),
]


class KeyAccountPortfolio(models.Model):
    """Each manager's maintained monthly revenue against the manual's portfolio
    guide (KA-5, 000 §4.1(1): about 80万 at a branch, 100万 at headquarters).

    One row per manager and serving branch: the key accounts the manager holds
    now, and their net revenue (every branch's invoices, as for the reference
    revenue) averaged over headquarters' reference window of complete months
    (three by default; a month without revenue counts as nothing). The guide is
    headquarters' figure for a branch manager, or for a manager of an account
    served by headquarters itself; a manager more than the tolerance above the
    guide is over-loaded, more than the tolerance below it under-loaded.
    """

    _name = "key.account.portfolio"
    _description = "Key Account Manager Portfolio"
    _auto = False
    _order = "load desc, id"
    # what the query reads: flushed before every search
    _depends = {
        "key.account.revenue": ["partner_id", "month", "net"],
        "res.partner": [
            "active",
            "is_key_account",
            "key_account_manager_id",
            "key_account_company_id",
        ],
        "res.company": [
            "parent_id",
            "parent_path",
            "key_account_branch_level",
            "key_account_reference_months",
            "key_account_portfolio_branch",
            "key_account_portfolio_hq",
            "key_account_portfolio_tolerance",
        ],
    }

    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    company_id = fields.Many2one("res.company", string="Serving Branch", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    account_count = fields.Integer(string="Accounts", readonly=True)
    revenue = fields.Monetary(
        string="Maintained Monthly Revenue",
        readonly=True,
        help="Average monthly net revenue of the manager's accounts over the "
        "reference window of complete months.",
    )
    guide = fields.Monetary(
        string="Portfolio Guide",
        readonly=True,
        aggregator="max",  # a guide is not added up over managers
        help="The monthly revenue one manager maintains, from headquarters' policy.",
    )
    load = fields.Float(
        string="Load (%)",
        readonly=True,
        aggregator="avg",
        help="Maintained revenue as a share of the guide.",
    )
    status = fields.Selection(LOAD_STATUSES, readonly=True)

    @property
    def _table_query(self):
        month = first_of_month(fields.Date.context_today(self))
        return SQL(
            """
WITH accounts AS (
    SELECT p.id AS partner_id, p.key_account_manager_id AS user_id,
           c.id AS company_id, root.key_account_reference_months AS months,
           CASE WHEN c.parent_id IS NULL OR c.key_account_branch_level = 'hq'
                THEN root.key_account_portfolio_hq
                ELSE root.key_account_portfolio_branch END AS guide,
           root.key_account_portfolio_tolerance::numeric AS tolerance
      FROM res_partner p
      JOIN res_company c ON c.id = p.key_account_company_id
      JOIN res_company root
        ON root.id = split_part(c.parent_path, '/', 1)::int
     WHERE p.is_key_account
       AND p.active
       AND p.key_account_manager_id IS NOT NULL
), nets AS (
    SELECT a.partner_id, SUM(r.net) AS net
      FROM accounts a
      JOIN key_account_revenue r
        ON r.partner_id = a.partner_id
       AND r.month < %(month)s
       AND r.month >= (%(month)s - make_interval(months => GREATEST(a.months, 1)))
     GROUP BY a.partner_id
), managers AS (
    SELECT MIN(a.partner_id) AS id, a.user_id, a.company_id,
           COUNT(*) AS account_count,
           ROUND(SUM(COALESCE(n.net, 0) / GREATEST(a.months, 1)), 2) AS revenue,
           MAX(a.guide) AS guide, MAX(a.tolerance) AS tolerance
      FROM accounts a
      LEFT JOIN nets n ON n.partner_id = a.partner_id
     GROUP BY a.user_id, a.company_id
)
SELECT id, user_id, company_id, account_count, revenue, guide,
       CASE WHEN guide > 0 THEN ROUND(100 * revenue / guide, 1) END AS load,
       CASE WHEN revenue > guide * (1 + tolerance / 100) THEN 'over'
            WHEN revenue < guide * (1 - tolerance / 100) THEN 'under'
            ELSE 'within' END AS status
  FROM managers
""",
            month=month,
        )
