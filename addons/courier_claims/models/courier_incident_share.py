from odoo import api, fields, models
from odoo.tools import formatLang

from ..tools.claims import split
from .courier_incident import SPLIT_CHECKED_BY_INCIDENT


class CourierIncidentShare(models.Model):
    """Who bears which part of a payout (CL-6)."""

    _name = "courier.incident.share"
    _description = "Incident Responsibility Share"
    _order = "incident_id, percent desc, id"
    _check_company_auto = True

    incident_id = fields.Many2one(
        "courier.incident", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="incident_id.company_id", store=True, string="Company"
    )
    currency_id = fields.Many2one(related="incident_id.currency_id")
    party_type = fields.Selection(
        [("staff", "Staff"), ("branch", "Branch"), ("carrier", "Carrier")],
        required=True,
        default="staff",
    )
    employee_user_id = fields.Many2one("res.users", string="Staff Member")
    # another branch of the group, by definition: no company check
    branch_id = fields.Many2one("res.company", string="Responsible Branch")
    carrier_id = fields.Many2one("res.partner", check_company=True)
    percent = fields.Float(string="Share (%)", digits=(5, 2), required=True)
    amount = fields.Monetary(compute="_compute_amount")

    _sql_constraints = [
        (
            "percent_range",
            "CHECK(percent > 0 AND percent <= 100)",
            "A share is more than 0% and at most 100%.",
        ),
    ]

    @api.depends("percent", "incident_id.compensation", "incident_id.share_ids")
    def _compute_amount(self):
        for incident in self.incident_id:
            shares = incident.share_ids
            amounts = split(incident.compensation, shares.mapped("percent"))
            for share, amount in zip(shares, amounts, strict=True):
                if share in self:
                    share.amount = amount
        for share in self - self.incident_id.share_ids:
            share.amount = 0.0

    @api.model_create_multi
    def create(self, vals_list):
        incidents = self.env["courier.incident"].browse(
            [vals.get("incident_id") for vals in vals_list]
        )
        incidents._check_shares_editable()
        shares = super().create(vals_list)
        shares._check_whole_split(shares.incident_id)
        return shares

    def write(self, vals):
        self.incident_id._check_shares_editable()
        moved_to = self.incident_id.browse(vals.get("incident_id"))
        moved_to._check_shares_editable()
        before = self.incident_id
        res = super().write(vals)
        self._check_whole_split(before | self.incident_id)
        return res

    def _check_whole_split(self, incidents):
        if self.env.context.get("courier_incident_split") is not (
            SPLIT_CHECKED_BY_INCIDENT
        ):
            incidents._check_shares()

    @api.ondelete(at_uninstall=False)
    def _unlink_leaving_a_whole_split(self):
        self.incident_id._check_shares_editable()
        if self.env.context.get("courier_incident_split") is SPLIT_CHECKED_BY_INCIDENT:
            return
        for incident in self.incident_id:
            incident._check_shares(incident.share_ids - self)

    # ------------------------------------------------------------
    # CONSEQUENCES (001 理赔管理制度 §4)
    # ------------------------------------------------------------

    def _charge_staff(self):
        """The staff shares of paid incidents: each becomes a deduction line
        of its person's month, and the person is told the amount (通知责任人
        赔偿金额). Idempotent: a share already deducted is left alone, so its
        person is told once."""
        shares = self.filtered(
            lambda share: (
                share.party_type == "staff"
                and share.employee_user_id
                and share.incident_id.state in ("paid", "closed")
                and not share.currency_id.is_zero(share.amount)
            )
        )
        Line = self.env["courier.penalty.line"].sudo()
        charged = Line.search([("share_id", "in", shares.ids)]).share_id
        for share in shares - charged:
            incident = share.incident_id
            Line.with_company(incident.company_id).create(
                {
                    "company_id": incident.company_id.id,
                    "user_id": share.employee_user_id.id,
                    "date": incident.payout_date or fields.Date.context_today(self),
                    "kind": "deduction",
                    "amount": share.amount,
                    "reason": self.env._(
                        "%(percent)s%% of the compensation of %(incident)s",
                        percent=share.percent,
                        incident=incident.name,
                    ),
                    "incident_id": incident.id,
                    "share_id": share.id,
                }
            )
            share._tell_responsible()

    def _tell_responsible(self):
        """An activity for the responsible person on the incident, with the
        amount they bear; they see it in their activities even without
        access to claims."""
        self.ensure_one()
        incident = self.incident_id
        reader = incident.sudo()._key_account_for_reader(
            self.employee_user_id, incident.company_id
        )
        summary = reader.env._(
            "Your share of %(incident)s: %(amount)s",
            incident=incident.name,
            amount=formatLang(reader.env, self.amount, currency_obj=self.currency_id),
        )
        reader.activity_schedule(
            "courier_claims.mail_act_courier_liability",
            summary=summary,
            note=reader.env._(
                "You bear %(percent)s%% of the compensation paid for waybill "
                "%(waybill)s. The amount is deducted in your rewards-and-"
                "penalties statement.",
                percent=self.percent,
                waybill=incident.waybill or "",
            ),
            user_id=self.employee_user_id.id,
        )
