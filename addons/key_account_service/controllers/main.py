from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from ..models.access_logged_mixin import is_access_logged


class ConfidentialArchiveController(http.Controller):
    @http.route(
        "/key_account/archive/<string:model>/<int:res_id>/document/<int:attachment_id>",
        type="http",
        auth="user",
    )
    def confidential_document(self, model, res_id, attachment_id, reason=""):
        """The one way to a confidential archive's files: it logs, then serves."""
        if not is_access_logged(request.env, model):
            raise request.not_found()
        archive = (
            request.env[model].browse(res_id).with_context(access_log_reason=reason)
        )
        attachment = request.env["ir.attachment"].sudo().browse(attachment_id)
        try:
            how, document = archive._open_document(attachment.exists())
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        stream = request.env["ir.binary"]._get_stream_from(document)
        return stream.get_response(as_attachment=how == "download")
