from odoo import fields, models


def _keep_log_rows(records):
    """The access log is append-only, in the database too (a trigger refuses
    any change): when cs_legal goes, its lending rows keep their values."""


class KeyAccountAccessLog(models.Model):
    _inherit = "key.account.access.log"

    # Only legal archives are lent: the borrowing register logs both ends.
    how = fields.Selection(
        selection_add=[("borrow", "Lent Out"), ("return", "Returned"), ("delete",)],
        ondelete={"borrow": _keep_log_rows, "return": _keep_log_rows},
    )
