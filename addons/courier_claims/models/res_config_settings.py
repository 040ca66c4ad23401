from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    courier_policy_missing = fields.Boolean(compute="_compute_courier_policy_missing")

    # Headquarters' figures: a branch's settings edit its headquarters'.
    courier_cross_branch_hq_amount = fields.Monetary(
        related="policy_company_id.courier_cross_branch_hq_amount",
        readonly=False,
    )
    courier_compensation_account_id = fields.Many2one(
        related="policy_company_id.courier_compensation_account_id",
        readonly=False,
    )
    courier_query_hours = fields.Float(
        related="policy_company_id.courier_query_hours", readonly=False
    )
    courier_complaint_hours_1 = fields.Float(
        related="policy_company_id.courier_complaint_hours_1",
        readonly=False,
    )
    courier_complaint_hours_2 = fields.Float(
        related="policy_company_id.courier_complaint_hours_2",
        readonly=False,
    )
    courier_complaint_hours_3 = fields.Float(
        related="policy_company_id.courier_complaint_hours_3",
        readonly=False,
    )
    courier_complaint_on_time_target = fields.Float(
        related="policy_company_id.courier_complaint_on_time_target",
        readonly=False,
    )
    courier_query_on_time_target = fields.Float(
        related="policy_company_id.courier_query_on_time_target",
        readonly=False,
    )
    courier_repeat_complaint_count = fields.Integer(
        related="policy_company_id.courier_repeat_complaint_count",
        readonly=False,
    )
    courier_repeat_complaint_days = fields.Integer(
        related="policy_company_id.courier_repeat_complaint_days",
        readonly=False,
    )
    courier_complaint_small_amount = fields.Monetary(
        related="policy_company_id.courier_complaint_small_amount",
        readonly=False,
    )
    courier_written_report_hours = fields.Float(
        related="policy_company_id.courier_written_report_hours",
        readonly=False,
    )
    courier_repeat_problem_count = fields.Integer(
        related="policy_company_id.courier_repeat_problem_count",
        readonly=False,
    )
    courier_repeat_problem_days = fields.Integer(
        related="policy_company_id.courier_repeat_problem_days",
        readonly=False,
    )

    courier_report_day = fields.Integer(
        related="policy_company_id.courier_report_day", readonly=False
    )
    courier_analysis_day = fields.Integer(
        related="policy_company_id.courier_analysis_day", readonly=False
    )
    courier_insurance_analysis_day = fields.Integer(
        related="policy_company_id.courier_insurance_analysis_day", readonly=False
    )
    courier_register_start_day = fields.Integer(
        related="policy_company_id.courier_register_start_day", readonly=False
    )
    courier_register_due_hour = fields.Float(
        related="policy_company_id.courier_register_due_hour", readonly=False
    )
    courier_piece_rate_order = fields.Monetary(
        related="policy_company_id.courier_piece_rate_order", readonly=False
    )
    courier_piece_rate_consultation = fields.Monetary(
        related="policy_company_id.courier_piece_rate_consultation", readonly=False
    )
    courier_piece_rate_query = fields.Monetary(
        related="policy_company_id.courier_piece_rate_query", readonly=False
    )
    courier_piece_rate_complaint = fields.Monetary(
        related="policy_company_id.courier_piece_rate_complaint", readonly=False
    )
    courier_insured_target = fields.Float(
        related="policy_company_id.courier_insured_target", readonly=False
    )
    courier_insured_shortfall_rate = fields.Monetary(
        related="policy_company_id.courier_insured_shortfall_rate", readonly=False
    )
    courier_call_service_seconds = fields.Integer(
        related="policy_company_id.courier_call_service_seconds", readonly=False
    )
    courier_call_daily_target = fields.Integer(
        related="policy_company_id.courier_call_daily_target", readonly=False
    )
    courier_call_handling_target = fields.Integer(
        related="policy_company_id.courier_call_handling_target", readonly=False
    )

    @api.depends("company_id")
    def _compute_courier_policy_missing(self):
        for settings in self:
            root = settings.company_id._policy()
            settings.courier_policy_missing = not root._has_own_rows(
                root._courier_policy_models()
            )

    def action_copy_courier_policy(self):
        root = self.company_id.root_id
        root._copy_shipped_rows(root._courier_policy_models())
        return {"type": "ir.actions.client", "tag": "reload"}
