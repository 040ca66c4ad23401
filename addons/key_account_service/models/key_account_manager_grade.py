from odoo import api, fields, models

LEVELS = [
    ("specialist", "Account Specialist"),
    ("manager", "Account Manager"),
    ("senior", "Senior Account Manager"),
]


class KeyAccountManagerGrade(models.Model):
    """A rung of the account-manager ladder: 3 levels x grades C, B, A (KA-7)."""

    _name = "key.account.manager.grade"
    _description = "Account Manager Grade"
    _order = "company_id, rank"

    # Not stored: the level reads in the reader's language.
    name = fields.Char(compute="_compute_name", search="_search_name")
    level = fields.Selection(LEVELS, required=True)
    grade = fields.Selection([("C", "C"), ("B", "B"), ("A", "A")], required=True)
    rank = fields.Integer(
        required=True, help="Position on the ladder: a promotion moves one rank up."
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company._policy(),
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    min_base_pay = fields.Monetary(
        string="Minimum Base Pay", help="The lowest monthly base pay of the grade."
    )

    _sql_constraints = [
        ("rank_uniq", "UNIQUE(company_id, rank)", "Two grades cannot share a rank."),
        ("pay_positive", "CHECK(min_base_pay >= 0)", "Base pay cannot be negative."),
    ]

    @api.depends_context("lang")
    @api.depends("level", "grade")
    def _compute_name(self):
        levels = dict(self._fields["level"]._description_selection(self.env))
        for grade in self:
            grade.name = f"{levels.get(grade.level, '')} {grade.grade or ''}".strip()

    @api.depends_context("lang")
    @api.depends("name")
    def _compute_display_name(self):
        # the name is in the reader's language, so is the display name
        return super()._compute_display_name()

    def _search_name(self, operator, value):
        # the name as the reader sees it, matched over the ladder's few rungs
        ladder = self.search([("level", "!=", False)])
        matching = ladder.filtered_domain([("name", operator, value)])
        return [("id", "in", matching.ids)]

    def _step(self, steps):
        """The grade ``steps`` ranks above (below if negative); this one at the ends."""
        self.ensure_one()
        other = self.search(
            [("company_id", "=", self.company_id.id), ("rank", "=", self.rank + steps)],
            limit=1,
        )
        return other or self
