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
    def confidential_document(
        self, model, res_id, attachment_id, access_request_id=None
    ):
        """The one way to a confidential archive's files: it logs, then serves.

        ``access_request_id`` names the *Consult* dialog the reason was given
        in; the log takes the reason from that dialog's record.
        """
        if not is_access_logged(request.env, model):
            raise request.not_found()
        archive = request.env[model].browse(res_id)
        if access_request_id and access_request_id.isdigit():
            archive = archive.with_context(access_request_id=int(access_request_id))
        attachment = request.env["ir.attachment"].sudo().browse(attachment_id)
        try:
            how, document = archive._open_document(attachment.exists())
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        # ir.binary refuses archive files to every other route: stream the
        # (sudo) document, whose opening has just been logged, directly
        stream = document._to_http_stream()
        return stream.get_response(as_attachment=how == "download")
