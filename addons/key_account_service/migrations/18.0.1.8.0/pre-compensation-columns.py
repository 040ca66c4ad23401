"""X1: the compensation flag on moves and the compensation column of the
revenue rows (18.0.1.8.0).

Added here with a constant default, which PostgreSQL records without
rewriting the tables, so every existing move reads "not compensation" and
every existing row 0 at once; the default is dropped again, as the ORM keeps
none. The payouts are flagged and their months rebuilt by courier_claims,
which knows them.
"""


def migrate(cr, version):
    for table, column, sql_type, default in (
        ("account_move", "key_account_compensation", "boolean", "FALSE"),
        ("key_account_revenue", "compensation", "numeric", "0"),
    ):
        cr.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql_type}"
            f" DEFAULT {default}"
        )
        cr.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
