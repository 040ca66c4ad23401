from odoo import api, fields, models
from odoo.exceptions import UserError

from .courier_incident import STATE_ORDER


class CourierDeadlineRule(models.Model):
    """A step of the deadline ladder (CL-4), counted from the incident date."""

    _name = "courier.deadline.rule"
    _description = "Incident Deadline Step"
    _order = "company_id, sequence, id"
    # headquarters' rules serve its branches
    _check_company_domain = models.check_company_domain_parent_of

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company._policy(),
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True, translate=True)
    # not "Delay": that word is already the late-delivery incident kind
    delay = fields.Integer(
        string="Time Allowed",
        required=True,
        help="How long the step may take, in the unit beside it.",
    )
    unit = fields.Selection(
        [
            ("minutes", "Minutes"),
            ("hours", "Hours"),
            ("working_days", "Working Days"),
            ("months", "Months"),
        ],
        required=True,
        default="working_days",
    )
    applies_to = fields.Selection(
        [
            ("all", "Every Incident"),
            ("serious", "Major, or beyond the Branch's Authority"),
            ("insured", "Insured Parcels"),
            ("recovery", "Unsettled Network Recoveries"),
        ],
        required=True,
        default="all",
    )
    done_state = fields.Selection(
        selection="_selection_done_state",
        string="Done When Reaching",
        help="The step is done once the incident reaches this state; empty: "
        "the handler marks it done.",
    )
    done_insurance_state = fields.Selection(
        [
            ("reported", "Reported to the Insurer"),
            ("proposal", "Proposal Received"),
            ("settled", "Settled"),
        ],
        string="Done When the Insurance Claim Is",
        help="For insured parcels: the step is done once the insurance claim "
        "reaches this state.",
    )
    done_template_id = fields.Many2one(
        "mail.template",
        string="Done When Sent",
        domain=[("model", "=", "courier.incident")],
        help="The step is done once a message is sent on the incident with this "
        "letter (mail template).",
    )
    done_on_first_report = fields.Boolean(
        string="Done When the First Report Is Recorded",
        help="The step is done once the incident has its first report: who "
        "reported to whom, and when.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    min_loss_amount = fields.Monetary(
        string="Loss Above",
        help="The step applies only when the incident's loss amount (its first "
        "loss estimate until the loss is entered) is strictly above this "
        "amount; zero: whatever the loss.",
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Done by",
        help="Members of this group in the incident's branch get the step; "
        "empty: the incident's handler.",
    )
    escalate_group_id = fields.Many2one(
        "res.groups",
        string="Overdue Goes to",
        required=True,
        help="Members of this group in the incident's branch are alerted when "
        "the step is overdue.",
    )

    _sql_constraints = [
        ("delay_positive", "CHECK(delay > 0)", "A step takes some time."),
        (
            "min_loss_amount_not_negative",
            "CHECK(min_loss_amount >= 0)",
            "The loss threshold of a step cannot be negative.",
        ),
    ]

    @api.model
    def _selection_done_state(self):
        # the labels in the reader's language, as the incident's own field shows them
        states = self.env["courier.incident"]._fields["state"]
        return [
            (key, label)
            for key, label in states._description_selection(self.env)
            if key in STATE_ORDER[1:]
        ]

    def _applies(self, incident, applies_to):
        """Whether the step is on ``incident``'s ladder, ``applies_to`` the
        kinds of incident it is (every, serious, insured)."""
        self.ensure_one()
        return self.applies_to in applies_to and (
            not self.min_loss_amount
            or incident.currency_id.compare_amounts(
                incident._threshold_loss(), self.min_loss_amount
            )
            > 0
        )

    def _due(self, incident):
        """When this step is due for ``incident``, on its branch's calendar."""
        self.ensure_one()
        calendar = incident.company_id.resource_calendar_id
        return calendar._key_account_deadline(
            incident.incident_date, self.delay, self.unit
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_unused(self):
        if self.env["courier.incident.deadline"].search_count(
            [("rule_id", "in", self.ids)], limit=1
        ):
            raise UserError(
                self.env._("Incidents have followed this step: it cannot be deleted.")
            )
