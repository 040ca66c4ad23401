from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Policy figures of the manual, set on headquarters and used by its branches.
    legal_review_hours = fields.Float(
        string="Contract Review (working hours)",
        default=4.0,
        help="A contract sent to legal review is answered within this many "
        "working hours of the company calendar.",
    )
    legal_contract_amount = fields.Monetary(
        string="Contract Needed from (monthly invoiced)",
        default=10000.0,
        help="Besides key accounts, customers invoiced at least this much in a "
        "month need a signed contract.",
    )
    legal_signing_target = fields.Float(string="Signing Rate Target (%)", default=100.0)
    legal_report_day = fields.Integer(
        string="Monthly Legal Report Due (day)",
        default=5,
        help="Last month's signing report is generated before this day.",
    )
    legal_renewal_days = fields.Integer(
        string="Renewal Reminder (days before end)", default=30
    )
    legal_borrow_days = fields.Integer(
        string="Default Borrowing Period (days)", default=7
    )
    legal_evidence_days = fields.Integer(
        string="Evidence Collection (working days)", default=5
    )
    legal_filing_days = fields.Integer(
        string="Filing after Evidence (working days)", default=5
    )
    legal_answer_days = fields.Integer(string="Answer after Service (days)", default=15)
    legal_preservation_ruling_hours = fields.Integer(
        string="Preservation Ruling (hours)", default=48
    )
    legal_preservation_suit_days = fields.Integer(
        string="Suit after Preservation (days)", default=15
    )
    legal_limitation_years = fields.Integer(
        string="Limitation Period (years)",
        default=2,
        help="The manual says 2 years; the PRC Civil Code (2021) says 3.",
    )
    legal_hq_report_amount = fields.Monetary(
        string="Cases Reported to HQ from", default=10000.0
    )
    legal_hq_take_part_amount = fields.Monetary(
        string="HQ Legal Takes Part from", default=100000.0
    )
    legal_court_approver_id = fields.Many2one(
        "res.users",
        string="Court Sign-off Approver",
        help="Signs off this branch's cases entering proceedings, besides its "
        "general managers.",
    )
    legal_fee_schedule_id = fields.Many2one(
        "legal.fee.schedule",
        string="Court Fee Schedule",
        default=lambda self: self.env.ref(
            "cs_legal.legal_fee_schedule_manual", raise_if_not_found=False
        ),
    )

    def _legal_litigates(self):
        """Whether the company litigates itself: headquarters and level 1-2
        branches do, level 3+ branches go through them (000 §2.2(二)4)."""
        self.ensure_one()
        return (self.key_account_branch_level or "hq") in ("hq", "level_1_2")

    def _legal_litigating_company(self):
        """The company that litigates for this one: itself, or the nearest
        level 1-2 branch above it, or headquarters."""
        self.ensure_one()
        for company in self | self.parent_ids.sorted(
            lambda c: -len(c.parent_path or "")
        ):
            if company._legal_litigates():
                return company
        return self.browse()

    def write(self, vals):
        res = super().write(vals)
        if "legal_renewal_days" in vals:
            # the contracts' stored renewal day follows the new notice
            self._policy_recompute(
                "legal.contract", "renewal_due", [("date_end", "!=", False)]
            )
        return res

    @api.constrains(
        "legal_review_hours",
        "legal_contract_amount",
        "legal_signing_target",
        "legal_report_day",
        "legal_renewal_days",
        "legal_borrow_days",
        "legal_evidence_days",
        "legal_filing_days",
        "legal_answer_days",
        "legal_preservation_ruling_hours",
        "legal_preservation_suit_days",
        "legal_limitation_years",
        "legal_hq_report_amount",
        "legal_hq_take_part_amount",
    )
    def _check_legal_policy(self):
        for company in self:
            if (
                min(
                    company.legal_review_hours,
                    company.legal_contract_amount,
                    company.legal_renewal_days,
                    company.legal_evidence_days,
                    company.legal_filing_days,
                    company.legal_answer_days,
                    company.legal_preservation_ruling_hours,
                    company.legal_preservation_suit_days,
                    company.legal_hq_report_amount,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Legal deadlines and amounts cannot be negative.")
                )
            if company.legal_borrow_days < 1 or company.legal_limitation_years < 1:
                raise ValidationError(
                    self.env._(
                        "The borrowing period and the limitation period are at "
                        "least one day and one year."
                    )
                )
            if not 1 <= company.legal_report_day <= 28:
                raise ValidationError(
                    self.env._("The legal report day is between 1 and 28.")
                )
            if not 0 < company.legal_signing_target <= 100:
                raise ValidationError(
                    self.env._("The signing rate target is a percentage up to 100.")
                )
            if company.legal_hq_take_part_amount < company.legal_hq_report_amount:
                raise ValidationError(
                    self.env._(
                        "HQ legal takes part in cases it is reported, so its "
                        "amount cannot be below the reporting amount."
                    )
                )
