from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request

ACCESS_HOW = [
    ("view", "Viewed"),
    ("download", "Downloaded"),
    ("print", "Printed"),
    ("export", "Exported"),
    ("rpc", "Read by API"),
    ("delete", "Document Deleted"),
    ("in_place", "View in Place Changed"),
]


class KeyAccountAccessLog(models.Model):
    """One look at a confidential archive. Rows are only ever added (KA-8, LG-3)."""

    _name = "key.account.access.log"
    _description = "Confidential Archive Access Log"
    _order = "create_date desc, id desc"
    _rec_name = "res_name"

    res_model = fields.Char(string="Archive Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Archive ID", model_field="res_model", required=True, readonly=True
    )
    res_name = fields.Char(string="Archive", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Who", required=True, readonly=True, ondelete="restrict"
    )
    how = fields.Selection(ACCESS_HOW, required=True, readonly=True)
    what = fields.Char(
        readonly=True, help="The fields or the document that were reached."
    )
    reason = fields.Char(string="Why", readonly=True)
    without_reason = fields.Boolean(
        readonly=True,
        help="Reached without stating why: to be checked by the archive keeper.",
    )
    ip_address = fields.Char(string="IP Address", readonly=True)

    def init(self):
        # The ORM refuses changes below; this refuses them to plain SQL too.
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION key_account_access_log_append_only()
            RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'key_account_access_log is append-only';
            END;
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS key_account_access_log_append_only
                ON key_account_access_log;
            CREATE TRIGGER key_account_access_log_append_only
                BEFORE UPDATE OR DELETE ON key_account_access_log
                FOR EACH ROW EXECUTE FUNCTION key_account_access_log_append_only();
            """
        )

    def write(self, vals):  # pylint: disable=method-required-super
        # Never delegated: no change of a log row is allowed, not even sudo.
        raise UserError(self.env._("The access log cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The access log cannot be deleted."))

    @api.model
    def _add_rows(self, records, how, what="", reason=None):
        """Add one row per record for the current user; return the rows.

        Without an explicit ``reason`` (set by server code such as a
        borrowing), the reason is the one the user stated in the *Consult*
        dialog for that record, never one taken from the caller's context.
        """
        if not records:
            return self.browse()
        Request = self.env["key.account.access.request"]
        reasons = {
            record.id: Request._stated_reason(record) if reason is None else reason
            for record in records
        }
        address = None
        if request and getattr(request, "httprequest", None):
            address = request.httprequest.remote_addr
        has_company = "company_id" in records._fields
        return (
            self.sudo()
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "res_model": records._name,
                        "res_id": record.id,
                        "res_name": record.display_name,
                        "company_id": has_company and record.company_id.id,
                        "user_id": self.env.uid,
                        "how": how,
                        "what": what,
                        "reason": reasons[record.id],
                        "without_reason": not reasons[record.id].strip(),
                        "ip_address": address,
                    }
                    # names and companies of records the user may not read
                    for record in records.sudo()
                ]
            )
        )
