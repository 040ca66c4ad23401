from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    key_account_branch_level = fields.Selection(
        [
            ("hq", "Headquarters"),
            ("level_1_2", "Level 1-2 Branch"),
            ("level_3_plus", "Level 3+ Branch"),
        ],
        string="Branch Level",
        help="Decides the monthly revenue from which this branch maintains "
        "customers itself (KA-5).",
    )
    key_account_region_id = fields.Many2one(
        "key.account.region",
        string="Region",
        index=True,
        help="The region whose manager handles this branch's key accounts.",
    )

    @api.constrains("key_account_region_id", "parent_id")
    def _check_key_account_region(self):
        for company in self:
            region = company.key_account_region_id
            if region and region.company_id not in (company | company.parent_ids):
                raise ValidationError(
                    self.env._(
                        "Branch %(branch)s cannot belong to region %(region)s: "
                        "the region belongs to %(company)s, which is not this "
                        "branch's headquarters.",
                        branch=company.name,
                        region=region.name,
                        company=region.company_id.name,
                    )
                )
