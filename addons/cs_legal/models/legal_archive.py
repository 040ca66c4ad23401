from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

ARCHIVE_TYPES = [
    ("contract_review", "Contract Review"),
    ("consultation", "Consultation"),
    ("litigation", "Litigation"),
    ("legal_opinion", "Legal Opinion"),
]


class LegalArchive(models.Model):
    """A confidential legal archive of a branch (LG-3); every look is logged."""

    _name = "legal.archive"
    _description = "Legal Archive"
    _inherit = [
        "mail.thread",
        "sequence.reference.mixin",
        "access.logged.mixin",
    ]
    _order = "id desc"
    _access_logged_fields = ("summary", "conclusion")
    _access_manager_group = "cs_legal.cs_legal_group_manager"

    title = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    archive_type = fields.Selection(
        ARCHIVE_TYPES, string="Type", required=True, default="contract_review"
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one("res.partner", string="Customer or Counterparty")
    contract_id = fields.Many2one("legal.contract", index=True)
    case_id = fields.Many2one("legal.case", index=True)
    keeper_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, tracking=True
    )
    location = fields.Char(string="Shelf", tracking=True)
    view_in_place = fields.Boolean(
        tracking=True,
        help="Originals and customer documents are read in the archive room "
        "only: never lent, downloaded, printed or exported.",
    )
    summary = fields.Html(sanitize=True, copy=False)
    conclusion = fields.Html(string="Opinion or Outcome", sanitize=True, copy=False)
    borrow_ids = fields.One2many("legal.archive.borrow", "archive_id")
    borrowed = fields.Boolean(compute="_compute_borrowed", store=True)

    @api.depends("borrow_ids.state")
    def _compute_borrowed(self):
        for archive in self:
            archive.borrowed = "borrowed" in archive.borrow_ids.mapped("state")

    @api.depends("name", "title")
    def _compute_display_name(self):
        for archive in self:
            archive.display_name = f"{archive.name} {archive.title or ''}".strip()

    def _is_view_in_place(self):
        return self.view_in_place

    def _access_content_view(self):
        return "cs_legal.legal_archive_view_form_content"

    def write(self, vals):
        if (
            "view_in_place" in vals
            and vals["view_in_place"]
            and self.filtered("borrowed")
        ):
            raise UserError(
                self.env._("A lent archive becomes view-in-place once it is returned.")
            )
        changed = self.browse()
        if "view_in_place" in vals and not self.env.su:
            changed = self.filtered(
                lambda a: a.view_in_place != bool(vals["view_in_place"])
            )
            if changed and not self.env.user.has_group(self._access_manager_group):
                raise AccessError(
                    self.env._(
                        "Only a legal manager may change whether an archive is "
                        "viewed in place."
                    )
                )
        result = super().write(vals)
        if changed:
            changed._register_access(
                "in_place",
                self.env._("Viewed in place from now on")
                if vals["view_in_place"]
                else self.env._("No longer viewed in place"),
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_if_never_consulted(self):
        if self.filtered(lambda a: a.access_log_count or a.borrow_ids):
            raise UserError(
                self.env._(
                    "An archive that has been consulted or lent keeps its "
                    "history: archive it instead of deleting it."
                )
            )

    def action_borrow(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Borrow %s", self.display_name),
            "res_model": "legal.archive.borrow",
            "view_mode": "form",
            "target": "new",
            "context": {"default_archive_id": self.id},
        }

    def action_view_borrowings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Borrowings"),
            "res_model": "legal.archive.borrow",
            "view_mode": "list,form",
            "domain": [("archive_id", "=", self.id)],
            "context": {"default_archive_id": self.id},
        }
