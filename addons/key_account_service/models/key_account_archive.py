from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .key_account_special_day import READ_THROUGH_ARCHIVE


class KeyAccountArchive(models.Model):
    """The confidential customer archive of a key account (KA-8)."""

    _name = "key.account.archive"
    _description = "Customer Archive"
    _inherit = ["mail.thread", "access.logged.mixin"]
    _order = "partner_id, id"
    _check_company_auto = True
    _access_logged_fields = (
        "contacts",
        "departments",
        "carriers",
        "history",
        "analysis",
        "special_day_ids",
    )
    # Customer archives are never lent and never leave the archive room.
    _access_view_in_place = True
    _access_manager_group = "key_account_service.key_account_service_group_manager"

    active = fields.Boolean(default=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        related="partner_id.key_account_manager_id",
        store=True,
    )
    category = fields.Char(
        tracking=True, help="How the customer service classifies it: size, trade..."
    )
    original_location = fields.Char(
        string="Originals Kept At",
        tracking=True,
        help="Where the archive room keeps the original contracts and certificates.",
    )
    # The confidential content: reading any of it is logged; never copied.
    contacts = fields.Text(
        help="Names, telephones and the business each follows.", copy=False
    )
    departments = fields.Text(
        help="The customer's departments we deal with.", copy=False
    )
    carriers = fields.Text(string="Current Carriers", copy=False)
    special_day_ids = fields.One2many(
        "key.account.special.day",
        "archive_id",
        string="Special Days",
        copy=False,
        help="Contacts' birthdays and the company's anniversaries: a gift is "
        "planned before each, as the account's band asks.",
    )
    history = fields.Html(
        string="Development, Negotiation and Signing History",
        sanitize=True,
        copy=False,
    )
    analysis = fields.Html(string="Periodic Analyses", sanitize=True, copy=False)

    _sql_constraints = [
        (
            "partner_company_uniq",
            "UNIQUE(partner_id, company_id)",
            "A customer has one archive per company.",
        ),
    ]

    @api.readonly
    def web_read(self, specification):
        # the special days shown in the form are logged with the archive's own
        # row (special_day_ids), not once more each
        return super(
            KeyAccountArchive,
            self.with_context(key_account_special_day_read=READ_THROUGH_ARCHIVE),
        ).web_read(specification)

    @api.depends("partner_id")
    def _compute_display_name(self):
        for archive in self:
            archive.display_name = archive.partner_id.display_name or ""

    @api.constrains("partner_id")
    def _check_partner_is_company(self):
        for archive in self:
            if not archive.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "A customer archive is kept for a company, not for the "
                        "person %(partner)s.",
                        partner=archive.partner_id.display_name,
                    )
                )

    def _access_content_view(self):
        return "key_account_service.key_account_archive_view_form_content"

    @api.ondelete(at_uninstall=False)
    def _unlink_if_never_consulted(self):
        if self.filtered("access_log_count"):
            raise UserError(
                self.env._(
                    "An archive that has been consulted keeps its history: "
                    "archive it instead of deleting it."
                )
            )
