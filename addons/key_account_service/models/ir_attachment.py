from urllib.parse import urlencode

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.models import parse_read_group_spec
from odoo.osv import expression
from odoo.tools import SQL

from .access_logged_mixin import access_logged_models, is_access_logged

# What holds a file's bytes; names, types and sizes stay readable.
CONTENT_FIELDS = {"datas", "raw", "db_datas", "store_fname", "index_content"}
# What a search can compare with the content (not a mere presence test).
SEARCHABLE_CONTENT = {"index_content", "db_datas"}
# What ties a document to its archive, or replaces what it holds.
BINDING_FIELDS = {"res_model", "res_id", "res_field", "type", "url"} | CONTENT_FIELDS


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _confidential(self):
        """The attachments of access-logged archives.

        Only superuser code passes: the archive's document route, once it
        has logged the access. Nothing a client sends (no context key)
        opens them.
        """
        if self.env.su:
            return self.browse()
        models_ = {
            name
            for name in set(self.sudo().mapped("res_model"))
            if is_access_logged(self.env, name)
        }
        return self.sudo().filtered(lambda a: a.res_model in models_)

    def _check_not_confidential(self):
        if self._confidential():
            raise AccessError(
                self.env._(
                    "This file belongs to a confidential archive. Open the archive "
                    "and download it from its Documents list, which registers "
                    "the access."
                )
            )

    def _read_format(self, fnames, load="_classic_read"):
        if CONTENT_FIELDS & set(fnames or ()):
            self._check_not_confidential()
        return super()._read_format(fnames, load=load)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # an export of the files themselves or through any related path
        if CONTENT_FIELDS & {path[0] for path in fields if path}:
            self._check_not_confidential()
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        specs = [*groupby, *(a for a in aggregates if a != "__count")]
        if not self.env.su and any(
            parse_read_group_spec(spec)[0] in CONTENT_FIELDS for spec in specs
        ):
            # the text of an archive's file is never grouped or aggregated
            confidential = [
                ("res_model", "in", access_logged_models(self.env.registry))
            ]
            self.search(
                expression.AND([domain, confidential])
            )._check_not_confidential()
        return super()._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )

    def _condition_to_sql(self, alias, fname, operator, value, query):
        sql = super()._condition_to_sql(alias, fname, operator, value, query)
        presence = operator in ("=", "!=") and not value
        if fname not in SEARCHABLE_CONTENT or presence or self.env.su:
            return sql
        # ir.attachment is shared by every model, so a content search is not
        # refused: an archive's file just never matches it (no content oracle)
        res_model = self._field_to_sql(alias, "res_model", query)
        return SQL(
            "(%s AND (%s IS NULL OR %s NOT IN %s))",
            sql,
            res_model,
            res_model,
            tuple(access_logged_models(self.env.registry)),
        )

    def filtered_domain(self, domain):
        # as in a search: an archive's file never matches on its content
        if not any(
            isinstance(leaf, list | tuple)
            and len(leaf) == 3
            and str(leaf[0]).split(".", 1)[0] in CONTENT_FIELDS
            for leaf in domain or ()
        ):
            return super().filtered_domain(domain)
        return super(IrAttachment, self - self._confidential()).filtered_domain(domain)

    def _migrate(self):
        # moving files between database and filestore (force_storage, for
        # administrators only) keeps every document where and what it is
        return super(IrAttachment, self.sudo())._migrate()

    def copy_data(self, default=None):
        self._check_not_confidential()
        return super().copy_data(default=default)

    def write(self, vals):
        if BINDING_FIELDS & set(vals) and self._confidential():
            raise AccessError(
                self.env._(
                    "The documents of a confidential archive stay with it: they "
                    "cannot be detached, moved or replaced."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_confidential_by_manager(self):
        """An archive's manager may delete its documents; the log keeps a row."""
        for attachment in self._confidential():
            archive = self.env[attachment.res_model].browse(attachment.res_id)
            if not archive.exists():
                continue
            if not self.env.user.has_group(archive._access_manager_group):
                raise AccessError(
                    self.env._(
                        "Only the managers of %(archive)s may delete its documents.",
                        archive=archive.sudo().display_name,
                    )
                )
            archive._register_access("delete", attachment.name)

    def action_confidential_download(self):
        """Documents list of an archive: the download goes through the log."""
        self.ensure_one()
        request_id = self.env.context.get("access_request_id")
        query = urlencode({"access_request_id": request_id}) if request_id else ""
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": f"/key_account/archive/{self.res_model}/{self.res_id}"
            f"/document/{self.id}" + (f"?{query}" if query else ""),
        }
