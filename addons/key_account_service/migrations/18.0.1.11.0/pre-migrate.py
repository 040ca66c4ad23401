"""Existing contacts get their compliance counts in one statement, not a
recompute per record: the grouped on-time rate sums them (issue 19.7)."""


def migrate(cr, version):
    cr.execute(
        """
        ALTER TABLE key_account_visit
            ADD COLUMN IF NOT EXISTS settled_count int4,
            ADD COLUMN IF NOT EXISTS on_time_count int4,
            ADD COLUMN IF NOT EXISTS compliance_rate float8;
        UPDATE key_account_visit
           SET settled_count = CASE
                   WHEN compliance IN ('on_time', 'late', 'missed') THEN 1 ELSE 0
               END,
               on_time_count = CASE WHEN compliance = 'on_time' THEN 1 ELSE 0 END,
               compliance_rate = CASE
                   WHEN compliance = 'on_time' THEN 100.0 ELSE 0.0
               END;
        """
    )
