from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    policy_company_id = fields.Many2one(
        "res.company",
        string="Policy of",
        related="company_id.root_id",
        help="Branches follow the figures of their headquarters.",
    )
    key_account_shipment_folder = fields.Char(
        string="Shipment Files Folder",
        config_parameter="key_account_service.shipment_folder",
        help="A folder on the server where the operations system drops its "
        "daily shipment files (CSV in the template's columns); read every hour.",
    )
    key_account_branch_level = fields.Selection(
        related="company_id.key_account_branch_level", readonly=False
    )
    key_account_calendar_id = fields.Many2one(
        related="company_id.resource_calendar_id",
        readonly=False,
        string="Working Calendar",
    )
    key_account_holiday_country_id = fields.Many2one(
        related="company_id.resource_calendar_id.holiday_country_id",
        readonly=False,
    )
    key_account_policy_missing = fields.Boolean(
        compute="_compute_key_account_policy_missing"
    )
    # Headquarters' figures: a branch's settings edit its headquarters'.
    key_account_reference_months = fields.Integer(
        related="policy_company_id.key_account_reference_months",
        readonly=False,
    )
    key_account_national_min_branches = fields.Integer(
        related="policy_company_id.key_account_national_min_branches",
        readonly=False,
    )
    key_account_national_min_revenue = fields.Monetary(
        related="policy_company_id.key_account_national_min_revenue",
        readonly=False,
    )
    key_account_floor_level_1_2 = fields.Monetary(
        related="policy_company_id.key_account_floor_level_1_2",
        readonly=False,
    )
    key_account_floor_level_3_plus = fields.Monetary(
        related="policy_company_id.key_account_floor_level_3_plus",
        readonly=False,
    )
    key_account_floor_hq = fields.Monetary(
        related="policy_company_id.key_account_floor_hq", readonly=False
    )
    key_account_visit_grace_days = fields.Integer(
        related="policy_company_id.key_account_visit_grace_days",
        readonly=False,
    )
    key_account_survey_period_months = fields.Integer(
        related="policy_company_id.key_account_survey_period_months", readonly=False
    )
    key_account_survey_satisfied_score = fields.Float(
        related="policy_company_id.key_account_survey_satisfied_score", readonly=False
    )
    key_account_callback_days = fields.Integer(
        related="policy_company_id.key_account_callback_days", readonly=False
    )
    key_account_callback_target = fields.Float(
        related="policy_company_id.key_account_callback_target", readonly=False
    )
    key_account_survey_coverage_target = fields.Float(
        related="policy_company_id.key_account_survey_coverage_target", readonly=False
    )
    key_account_satisfaction_target = fields.Float(
        related="policy_company_id.key_account_satisfaction_target", readonly=False
    )
    key_account_warning_drop = fields.Float(
        related="policy_company_id.key_account_warning_drop", readonly=False
    )
    key_account_serious_drop = fields.Float(
        related="policy_company_id.key_account_serious_drop", readonly=False
    )
    key_account_lost_months = fields.Integer(
        related="policy_company_id.key_account_lost_months", readonly=False
    )
    key_account_warning_deadline_days = fields.Integer(
        related="policy_company_id.key_account_warning_deadline_days",
        readonly=False,
    )
    key_account_occasion_lead_days = fields.Integer(
        related="policy_company_id.key_account_occasion_lead_days",
        readonly=False,
    )
    key_account_major_holidays = fields.Char(
        related="policy_company_id.key_account_major_holidays",
        readonly=False,
    )
    key_account_annual_meeting_month = fields.Integer(
        related="policy_company_id.key_account_annual_meeting_month",
        readonly=False,
    )
    key_account_hq_filing_amount = fields.Monetary(
        related="policy_company_id.key_account_hq_filing_amount",
        readonly=False,
    )
    key_account_portfolio_branch = fields.Monetary(
        related="policy_company_id.key_account_portfolio_branch",
        readonly=False,
    )
    key_account_portfolio_hq = fields.Monetary(
        related="policy_company_id.key_account_portfolio_hq",
        readonly=False,
    )
    key_account_portfolio_tolerance = fields.Float(
        related="policy_company_id.key_account_portfolio_tolerance",
        readonly=False,
    )
    key_account_review_growth = fields.Float(
        related="policy_company_id.key_account_review_growth",
        readonly=False,
    )
    key_account_review_decline = fields.Float(
        related="policy_company_id.key_account_review_decline",
        readonly=False,
    )
    key_account_review_drop = fields.Float(
        related="policy_company_id.key_account_review_drop", readonly=False
    )
    key_account_review_new_customer = fields.Monetary(
        related="policy_company_id.key_account_review_new_customer",
        readonly=False,
    )
    key_account_review_good_months = fields.Integer(
        related="policy_company_id.key_account_review_good_months",
        readonly=False,
    )
    key_account_review_overall_growth = fields.Float(
        related="policy_company_id.key_account_review_overall_growth",
        readonly=False,
    )
    key_account_review_failed_demote = fields.Integer(
        related="policy_company_id.key_account_review_failed_demote",
        readonly=False,
    )
    key_account_review_failed_dismiss = fields.Integer(
        related="policy_company_id.key_account_review_failed_dismiss",
        readonly=False,
    )
    key_account_commission_day = fields.Integer(
        related="policy_company_id.key_account_commission_day",
        readonly=False,
    )
    key_account_commission_forfeit_months = fields.Integer(
        related="policy_company_id.key_account_commission_forfeit_months",
        readonly=False,
    )
    key_account_commission_since = fields.Date(
        related="policy_company_id.key_account_commission_since",
        readonly=False,
    )

    @api.depends("company_id")
    def _compute_key_account_policy_missing(self):
        for settings in self:
            root = settings.company_id._policy()
            settings.key_account_policy_missing = not root._has_key_account_policy()

    def action_load_public_holidays(self):
        self.ensure_one()
        return self.company_id.resource_calendar_id.action_load_public_holidays()

    def action_copy_key_account_policy(self):
        self.company_id.root_id._copy_key_account_policy()
        return {"type": "ir.actions.client", "tag": "reload"}
