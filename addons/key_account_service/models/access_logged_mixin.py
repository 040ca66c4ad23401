import re

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.models import parse_read_group_spec

MIXIN = "access.logged.mixin"
# Marks reads made through web_read (the form and lists): the log says "view".
# An object, so no client's context can claim it; any other read says "rpc".
_VIEWED = object()


def is_access_logged(env, model_name):
    """Whether ``model_name`` is a confidential archive (inherits the mixin)."""
    return (
        bool(model_name)
        and model_name in env
        and isinstance(env[model_name], env.registry[MIXIN])
    )


def access_logged_models(registry):
    """The names of the confidential archive models (a registry, as a route
    deciding its cursor has no environment yet)."""
    return [
        name
        for name in registry.descendants([MIXIN], "_inherit")
        if not registry[name]._abstract
    ]


def confidential_fields(env, model_name):
    """The one definition of a confidential field: the archive's content fields.

    Every path to data (read, export, group, search, copy, templates, files)
    asks this set, so a model lists its content once, in ``_access_logged_fields``.
    """
    if not is_access_logged(env, model_name):
        return frozenset()
    return frozenset(env[model_name]._access_logged_fields)


class AccessLoggedMixin(models.AbstractModel):
    """A confidential archive: every read of its content leaves a log row.

    Inheriting models list their confidential fields in
    ``_access_logged_fields``. Reading them by any ORM path (form, list,
    RPC ``read``/``search_read``) logs a row; so do exports (of this model or
    through a related path from any other), printed reports
    (``ir.actions.report``) and document downloads, whose files can only be
    reached through the logging route (``ir.attachment`` and ``ir.binary``
    refuse them otherwise). What cannot be logged per record is refused:
    domains, groupings and aggregates on confidential fields, and templates
    that output them. Copies leave the content behind. The reason comes from
    the *Consult* dialog's record; a row without one is flagged for review.
    """

    _name = MIXIN
    _description = "Confidential Archive (access logged)"
    _access_logged_fields = ()
    # A view-in-place archive is read on screen only: no file leaves it.
    _access_view_in_place = False
    # Who may delete an archive's documents (the deletion is logged).
    _access_manager_group = "base.group_system"

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
        """Refuse printing, exporting, downloading or copying in-place archives."""
        in_place = self.filtered(lambda r: r._is_view_in_place())
        if not in_place:
            return
        if how == "copy":
            raise AccessError(
                self.env._(
                    "%(archive)s may only be viewed in place: it cannot be copied.",
                    archive=in_place[0].display_name,
                )
            )
        raise AccessError(
            self.env._(
                "%(archive)s may only be viewed in place: it cannot be %(how)s.",
                archive=in_place[0].display_name,
                how=dict(self.env["key.account.access.log"]._fields["how"].selection)[
                    how
                ].lower(),
            )
        )

    def _raise_confidential_field(self, fname):
        raise AccessError(
            self.env._(
                "%(field)s of %(model)s is confidential: it is read by opening the "
                "archive, never searched, grouped or totalled.",
                field=self._fields[fname]._description_string(self.env),
                model=self._description,
            )
        )

    def _check_field_not_confidential(self, fname):
        """Refuse a confidential field where no row can be logged per record."""
        if fname in self._access_logged_fields and not self.env.su:
            self._raise_confidential_field(fname)

    def _check_template_source(self, source):
        """Refuse a template that names a confidential field of this model."""
        names = "|".join(re.escape(fname) for fname in self._access_logged_fields)
        found = names and re.search(rf"\b({names})\b", str(source or ""))
        if found:
            self._raise_confidential_field(found.group(1))

    # ---- the ORM paths ----

    def _condition_to_sql(self, alias, fname, operator, value, query):
        # every domain leaf on this model, whichever model the search started
        # from (related paths, ``any``, auto_join) ends here: no oracle
        self._check_field_not_confidential(fname.split(".", 1)[0])
        return super()._condition_to_sql(alias, fname, operator, value, query)

    def _read_group_groupby(self, groupby_spec, query):
        self._check_field_not_confidential(parse_read_group_spec(groupby_spec)[0])
        return super()._read_group_groupby(groupby_spec, query)

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            self._check_field_not_confidential(parse_read_group_spec(aggregate_spec)[0])
        return super()._read_group_select(aggregate_spec, query)

    def filtered_domain(self, domain):
        # a domain evaluated in Python (RPC-callable) is the same oracle as a
        # search; a related path from another model arrives here as ``any``
        for leaf in domain or ():
            if isinstance(leaf, list | tuple) and len(leaf) == 3:
                self._check_field_not_confidential(str(leaf[0]).split(".", 1)[0])
        return super().filtered_domain(domain)

    def _read_format(self, fnames, load="_classic_read"):
        touched = sorted(set(fnames or ()) & set(self._access_logged_fields))
        if touched and self and not self.env.su:
            viewed = self.env.context.get("access_log_read") is _VIEWED
            how = "view" if viewed else "rpc"
            self._register_access(how, ", ".join(touched))
        return super()._read_format(fnames, load=load)

    @api.readonly
    def web_read(self, specification):
        return super(
            AccessLoggedMixin, self.with_context(access_log_read=_VIEWED)
        ).web_read(specification)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # the archive's own export and any other model's export through a
        # related path (``archive_id/summary``) both export these rows here
        roots = {path[0] for path in fields if path} & (
            set(self._access_logged_fields) | {"document_ids"}
        )
        if roots and self and not self.env.su:
            self._check_may_leave("export")
            self._register_access("export", ", ".join(sorted(roots)))
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def copy_data(self, default=None):
        # a copy is a new archive: it never carries the content it was made from
        if not self.env.su:
            self._check_may_leave("copy")
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for fname in set(self._access_logged_fields) - set(default):
                vals.pop(fname, None)
        return vals_list

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
        return how, attachment.sudo()

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
