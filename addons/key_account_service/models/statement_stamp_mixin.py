from odoo import fields, models

# The stamps, for the _workflow_fields of the models that use the mixin.
STAMP_FIELDS = frozenset(
    {
        "confirmed_by_id",
        "confirmed_date",
        "approved_by_id",
        "approved_date",
        "exported_by_id",
        "exported_date",
    }
)


class StatementStampMixin(models.AbstractModel):
    """A monthly statement's confirm and approve steps, with who made each
    step and when, and who exported it to payroll.

    For models with ``guarded.workflow.mixin`` and ``approval.activity.mixin``
    whose states include draft, confirmed, approved and exported (the
    commission statements, the claims' rewards-and-penalties statements);
    they list ``STAMP_FIELDS`` in their ``_workflow_fields``.
    """

    _name = "statement.stamp.mixin"
    _description = "Statement Confirmation and Approval Stamps"

    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    exported_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    exported_date = fields.Datetime(readonly=True, copy=False)

    def action_confirm(self):
        self._workflow_move(
            "confirmed",
            {"confirmed_by_id": self.env.uid, "confirmed_date": fields.Datetime.now()},
        )
        self._approval_sync()

    def action_reset_draft(self):
        self._workflow_move(
            "draft", {"confirmed_by_id": False, "confirmed_date": False}
        )
        self._approval_sync()

    def action_approve(self):
        self._workflow_move(
            "approved",
            {"approved_by_id": self.env.uid, "approved_date": fields.Datetime.now()},
        )
        self._approval_sync()
