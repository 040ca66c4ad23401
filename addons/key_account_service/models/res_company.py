from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# policy figures that decide when the qualitative contacts fall
OCCASION_POLICY = {
    "key_account_occasion_lead_days",
    "key_account_major_holidays",
    "key_account_annual_meeting_month",
}


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
        "customers itself.",
    )
    key_account_region_id = fields.Many2one(
        "key.account.region",
        string="Region",
        index=True,
        help="The region whose manager handles this branch's key accounts.",
    )
    # Policy figures of the manual, set on headquarters and used by its branches.
    key_account_reference_months = fields.Integer(
        string="Reference Window (months)",
        default=3,
        help="A key account's reference revenue is its average net revenue over "
        "this many complete months.",
    )
    key_account_national_min_branches = fields.Integer(
        string="National: Cities or Branches",
        default=2,
        help="An account shipping from at least this many cities (its daily "
        "shipments), or invoiced by this many branch companies, in the "
        "reference window may be a national account.",
    )
    key_account_national_min_revenue = fields.Monetary(
        string="National: Monthly Revenue",
        default=100000.0,
        help="...and whose reference revenue reaches this amount.",
    )
    key_account_floor_level_1_2 = fields.Monetary(
        string="Floor of Level 1-2 Branches",
        default=30000.0,
        help="Level 1-2 branches maintain customers from this monthly revenue.",
    )
    key_account_floor_level_3_plus = fields.Monetary(
        string="Floor of Level 3+ Branches",
        default=10000.0,
        help="Level 3+ branches maintain customers from this monthly revenue.",
    )
    key_account_floor_hq = fields.Monetary(
        string="Floor of HQ Support",
        default=100000.0,
        help="Headquarters support customers from this monthly revenue.",
    )
    key_account_visit_grace_days = fields.Integer(
        string="Visit Grace (days)",
        default=3,
        help="A planned contact not done this many days after its date is missed.",
    )
    key_account_occasion_lead_days = fields.Integer(
        string="Greetings and Gifts ahead (working days)",
        default=3,
        help="Holiday greetings and special-day gifts are planned this many "
        "working days before the holiday or the special day.",
    )
    key_account_major_holidays = fields.Char(
        string="Major Holidays",
        default="Spring Festival, Chinese New Year, Dragon Boat, Mid-Autumn, "
        "National Day, 春节, 春節, 除夕, 端午, 中秋, 国庆, 國慶",
        help="Comma-separated parts of the public holidays' names (as loaded in "
        "the working calendar) that make a holiday major: bands greeting on "
        "major holidays only greet before these.",
    )
    key_account_annual_meeting_month = fields.Integer(
        string="Annual Meeting Invitations in Month",
        default=12,
        help="The month (1-12) in which the key accounts whose band invites "
        "them get their invitation to the annual key-account meeting.",
    )

    key_account_hq_filing_amount = fields.Monetary(
        string="HQ Filing from (yearly)",
        default=1000000.0,
        help="Key accounts whose yearly revenue reaches this amount (expected at "
        "handover, or net over the last twelve complete months) have their "
        "archive filed with headquarters.",
    )
    key_account_portfolio_branch = fields.Monetary(
        string="Portfolio Guide of a Branch Manager",
        default=800000.0,
        help="Monthly revenue of the accounts one manager of a branch maintains.",
    )
    key_account_portfolio_hq = fields.Monetary(
        string="Portfolio Guide of an HQ Manager",
        default=1000000.0,
        help="Monthly revenue of the accounts one manager at headquarters maintains.",
    )
    key_account_portfolio_tolerance = fields.Float(
        string="Portfolio Tolerance (%)",
        default=20.0,
        help="A manager whose maintained revenue is more than this far above the "
        "guide is over-loaded, more than this far below it under-loaded.",
    )
    key_account_review_growth = fields.Float(
        string="Review: Revenue Growth to Promote (%)",
        default=30.0,
        help="Maintained customers' revenue growth over the half-year that "
        "proposes a promotion.",
    )
    key_account_review_decline = fields.Float(
        string="Review: Revenue Decline (%)",
        default=10.0,
        help="A decline of maintained revenue this large, without objective cause, "
        "counts toward demotion.",
    )
    key_account_review_drop = fields.Float(
        string="Review: Single-Customer Drop (%)",
        default=20.0,
        help="One customer's monthly revenue falling this far, without objective "
        "cause, proposes dismissal.",
    )
    key_account_review_new_customer = fields.Monetary(
        string="Review: New Customer a Month",
        default=50000.0,
        help="A new customer averaging this much over its first three months "
        "proposes a promotion.",
    )
    key_account_review_good_months = fields.Integer(
        string="Review: Good Evaluations to Promote (months)",
        default=3,
        help="Months of the half-year whose administrative evaluation is good, "
        "with the overall performance growth below, that propose a promotion.",
    )
    key_account_review_overall_growth = fields.Float(
        string="Review: Overall Performance Growth to Promote (%)",
        default=20.0,
        help="Growth of the revenue of every account the manager held, month by "
        "month, that goes with the good evaluations to propose a promotion.",
    )
    key_account_review_failed_demote = fields.Integer(
        string="Review: Failed Evaluations toward Demotion",
        default=1,
        help="Failed monthly evaluations in the half-year that count toward demotion.",
    )
    key_account_review_failed_dismiss = fields.Integer(
        string="Review: Failed Evaluations to Dismiss",
        default=2,
        help="Failed monthly evaluations in the half-year that propose dismissal.",
    )
    key_account_warning_drop = fields.Float(
        string="Warning at Drop (%)",
        default=10.0,
        help="A month this far below the reference revenue opens a warning.",
    )
    key_account_serious_drop = fields.Float(
        string="Serious at Drop (%)",
        default=20.0,
        help="A month this far below the reference revenue is a serious warning.",
    )
    key_account_lost_months = fields.Integer(
        string="Lost after (months)",
        default=3,
        help="An account with no revenue for this many complete months is lost.",
    )
    key_account_warning_deadline_days = fields.Integer(
        string="Warning Deadline (working days)",
        default=5,
        help="Working days the regional manager has to act on a new warning.",
    )

    # satisfaction surveys and return visits (002 part 1 §5, part 5 targets)
    key_account_survey_period_months = fields.Integer(
        string="Satisfaction Survey Every (months)",
        default=3,
        help="Every key account's contacts are surveyed once in this many months.",
    )
    key_account_survey_satisfied_score = fields.Float(
        string="Satisfied from Score (%)",
        default=80.0,
        help="An answer scoring at least this share of the best score is "
        "satisfied (80%: satisfied on every question); below it, the account "
        "manager calls the customer back.",
    )
    key_account_callback_days = fields.Integer(
        string="Return Visit within (working days)",
        default=2,
        help="Working days the account manager has to call the customer back "
        "after a closed incident or complaint or a dissatisfied answer.",
    )
    key_account_callback_target = fields.Float(
        string="Return Visit Target (%)",
        default=96.0,
        help="Return visits to make among those due.",
    )
    key_account_survey_coverage_target = fields.Float(
        string="Survey Coverage Target (%)",
        default=95.0,
        help="Key accounts surveyed among those due.",
    )
    key_account_satisfaction_target = fields.Float(
        string="Satisfaction Target (%)",
        default=95.0,
        help="Satisfied answers among all answers.",
    )

    key_account_commission_day = fields.Integer(
        string="Commission Statements on Day",
        default=10,
        help="Last month's commission statements are drafted on this day.",
    )
    key_account_commission_forfeit_months = fields.Integer(
        string="Commission Forfeited after (months)",
        default=6,
        help="Revenue collected later than this after its invoice date earns no "
        "commission.",
    )
    key_account_commission_since = fields.Date(
        string="Commissions Settled Since",
        help="Collections before this date are never settled on a statement: the "
        "day commissions started to be paid from Odoo.",
    )

    @api.constrains(
        "key_account_warning_drop",
        "key_account_serious_drop",
        "key_account_lost_months",
        "key_account_warning_deadline_days",
    )
    def _check_key_account_warning_figures(self):
        for company in self:
            if not (
                0 < company.key_account_warning_drop <= company.key_account_serious_drop
                and company.key_account_lost_months > 0
                and company.key_account_warning_deadline_days > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the warning drop must be above 0%% and not above "
                        "the serious drop, and the lost window and the warning "
                        "deadline need at least one month and one working day.",
                        company=company.name,
                    )
                )

    @api.constrains(
        "key_account_review_good_months",
        "key_account_review_failed_demote",
        "key_account_review_failed_dismiss",
    )
    def _check_key_account_review_figures(self):
        for company in self:
            if not (
                1 <= company.key_account_review_good_months <= 6
                and 1
                <= company.key_account_review_failed_demote
                <= company.key_account_review_failed_dismiss
                <= 6
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: a half-year has six monthly evaluations; the "
                        "good months to promote and the failed months toward "
                        "demotion and to dismiss lie between 1 and 6, demotion not "
                        "above dismissal.",
                        company=company.name,
                    )
                )

    @api.constrains(
        "key_account_reference_months",
        "key_account_national_min_branches",
        "key_account_national_min_revenue",
        "key_account_floor_level_1_2",
        "key_account_floor_level_3_plus",
        "key_account_floor_hq",
        "key_account_visit_grace_days",
    )
    def _check_key_account_figures(self):
        for company in self:
            if (
                company.key_account_reference_months < 1
                or company.key_account_national_min_branches < 1
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the reference window needs at least one month "
                        "and national detection at least one branch.",
                        company=company.name,
                    )
                )
            amounts = (
                company.key_account_national_min_revenue,
                company.key_account_floor_level_1_2,
                company.key_account_floor_level_3_plus,
                company.key_account_floor_hq,
                company.key_account_visit_grace_days,
            )
            if min(amounts) < 0:
                raise ValidationError(
                    self.env._(
                        "%(company)s: key-account amounts and grace days cannot be "
                        "negative.",
                        company=company.name,
                    )
                )

    @api.constrains(
        "key_account_hq_filing_amount",
        "key_account_portfolio_branch",
        "key_account_portfolio_hq",
        "key_account_portfolio_tolerance",
    )
    def _check_key_account_portfolio_figures(self):
        for company in self:
            if (
                min(
                    company.key_account_hq_filing_amount,
                    company.key_account_portfolio_branch,
                    company.key_account_portfolio_hq,
                )
                < 0
                or not 0 <= company.key_account_portfolio_tolerance < 100
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the HQ filing amount and the portfolio guides "
                        "cannot be negative, and the portfolio tolerance is a "
                        "percentage from 0 to below 100.",
                        company=company.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "key_account_hq_filing_amount" in vals:
            # the accounts of these groups compare with the new amount
            self._policy_recompute(
                "res.partner",
                "key_account_hq_filing_required",
                [("is_key_account", "=", True)],
                company_field="key_account_company_id",
            )
        if OCCASION_POLICY & set(vals):
            # greetings, gifts and invitations move: re-plan the accounts tonight
            self.env["res.partner"].sudo().search(
                [("key_account_company_id", "child_of", self.ids)]
            )._key_account_replan_tonight()
        return res

    def _policy_recompute(self, model, fname, domain=(), company_field="company_id"):
        """Recompute the stored ``fname`` of ``model``'s records (``domain``) in
        these companies' groups: it follows a policy figure of their
        headquarters, which no field path of its compute reaches."""
        records = (
            self.env[model]
            .sudo()
            .search([(company_field, "child_of", self.ids), *domain])
        )
        self.env.add_to_compute(records._fields[fname], records)

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

    @api.constrains(
        "key_account_occasion_lead_days", "key_account_annual_meeting_month"
    )
    def _check_key_account_occasion_figures(self):
        for company in self:
            if company.key_account_occasion_lead_days < 1 or not (
                1 <= company.key_account_annual_meeting_month <= 12
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: greetings and gifts are planned at least one "
                        "working day ahead, and the annual meeting month is from 1 "
                        "to 12.",
                        company=company.name,
                    )
                )

    def _key_account_major_holiday_names(self):
        """The lower-case name parts of the major holidays of this policy."""
        self.ensure_one()
        text = (self.key_account_major_holidays or "").replace("，", ",")
        return [part.strip().lower() for part in text.split(",") if part.strip()]

    def _policy(self):
        """The company whose policy figures this one follows: its headquarters.

        Read as superuser: a branch's user may not be allowed in the
        headquarters company, yet works by its policy.
        """
        self.ensure_one()
        return self.sudo().root_id

    def _key_account_floor(self):
        """Monthly revenue from which this company maintains a customer (KA-5)."""
        self.ensure_one()
        policy = self._policy()
        return {
            "level_1_2": policy.key_account_floor_level_1_2,
            "level_3_plus": policy.key_account_floor_level_3_plus,
            "hq": policy.key_account_floor_hq,
        }.get(self.key_account_branch_level or "hq", policy.key_account_floor_hq)

    @api.constrains(
        "key_account_survey_period_months",
        "key_account_survey_satisfied_score",
        "key_account_callback_days",
        "key_account_callback_target",
        "key_account_survey_coverage_target",
        "key_account_satisfaction_target",
    )
    def _check_key_account_satisfaction_figures(self):
        for company in self:
            rates = (
                company.key_account_survey_satisfied_score,
                company.key_account_callback_target,
                company.key_account_survey_coverage_target,
                company.key_account_satisfaction_target,
            )
            if (
                not 1 <= company.key_account_survey_period_months <= 12
                or company.key_account_callback_days < 1
                or any(not 0 < rate <= 100 for rate in rates)
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: surveys are sent every 1 to 12 months, return "
                        "visits are due in at least one working day, and the "
                        "satisfied score and the targets lie above 0%% and up to "
                        "100%%.",
                        company=company.name,
                    )
                )

    @api.constrains(
        "key_account_commission_day", "key_account_commission_forfeit_months"
    )
    def _check_key_account_commission_figures(self):
        for company in self:
            if not 1 <= company.key_account_commission_day <= 28:
                raise ValidationError(
                    self.env._("Statements are drafted on a day from 1 to 28.")
                )
            if company.key_account_commission_forfeit_months < 1:
                raise ValidationError(
                    self.env._("Commission is forfeited after at least one month.")
                )

    def _key_account_policy_models(self):
        """Configuration each headquarters owns, ordered so references come first."""
        return [
            "key.account.band",
            "key.account.contact.rule",
            "key.account.manager.grade",
            "key.account.commission.rate",
        ]

    def _has_key_account_policy(self):
        return self._has_own_rows(self._key_account_policy_models())

    def _copy_key_account_policy(self):
        return self._copy_shipped_rows(self._key_account_policy_models())

    def _has_own_rows(self, names):
        self.ensure_one()
        return any(
            self.env[name]
            .with_context(active_test=False)
            .search_count([("company_id", "=", self.id)], limit=1)
            for name in names
        )

    def _copy_shipped_rows(self, names):
        """Give this headquarters a copy of the manual's rows shipped with the addons.

        All or nothing: a headquarters that already has any of these rows edits
        them instead, so no copy can point at another company's rows.
        """
        self.ensure_one()
        source = self.env.ref("base.main_company")
        if self.parent_id or self == source:
            raise UserError(
                self.env._(
                    "Only a headquarters other than %(shipped)s receives a copy of "
                    "the shipped configuration; its branches follow it.",
                    shipped=source.name,
                )
            )
        if self._has_own_rows(names):
            raise UserError(
                self.env._(
                    "%(company)s already has its own configuration; edit it "
                    "instead of copying.",
                    company=self.name,
                )
            )
        copies = {}
        for name in names:
            Model = self.env[name].with_context(active_test=False)
            for row in Model.search([("company_id", "=", source.id)]):
                vals = row.copy_data()[0]
                for fname, value in list(vals.items()):
                    field = Model._fields[fname]
                    if fname == "company_id":
                        if field.related:
                            del vals[fname]
                        else:
                            vals[fname] = self.id
                    elif (
                        field.type == "many2one"
                        and (field.comodel_name, value) in copies
                    ):
                        vals[fname] = copies[field.comodel_name, value]
                copies[name, row.id] = Model.create(vals).id
        return len(copies)
