from odoo import api, fields, models

PERIODS = [
    ("1", "Month"),
    ("2", "2 Months"),
    ("3", "Quarter"),
    ("6", "Half-Year"),
    ("12", "Year"),
]


class KeyAccountContactRule(models.Model):
    """One cell of the contact-frequency matrix: a contact type in a cadence band."""

    _name = "key.account.contact.rule"
    _description = "Key Account Contact Rule"
    _order = "band_id, contact_type_sequence, id"

    band_id = fields.Many2one(
        "key.account.band",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('band_set', '=', 'cadence')]",
    )
    company_id = fields.Many2one(related="band_id.company_id", store=True)
    contact_type_id = fields.Many2one(
        "key.account.contact.type", required=True, index=True, ondelete="cascade"
    )
    contact_type_sequence = fields.Integer(
        related="contact_type_id.sequence", store=True
    )
    kind = fields.Selection(
        [
            ("periodic", "Contacts per Period"),
            ("per_incident", "Per Service Incidents"),
            ("qualitative", "As Judged"),
            ("none", "Not Required"),
        ],
        required=True,
        default="periodic",
    )
    count = fields.Integer(default=1, help="Contacts per period.")
    period = fields.Selection(PERIODS, default="1")
    incident_count = fields.Integer(
        string="Every N Incidents",
        default=1,
        help="One apology in person after this many service incidents.",
    )
    level = fields.Selection(
        [
            ("appropriate", "As Appropriate"),
            ("major", "Major Occasions"),
            ("all", "All Occasions"),
            ("invite", "Invite"),
            ("priority_invite", "Priority Invite"),
        ],
    )
    summary = fields.Char(compute="_compute_summary")

    _sql_constraints = [
        (
            "band_type_uniq",
            "UNIQUE(band_id, contact_type_id)",
            "A contact type has one rule per band.",
        ),
        (
            "counts_positive",
            "CHECK(count >= 0 AND incident_count > 0)",
            (
                "Contact counts cannot be negative and an apology needs at least "
                "one incident."
            ),
        ),
    ]

    @api.depends("kind", "count", "period", "incident_count", "level")
    def _compute_summary(self):
        periods = dict(self._fields["period"]._description_selection(self.env))
        levels = dict(self._fields["level"]._description_selection(self.env))
        for rule in self:
            if rule.kind == "periodic":
                rule.summary = self.env._(
                    "%(count)s per %(period)s",
                    count=rule.count,
                    period=periods.get(rule.period, "").lower(),
                )
            elif rule.kind == "per_incident":
                rule.summary = self.env._(
                    "1 per %(count)s incident(s)", count=rule.incident_count
                )
            elif rule.kind == "qualitative":
                rule.summary = levels.get(rule.level) or ""
            else:
                rule.summary = self.env._("Not required")
