from odoo import api, fields, models
from odoo.exceptions import UserError


class LegalChecklistItem(models.Model):
    """One line of the contract-qualification or evidence checklist (LG-1, LG-4)."""

    _name = "legal.checklist.item"
    _description = "Legal Checklist Item"
    _order = "scope, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    scope = fields.Selection(
        [
            ("contract", "Contract Qualification"),
            ("evidence", "Case Evidence"),
            ("filing", "Filing Documents"),
        ],
        required=True,
        default="contract",
    )
    case_role = fields.Selection(
        [
            ("any", "Any Case"),
            ("plaintiff", "As Plaintiff"),
            ("defendant", "As Defendant"),
        ],
        default="any",
        help="Evidence and filing items apply to cases of this role only.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company._policy(),
        help="Empty: every company of the database.",
    )

    @api.model
    def _items_for(self, scope, company, role="any"):
        domain = [
            ("scope", "=", scope),
            "|",
            ("company_id", "=", False),
            ("company_id", "parent_of", company.id),
        ]
        if role != "any":
            domain.append(("case_role", "in", ("any", role)))
        return self.search(domain)

    @api.ondelete(at_uninstall=False)
    def _unlink_unused(self):
        used = self.env["legal.contract.check"].search_count(
            [("item_id", "in", self.ids)], limit=1
        ) or self.env["legal.case.evidence"].search_count(
            [("item_id", "in", self.ids)], limit=1
        )
        if used:
            raise UserError(
                self.env._(
                    "Contracts or cases are checked against this item: "
                    "archive it instead."
                )
            )


class LegalChecklistLine(models.AbstractModel):
    """A ticked (or not) item of a checklist on a contract or a case."""

    _name = "legal.checklist.line"
    _description = "Legal Checklist Line"

    # cascade only ever runs at uninstall: a used item cannot be deleted
    item_id = fields.Many2one("legal.checklist.item", required=True, ondelete="cascade")
    sequence = fields.Integer(related="item_id.sequence", store=True)
    done = fields.Boolean()
    done_by = fields.Many2one("res.users", readonly=True)

    def write(self, vals):
        if "done" in vals:
            vals = dict(vals, done_by=self.env.uid if vals["done"] else False)
        return super().write(vals)
