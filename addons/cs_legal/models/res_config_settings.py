from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Headquarters' figures: a branch's settings edit its headquarters'.
    legal_review_hours = fields.Float(
        related="policy_company_id.legal_review_hours", readonly=False
    )
    legal_contract_amount = fields.Monetary(
        related="policy_company_id.legal_contract_amount", readonly=False
    )
    legal_signing_target = fields.Float(
        related="policy_company_id.legal_signing_target", readonly=False
    )
    legal_report_day = fields.Integer(
        related="policy_company_id.legal_report_day", readonly=False
    )
    legal_renewal_days = fields.Integer(
        related="policy_company_id.legal_renewal_days", readonly=False
    )
    legal_borrow_days = fields.Integer(
        related="policy_company_id.legal_borrow_days", readonly=False
    )
    legal_evidence_days = fields.Integer(
        related="policy_company_id.legal_evidence_days", readonly=False
    )
    legal_filing_days = fields.Integer(
        related="policy_company_id.legal_filing_days", readonly=False
    )
    legal_answer_days = fields.Integer(
        related="policy_company_id.legal_answer_days", readonly=False
    )
    legal_preservation_ruling_hours = fields.Integer(
        related="policy_company_id.legal_preservation_ruling_hours",
        readonly=False,
    )
    legal_preservation_suit_days = fields.Integer(
        related="policy_company_id.legal_preservation_suit_days",
        readonly=False,
    )
    legal_limitation_years = fields.Integer(
        related="policy_company_id.legal_limitation_years", readonly=False
    )
    legal_hq_report_amount = fields.Monetary(
        related="policy_company_id.legal_hq_report_amount", readonly=False
    )
    legal_hq_take_part_amount = fields.Monetary(
        related="policy_company_id.legal_hq_take_part_amount",
        readonly=False,
    )
    legal_fee_schedule_id = fields.Many2one(
        related="policy_company_id.legal_fee_schedule_id", readonly=False
    )
