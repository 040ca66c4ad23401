"""Fill the key accounts' twelve-month revenue and HQ filing flag (18.0.1.10.0).

The same figures as the nightly metrics and the flag's compute: the net
revenue of the twelve complete months before today, every branch together,
and the flag when it or the expected monthly revenue times twelve reaches
headquarters' filing amount (the amount itself included). An account without
a serving branch is flagged by its metrics tonight. Claims payouts are
flagged as compensation by courier_claims 18.0.1.6.0, which runs after this
script: the accounts they touch have their metrics (and so these figures)
recomputed tonight.
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE res_partner p
           SET key_account_yearly_revenue = s.net
          FROM (SELECT r.partner_id, SUM(r.net) AS net
                  FROM key_account_revenue r
                 WHERE r.month >= date_trunc('month', CURRENT_DATE)
                                  - interval '12 months'
                   AND r.month < date_trunc('month', CURRENT_DATE)
                 GROUP BY r.partner_id) s
         WHERE s.partner_id = p.id
           AND p.is_key_account
        """
    )
    cr.execute(
        """
        UPDATE res_partner p
           SET key_account_hq_filing_required =
               (COALESCE(p.key_account_expected_revenue, 0) * 12
                    >= root.key_account_hq_filing_amount
                OR COALESCE(p.key_account_yearly_revenue, 0)
                    >= root.key_account_hq_filing_amount)
          FROM res_company c
          JOIN res_company root
            ON root.id = split_part(c.parent_path, '/', 1)::int
         WHERE c.id = p.key_account_company_id
           AND p.is_key_account
        """
    )
