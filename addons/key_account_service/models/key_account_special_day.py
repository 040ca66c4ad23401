from odoo import api, fields, models

# Put in the context by the archive's own read, which logs its special days
# itself: a client cannot send this object, so a direct read always logs.
READ_THROUGH_ARCHIVE = object()


class KeyAccountSpecialDay(models.Model):
    """A customer's day worth a gift (KA-2, 002 art.7): a contact's birthday or
    the company's anniversary, kept in its confidential archive.

    Part of the archive's content: every read of it outside the archive's own
    form logs a row on the archive, and it never leaves the archive room
    (no export, no search on whose day or when).
    """

    _name = "key.account.special.day"
    _description = "Customer Special Day"
    _inherit = ["access.logged.mixin"]
    _order = "archive_id, kind, date, id"
    _access_logged_fields = ("name", "date")

    archive_id = fields.Many2one(
        "key.account.archive",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="archive_id.partner_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="archive_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(related="archive_id.user_id", store=True)
    kind = fields.Selection(
        [("birthday", "Contact's Birthday"), ("anniversary", "Company Anniversary")],
        required=True,
        default="birthday",
    )
    name = fields.Char(
        string="Who or What",
        required=True,
        help="The contact whose birthday it is, or what the anniversary marks "
        "(the founding, a listing...).",
    )
    date = fields.Date(
        required=True,
        help="The date of birth or of founding: a gift is planned every year "
        "before its anniversary.",
    )
    major = fields.Boolean(
        compute="_compute_major",
        store=True,
        readonly=False,
        help="Bands that give on major special days only give on these. The "
        "company's anniversaries are major unless unticked.",
    )

    @api.depends("kind")
    def _compute_major(self):
        for day in self:
            day.major = day.kind == "anniversary"

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days.partner_id._key_account_replan_tonight()
        return days

    def write(self, vals):
        partners = self.partner_id
        res = super().write(vals)
        (partners | self.partner_id)._key_account_replan_tonight()
        return res

    def unlink(self):
        partners = self.partner_id
        res = super().unlink()
        partners._key_account_replan_tonight()
        return res

    # ---- confidentiality: the archive's ----------------------------------------

    def _is_view_in_place(self):
        return any(archive._is_view_in_place() for archive in self.archive_id)

    def _register_access(self, how, what="", reason=None):
        if self.env.context.get("key_account_special_day_read") is READ_THROUGH_ARCHIVE:
            return self.env["key.account.access.log"]  # the archive logged it
        return self.archive_id._register_access(
            how, self.env._("Special Days: %s", what), reason
        )
