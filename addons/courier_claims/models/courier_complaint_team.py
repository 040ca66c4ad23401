from odoo import api, fields, models

from .courier_complaint_category import DEPARTMENTS


class CourierComplaintTeam(models.Model):
    """The people of a branch's department who handle its complaints (CL-8)."""

    _name = "courier.complaint.team"
    _description = "Complaint Team"
    _order = "company_id, department"
    # a branch without its own team uses its parent's
    _check_company_domain = models.check_company_domain_parent_of

    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department = fields.Selection(DEPARTMENTS, required=True)
    leader_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        required=True,
        help="Gets each new complaint.",
    )
    member_ids = fields.Many2many("res.users", string="Members")

    _sql_constraints = [
        (
            "company_department_uniq",
            "UNIQUE(company_id, department)",
            "A branch has one team per department.",
        ),
    ]

    @api.depends("company_id", "department")
    def _compute_display_name(self):
        labels = dict(self._fields["department"]._description_selection(self.env))
        for team in self:
            team.display_name = (
                f"{team.company_id.name} / {labels.get(team.department, '')}"
            )

    @api.model
    def _for(self, department, company):
        """The team of ``department`` in ``company`` or its nearest parent."""
        for owner in reversed(company.parent_ids):
            team = self.search(
                [("company_id", "=", owner.id), ("department", "=", department)],
                limit=1,
            )
            if team:
                return team
        return self.browse()
