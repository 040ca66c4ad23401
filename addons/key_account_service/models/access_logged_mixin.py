from odoo import api, fields, models
from odoo.exceptions import AccessError

MIXIN = "key.account.access.logged.mixin"


def is_access_logged(env, model_name):
    """Whether ``model_name`` is a confidential archive (inherits the mixin)."""
    return (
        bool(model_name)
        and model_name in env
        and isinstance(env[model_name], env.registry[MIXIN])
    )


class AccessLoggedMixin(models.AbstractModel):
    """A confidential archive: every read of its content leaves a log row.

    Inheriting models list their confidential fields in
    ``_access_logged_fields``. Reading them by any ORM path (form, list,
    RPC ``read``/``search_read``) logs a row; so do exports, printed reports
    (``ir.actions.report``) and document downloads, whose files can only be
    reached through the logging route (``ir.attachment`` refuses them
    otherwise). The reason comes from the ``access_log_reason`` context key,
    set by the *Consult* dialog; a row without one is flagged for review.
    """

    _name = MIXIN
    _description = "Confidential Archive (access logged)"
    _access_logged_fields = ()
    # A view-in-place archive is read on screen only: no file leaves it.
    _access_view_in_place = False

    access_log_count = fields.Integer(
        string="Accesses", compute="_compute_access_log_count"
    )
    document_ids = fields.Many2many(
        "ir.attachment",
        string="Documents",
        compute="_compute_document_ids",
        help="Files attached to the archive. They open only through the "
        "Documents list, which registers each download.",
    )

    def _compute_access_log_count(self):
        counts = dict(
            self.env["key.account.access.log"]
            .sudo()
            ._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for record in self:
            record.access_log_count = counts.get(record.id, 0)

    def _compute_document_ids(self):
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        )
        for record in self:
            record.document_ids = attachments.filtered(
                lambda a, r=record: a.res_id == r.id
            )

    def _is_view_in_place(self):
        return self._access_view_in_place

    def _register_access(self, how, what="", reason=None):
        return self.env["key.account.access.log"]._add_rows(self, how, what, reason)

    def _check_may_leave(self, how):
        """Refuse printing, exporting or downloading a view-in-place archive."""
        in_place = self.filtered(lambda r: r._is_view_in_place())
        if in_place:
            raise AccessError(
                self.env._(
                    "%(archive)s may only be viewed in place: it cannot be %(how)s.",
                    archive=in_place[0].display_name,
                    how=dict(
                        self.env["key.account.access.log"]._fields["how"].selection
                    )[how].lower(),
                )
            )

    def _read_format(self, fnames, load="_classic_read"):
        touched = sorted(set(fnames or ()) & set(self._access_logged_fields))
        if touched and self and not self.env.su:
            how = self.env.context.get("access_log_how", "rpc")
            self._register_access(how, ", ".join(touched))
        return super()._read_format(fnames, load=load)

    @api.readonly
    def web_read(self, specification):
        if "access_log_how" in self.env.context:
            return super().web_read(specification)
        return super(
            AccessLoggedMixin, self.with_context(access_log_how="view")
        ).web_read(specification)

    def export_data(self, fields_to_export):
        roots = {path.split("/")[0] for path in fields_to_export}
        if roots & (set(self._access_logged_fields) | {"document_ids"}):
            self._check_may_leave("export")
            self._register_access("export", ", ".join(sorted(roots)))
            return super(
                AccessLoggedMixin, self.with_context(key_account_access_logged=True)
            ).export_data(fields_to_export)
        return super().export_data(fields_to_export)

    def _open_document(self, attachment):
        """Register one document's opening; return how and the file (sudo).

        Only the download route calls it: it is the one way to the files.
        """
        self.ensure_one()
        self.check_access("read")
        if attachment.res_model != self._name or attachment.res_id != self.id:
            raise AccessError(self.env._("This document is not part of the archive."))
        how = "view" if self._is_view_in_place() else "download"
        self._register_access(how, attachment.name)
        return how, attachment.sudo().with_context(key_account_access_logged=True)

    def action_open_access_log(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Access Log"),
            "res_model": "key.account.access.log",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
        }

    def _access_content_view(self):
        """The form that shows the confidential fields, opened after *Consult*."""
        raise NotImplementedError

    def action_consult(self):
        """Ask why, then open the content (the dialog logs nothing itself)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Consult %s", self.display_name),
            "res_model": "key.account.access.request",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
            },
        }
