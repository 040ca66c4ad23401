from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class ConfidentialArchiveController(http.Controller):
    @http.route(
        "/key_account/archive/<string:model>/<int:res_id>/document/<int:attachment_id>",
        type="http",
        auth="user",
    )
    def confidential_document(self, model, res_id, attachment_id, reason=""):
        """The one way to a confidential archive's files: it logs, then serves."""
        Mixin = request.env.registry["key.account.access.logged.mixin"]
        if model not in request.env or not isinstance(request.env[model], Mixin):
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
