"""Existing complaints get their on-time counts in one statement, not a
recompute per record: the grouped on-time rate sums them (issue 19.7)."""


def migrate(cr, version):
    cr.execute(
        """
        ALTER TABLE courier_complaint
            ADD COLUMN IF NOT EXISTS received_count int4,
            ADD COLUMN IF NOT EXISTS on_time_count int4,
            ADD COLUMN IF NOT EXISTS on_time_rate float8;
        UPDATE courier_complaint
           SET received_count = 1,
               on_time_count = CASE WHEN on_time THEN 1 ELSE 0 END,
               on_time_rate = CASE WHEN on_time THEN 100.0 ELSE 0.0 END;
        """
    )
