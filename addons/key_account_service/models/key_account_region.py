from odoo import api, fields, models


class KeyAccountRegion(models.Model):
    _name = "key.account.region"
    _description = "Key Account Region"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Headquarters",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The parent company whose branches this region groups.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Regional Manager",
        domain="[('share', '=', False)]",
        tracking=True,
        help="Receives the escalations of the key accounts of this region.",
    )
    branch_ids = fields.One2many(
        "res.company", "key_account_region_id", string="Branches"
    )
    branch_count = fields.Integer(compute="_compute_branch_count")
    branch_summary = fields.Text(
        string="Branches and Levels",
        compute="_compute_branch_summary",
        compute_sudo=True,  # shown whichever companies the reader has active
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "UNIQUE(name, company_id)",
            "A region name must be unique within its company.",
        ),
    ]

    @api.depends("branch_ids.name", "branch_ids.key_account_branch_level")
    def _compute_branch_summary(self):
        levels = dict(
            self.env["res.company"]
            ._fields["key_account_branch_level"]
            ._description_selection(self.env)
        )
        for region in self:
            region.branch_summary = "\n".join(
                f"{branch.name} ({levels.get(branch.key_account_branch_level, '-')})"
                for branch in region.branch_ids.sorted("name")
            )

    @api.depends("branch_ids")
    def _compute_branch_count(self):
        for region in self:
            region.branch_count = len(region.branch_ids)
