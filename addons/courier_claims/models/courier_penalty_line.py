from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)

# Marks the write that puts a line on its statement (an object, so no
# client's context can carry it).
_ATTACHING = object()
# What a deduction line takes from its share: nobody edits it by hand.
SHARE_FIELDS = {"kind", "user_id", "company_id", "amount", "incident_id", "share_id"}


class CourierPenaltyLine(models.Model):
    """A deduction or a fine of one person in one month (001 理赔管理制度 §4).

    Deductions are the staff shares of paid incidents, written when the
    incident is paid; fines are recorded by the claims handler or CS manager
    within their type's amounts. Each line belongs to its branch's monthly
    rewards-and-penalties statement (监察奖罚明细) and changes only while that
    statement is a draft.
    """

    _name = "courier.penalty.line"
    _description = "Penalty Line"
    _order = "month desc, company_id, user_id, date, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Staff Member", required=True, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    month = fields.Date(
        string="Payroll Month",
        required=True,
        index=True,
        help="The month whose statement counts the line: the month of its "
        "date, or the next open one once that statement is confirmed.",
    )
    kind = fields.Selection(
        [("deduction", "Compensation Share"), ("fine", "Fine")],
        required=True,
        default="fine",
    )
    # the headquarters' catalogue: checked by _check_type_policy
    type_id = fields.Many2one(
        "courier.penalty.type",
        string="Penalty Type",
        domain="[('company_id', 'parent_of', company_id)]",
    )
    amount = fields.Monetary(required=True)
    reason = fields.Text(required=True)
    incident_id = fields.Many2one(
        "courier.incident", index=True, ondelete="restrict", check_company=True
    )
    share_id = fields.Many2one(
        "courier.incident.share", readonly=True, ondelete="restrict", copy=False
    )
    statement_id = fields.Many2one(
        "courier.penalty.statement",
        readonly=True,
        index=True,
        ondelete="restrict",
        copy=False,
    )

    _sql_constraints = [
        (
            "share_uniq",
            "UNIQUE(share_id)",
            "A share of a compensation is deducted once.",
        ),
        ("amount_positive", "CHECK(amount > 0)", "A penalty is more than 0."),
    ]

    @api.depends("user_id", "amount", "month")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.user_id.name} {line.month:%Y-%m}"
                if line.month
                else line.user_id.name
            )

    @api.onchange("type_id")
    def _onchange_type_id(self):
        if self.type_id:
            self.amount = self.type_id.amount_default

    @api.constrains("type_id", "company_id")
    def _check_type_policy(self):
        for line in self.filtered("type_id"):
            if line.type_id.company_id != line.company_id._policy():
                raise ValidationError(
                    self.env._(
                        "%(type)s is not a penalty type of %(company)s's headquarters.",
                        type=line.type_id.name,
                        company=line.company_id.name,
                    )
                )

    @api.constrains("kind", "share_id")
    def _check_deduction_share(self):
        if self.filtered(lambda line: line.kind == "deduction" and not line.share_id):
            raise ValidationError(
                self.env._(
                    "A compensation share is deducted from its paid incident; "
                    "record anything else as a fine."
                )
            )

    @api.constrains("kind", "type_id", "amount")
    def _check_fine_amount(self):
        for line in self.filtered(lambda line: line.kind == "fine"):
            if not line.type_id:
                raise ValidationError(self.env._("A fine has its penalty type."))
            if line.type_id._out_of_bounds(line.amount):
                raise ValidationError(
                    self.env._(
                        "A fine for %(type)s is between %(low)s and %(high)s, "
                        "not %(amount)s.",
                        type=line.type_id.name,
                        low=line.type_id.amount_min,
                        high=line.type_id.amount_max,
                        amount=line.amount,
                    )
                )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("share_id") and not self.env.su:
                raise UserError(
                    self.env._("Deductions come from the paid incidents only.")
                )
            vals.setdefault("date", fields.Date.context_today(self))
            vals["month"] = first_of_month(
                fields.Date.to_date(vals.get("month") or vals["date"])
            )
        lines = super().create(vals_list)
        lines._attach_to_statements()
        return lines

    def write(self, vals):
        if self.env.context.get("courier_penalty_attach") is _ATTACHING:
            return super().write(vals)
        if "statement_id" in vals:
            raise UserError(self.env._("A line joins the statement of its month."))
        self._check_editable()
        if set(vals) & SHARE_FIELDS and self.filtered("share_id"):
            raise UserError(
                self.env._(
                    "A deduction follows its incident's share: it is not edited."
                )
            )
        if vals.get("month"):
            vals["month"] = first_of_month(fields.Date.to_date(vals["month"]))
        res = super().write(vals)
        if {"company_id", "month"} & set(vals):
            self._attach_to_statements()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_fines(self):
        self._check_editable()
        if self.filtered("share_id"):
            raise UserError(
                self.env._("A deduction follows its incident's share: it stays.")
            )

    def _check_editable(self):
        closed = self.statement_id.filtered(lambda s: s.state != "draft")
        if closed:
            raise UserError(
                self.env._(
                    "Statement %(names)s is past its draft: its lines no longer "
                    "change.",
                    names=", ".join(closed.mapped("name")),
                )
            )

    # ------------------------------------------------------------
    # STATEMENTS
    # ------------------------------------------------------------

    def _attach_to_statements(self):
        """Each line joins its branch's statement of its month, drafted when
        the month has none. A month whose statement is past its draft takes
        no new line: a deduction moves on to the next open month, a fine is
        refused."""
        Statement = self.env["courier.penalty.statement"].sudo()
        for line in self:
            month = line.month
            statement = Statement.search(
                [("company_id", "=", line.company_id.id), ("month", "=", month)]
            )
            while statement and statement.state != "draft":
                if not line.share_id:
                    label = month.strftime("%Y-%m")
                    raise UserError(
                        self.env._(
                            "The rewards-and-penalties statement of %(month)s "
                            "is %(state)s: record the fine in a later month or "
                            "return the statement to draft.",
                            month=label,
                            state=statement._workflow_state_label(statement.state),
                        )
                    )
                month = add_months(month, 1)
                statement = Statement.search(
                    [("company_id", "=", line.company_id.id), ("month", "=", month)]
                )
            if not statement:
                statement = Statement.with_company(line.company_id).create(
                    {"company_id": line.company_id.id, "month": month}
                )
            line.sudo().with_context(courier_penalty_attach=_ATTACHING).write(
                {"statement_id": statement.id, "month": month}
            )
