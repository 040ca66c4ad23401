"""Key accounts learn their last twelve months' revenue and whether they are
filed with HQ (18.0.1.10.0).

The columns are made here, empty, so that the upgrade does not compute the
filing flag of every contact one by one; post-hq-filing.py fills them for the
key accounts in two set-based statements.
"""


def migrate(cr, version):
    cr.execute(
        """
        ALTER TABLE res_partner
            ADD COLUMN IF NOT EXISTS key_account_yearly_revenue numeric,
            ADD COLUMN IF NOT EXISTS key_account_hq_filing_required boolean
        """
    )
