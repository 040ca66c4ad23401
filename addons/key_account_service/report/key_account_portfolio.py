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

    One row per manager: the key accounts the manager holds now, and their net
    revenue (every branch's invoices, as for the reference revenue) averaged
    over headquarters' reference window of complete months (three by default;
    a month without revenue counts as nothing). The guide is headquarters'
    figure for a manager of a branch, or of headquarters itself, by the
    manager's company; a manager more than the tolerance above the guide is
    over-loaded, more than the tolerance below it under-loaded. Grouped, the
    load is the group's revenue against the group's summed guides.
    """

    _name = "key.account.portfolio"
    _description = "Key Account Manager Portfolio"
    _inherit = ["grouped.rate.mixin"]
    _auto = False
    _order = "load desc, id"
    _grouped_rates = {"load": ("revenue", "guide", 100, 0.0)}
    # what the query reads: flushed before every search
    _depends = {
        "key.account.revenue": ["partner_id", "month", "net"],
        "res.partner": ["active", "is_key_account", "key_account_manager_id"],
        "res.users": ["company_id"],
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
    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        help="The manager's company, whose guide applies.",
    )
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
        help="The monthly revenue one manager maintains, from headquarters' policy.",
    )
    load = fields.Float(
        string="Load (%)",
        readonly=True,
        help="Maintained revenue as a share of the guide; for a group, the "
        "group's revenue against its managers' summed guides.",
    )
    status = fields.Selection(LOAD_STATUSES, readonly=True)

    @property
    def _table_query(self):
        month = first_of_month(fields.Date.context_today(self))
        return SQL(
            """
WITH managers AS (
    SELECT u.id AS user_id, uc.id AS company_id,
           GREATEST(root.key_account_reference_months, 1) AS months,
           CASE WHEN uc.parent_id IS NULL OR uc.key_account_branch_level = 'hq'
                THEN root.key_account_portfolio_hq
                ELSE root.key_account_portfolio_branch END AS guide,
           root.key_account_portfolio_tolerance::numeric AS tolerance
      FROM res_users u
      JOIN res_company uc ON uc.id = u.company_id
      JOIN res_company root
        ON root.id = split_part(uc.parent_path, '/', 1)::int
), accounts AS (
    SELECT p.id AS partner_id, m.user_id, m.months
      FROM res_partner p
      JOIN managers m ON m.user_id = p.key_account_manager_id
     WHERE p.is_key_account
       AND p.active
), nets AS (
    SELECT a.partner_id, SUM(r.net) AS net
      FROM accounts a
      JOIN key_account_revenue r
        ON r.partner_id = a.partner_id
       AND r.month < %(month)s
       AND r.month >= (%(month)s - make_interval(months => a.months))
     GROUP BY a.partner_id
), totals AS (
    SELECT m.user_id AS id, m.user_id, m.company_id,
           COUNT(*) AS account_count,
           ROUND(SUM(COALESCE(n.net, 0)) / m.months, 2) AS revenue,
           m.guide, m.tolerance
      FROM managers m
      JOIN accounts a ON a.user_id = m.user_id
      LEFT JOIN nets n ON n.partner_id = a.partner_id
     GROUP BY m.user_id, m.company_id, m.months, m.guide, m.tolerance
)
SELECT id, user_id, company_id, account_count, revenue, guide,
       CASE WHEN guide > 0 THEN ROUND(100 * revenue / guide, 1) END AS load,
       CASE WHEN revenue > guide * (1 + tolerance / 100) THEN 'over'
            WHEN revenue < guide * (1 - tolerance / 100) THEN 'under'
            ELSE 'within' END AS status
  FROM totals
""",
            month=month,
        )
